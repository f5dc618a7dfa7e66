from __future__ import annotations

from tests.cli.conftest import INIT, Cli

FAST = ("--no-input", "--speed", "600")


def test_scripted_session_is_logged_completed(onboarded: Cli) -> None:
    result = onboarded.ok(
        "session",
        "movement-rehearsal",
        "--minutes",
        "2",
        *FAST,
        "--pain-before",
        "6",
        "--pain-after",
        "4",
        "--vivid-visual",
        "4",
        "--vivid-body",
        "3",
        "--note",
        "easier than I thought",
    )
    assert "Pain 6 → 4" in result.stdout
    assert "bending forward to load the dishwasher" in result.stdout
    (session,) = onboarded.json("history")["sessions"]
    assert session["practice"] == "movement-rehearsal"
    assert session["status"] == "completed"
    assert abs(session["seconds"] - 120) < 0.5
    assert (session["pain_before"], session["pain_after"]) == (6, 4)
    assert (session["vivid_visual"], session["vivid_body"]) == (4, 3)
    assert session["note"] == "easier than I thought"
    assert all(step["done"] for step in session["steps"])
    assert session["started_at"] and session["ended_at"]


def test_default_length_and_flare_day_length(onboarded: Cli) -> None:
    onboarded.ok("session", "breath-anchor", *FAST)
    onboarded.ok(
        "checkin", "--pain", "6", "--enjoyment", "5", "--activity", "5", "--flare", "--no-input"
    )
    onboarded.ok("safety", "screen", "--red-flags", "none")
    result = onboarded.ok("session", "movement-rehearsal", *FAST)
    assert "gentler session" in result.stdout
    assert "first small part of bending forward" in result.stdout
    first, second = onboarded.json("history")["sessions"]
    assert first["minutes"] == 3 and not first["flare"]
    assert second["flare"] and second["minutes"] == 3


def test_high_pain_before_makes_a_gentler_session(onboarded: Cli) -> None:
    onboarded.ok("session", "body-scan", "--pain-before", "9", *FAST)
    (session,) = onboarded.json("history")["sessions"]
    assert session["flare"] and session["minutes"] == 3


def test_interactive_session_asks_ratings(onboarded: Cli) -> None:
    answers = ["5", "3", "4", "", "felt warm"]
    onboarded.ok("session", "posture-reset", "--speed", "600", input="\n".join(answers) + "\n")
    (session,) = onboarded.json("history")["sessions"]
    assert (session["pain_before"], session["pain_after"], session["vivid_visual"]) == (5, 3, 4)
    assert session["vivid_body"] is None and session["note"] == "felt warm"


def test_bad_session_input_starts_nothing(onboarded: Cli) -> None:
    onboarded.bad("session", "nope", *FAST)
    onboarded.bad("session", "body-scan", "--minutes", "0", *FAST)
    onboarded.bad("session", "body-scan", "--minutes", "21", *FAST)
    onboarded.bad("session", "body-scan", "--pain-before", "11", *FAST)
    onboarded.bad("session", "body-scan", "--pain-after", "-1", *FAST)
    onboarded.bad("session", "body-scan", "--vivid-visual", "0", *FAST)
    onboarded.bad("session", "body-scan", "--vivid-body", "6", *FAST)
    onboarded.bad("session", "body-scan", "--no-input", "--speed", "0")
    assert onboarded.json("history")["sessions"] == []


def test_a_session_never_starts_before_the_safety_questions(cli: Cli) -> None:
    cli.ok("profile", "add", "Lee")
    result = cli.bad("session", "posture-reset", *FAST)
    assert "unbrace safety screen" in result.stderr
    cli.ok("safety", "screen", "--red-flags", "none")
    cli.ok("session", "posture-reset", *FAST)
    assert len(cli.json("history")["sessions"]) == 1


def test_session_reminds_when_the_periodic_screen_is_due(cli: Cli) -> None:
    import datetime as dt

    import time_machine

    cli.ok(*INIT)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=29)):
        result = cli.ok("session", "posture-reset", *FAST)
    assert "unbrace safety screen" in result.stderr


def test_pain_clearly_higher_after_brings_the_stop_advice(onboarded: Cli) -> None:
    worse = onboarded.ok(
        "session", "posture-reset", *FAST, "--pain-before", "3", "--pain-after", "6"
    )
    assert "Stop for today" in worse.stdout
    high = onboarded.ok(
        "session", "posture-reset", *FAST, "--pain-before", "8", "--pain-after", "8"
    )
    assert "Stop for today" in high.stdout
    easier = onboarded.ok(
        "session", "posture-reset", *FAST, "--pain-before", "5", "--pain-after", "4"
    )
    assert "Stop for today" not in easier.stdout


# --- the warning-sign gate in the terminal --------------------------------------------------


def test_after_a_hard_day_a_scripted_session_waits_for_the_questions(onboarded: Cli) -> None:
    onboarded.ok("checkin", "--pain", "9", "--enjoyment", "5", "--activity", "5", "--no-input")
    refused = onboarded.bad("session", "posture-reset", *FAST)
    assert "safety questions come first" in refused.stderr
    assert onboarded.json("history")["sessions"] == []


def test_after_a_hard_day_an_interactive_session_asks_the_questions_first(
    onboarded: Cli,
) -> None:
    onboarded.ok("checkin", "--pain", "9", "--enjoyment", "5", "--activity", "5", "--no-input")
    eight_noes = ["n"] * 8
    typed = [*eight_noes, "5", "3", "", "", ""]
    result = onboarded.ok(
        "session", "posture-reset", "--speed", "600", input="\n".join(typed) + "\n"
    )
    assert "After a hard day, the safety questions come first." in result.stdout
    assert result.stdout.index("safety questions") < result.stdout.index("How strong is your")
    assert len(onboarded.json("history")["sessions"]) == 1
    assert onboarded.json("safety", "status")["due"] is None


def test_an_open_emergency_sign_stops_a_scripted_session(onboarded: Cli) -> None:
    onboarded.ok("safety", "screen", "--red-flags", "bladder-bowel", "--no-input")
    refused = onboarded.bad("session", "posture-reset", *FAST)
    assert "clinician first" in refused.stderr
    interactive = onboarded.ok("session", "posture-reset", "--speed", "600", input="n\n")
    assert "No session today" in interactive.stdout
    assert onboarded.json("history")["sessions"] == []


def test_an_urgent_sign_allows_a_gentle_session_when_chosen(onboarded: Cli) -> None:
    onboarded.ok("safety", "screen", "--red-flags", "fever", "--no-input")
    onboarded.bad("session", "movement-rehearsal", *FAST)
    typed = ["n", "y", "4", "3", "", "", ""]
    result = onboarded.ok(
        "session", "movement-rehearsal", "--speed", "600", input="\n".join(typed) + "\n"
    )
    assert "gentler session" in result.stdout
    (session,) = onboarded.json("history")["sessions"]
    assert session["flare"] and session["minutes"] == 3


def test_a_rating_is_never_guessed_in_the_terminal(onboarded: Cli) -> None:
    # Enter alone asks again; "skip" leaves the rating out (stored as not given).
    typed = ["", "skip", "", "skip", "", "", ""]
    onboarded.ok("session", "posture-reset", "--speed", "600", input="\n".join(typed) + "\n")
    (session,) = onboarded.json("history")["sessions"]
    assert session["pain_before"] is None and session["pain_after"] is None
