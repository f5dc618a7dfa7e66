"""Printing: Rich consoles for people, plain JSON for scripts, and one-line errors."""

from __future__ import annotations

import json
import os
import sys
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


@cache
def console() -> Console:
    from rich.console import Console

    # Rich honours NO_COLOR and drops styling when stdout is not a terminal. Piped output
    # gets a roomier width than Rich's 80 columns; it is wrapped, never cropped, so advice
    # and the person's own words are never cut off.
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(highlight=False, width=100)
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
