"""`hanging`: wrapped lines of lists and labels line up under the text, not the margin."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from tests.cli.conftest import Cli
from unbrace.cli.output import console, hanging, styled


def printed(renderable: object, width: int) -> list[str]:
    out = Console(file=io.StringIO(), width=width, markup=False, emoji=False, highlight=False)
    out.print(renderable)
    text = out.file.getvalue()  # type: ignore[attr-defined]
    return str(text).splitlines()


def test_wrapped_lines_hang_under_the_first_word() -> None:
    body = "Add something you can hear, such as a blackbird singing in the garden at dawn."
    lines = printed(hanging(body, lead="→ "), width=30)
    assert len(lines) >= 3
    assert lines[0].startswith("  → Add")
    assert all(line.startswith("    ") and line[4] != " " for line in lines[1:])
    assert all(line == line.rstrip() for line in lines)  # no padding to the right
    assert " ".join(line.strip().removeprefix("→ ") for line in lines) == body


def test_peoples_words_stay_plain_and_emoji_keep_their_width() -> None:
    lines = printed(hanging("Sam [bold]x[/bold] 🌿 " * 4, lead="1. ", indent=1), width=24)
    assert "[bold]x[/bold]" in "".join(lines)
    assert all(line.startswith("    ") for line in lines[1:])
    styled_lines = printed(hanging(styled("[dim]{w}[/dim]", w="a [/] b " * 6), indent=4), 20)
    assert all(line.startswith("    ") for line in styled_lines)


def test_today_hangs_the_reasons_under_the_titles(
    onboarded: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "44")
    console.cache_clear()
    try:
        shown = onboarded.ok("today").stdout.splitlines()
    finally:
        console.cache_clear()
    start = next(i for i, line in enumerate(shown) if line.startswith(" 1. "))
    reason = []
    for line in shown[start + 1 :]:
        if not line.startswith("    "):
            break
        reason.append(line)
    assert len(reason) >= 2  # the reason wrapped, and every line of it is indented
