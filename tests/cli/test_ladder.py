"""`unbrace ladder ...` scripted, and once typed at a real pseudo-terminal."""

from __future__ import annotations

import datetime as dt
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine

from tests.cli.conftest import Cli

TRY = [
    "--no-input",
    "--expected-pain",
    "7",
    "--harm",
    "60",
    "--fear",
    "6",
    "--feared",
    "my back locks",
]


def built(cli: Cli) -> Cli:
    cli.ok("ladder", "new", "--no-input", "--threat", "10,30,50,70,90")
    return cli


def test_new_show_and_json(onboarded: Cli) -> None:
    result = built(onboarded).ok("ladder", "show")
    assert "Ladder 1: bending forward to load the dishwasher" in result.stdout
    assert "▶ 1." in result.stdout and "threat  90" in result.stdout
    data = onboarded.json("ladder", "show")["ladders"][0]
    assert data["template"] == "bending" and data["current_step"] == 1
    assert [step["threat"] for step in data["steps"]] == [10, 30, 50, 70, 90]


def test_own_steps_from_options(onboarded: Cli) -> None:
    data = onboarded.json(
        "ladder",
        "new",
        "lifting the [laundry] basket 🧺",
        "--no-input",
        "--step",
        "imagery:picture lifting it",
        "--step",
        "real:lift a towel",
        "--step",
        "real:lift the basket half full",
    )
    assert [step["text"] for step in data["steps"]][1] == "lift a towel"
    onboarded.ok("ladder", "new", "--no-input")  # the first feared movement
    assert onboarded.json("ladder", "show", "--ladder", "2")["ladders"][0]["number"] == 2


def test_try_done_and_next_day(onboarded: Cli) -> None:
    built(onboarded)
    result = onboarded.ok("ladder", "try", "3", *TRY)
    assert "Let's see what happens" in result.stdout and "ladder done 1" in result.stdout
    result = onboarded.ok(
        "ladder",
        "done",
        "1",
        "--no-input",
        "--pain",
        "3",
        "--happened",
        "no",
        "--no-new-symptom",
        "--surprise",
        "it was {fine} 🙂",
    )
    assert "You expected 7 and it was 3; what you feared did not happen." in result.stdout
    data = onboarded.json("ladder", "done", "1", "--next-day-pain", "2")
    assert data["next_day_pain"] == 2 and data["prediction_error"] == -4
    assert data["surprise"] == "it was {fine} 🙂"


def test_a_new_symptom_pauses_and_resume_needs_a_clinician(onboarded: Cli) -> None:
    built(onboarded)
    onboarded.ok("ladder", "try", "3", *TRY)
    result = onboarded.ok(
        "ladder", "done", "1", "--no-input", "--pain", "2", "--happened", "no", "--new-symptom"
    )
    assert "clinician" in result.stdout
    assert "clinician" in onboarded.bad("ladder", "try", "3", *TRY).stderr
    onboarded.ok("ladder", "edit", "--resume")
    onboarded.ok("ladder", "try", "3", *TRY)


def test_an_open_warning_sign_refuses_a_real_step(onboarded: Cli) -> None:
    built(onboarded)
    onboarded.ok("safety", "screen", "--red-flags", "leg-weakness", "--no-input")
    result = onboarded.bad("ladder", "try", "3", *TRY)
    assert "medical help" in result.stderr
    assert onboarded.json("ladder", "show")["ladders"][0]["attempts"] == []


def test_an_imagery_step_points_to_the_rehearsal(onboarded: Cli) -> None:
    built(onboarded)
    result = onboarded.ok("ladder", "try", "1", *TRY)
    assert "unbrace session movement-rehearsal" in result.stdout
    shown = onboarded.ok("show", "movement-rehearsal", "-m", "3").stdout
    assert "coming back up tall" in shown  # the current step's own words


