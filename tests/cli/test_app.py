"""The root command: lazy registration keeps every command and its help, and loads only
what the command that runs needs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from unbrace.cli.app import COMMANDS, app
from unbrace.cli.app import load_command as load

from .conftest import Cli


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_summary_is_the_first_paragraph_of_the_commands_own_help(name: str) -> None:
    command = load(name, COMMANDS[name])
    first_paragraph = " ".join((command.help or "").split("\n\n")[0].split())
    assert COMMANDS[name].summary == first_paragraph
    assert command.name == name


def test_every_table_entry_is_a_command_of_the_root_group() -> None:
    group = typer.main.get_command(app)
    assert list(group.commands) == list(COMMANDS)  # type: ignore[attr-defined]
    for name in COMMANDS:
        assert group.get_command(typer.Context(group), name) is not None  # type: ignore[attr-defined]


def test_a_misspelt_command_is_one_line_with_a_suggestion(cli: Cli) -> None:
    result = cli("todya")
    assert result.exit_code == 2
    assert "Did you mean 'today'?" in result.stderr


def loaded_after(*args: str) -> set[str]:
    """The modules a real process has imported after running ``unbrace ARGS``."""
    code = (
        "import json, sys\n"
        "from unbrace.cli.app import app\n"
        "try:\n"
        f"    app({list(args)!r}, prog_name='unbrace')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_imports_no_command_module_nor_the_store() -> None:
    modules = loaded_after("--help")
    assert not {name for name in modules if name.startswith("unbrace.cli.")} - {
        "unbrace.cli.app",
        "unbrace.cli.output",
        "unbrace.cli.state",
    }
    assert not {"sqlalchemy", "pydantic", "rich", "unbrace.store"} & modules


def test_today_loads_neither_pydantic_nor_sqlalchemy(onboarded: Cli, tmp_path: Path) -> None:
    """`today` runs on every terminal start-up: Typer's option conversion and the shipped
    practices work without pydantic, and its reads without SQLAlchemy (store/plain.py)."""
    modules = loaded_after("today")
    assert "unbrace.cli.home" in modules and "unbrace.core.practices" in modules
    assert not {"pydantic", "sqlalchemy"} & modules
    assert not {"pydantic", "sqlalchemy"} & loaded_after("today", "--json")
    # A path option (the report's --out) is checked without pydantic too.
    assert "pydantic" not in loaded_after("report", "--out", str(tmp_path / "report.html"))
    # The home screen (`unbrace` alone) too, until a session starts.
    assert not {"pydantic", "sqlalchemy"} & loaded_after()
    # Insights read the same way; only a person with a ladder has its part computed by the ORM.
    assert not {"pydantic", "sqlalchemy"} & loaded_after("insights", "--json")


def test_a_commands_help_imports_only_its_own_module() -> None:
    modules = loaded_after("practice", "--help")
    assert "unbrace.cli.practices" in modules
    assert "unbrace.cli.session" not in modules and "unbrace.cli.audio" not in modules


def typer_help(env: dict[str, str]) -> str:
    code = "from unbrace.cli.app import app; app(['--help'], prog_name='unbrace')"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout


def entry_point(*args: str, env: dict[str, str]) -> str:
    """``unbrace ARGS`` through the console script's entry point, as a real process."""
    code = (
        "import sys; from unbrace.cli.entry import main\n"
        f"sys.argv = ['/usr/local/bin/unbrace', *{list(args)!r}]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    sys.stderr.write(repr('typer' in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    return done.stdout + "|typer loaded: " + done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_without_typer_is_what_typer_prints(flag: str) -> None:
    """`unbrace --help` is served from data/help.txt (`make docs`) without importing Typer,
    only when that is exactly Typer's text: 80 columns or wider."""
    import os

    wide = {**os.environ, "COLUMNS": "120"}
    assert entry_point(flag, env=wide) == typer_help(wide) + "|typer loaded: False"
    narrow = {**os.environ, "COLUMNS": "60"}
    assert entry_point(flag, env=narrow) == typer_help(narrow) + "|typer loaded: True"
    assert typer_help(narrow) != typer_help(wide)  # the width matters, so it is checked
