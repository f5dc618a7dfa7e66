from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Cli

NEW = (
    "script",
    "new",
    "--movement",
    "lifting the laundry basket",
    "--scene",
    "my bright laundry room on a Sunday morning",
    "--see",
    "sunlight on the white tiles",
    "--hear",
    "the dryer humming",
    "--feel",
    "warm towels against my arms",
    "--smell",
    "fresh lavender soap",
    "--name",
    "laundry lift",
    "--no-input",
)


def test_scripted_new_builds_coaches_and_saves(onboarded: Cli) -> None:
    result = onboarded.ok(*NEW)
    assert "Score" in result.stdout and "Saved 'laundry lift' (version 1)" in result.stdout
    (row,) = onboarded.json("script", "list")
    assert row["name"] == "laundry lift" and row["versions"] == 1 and row["score"] >= 90
    shown = onboarded.json("script", "show", "laundry lift")
    assert "lifting the laundry basket" in shown["text"]
    assert not any(shown["flags"].values())


def test_new_uses_the_profile_movement_by_default(onboarded: Cli) -> None:
    onboarded.ok(
        "script", "new", "--scene", "my kitchen at breakfast", "--name", "kitchen", "--no-input"
    )
    shown = onboarded.json("script", "show", "kitchen")
    assert "bending forward to load the dishwasher" in shown["text"]


def test_new_bad_input_saves_nothing(onboarded: Cli) -> None:
    onboarded.bad("script", "new", "--scene", "kitchen", "--no-input")
    onboarded.bad("script", "new", "--movement", "x", "--name", "a", "--no-input")
    onboarded.bad(*NEW[:-3], "--name", "bad/name!", "--no-input")
    onboarded.bad(*NEW[:4], "--scene", "w " * 30, "--name", "long", "--no-input")
    assert onboarded.json("script", "list") == []


def test_interactive_new_asks_and_offers_rewrites(onboarded: Cli) -> None:
    answers = [
        "",  # movement: keep the profile's
        "the garden path",
        "red roses",
        "a blackbird singing",
        "",  # skin: skip
        "",  # smell: skip
        "",  # body: default
        "c",  # change an answer
        "smell",
        "cut grass",
        "k",
        "garden walk",
    ]
    result = onboarded.ok("script", "new", input="\n".join(answers) + "\n")
    assert result.stdout.count("Score") == 2
    shown = onboarded.json("script", "show", "garden walk")
    assert "cut grass" in shown["text"] and "red roses" in shown["text"]


def test_declining_a_new_version_asks_for_another_name_and_keeps_the_answers(
    onboarded: Cli,
) -> None:
    onboarded.ok(*NEW)  # "laundry lift" exists
    answers = [
        "",  # movement: keep the profile's
        "the garden path",
        "red roses",
        "",
        "",
        "",
        "",
        "k",
        "laundry lift",  # taken...
        "n",  # ...and not meant as a new version
        "",  # the free name offered: "laundry lift 2"
    ]
    result = onboarded.ok("script", "new", input="\n".join(answers) + "\n")
    assert "Then choose another name." in result.stdout
    assert "Saved 'laundry lift 2' (version 1)" in result.stdout
    names = {row["name"]: row["versions"] for row in onboarded.json("script", "list")}
    assert names == {"laundry lift": 1, "laundry lift 2": 1}
    assert "red roses" in onboarded.json("script", "show", "laundry lift 2")["text"]


def test_edit_keeps_versions_and_recoaches(
    onboarded: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    onboarded.ok(*NEW)
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('lavender', 'orange'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    result = onboarded.ok("script", "edit", "laundry lift")
    assert "version 2" in result.stdout and "Score" in result.stdout
    assert "orange" in onboarded.json("script", "show", "laundry lift")["text"]
    assert "lavender" in onboarded.json("script", "show", "laundry lift", "--version", "1")["text"]
    assert onboarded.json("script", "list")[0]["versions"] == 2
    monkeypatch.setenv("EDITOR", "true")  # saves nothing new
    assert "No changes" in onboarded.ok("script", "edit", "laundry lift").stdout
    onboarded.bad("script", "edit", "nope")
    onboarded.bad("script", "show", "laundry lift", "--version", "9")


def test_a_script_is_a_practice_for_sessions(onboarded: Cli) -> None:
    onboarded.ok(*NEW)
    result = onboarded.ok(
        "session", "script:laundry lift", "--minutes", "2", "--no-input", "--speed", "600"
    )
    assert "lifting the laundry basket" in " ".join(result.stdout.split())
    onboarded.ok("session", "laundry lift", "--minutes", "1", "--no-input", "--speed", "600")
    sessions = onboarded.json("history")["sessions"]
    assert [s["status"] for s in sessions] == ["completed", "completed"]
    assert sessions[0]["practice"] == "script-laundry-lift"
    onboarded.bad("session", "script:nope", "--no-input")
