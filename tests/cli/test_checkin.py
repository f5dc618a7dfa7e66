from __future__ import annotations

import datetime as dt

from tests.cli.conftest import Cli

PEG = ("--pain", "5", "--enjoyment", "4", "--activity", "3")


def test_scripted_checkin_and_history(onboarded: Cli) -> None:
    onboarded.ok(
        "checkin",
        *PEG,
        "--worst",
        "7",
        "--stress",
        "4",
        "--sleep",
        "6",
        "--habit",
        "walking",
        "--habit",
        "hydration,seating",
        "--note",
        "long walk",
        "--date",
        "2026-11-20",
        "--no-input",
    )
    history = onboarded.json("history")
    assert history["sessions"] == []
    (entry,) = history["checkins"]
    assert entry["date"] == "2026-11-20"
    assert (entry["pain"], entry["enjoyment"], entry["activity"]) == (5, 4, 3)
    assert entry["flare"] is False and entry["peg"] == 4
    assert entry["habits"] == ["walking", "hydration", "seating"]
    assert entry["note"] == "long walk"


def test_second_checkin_same_day_needs_replace(onboarded: Cli) -> None:
    onboarded.ok("checkin", *PEG, "--date", "2026-11-20", "--no-input")
    onboarded.bad(
        "checkin",
        "--pain",
        "1",
        "--enjoyment",
        "1",
        "--activity",
        "1",
        "--date",
        "2026-11-20",
        "--no-input",
    )
    assert onboarded.json("history")["checkins"][0]["pain"] == 5
    onboarded.ok(
        "checkin",
        "--pain",
        "1",
        "--enjoyment",
        "1",
        "--activity",
        "1",
        "--date",
        "2026-11-20",
        "--replace",
        "--no-input",
    )
    assert onboarded.json("history")["checkins"][0]["pain"] == 1


def test_interactive_checkin_prompts_for_missing_items(onboarded: Cli) -> None:
    answers = ["6", "5", "4", "", "3", "7", "y", "n", "n", "n", "n", "n", "fine"]
    onboarded.ok("checkin", input="\n".join(answers) + "\n")
    (entry,) = onboarded.json("history")["checkins"]
    assert (entry["pain"], entry["worst"], entry["stress"], entry["sleep"]) == (6, None, 3, 7)
    assert entry["habits"] == ["movement-breaks"] and entry["note"] == "fine"


def test_interactive_prompt_repeats_until_valid(onboarded: Cli) -> None:
    answers = ["12", "x", "6", "5", "4", "", "", ""] + ["n"] * 5 + ["n", ""]
    result = onboarded.ok("checkin", input="\n".join(answers) + "\n")
    assert "from 0 to 10, not 12" in result.stdout
    assert onboarded.json("history")["checkins"][0]["pain"] == 6


def test_bad_checkins_change_nothing(onboarded: Cli) -> None:
    onboarded.ok("checkin", *PEG, "--date", "2026-11-19", "--no-input")
    before = onboarded.json("history")
    onboarded.bad("checkin", "--pain", "11", "--enjoyment", "4", "--activity", "3", "--no-input")
    onboarded.bad("checkin", "--pain", "-1", "--enjoyment", "4", "--activity", "3", "--no-input")
    onboarded.bad("checkin", *PEG, "--stress", "12", "--no-input")
    onboarded.bad("checkin", *PEG, "--date", "19/11/2026", "--no-input")
    onboarded.bad("checkin", *PEG, "--habit", "yoga", "--no-input")
    onboarded.bad("checkin", "--pain", "5", "--no-input")
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    onboarded.bad("checkin", *PEG, "--date", tomorrow, "--no-input")
    onboarded.bad("checkin", *PEG, "--date", "2026-11-19", "--no-input")
    assert onboarded.json("history") == before


def test_high_pain_checkin_asks_for_the_safety_questions(onboarded: Cli) -> None:
    result = onboarded.ok(
        "checkin", "--pain", "9", "--enjoyment", "8", "--activity", "8", "--no-input"
    )
    assert "unbrace safety screen" in result.stderr
    assert onboarded.json("safety", "status")["due"] == "worrying_checkin"
    onboarded.ok("safety", "screen", "--red-flags", "none")
    assert onboarded.json("safety", "status")["due"] is None


