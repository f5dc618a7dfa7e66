"""Helpers for driving the CLI through Typer's runner."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from unbrace.cli.app import app

INIT = [
    "init",
    "--name",
    "Maria",
    "--movement",
    "bending forward to load the dishwasher",
    "--scene",
    "a beach at dawn, cool sand under my feet",
    "--anchor",
    "making my morning coffee",
    "--red-flags",
    "none",
    "--no-input",
]


class Cli:
    def __init__(self, runner: CliRunner) -> None:
        self.runner = runner

    def __call__(self, *args: str, input: str | None = None) -> Result:
        return self.runner.invoke(app, list(args), input=input)

    def ok(self, *args: str, input: str | None = None) -> Result:
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.output, result.stderr)
        return result

    def json(self, *args: str) -> Any:
        result = self.ok(*args, "--json")
        return json.loads(result.stdout)

    def bad(self, *args: str, input: str | None = None) -> Result:
        """A refused command: exit 2, one line on stderr, no traceback."""
        result = self(*args, input=input)
        assert result.exit_code == 2, (result.output, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
        assert "Traceback" not in result.output
        return result


@pytest.fixture
def cli(runner: CliRunner) -> Cli:
    return Cli(runner)


@pytest.fixture
def onboarded(cli: Cli) -> Cli:
    cli.ok(*INIT)
    return cli
