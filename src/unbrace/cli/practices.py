"""`unbrace practices`, `unbrace show`, `unbrace practice add` and `unbrace learn`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from unbrace.cli.output import console, print_json, styled
from unbrace.cli.state import state

practice_app = typer.Typer(help="Your own practices, added as TOML files.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON only.")]
MinutesOption = Annotated[
    int | None, typer.Option("--minutes", "-m", help="Length in minutes, 1 to 20.")
]


def practices_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the practices you can do."""
    library = state(ctx).library(strict=True)
    rows: list[dict[str, Any]] = [
        {
            "id": p.id,
            "title": p.title,
            "summary": p.summary,
            "minutes": p.default_minutes,
            "min_minutes": 1,
            "max_minutes": 20,
            "when": p.when,
            "tags": list(p.tags),
            "origin": "builtin" if library.origins[p.id] == "builtin" else "yours",
        }
        for p in library
    ]
    if as_json:
        print_json(rows)
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("id")
    table.add_column("practice")
    table.add_column("min", justify="right")
    for row in rows:
        title = styled("{title}\n[dim]{summary}[/dim]", title=row["title"], summary=row["summary"])
        table.add_row(row["id"], title, str(row["minutes"]))
    console().print(table)
    console().print("\nRead one with: unbrace show ID   Start one with: unbrace session ID")


def show(
    ctx: typer.Context,
    practice_id: Annotated[str, typer.Argument(metavar="ID", help="A practice id.")],
    minutes: MinutesOption = None,
    flare: Annotated[
        bool, typer.Option("--flare", help="The gentler version for a flare day.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Print a practice's script, filled in with your own movement and scene."""
    from unbrace.usecases import profiles, sessions

    current = state(ctx)
    practice = current.library().get(practice_id)
    plan = None
    if current.settings.profile or current.has_data():
        with current.transaction() as db:
            if profiles.list_profiles(db):
                profile = current.profile(db)
                plan = sessions.preview(
                    db, profile=profile, practice=practice, minutes=minutes, flare=flare
                )
    if plan is None:  # no one set up: the plain words at the usual pace
        plan = sessions.preview(None, profile=None, practice=practice, minutes=minutes, flare=flare)
    if as_json:
        print_json(plan.as_json())
        return
    out = console()
    out.print(
        styled("[bold]{title}[/bold] · {minutes} min", title=practice.title, minutes=plan.minutes)
    )
    out.print(styled("[dim]{when}[/dim]\n", when=practice.when))
    for step in plan.steps:
        out.print(
            styled(
                "[bold]{number}. {title}[/bold]  [dim]{clock}[/dim]",
                number=step.index + 1,
                title=step.title,
                clock=_clock(step.seconds),
            )
        )
        out.print(step.text)
        if step.cue:
            out.print(styled("[italic]Tiny movement: {cue}[/italic]", cue=step.cue))
        out.print()


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


@practice_app.command("add")
def practice_add(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A practice TOML file.", dir_okay=False)],
) -> None:
    """Check a practice file and add it to your library."""
    from unbrace.core.errors import UnbraceError
    from unbrace.core.practices import MAX_MINUTES, MIN_MINUTES, load_library, parse_practice
    from unbrace.core.session import plan_session
    from unbrace.files import ensure_private_dir, write_private

    current = state(ctx)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnbraceError(f"Cannot read {file}: {exc.__class__.__name__}.") from None
    practice = parse_practice(text, source=str(file))
    library = load_library(current.settings.practices_dir)
    if library.origins.get(practice.id) == "builtin":
        raise UnbraceError(f"{file}: id {practice.id!r} is already a built-in practice.")
    for length in range(MIN_MINUTES, MAX_MINUTES + 1):
        for flare in (False, True):  # every length must fit calmly
            plan_session(practice, length, flare=flare, strict=True)
    ensure_private_dir(current.settings.practices_dir)
    target = current.settings.practices_dir / f"{practice.id}.toml"
    replaced = target.exists()
    write_private(target, text)  # atomic: never a half-written practice
    verb = "Updated" if replaced else "Added"
    console().print(
        f"{verb} {practice.title!r} ({practice.id}). Try it: unbrace session {practice.id}"
    )


@practice_app.command("list")
def practice_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The same list as `unbrace practices`."""
    practices_list(ctx, as_json)


def learn(
    lesson_id: Annotated[
        str | None, typer.Argument(metavar="ID", help="A lesson id; omit to list them.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Short lessons, two minutes each: why imagery helps, the four mistakes, and more."""
    from unbrace.core.lessons import get_lesson, lessons

    if lesson_id is None:
        items = lessons()
        if as_json:
            print_json([{"id": x.id, "title": x.title, "minutes": x.minutes} for x in items])
            return
        for lesson in items:
            console().print(
                styled(
                    "{order}. [bold]{title}[/bold]  [dim]{id}[/dim]",
                    order=lesson.order,
                    title=lesson.title,
                    id=lesson.id,
                )
            )
        console().print("\nRead one with: unbrace learn ID")
        return
    lesson = get_lesson(lesson_id)
    if as_json:
        print_json(
            {"id": lesson.id, "title": lesson.title, "body": lesson.body, "sources": lesson.sources}
        )
        return
    from rich.markdown import Markdown

    console().print(Markdown(f"# {lesson.title}\n\n{lesson.body}"))
    console().print(styled("\n[dim]Sources:[/dim]"))
    for source in lesson.sources:
        console().print(styled("[dim]- {source}[/dim]", source=source))