def test_a_scripted_flare_without_a_terminal_asks_nothing(onboarded: Cli) -> None:
    """No --no-input, but nothing to answer on (stdin is not a terminal): no prompt, exit 0,
    and the one line that says how to answer the screen later. (The screen asked at a real
    terminal is tested in test_typed.py.)"""
    result = onboarded.ok("checkin", *PEG, "--flare", input="")
    assert "safety questions" not in result.stdout
    assert result.stderr.strip() == (
        "A hard day: please answer the safety questions with  unbrace safety screen"
    )
    assert onboarded.json("safety", "status")["due"] == "worrying_checkin"
    assert onboarded.json("history")["checkins"][0]["flare"] is True


def test_replacing_starts_from_the_saved_answers(onboarded: Cli) -> None:
    onboarded.ok(
        "checkin", *PEG, "--worst", "7", "--stress", "4", "--sleep", "6", "--habit", "walking",
        "--note", "long walk", "--date", "2026-11-20", "--no-input",
    )  # fmt: skip
    # Yes to replacing, then a new pain only; Enter keeps every other saved answer.
    answers = ["y", "3", "", "", "", "", "", "", "", "", "", "", "", ""]
    result = onboarded.ok("checkin", "--date", "2026-11-20", input="\n".join(answers) + "\n")
    assert "(Enter keeps 4)" in result.stdout
    (entry,) = onboarded.json("history")["checkins"]
    assert (entry["pain"], entry["enjoyment"], entry["activity"]) == (3, 4, 3)
    assert (entry["worst"], entry["stress"], entry["sleep"]) == (7, 4, 6)
    assert entry["habits"] == ["walking"] and entry["note"] == "long walk"


def test_replacing_can_clear_an_extra_and_the_note(onboarded: Cli) -> None:
    onboarded.ok(
        "checkin", *PEG, "--worst", "7", "--note", "long walk", "--date", "2026-11-20",
        "--no-input",
    )  # fmt: skip
    answers = ["y", "", "", "", "-", "", "", "", "", "", "", "", "", "-"]
    onboarded.ok("checkin", "--date", "2026-11-20", input="\n".join(answers) + "\n")
    (entry,) = onboarded.json("history")["checkins"]
    assert entry["pain"] == 5 and entry["worst"] is None and entry["note"] == ""


def test_history_since_filters_and_validates(onboarded: Cli) -> None:
    onboarded.ok("checkin", *PEG, "--date", "2026-11-01", "--no-input")
    onboarded.ok("checkin", *PEG, "--date", "2026-11-10", "--no-input")
    dates = [c["date"] for c in onboarded.json("history", "--since", "2026-11-05")["checkins"]]
    assert dates == ["2026-11-10"]
    onboarded.bad("history", "--since", "last week")
    assert "Check-ins" in onboarded.ok("history").stdout


def test_commands_need_a_profile(cli: Cli) -> None:
    assert "unbrace init" in cli.bad("checkin", *PEG, "--no-input").stderr
    cli.bad("history")
    cli.bad("today")


def test_history_shows_numbers_and_corrects_one_record(onboarded: Cli) -> None:
    onboarded.ok("checkin", "--pain", "3", "--enjoyment", "2", "--activity", "4", "--no-input")
    onboarded.ok("session", "posture-reset", "--minutes", "1", "--no-input", "--speed", "600",
                 "--pain-before", "5", "--pain-after", "3")  # fmt: skip
    checkin_id = onboarded.json("history")["checkins"][0]["id"]
    session_id = onboarded.json("history")["sessions"][0]["id"]
    shown = onboarded.ok("history").stdout
    assert f"{checkin_id:>4}  " in shown and "history edit" in shown
    # Asked first: no answer, no change.
    kept = onboarded("history", "edit", "checkin", str(checkin_id), "--pain", "7", input="n\n")
    assert kept.exit_code == 1 and onboarded.json("history")["checkins"][0]["pain"] == 3
    onboarded.ok("history", "edit", "checkin", str(checkin_id), "--pain", "7", input="y\n")
    assert onboarded.json("history")["checkins"][0]["pain"] == 7
    onboarded.bad("history", "edit", "checkin", str(checkin_id), "--pain", "11", "--yes")
    onboarded.bad("history", "edit", "checkin", str(checkin_id), "--pain-after", "1", "--yes")
    onboarded.bad("history", "edit", "session", "999", "--pain-after", "1", "--yes")
    onboarded.ok("history", "edit", "session", str(session_id), "--note", "Ann [/] 🌿", "--yes")
    assert onboarded.json("history")["sessions"][0]["note"] == "Ann [/] 🌿"
    onboarded.ok("history", "delete", "session", str(session_id), "--yes")
    assert onboarded.json("history")["sessions"] == []
    onboarded.bad("history", "delete", "session", str(session_id), "--yes")
    onboarded.bad("history", "delete", "diary", "1", "--yes")
