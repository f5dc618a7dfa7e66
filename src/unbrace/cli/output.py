"""Printing: Rich consoles for people, plain JSON for scripts, and one-line errors."""

from __future__ import annotations

import json
import math
import os
import sys
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.text import Text


# People's words (a name like "Sam [work laptop]", a scene, a note, a practice title) are
# never read as Rich markup or :emoji: codes: both consoles print plain strings exactly as
# they are, and styling comes only from `styled`, whose template is written in this code.
_PLAIN = {"highlight": False, "markup": False, "emoji": False}


@cache
def console() -> Console:
    from rich.console import Console

    # Rich honours NO_COLOR and drops styling when stdout is not a terminal. Piped output
    # gets a roomier width than Rich's 80 columns; it is wrapped, never cropped, so advice
    # and the person's own words are never cut off.
    console = Console(**_PLAIN)  # type: ignore[arg-type]
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(width=100, **_PLAIN)  # type: ignore[arg-type]
    return console


@cache
def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, **_PLAIN)  # type: ignore[arg-type]


def styled(template: str, /, **words: object) -> Text:
    """Styled text from markup written here, with people's words filled in as plain text.

    ``styled("[bold]Hello, {name}.[/bold]", name=name)`` prints the name exactly, whatever
    brackets, backslashes or colons it holds: only the template is read as markup. Each
    ``{field}`` becomes a private-use marker while the markup is parsed, then the word takes
    the marker's place and its style.
    """
    import re

    from rich.text import Text

    values = [str(value) for value in words.values()]
    markers = {key: f"\ue000{index}\ue001" for index, key in enumerate(words)}
    parsed = Text.from_markup(template.format(**markers), emoji=False)
    result = Text(style=parsed.style)
    offsets = [edge for m in re.finditer("\ue000\\d+\ue001", parsed.plain) for edge in m.span()]
    for piece in parsed.divide(offsets):
        found = re.fullmatch("\ue000(\\d+)\ue001", piece.plain)
        if found is None:
            result.append_text(piece)
            continue
        word = Text(values[int(found.group(1))], style=piece.style)
        for span in piece.spans:
            word.stylize(span.style)
        result.append_text(word)
    return result


def hanging(body: str | Text, *, lead: str = "", indent: int = 2) -> RenderableType:
    """``body`` after ``indent`` spaces and a ``lead`` (a number, an arrow, a label), with a
    hanging indent: wrapped lines line up under the body's first letter, not at the margin.

    Plain strings stay plain (never markup), like everything else printed here.
    """
    from rich.text import Text

    return _Hanging(" " * indent + lead, Text(body) if isinstance(body, str) else body)


class _Hanging:
    def __init__(self, prefix: str, body: Text) -> None:
        self.prefix = prefix
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len
        from rich.text import Text

        width = cell_len(self.prefix)
        lines = self.body.wrap(console, max(options.max_width - width, 10))
        for number, line in enumerate(lines):
            line.rstrip()
            yield Text(self.prefix if number == 0 else " " * width) + line


def print_json(data: Any) -> None:
    """Only JSON on stdout: no colour, no wrapping, nothing else; always valid JSON (a number
    that is not finite is written as null, never as the ``Infinity`` JSON does not have)."""
    text = json.dumps(_finite(data), indent=2, ensure_ascii=False, default=str, allow_nan=False)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _finite(data: Any) -> Any:
    if isinstance(data, float) and not math.isfinite(data):
        return None
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(value) for value in data]
    return data


def note(message: str) -> None:
    """A side remark that must not mix with JSON on stdout."""
    err_console().print(message)


def error_line(message: str) -> None:
    """The single line a person sees when their input cannot be used."""
    text = " ".join(message.split())
    sys.stderr.write(f"Error: {text}\n")
    sys.stderr.flush()