def test_edit_rate_and_up(onboarded: Cli) -> None:
    built(onboarded)
    data = onboarded.json("ladder", "edit", "--add", "unload it", "--kind", "paired", "--at", "2")
    assert data["steps"][1]["text"] == "unload it" and data["steps"][1]["kind"] == "paired"
    data = onboarded.json("ladder", "edit", "--move", "2", "--to", "6")
    assert data["steps"][5]["text"] == "unload it"
    data = onboarded.json("ladder", "edit", "--step", "6", "--text", "unload it all")
    assert data["steps"][5]["text"] == "unload it all"
    data = onboarded.json("ladder", "edit", "--remove", "6", "--days", "mon,thu")
    assert len(data["steps"]) == 5 and data["days"] == [0, 3]
    data = onboarded.json("ladder", "rate", "--threat", "5=5")
    assert data["steps"][0]["threat"] == 5 and data["current_step"] == 2
    assert "step 3" not in onboarded.ok("ladder", "up").stdout
    assert onboarded.json("ladder", "show")["ladders"][0]["current_step"] == 3
    onboarded.ok("ladder", "up", "--down")
    assert onboarded.json("ladder", "show")["ladders"][0]["current_step"] == 2


@pytest.mark.parametrize(
    "args",
    [
        ["ladder", "try", "3", "--no-input"],
        ["ladder", "try", "9", *TRY],
        ["ladder", "try", "3", *TRY[:-1], "x" * 300],
        [
            "ladder",
            "try",
            "3",
            "--no-input",
            "--expected-pain",
            "11",
            "--harm",
            "1",
            "--fear",
            "1",
            "--feared",
            "x",
        ],
        [
            "ladder",
            "try",
            "3",
            "--no-input",
            "--expected-pain",
            "1",
            "--harm",
            "99999999999999999999",
            "--fear",
            "1",
            "--feared",
            "x",
        ],
        ["ladder", "rate", "--threat", "2=101"],
        ["ladder", "rate", "--threat", "two=1"],
        ["ladder", "rate", "--no-input"],
        ["ladder", "edit", "--move", "1"],
        ["ladder", "edit", "--no-input"],
        ["ladder", "edit", "--days", "someday"],
        ["ladder", "edit", "--add", "a\x01b"],
        ["ladder", "done", "99", "--no-input"],
        ["ladder", "done", "1", "--happened", "maybe"],
        ["ladder", "new", "--no-input"],
        ["ladder", "new", "x", "--no-input", "--step", "no colon"],
        ["ladder", "new", "x", "--no-input", "--threat", "1,2"],
        ["ladder", "new", "x", "--no-input", "--template", "juggling"],
        ["ladder", "show", "--ladder", "4"],
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(onboarded: Cli, args: list[str]) -> None:
    built(onboarded)
    before = onboarded.json("ladder", "show")
    onboarded.bad(*args)
    assert onboarded.json("ladder", "show") == before


def test_several_ladders_need_to_be_named(onboarded: Cli) -> None:
    built(onboarded)
    onboarded.ok("ladder", "new", "walking the dog", "--no-input")
    assert "--ladder" in onboarded.bad("ladder", "rate", "--threat", "1=5").stderr


def test_without_a_profile(cli: Cli) -> None:
    cli.bad("ladder", "show")


def test_the_follow_up_waits_for_the_next_day(onboarded: Cli) -> None:
    built(onboarded)
    start = dt.datetime.now(dt.UTC)
    onboarded.ok("ladder", "try", "3", *TRY)
    onboarded.ok(
        "ladder", "done", "1", "--no-input", "--pain", "3", "--happened", "no", "--no-new-symptom"
    )
    assert onboarded.json("ladder", "show")["ladders"][0]["attempts"][0]["follow_up_open"] is False
    with time_machine.travel(start + dt.timedelta(days=1), tick=False):
        attempt = onboarded.json("ladder", "show")["ladders"][0]["attempts"][0]
    assert attempt["follow_up_open"] is True


def _read_until(fd: int, text: str, seen: list[str], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while text not in "".join(seen):
        assert time.monotonic() < deadline, f"waited for {text!r}, saw: {''.join(seen)!r}"
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen.append(os.read(fd, 4096).decode("utf-8", "replace"))
            except OSError:
                break


@pytest.mark.slow
def test_typed_at_a_terminal(onboarded: Cli, isolated_home: Path) -> None:
    """The whole journey as a person types it: build, rate, try, then how it went."""
    master, slave = pty.openpty()
    env = {**os.environ, "UNBRACE_HOME": str(isolated_home), "COLUMNS": "100"}

    def run(*args: str, answers: list[tuple[str, str]]) -> str:
        process = subprocess.Popen(
            [sys.executable, "-m", "unbrace", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
        )
        seen: list[str] = []
        for prompt, answer in answers:
            _read_until(master, prompt, seen)
            os.write(master, (answer + "\n").encode())
            seen.append("\n")  # a later prompt must come after this answer
            seen[:] = ["".join(seen).split(prompt, 1)[1]]
        assert process.wait(timeout=30) == 0
        while select.select([master], [], [], 0.5)[0]:
            seen.append(os.read(master, 4096).decode("utf-8", "replace"))
        return "".join(seen)

    run(
        "ladder",
        "new",
        answers=[
            ("Use these steps as they are?", "y"),
            ("1. bending forward", "10"),
            ("2. a seated pelvic tilt", "20"),
            ("3. bending to knee height", "45"),
            ("4. bending to pick up", "60"),
            ("5. bending forward", "85"),
        ],
    )
    run(
        "ladder",
        "try",
        "3",
        answers=[
            ("How much pain do you expect", "7"),
            ("How likely is it", "60"),
            ("How afraid are you", "6"),
            ("what do you fear will happen?", "my back will lock"),
        ],
    )
    out = run(
        "ladder",
        "done",
        "1",
        answers=[
            ("How much pain was there", "3"),
            ("Did what you feared happen?", "no"),
            ("Did anything new or unusual appear", "n"),
            ("One line on what surprised you?", "how easy it was"),
        ],
    )
    os.close(master)
    os.close(slave)
    assert "You expected 7 and it was 3; what you feared did not happen." in out


def test_peoples_words_print_exactly(cli: Cli) -> None:
    movement = "bending [/] to the [red]floor"
    cli.ok("init", "--name", "Ann [b]", "--movement", movement, "--red-flags", "none", "--no-input")
    cli.ok("ladder", "new", "--no-input", "--threat", "1,2,3,4,5")
    shown = " ".join(cli.ok("ladder", "show").stdout.split())
    assert f"Ladder 1: {movement}" in shown
    cli.ok("ladder", "edit", "--step", "3", "--text", "bend [bold]low[/bold] :smile:")
    tried = cli.ok("ladder", "try", "3", *TRY[:-1], "it [/] locks")
    assert "Let's see" in tried.stdout
    done = cli.ok(
        "ladder",
        "done",
        "1",
        "--no-input",
        "--pain",
        "2",
        "--happened",
        "partly",
        "--no-new-symptom",
        "--surprise",
        "[i]x",
    )
    assert "what you feared happened in part" in done.stdout
    assert "bend [bold]low[/bold] :smile:" in cli.ok("ladder", "show").stdout
    cli.bad("ladder", "edit", "--step", "3", "--text", "evil \u202e text")


def test_insights_and_report_include_the_ladder(onboarded: Cli, tmp_path: Path) -> None:
    built(onboarded)
    onboarded.ok("ladder", "try", "3", *TRY)
    onboarded.ok(
        "ladder", "done", "1", "--no-input", "--pain", "3", "--happened", "no", "--no-new-symptom"
    )
    data = onboarded.json("insights")["ladder"]
    assert data["mean_prediction_error"] == -4 and data["hit_rate"]["did_not_happen"] == 1
    shown = onboarded.ok("insights").stdout
    assert "Visualise, then do" in shown and "1 finished try:" in shown
    report = tmp_path / "report.html"
    onboarded.ok("report", "--out", str(report))
    text = report.read_text(encoding="utf-8")
    assert "the movement ladder" in text and "my back locks" not in text


def test_chosen_days_put_the_step_in_the_routine_and_calendar(
    onboarded: Cli, tmp_path: Path
) -> None:
    built(onboarded)
    onboarded.ok("ladder", "edit", "--current", "3", "--days", "mon,tue,wed,thu,fri,sat,sun")
    today = onboarded.json("routine", "show")["today"]
    assert "ladder-step" in [item["kind"] for item in today]
    calendar = tmp_path / "practice.ics"
    onboarded.ok("remind", "ics", "--out", str(calendar))
    text = calendar.read_text(encoding="utf-8")
    assert "Ladder step (when ready)" in text and "BYDAY=MO,TU,WE,TH,FR,SA,SU" in text
    onboarded.ok("ladder", "edit", "--days", "none")
    assert "ladder-step" not in [
        item["kind"] for item in onboarded.json("routine", "show")["today"]
    ]
