"""The interactive flows typed at a real pseudo-terminal, as a person would: init, check-in
(with the warning-sign questions after a hard day), a guided session and script new. Names with
square brackets and emoji go in as typed and come back exactly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

pytestmark = pytest.mark.slow

NAME = "Sam [work] 🌿"
YES_NO = r"\[y/[nN]\]: "


def spawn(home: Path, *args: str, cwd: Path | None = None) -> pexpect.spawn[str]:
    env = {**os.environ, "UNBRACE_HOME": str(home), "COLUMNS": "100", "NO_COLOR": "1"}
    env["TERM"] = "xterm"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "unbrace", *args],
        env=env,
        encoding="utf-8",
        timeout=90,
        dimensions=(40, 100),
        cwd=str(cwd) if cwd else None,
    )
    assert child.isatty()
    return child


def answer(child: pexpect.spawn[str], prompt: str, typed: str) -> None:
    child.expect(prompt)
    child.sendline(typed)


def finish(child: pexpect.spawn[str]) -> str:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


def unbrace_json(home: Path, *args: str) -> Any:
    env = {**os.environ, "UNBRACE_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "unbrace", *args], env=env, capture_output=True, timeout=90
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def typed_init(home: Path) -> str:
    child = spawn(home, "init")
    answer(child, "Your name", NAME)
    # The warning-sign questions need an explicit answer: Enter alone asks again, and so does
    # an answer typed in the wrong box, each time with one plain line saying what to type.
    answer(child, YES_NO, "")
    child.expect("Please answer y for yes or n for no.")
    answer(child, YES_NO, "bending to load the dishwasher")
    child.expect("Please answer y for yes or n for no.")
    for _ in range(8):
        answer(child, YES_NO, "n")
    answer(child, "Which movement", "bending to load the dishwasher")
    answer(child, "Describe a place", "a pine path 🌲 [at dawn]")
    answer(child, "What do you already do every day", "After my morning coffee")
    return finish(child)


def test_init_as_typed(isolated_home: Path) -> None:
    out = typed_init(isolated_home)
    assert f"All set, {NAME}." in out
    shown = unbrace_json(isolated_home, "settings", "show", "--json")
    assert shown["profile"] == NAME and shown["scene"] == "a pine path 🌲 [at dawn]"
    assert shown["anchor"] == "my morning coffee"
    assert unbrace_json(isolated_home, "safety", "status", "--json")["due"] is None


def test_a_hard_check_in_asks_the_warning_signs_at_a_terminal(isolated_home: Path) -> None:
    typed_init(isolated_home)
    child = spawn(isolated_home, "checkin")
    answer(child, "average back pain today", "9")
    answer(child, "enjoying life", "8")
    answer(child, "general activity", "x")  # not a number: asked again
    answer(child, "Please type a whole number", "8")
    for _ in range(3):  # worst, stress, sleep: Enter skips
        answer(child, r"Enter to skip\)", "")
    for _ in range(5):  # the habits: Enter is no
        answer(child, YES_NO, "")
    answer(child, "a flare day", "y")
    answer(child, "A note", "rough day 😣 [/] again")
    child.expect("hard day")
    for _ in range(8):
        answer(child, YES_NO, "n")
    finish(child)
    (entry,) = unbrace_json(isolated_home, "history", "--json")["checkins"]
    assert (entry["pain"], entry["enjoyment"], entry["activity"]) == (9, 8, 8)
    assert entry["flare"] is True and entry["note"] == "rough day 😣 [/] again"
    assert unbrace_json(isolated_home, "safety", "status", "--json")["due"] is None


def test_replacing_a_check_in_starts_from_what_was_saved(isolated_home: Path) -> None:
    typed_init(isolated_home)
    first = spawn(isolated_home, "checkin")
    for prompt, typed in (("average back pain", "4"), ("enjoying life", "3"), ("activity", "2")):
        answer(first, prompt, typed)
    for _ in range(3):
        answer(first, r"Enter to skip\)", "6")
    for _ in range(5):
        answer(first, YES_NO, "y")
    answer(first, "a flare day", "n")
    answer(first, "A note", "walked 🌿")
    finish(first)
    child = spawn(isolated_home, "checkin")
    answer(child, "Replace it", "y")
    answer(child, r"Enter keeps 4\)", "5")
    for _ in range(5):  # enjoyment, activity, worst, stress, sleep: kept
        answer(child, r"Enter keeps \d+\)", "")
    for _ in range(5):  # the habits: kept (the default is the saved yes)
        answer(child, r"\[Y/n\]: ", "")
    answer(child, "a flare day", "")
    answer(child, "Enter keeps it", "")
    finish(child)
    (entry,) = unbrace_json(isolated_home, "history", "--json")["checkins"]
    assert (entry["pain"], entry["enjoyment"], entry["activity"]) == (5, 3, 2)
    assert (entry["worst"], entry["stress"], entry["sleep"]) == (6, 6, 6)
    assert len(entry["habits"]) == 5 and entry["note"] == "walked 🌿"


def test_a_session_as_typed(isolated_home: Path) -> None:
    typed_init(isolated_home)
    child = spawn(isolated_home, "session", "posture-reset", "--minutes", "1", "--speed", "60")
    # Enter alone is no answer here (a rating is never guessed): one line says what to type.
    answer(child, r"How strong is your back pain right now\? .*\(or type skip\): ", "")
    child.expect("Type a number from 0 to 10, or skip to leave it out.")
    answer(child, "How strong is your back pain right now", "4")
    child.expect("Posture reset")  # the live view of the session
    answer(child, "How strong is your back pain right now", "3")
    answer(child, "How clearly did you see it", "4")
    answer(child, "How strongly did you feel it", "")
    answer(child, "A note for yourself", "shoulders [soft] 🌊")
    out = finish(child)
    assert "Pain 4 → 3" in out
    (logged,) = unbrace_json(isolated_home, "history", "--json")["sessions"]
    assert logged["status"] == "completed"
    assert (logged["pain_before"], logged["pain_after"]) == (4, 3)
    assert (logged["vivid_visual"], logged["vivid_body"]) == (4, None)
    assert logged["note"] == "shoulders [soft] 🌊"


def test_script_new_as_typed_with_a_name_already_taken(isolated_home: Path) -> None:
    typed_init(isolated_home)
    env = {**os.environ, "UNBRACE_HOME": str(isolated_home)}
    subprocess.run(
        [sys.executable, "-m", "unbrace", "script", "new", "--scene", "my kitchen",
         "--name", "kitchen [am]", "--no-input"],
        env=env, check=True, capture_output=True, timeout=90,
    )  # fmt: skip
    child = spawn(isolated_home, "script", "new")
    answer(child, "Which movement", "")
    answer(child, "Where are you", "my garden 🌷 at dawn")
    answer(child, "What do you see", "red roses [wet]")
    for prompt in ("What do you hear", "What do you feel", "What can you smell", "How does"):
        answer(child, prompt, "")
    answer(child, "Keep it", "k")
    answer(child, "A name for this script", "kitchen [am]")
    answer(child, "Save this as its new version", "n")
    child.expect("Then choose another name.")
    answer(child, "A name for this script", "garden 🌷")
    out = finish(child)
    assert "Saved 'garden 🌷' (version 1)" in out
    names = {row["name"] for row in unbrace_json(isolated_home, "script", "list", "--json")}
    assert names == {"kitchen [am]", "garden 🌷"}


def test_report_and_export_as_typed_without_a_file_name(
    isolated_home: Path, tmp_path: Path
) -> None:
    """`unbrace report` and `unbrace export` typed bare write a dated file in the folder the
    person is in, and say its name (not "Missing option '--out'")."""
    import datetime as dt

    typed_init(isolated_home)
    here = tmp_path / "here"
    here.mkdir()
    day = dt.date.today().isoformat()
    out = finish(spawn(isolated_home, "report", cwd=here))
    assert f"unbrace-report-{day}.html" in out
    assert (here / f"unbrace-report-{day}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    out = finish(spawn(isolated_home, "export", cwd=here))
    assert f"unbrace-export-{day}.json" in out.replace("\r\n", "")
    document = json.loads((here / f"unbrace-export-{day}.json").read_text(encoding="utf-8"))
    assert document["profile"]["name"] == NAME
