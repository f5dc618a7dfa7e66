"""The `unbrace` command's entry point: `unbrace --help` answered before Typer is imported,
everything else handed to the Typer app (`cli/app.py`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

HELP_FILE = "help.txt"  # in unbrace/data, written by `make docs` (scripts/gen_cli_docs.py)
HELP_COLUMNS = 80  # Click wraps help at the terminal's width, never wider than 80 less 2


def main() -> None:
    """The `unbrace` command."""
    import os

    # numpy's BLAS starts a thread per core when it is imported (a third of numpy's import
    # time here); unbrace's arrays are small (a bootstrap, audio buffers), one thread is plenty.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if not quick_help(sys.argv):
        from unbrace.cli.app import app

        app()


def quick_help(argv: Sequence[str]) -> bool:
    """`unbrace --help` (or `-h`) printed from the text `make docs` keeps beside the practices,
    without importing Typer (which alone costs several times `python -c pass`).

    Only when it is exactly what Typer would print: the program is called `unbrace`, the
    terminal (or ``COLUMNS``, as Click reads it) is at least 80 columns wide, and no setting
    needs the one-line refusal of text that is not UTF-8. A test compares the two.
    """
    import os

    if list(argv[1:]) not in (["--help"], ["-h"]) or os.path.basename(argv[0]) != "unbrace":
        return False
    if any(
        "\ud800" <= char <= "\udfff"
        for name, value in os.environ.items()
        if name.startswith("UNBRACE_")
        for char in value
    ):
        return False
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    if columns < HELP_COLUMNS:
        return False
    text = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", HELP_FILE)
    try:
        with open(text, encoding="utf-8") as file:
            sys.stdout.write(file.read())
    except OSError:
        return False
    return True
