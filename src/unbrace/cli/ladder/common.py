"""What the ladder's commands share: the `ladder` group, options, picking a ladder, printing it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from unbrace.cli.output import console, styled
from unbrace.cli.state import State, now

if TYPE_CHECKING:
    from unbrace.usecases.entities import Profile
    from unbrace.usecases.ladder import LadderView
    from unbrace.usecases.unit_of_work import Db as Session

app = typer.Typer(
    help="Visualise, then do: a ladder from imagining a feared movement to doing it.",
    no_args_is_help=True,
)

LadderOption = Annotated[
    int | None,
    typer.Option(
        "--ladder", help="Which ladder, by its number in `ladder show` (default: the only one)."
    ),
]
NoInput = Annotated[
    bool, typer.Option("--no-input", help="Ask nothing; take every answer from options.")
]


def _pick(current: State, db: Session, number: int | None) -> tuple[Profile, LadderView]:
    from unbrace.usecases import ladder as uc

    profile = current.profile(db)
    return profile, uc.ladder_by_number(db, profile=profile, number=number, now=now())


def _print_ladder(view: LadderView) -> None:
    out = console()
    state_line = "  (paused: please see a clinician first)" if view.paused else ""
    out.print(
        styled(
            "[bold]Ladder {n}: {movement}[/bold]{state}",
            n=view.number,
            movement=view.movement,
            state=state_line,
        )
    )
    for step in reversed(view.steps):  # the top of the ladder first, as a ladder looks
        marker = "▶" if step.is_current else " "
        threat = f"threat {step.threat:>3}" if step.threat is not None else "not rated"
        change = step.change
        fell = ""
        if change is not None and change.drop:
            real = ", a real change" if change.meaningful else ""
            fell = f"  ({change.first} → {change.latest}{real})"
        out.print(f" {marker} {step.number}. {step.text}")
        out.print(f"      {step.kind_label.lower()} · {threat}{fell} · tried {step.tries}×")
    if view.move_up is not None:
        out.print(styled("[bold]{s}[/bold]  (unbrace ladder up)", s=view.move_up.sentence))
    if view.rating_due:
        out.print("Time to rate the steps (again): unbrace ladder rate")
    for attempt in view.open_tries:
        out.print(f"Try {attempt.id} is waiting for how it went: unbrace ladder done {attempt.id}")
    for attempt in view.follow_ups:
        out.print(
            f"Try {attempt.id}: how is your back the day after? "
            f"unbrace ladder done {attempt.id} --next-day-pain N"
        )
    for attempt in [item for item in view.attempts if item.gap][-3:]:
        out.print(f"  {attempt.started_at.astimezone():%d %b}: {attempt.gap}")
