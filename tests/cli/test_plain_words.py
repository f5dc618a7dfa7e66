"""People's own words are printed exactly: brackets, backslashes and colons are never markup.

A name like ``Sam [work laptop]`` or ``Ann [/]`` once vanished or crashed every view
(Rich read it as markup). Every command runs here with such words in each place a person
can put them: typed at the CLI, imported, and as a practice file's title.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.control import strip_control_codes

from tests.cli.conftest import Cli
from unbrace.cli.output import console, styled

NAME = "Ann [/] [bold]Sam[/bold] [work laptop] :smile: \\"
MOVEMENT = "bending [/] to the [red]floor"
SCENE = "a beach [/b] at dawn \\[x]"
ANCHOR = "coffee [link=x]y[/link]"
NOTE = "felt [/] ok [i]really[/i] \\"
INTENTION = "After coffee [/] I practise"
TITLE = "My [/] practice [bold]"

PRACTICE = f'''schema_version = 1
id = "my-practice"
title = "{TITLE}"
summary = "Mine [/] and only mine."
when = "Any time [/]."
default_minutes = 1
flare_minutes = 1

[[steps]]
id = "one"
title = "Step [/] one"
text = "Picture {{movement}} in {{scene}}, then breathe [/] slowly."
share = 1.0

[[steps]]
id = "two"
title = "Step two"
text = "Rest, warm and heavy, and listen to the room."
share = 1.0
'''


def flat(text: str) -> str:
    """Output with line wrapping undone."""
    return " ".join(text.split())


@pytest.fixture
def bracketed(cli: Cli, tmp_path: Path) -> Cli:
    cli.ok(
        "init",
        "--name",
        NAME,
        "--movement",
        MOVEMENT,
        "--scene",
        SCENE,
        "--anchor",
        ANCHOR,
        "--red-flags",
        "none",
        "--no-input",
    )
    practice = tmp_path / "mine.toml"
    practice.write_text(PRACTICE.replace("\\", "\\\\"), encoding="utf-8")
    cli.ok("practice", "add", str(practice))
    return cli


def test_every_command_prints_brackets_exactly(bracketed: Cli, tmp_path: Path) -> None:
    cli = bracketed
    assert NAME in cli.ok("today").stdout
    home = cli.ok(input="\n")
    assert NAME in home.stdout
    assert NAME in cli.ok("profile", "list").stdout
    shown = cli.ok("settings", "show").stdout
    for words in (NAME, MOVEMENT, SCENE, ANCHOR):
        assert words in shown
    assert TITLE in cli.ok("practices").stdout
    assert MOVEMENT in flat(cli.ok("show", "movement-rehearsal", "-m", "5").stdout)
    mine = flat(cli.ok("show", "my-practice").stdout)
    for words in (TITLE, "Step [/] one", MOVEMENT, SCENE, "breathe [/] slowly"):
        assert words in mine
    played = cli.ok(
        "session",
        "my-practice",
        "--no-input",
        "--speed",
        "600",
        "--pain-before",
        "5",
        "--pain-after",
        "3",
        "--vivid-visual",
        "4",
        "--vivid-body",
        "3",
        "--note",
        NOTE,
    )
    assert "Step [/] one" in played.stdout
    cli.ok(
        "checkin",
        "--pain",
        "4",
        "--enjoyment",
        "4",
        "--activity",
        "4",
        "--note",
        NOTE,
        "--no-input",
    )
    history = cli.json("history")
    assert history["sessions"][0]["note"] == NOTE
    assert history["sessions"][0]["status"] == "completed"
    assert history["checkins"][0]["note"] == NOTE
    assert TITLE in cli.ok("history").stdout
    assert NAME in cli.ok("insights").stdout
    cli.ok("routine", "set", "--intention", INTENTION)
    assert INTENTION in cli.ok("routine", "show").stdout
    cli.ok(
        "script",
        "new",
        "--movement",
        MOVEMENT,
        "--scene",
        SCENE,
        "--name",
        "mine [b]",
        "--no-input",
    )
    assert "mine [b]" in cli.ok("script", "list").stdout
    assert "mine [b]" in cli.ok("script", "show", "mine [b]").stdout
    assert "[/]" in cli.ok("coach", "I bend [/] forward and feel the warm sun on my back").stdout
    exported = tmp_path / "me.json"
    assert NAME in cli.ok("export", "--format", "json", "--out", str(exported)).stdout
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["profile"]["name"] == NAME
    cli.ok("export", "--format", "csv", "--out", str(tmp_path / "me.zip"))
    cli.ok("report", "--out", str(tmp_path / "report.html"))
    cli.ok("backup", "--out", str(tmp_path / "copy.db"))
    cli.ok("doctor")
    removed = cli.ok("profile", "remove", NAME, "--yes")
    assert NAME in removed.stdout
    cli.ok("import", str(exported))
    assert NAME in cli.ok("today").stdout
    assert cli.json("history")["sessions"][0]["note"] == NOTE


def test_the_live_session_view_shows_titles_plainly() -> None:
    """The player's panel title holds the practice and step titles (a crash at step one)."""
    from unbrace.cli.player import render
    from unbrace.core.personal import Personal
    from unbrace.core.practices import parse_practice
    from unbrace.core.session import Player, plan_session

    practice = parse_practice(PRACTICE.replace("\\", "\\\\"), source="mine.toml")
    player = Player(plan_session(practice, 1, Personal(movement=MOVEMENT, scene=SCENE)))
    screen = Console(width=200, record=True, color_system=None)  # markup on, as Rich defaults
    screen.print(render(player))
    drawn = screen.export_text()
    assert TITLE in drawn and "Step [/] one" in drawn and MOVEMENT in drawn


@given(words=st.text(), more=st.text())
def test_styled_fills_in_any_words_exactly(words: str, more: str) -> None:
    text = styled("[bold]Hello, {words}.[/bold] [dim]{more}[/dim]!", words=words, more=more)
    # Control codes (a carriage return, an escape) are dropped from any text Rich prints.
    assert text.plain == strip_control_codes(f"Hello, {words}. {more}!")


def test_consoles_read_no_markup_and_no_emoji_codes() -> None:
    out = console()
    assert out._markup is False and out._emoji is False
