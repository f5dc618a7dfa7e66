from __future__ import annotations

from tests.cli.conftest import INIT, Cli


def test_init_scripted_creates_profile_and_details(cli: Cli) -> None:
    result = cli.ok(*INIT)
    assert "All set, Maria" in result.stdout
    shown = cli.json("show", "movement-rehearsal", "--minutes", "3")
    text = " ".join(step["text"] for step in shown["steps"])
    assert "bending forward to load the dishwasher" in text
    status = cli.json("safety", "status")
    assert status["open_flags"] == [] and status["due"] is None
    assert status["last_screen"] is not None


def test_init_no_input_needs_red_flag_answers(cli: Cli) -> None:
    cli.bad("init", "--name", "Maria", "--no-input")
    assert cli.json("profile", "list") == []


def test_init_unknown_red_flag_is_refused_before_anything_is_stored(cli: Cli) -> None:
    cli.bad("init", "--name", "Maria", "--red-flags", "fever,headache", "--no-input")
    cli.bad("init", "--name", "Maria", "--red-flags", "none,fever", "--no-input")
    assert cli.json("profile", "list") == []


def test_red_flag_stops_and_reminds_at_every_session(cli: Cli) -> None:
    result = cli.ok("init", "--name", "Ann", "--red-flags", "bladder-bowel", "--no-input")
    assert "emergency" in result.stdout
    assert "see a clinician" in result.stdout.lower()
    status = cli.json("safety", "status")
    assert status["open_flags"] == ["bladder-bowel"] and status["urgency"] == "emergency"
    # An open emergency sign stops a session, also one with nobody there to ask.
    session = cli.bad("session", "posture-reset", "--minutes", "1", "--no-input", "--speed", "500")
    assert "clinician first" in session.stderr
    assert cli.json("history")["sessions"] == []
    cli.ok("safety", "seen")
    assert cli.json("safety", "status")["open_flags"] == []
    again = cli.ok("session", "posture-reset", "--minutes", "1", "--no-input", "--speed", "500")
    assert "Please see a clinician first" not in again.stdout


def test_interactive_init_asks_everything(cli: Cli) -> None:
    answers = "\n".join(
        ["Sam"] + ["n"] * 8 + ["lifting my toddler", "a lake at sunset", "brushing my teeth"]
    )
    result = cli.ok("init", input=answers + "\n")
    assert "All set, Sam" in result.stdout
    shown = cli.json("show", "movement-rehearsal")
    assert "lifting my toddler" in " ".join(step["text"] for step in shown["steps"])


def test_interactive_init_with_a_yes_stops_before_personal_questions(cli: Cli) -> None:
    answers = "\n".join(["Sam", "n", "n", "n", "y", "n", "n", "n", "n"])
    result = cli.ok("init", input=answers + "\n")
    assert "Please see a clinician first" in result.stdout
    assert "fear or avoid" not in result.stdout
    assert cli.json("safety", "status")["open_flags"] == ["injury"]


def test_safety_screen_again(onboarded: Cli) -> None:
    onboarded.ok("safety", "screen", "--red-flags", "none")
    result = onboarded.ok("safety", "screen", "--red-flags", "fever,night-pain")
    assert "within the next few days" in result.stdout
    assert onboarded.json("safety", "status")["urgency"] == "urgent"
    onboarded.bad("safety", "screen", "--no-input")


def test_interactive_session_with_open_flags_asks_before_starting(cli: Cli) -> None:
    cli.ok("init", "--name", "Ann", "--red-flags", "fever", "--no-input")
    declined = cli.ok("session", "posture-reset", "--speed", "600", input="n\nn\n")
    assert "No session today" in declined.stdout
    assert cli.json("history")["sessions"] == []
    seen = cli.ok("session", "posture-reset", "--speed", "600", input="y\n4\n3\n\n\n\n")
    assert "Thank you" in seen.stdout
    assert cli.json("safety", "status")["open_flags"] == []
    assert len(cli.json("history")["sessions"]) == 1
