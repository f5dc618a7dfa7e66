from __future__ import annotations

from tests.cli.conftest import Cli

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


def test_session_reminds_when_the_screen_is_due(cli: Cli) -> None:
    cli.ok("profile", "add", "Lee")
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
