"""Asking for ratings and answers at the prompt, with the same checks as the flags."""

from __future__ import annotations

import typer

from unbrace.core.errors import UnbraceError
from unbrace.core.ratings import Scale

SKIP = "skip"


def ask_rating(
    scale: Scale, *, optional: bool = False, default: int | None = None, skippable: bool = False
) -> int | None:
    """Ask until the answer fits the scale; Enter skips an optional rating.

    With ``default`` (the person's own earlier answer, never an invented one) Enter keeps it,
    and "-" clears an optional rating. A ``skippable`` rating needs a number or the word "skip"
    (Enter alone asks again): it is never guessed, and a skipped rating is stored as not given.
    """
    while True:
        if default is not None:
            hint = f" (Enter keeps {default})"
        else:
            hint = " (Enter to skip)" if optional else f" (or type {SKIP})" if skippable else ""
        answer = typer.prompt(
            f"{scale.question}{hint}",
            default="" if optional or skippable or default is not None else None,
            show_default=False,
            value_proc=str,  # text as typed: Typer's own conversion would import pydantic
        ).strip()
        if not answer and default is not None:
            return default
        if optional and answer in ("", "-"):
            return None
        if skippable and answer.lower() == SKIP:
            return None
        if skippable and not answer:
            # Enter alone: said why it is asked again, rather than asked again in silence.
            typer.echo(
                f"Type a number from {scale.low} to {scale.high}, or {SKIP} to leave it out."
            )
            continue
        try:
            return scale.check(int(answer))
        except ValueError as exc:
            message = str(exc) if isinstance(exc, UnbraceError) else "Please type a whole number."
            typer.echo(message)


def ask_text(question: str, *, default: str = "") -> str:
    """The answer as typed, stripped (``str``: Typer's own conversion would import pydantic)."""
    answer = typer.prompt(question, default=default, show_default=bool(default), value_proc=str)
    return str(answer).strip()


def has_terminal() -> bool:
    """True when a person can answer here: standard input is a terminal, not a pipe or file."""
    import sys

    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # closed
        return False


YES = ("y", "yes")
NO = ("n", "no")
YES_OR_NO = "Please answer y for yes or n for no."


def ask_yes(question: str, *, default: bool | None = False) -> bool:
    """A yes/no answer; with ``default=None`` Enter alone asks again (for safety questions).

    Anything else than y, yes, n or no asks again with one plain line (Click's own confirm says
    only "Error: invalid input", which reads like a fault to someone answering a question)."""
    choices = {True: "[Y/n]", False: "[y/N]", None: "[y/n]"}[default]
    while True:
        typed = typer.prompt(
            f"{question} {choices}", default="", show_default=False, value_proc=str
        )
        answer = str(typed).strip().lower()
        if answer in YES:
            return True
        if answer in NO:
            return False
        if not answer and default is not None:
            return default
        typer.echo(YES_OR_NO)
