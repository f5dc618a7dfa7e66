"""`unbrace coach`: feedback on an imagery script, for people (Rich) and for scripts (JSON)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from unbrace.cli.output import console, hanging, print_json, styled
from unbrace.cli.state import State, state

if TYPE_CHECKING:
    from rich.text import Text

    from unbrace.coach import Analysis

FLAG_WORDS = {
    "vague": ("Concrete", "Too vague: no real place, object or specific action yet"),
    "negation": ("Positive wording", "Built on 'no pain': it keeps pain in focus"),
    "low_sensory": ("Several senses", "Few senses: fewer than two are named"),
    "no_movement": ("A movement", "No movement: nothing of the limbs or trunk moves"),
}
CHANNEL_STYLE = {
    "sight": "bold blue",
    "sound": "bold magenta",
    "touch": "bold yellow",
    "smell": "bold green",
    "taste": "bold cyan",
    "body": "bold",
}


def feared_movement(current: State) -> str:
    """The person's first feared movement, if there is a profile; else nothing."""
    if not current.has_data():
        return ""
    from unbrace.usecases import profiles

    with current.transaction() as db:
        if not profiles.list_profiles(db):
            return ""
        return profiles.personal_for(db, profile=current.profile(db)).movement


def highlighted(result: Analysis) -> Text:
    """The script with its trigger words marked: senses, movements and negated pain."""
    from rich.text import Text

    text = Text(result.text)
    for phrase in result.negations:
        if phrase.start is not None and phrase.end is not None:
            text.stylize("bold red underline", phrase.start, phrase.end)
    for channel, spans in result.sense_spans.items():
        for start, end in spans:
            text.stylize(CHANNEL_STYLE[channel], start, end)
    for start, end in result.movement_spans:
        text.stylize("bold green underline", start, end)
    return text


def distinct(words: Iterable[str]) -> list[str]:
    """Each word once (whatever its case), as first written: a sense or a movement named again
    adds nothing to read."""
    first: dict[str, str] = {}
    for word in words:
        first.setdefault(word.lower(), word)
    return list(first.values())


def report(result: Analysis) -> None:
    from rich.panel import Panel
    from rich.text import Text

    out = console()
    out.print(Panel(highlighted(result), title=Text("Your script"), title_align="left"))
    for flag, (good, bad) in FLAG_WORDS.items():
        mark = "  [red]•[/red] {words}" if result.flags[flag] else "  [green]✓[/green] {words}"
        out.print(styled(mark, words=bad if result.flags[flag] else good))
        # The words themselves, so the report reads the same without colour.
        words = [e.text for e in result.evidence[flag] if e.start is not None]
        if result.flags[flag] and words:
            out.print(hanging(", ".join(f'"{word}"' for word in words), indent=6))
    senses = (
        ", ".join(f"{c} ({', '.join(distinct(w))})" for c, w in result.senses.items()) or "none yet"
    )
    out.print(hanging(senses, lead="Senses: "))
    out.print(hanging(", ".join(distinct(result.movements)) or "none yet", lead="Movements: "))
    out.print(styled("\n[bold]Score {score}/100[/bold]", score=result.score))
    for tip in result.suggestions:
        out.print(hanging(tip, lead="→ "))


def coach_command(
    ctx: typer.Context,
    text: Annotated[
        str | None, typer.Argument(metavar="TEXT", help="The script, or - to read stdin.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the script from a file.")
    ] = None,
    batch: Annotated[
        Path | None,
        typer.Option("--batch", help="JSONL file of {id, text}: one JSON result per line."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """Feedback on your own imagery script: what works, what to add, and a score."""
    from unbrace.core.errors import UnbraceError

    sources = [source for source in (text, file, batch) if source is not None]
    if len(sources) != 1:
        raise UnbraceError("Give the script as TEXT, - (stdin), --file FILE or --batch FILE.")
    if batch is not None:
        # Batch results depend only on the scripts, never on this computer's profile.
        run_batch(batch, movement="")
        return
    movement = feared_movement(state(ctx))
    script = read_script(text, file)
    from unbrace.coach import coach

    result = coach(script, movement=movement)
    if as_json:
        print_json(result.as_json())
    else:
        report(result)


def read_script(text: str | None, file: Path | None) -> str:
    from unbrace.core.errors import UnbraceError

    if file is not None:
        try:
            script = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UnbraceError(f"Cannot read {file}: {exc.__class__.__name__}.") from None
    elif text == "-":
        script = sys.stdin.read()
    else:
        script = text or ""
    if not script.strip():
        raise UnbraceError("The script is empty; write a few sentences to coach.")
    if len(script) > 20_000:
        raise UnbraceError("Scripts are kept to 20,000 characters; this one is longer.")
    return script


def _lines(handle: BinaryIO, path: Path) -> Iterator[str]:
    """Lines of a file decoded one by one, so bytes that are not UTF-8 name their line."""
    from unbrace.core.errors import UnbraceError

    for number, raw in enumerate(handle, start=1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UnbraceError(f"{path} line {number}: not UTF-8 text.") from None


def run_batch(path: Path, *, movement: str) -> None:
    """Stream one result per input line, in order; stop at the first malformed line."""
    from unbrace.coach import coach
    from unbrace.core.errors import UnbraceError

    try:
        handle = path.open("rb")
    except OSError as exc:
        raise UnbraceError(f"Cannot read {path}: {exc.__class__.__name__}.") from None
    with handle:
        for number, line in enumerate(_lines(handle, path), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UnbraceError(f"{path} line {number}: not valid JSON ({exc.msg}).") from None
            if (
                not isinstance(item, dict)
                or not isinstance(item.get("text"), str)
                or "id" not in item
            ):
                raise UnbraceError(
                    f'{path} line {number}: expected an object with "id" and "text".'
                )
            if not item["text"].strip() or len(item["text"]) > 20_000:
                raise UnbraceError(
                    f"{path} line {number}: the text must be 1 to 20,000 characters."
                )
            output = {"id": item["id"], **coach(item["text"], movement=movement).as_json()}
            # One whole line at a time, flushed: a reader never sees half a result.
            sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
            sys.stdout.flush()
