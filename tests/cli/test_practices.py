from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Cli

IDS = {
    "body-scan",
    "movement-rehearsal",
    "posture-reset",
    "spine-stacking",
    "breath-anchor",
    "micro-movements",
    "core-stability",
    "everyday-imagery",
    "downshift",
    "personal-scene",
}

OWN = """\
schema_version = 1
id = "garden-steps"
title = "Garden steps"
summary = "Walk the garden path in your mind, gravel crunching, roses sweet in the air."
when = "Any afternoon."

[[steps]]
id = "walk"
title = "Walk"
text = "Picture the gravel path, grey and bright. Hear it crunch as you step, hips loose."
breath = true

[[steps]]
id = "end"
title = "Finish"
text = "Feel the warm bench under you, roll your shoulders and open your eyes."
"""


def test_practices_json_lists_all_ten(cli: Cli) -> None:
    rows = cli.json("practices")
    assert {row["id"] for row in rows} == IDS
    for row in rows:
        assert {"id", "title", "summary", "minutes"} <= set(row)
        assert 1 <= row["minutes"] <= 20


def test_practices_table_for_people(cli: Cli) -> None:
    out = cli.ok("practices").stdout
    assert "Movement rehearsal" in out and "unbrace session ID" in out


def test_show_personalised_script_without_a_profile(cli: Cli) -> None:
    result = cli.ok("show", "movement-rehearsal", "--minutes", "2")
    assert "Movement rehearsal · 2 min" in result.stdout
    assert "{movement}" not in result.stdout


def test_show_scales_with_minutes(cli: Cli) -> None:
    short = cli.json("show", "body-scan", "--minutes", "1")
    long = cli.json("show", "body-scan", "--minutes", "20")
    assert sum(s["seconds"] for s in short["steps"]) == 60
    assert abs(sum(s["seconds"] for s in long["steps"]) - 1200) < 0.5
    assert len(long["steps"]) >= len(short["steps"])


def test_show_flare_uses_an_easier_step(onboarded: Cli) -> None:
    shown = onboarded.json("show", "movement-rehearsal", "--flare")
    text = " ".join(step["text"] for step in shown["steps"])
    assert "first small part of bending forward" in text


def test_show_bad_input(cli: Cli) -> None:
    cli.bad("show", "no-such-practice")
    for minutes in ("0", "21", "-3"):
        cli.bad("show", "body-scan", "--minutes", minutes)


def test_add_own_practice(cli: Cli, tmp_path: Path, isolated_home: Path) -> None:
    path = tmp_path / "garden.toml"
    path.write_text(OWN)
    result = cli.ok("practice", "add", str(path))
    assert "Added 'Garden steps'" in result.stdout
    assert (isolated_home / "practices" / "garden-steps.toml").exists()
    rows = {row["id"]: row for row in cli.json("practices")}
    assert rows["garden-steps"]["origin"] == "yours"
    assert "gravel" in cli.ok("show", "garden-steps").stdout


def test_add_broken_practice_names_line_and_field(
    cli: Cli, tmp_path: Path, isolated_home: Path
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(OWN.replace("breath = true", "breath = true\nshare = -2"))
    result = cli.bad("practice", "add", str(path))
    assert "line 12" in result.stderr and "steps[1].share" in result.stderr
    path.write_text(OWN.replace('id = "garden-steps"', 'id = "body-scan"'))
    assert "built-in" in cli.bad("practice", "add", str(path)).stderr
    path.write_text("not toml at all = = =")
    assert "not valid TOML" in cli.bad("practice", "add", str(path)).stderr
    cli.bad("practice", "add", str(tmp_path / "missing.toml"))
    assert not (isolated_home / "practices").exists()


def test_a_broken_file_in_the_practices_folder_is_one_clear_error(
    cli: Cli, isolated_home: Path
) -> None:
    folder = isolated_home / "practices"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(OWN.replace("schema_version = 1", "schema_version = 7"))
    result = cli.bad("practices")
    assert "mine.toml" in result.stderr and "schema_version" in result.stderr


def test_learn_lists_and_shows_lessons(cli: Cli) -> None:
    lessons = cli.json("learn")
    assert len(lessons) == 7
    body = cli.ok("learn", "four-mistakes").stdout
    assert "Sources" in body
    cli.bad("learn", "nope")


def test_a_broken_own_practice_does_not_stop_the_built_in_ones(
    onboarded: Cli, isolated_home: Path
) -> None:
    folder = isolated_home / "practices"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_bytes(b"\xff\xfe not text")
    result = onboarded.ok("session", "posture-reset", "--no-input", "--speed", "600")
    assert "Skipped your practice file" in result.stderr and "UTF-8" in result.stderr
    assert "broken.toml" in onboarded.bad("practices").stderr
