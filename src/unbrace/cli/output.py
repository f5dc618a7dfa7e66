"""Printing: Rich consoles for people, plain JSON for scripts, and one-line errors."""

from __future__ import annotations

import json
import sys
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


@cache
def console() -> Console:
    from rich.console import Console

    # Rich honours NO_COLOR and drops styling when stdout is not a terminal; piped
    # output is not wrapped at 80 columns, so commands in it stay on one line.
    console = Console(highlight=False)
    console.soft_wrap = not console.is_terminal
    return console


@cache
def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def print_json(data: Any) -> None:
    """Only JSON on stdout: no colour, no wrapping, nothing else."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def note(message: str) -> None:
    """A side remark that must not mix with JSON on stdout."""
    err_console().print(message)


def error_line(message: str) -> None:
    """The single line a person sees when their input cannot be used."""
    text = " ".join(message.split())
    sys.stderr.write(f"Error: {text}\n")
    sys.stderr.flush()
