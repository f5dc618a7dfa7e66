"""`unbrace ladder new|show|edit|rate`: building a ladder and keeping it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from unbrace.cli.ladder.common import LadderOption, NoInput, _pick, _print_ladder, app
from unbrace.cli.output import console, print_json, styled
from unbrace.cli.state import now, state

if TYPE_CHECKING:
    from unbrace.usecases.entities import Profile
    from unbrace.usecases.ladder import LadderView
    from unbrace.usecases.unit_of_work import Db as Session


@app.command("new")
def ladder_new(
    ctx: typer.Context,
    movement: Annotated[
        str | None,
        typer.Argument(help="The movement, in your words (default: your first feared movement)."),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            help="Start from the steps for: bending, lifting, twisting, getting-up, "
            "sitting-long, walking, carrying, reaching-overhead, any.",
        ),
    ] = None,
    step: Annotated[
        list[str] | None,
        typer.Option(
            "--step",
            metavar="KIND:TEXT",
            help="Your own step, easiest first (repeatable), e.g. 'real:bend to knee height'. "
            "KIND is imagery, paired or real.",
        ),
    ] = None,
    threat: Annotated[
        str | None,
        typer.Option("--threat", help="Threat ratings 0-100 for the steps, in order: 10,30,50,70."),
    ] = None,
    no_input: NoInput = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the ladder as JSON.")] = False,
) -> None:
    """Build a ladder for a feared movement from suggested steps, in your own words."""
    from unbrace.cli import prompts
    from unbrace.core import ladder as rules
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import ladder as uc
    from unbrace.usecases import profiles

    steps = [_parse_step(item) for item in step or []]
    if steps:
        rules.check_step_count(len(steps))
        for text, kind in steps:
            rules.check_step_text(text)
            rules.parse_kind(kind)
    threats = _parse_threats(threat) if threat else None
    if template:
        rules.get_template(template)
    current = state(ctx)
    with current.transaction() as db:
        known = profiles.feared_movements(db, profile=current.profile(db))
    if movement is None:
        if known and (no_input or len(known) == 1):
            movement = known[0]
        elif no_input:
            raise UnbraceError(
                "Name the movement, like: unbrace ladder new 'lifting the laundry basket'"
            )
        else:
            movement = prompts.ask_text(
                "Which movement? (in your own words)", default=known[0] if known else ""
            )
    interactive = not no_input and not as_json
    if not steps:
        drafts = uc.proposal(movement, template)
        steps = [(draft.text, draft.kind.value) for draft in drafts]
        if interactive:
            steps = _edit_drafts(steps)
    if threats is not None and len(threats) != len(steps):
        raise UnbraceError(f"Give one threat rating per step: {len(steps)} numbers.")
    with current.transaction() as db:
        profile = current.profile(db)
        view = uc.new_ladder(
            db, profile=profile, movement=movement, steps=steps, template_id=template, now=now()
        )
        if threats is None and interactive:
            threats = _ask_threats(view)
        if threats:
            view = uc.rate(
                db,
                profile=profile,
                ladder_id=view.id,
                threats=dict(enumerate(threats, start=1)),
                now=now(),
            )
    if as_json:
        print_json(view.as_json())
        return
    _print_ladder(view)
    console().print(
        "Start at the bottom. The step marked ▶ is rehearsed in your movement-rehearsal "
        "sessions; try a real step with: unbrace ladder try N"
    )


def _parse_step(text: str) -> tuple[str, str]:
    from unbrace.core.errors import UnbraceError

    kind, sep, words = text.partition(":")
    if not sep:
        raise UnbraceError("Write each --step as KIND:TEXT, e.g. 'real:bend to knee height'.")
    return words.strip(), kind.strip()


def _parse_threats(text: str) -> list[int]:
    from unbrace.core import ladder as rules
    from unbrace.core.errors import UnbraceError

    values = []
    for word in text.split(","):
        try:
            values.append(rules.THREAT.check(int(word.strip())))
        except ValueError as exc:
            if isinstance(exc, UnbraceError):
                raise
            raise UnbraceError(
                f"Threat ratings are whole numbers 0-100, not {word.strip()!r}."
            ) from None
    return values


def _edit_drafts(steps: list[tuple[str, str]]) -> list[tuple[str, str]]:
    from unbrace.cli import prompts
    from unbrace.core import ladder as rules
    from unbrace.core.errors import UnbraceError

    out = console()
    out.print(
        styled("[bold]Suggested steps, easiest first.[/bold] Change any words to fit your life.")
    )
    for number, (text, kind) in enumerate(steps, start=1):
        out.print(f"  {number}. {text}  [{rules.KIND_LABELS[rules.StepKind(kind)].lower()}]")
    if prompts.ask_yes("Use these steps as they are?", default=True):
        return steps
    kept: list[tuple[str, str]] = []
    for number, (text, kind) in enumerate(steps, start=1):
        answer = prompts.ask_text(f"Step {number} (Enter keeps it, '-' drops it)", default=text)
        if answer == "-":
            continue
        while True:
            try:
                kept.append((rules.check_step_text(answer), kind))
                break
            except UnbraceError as exc:
                out.print(str(exc))
                answer = prompts.ask_text(f"Step {number}", default=text)
    while len(kept) < rules.MAX_STEPS:
        extra = prompts.ask_text("Add a step at the top? (Enter to finish)")
        if not extra:
            break
        kept.append((extra, "real"))
    return kept


def _ask_threats(view: LadderView) -> list[int] | None:
    from unbrace.cli import prompts
    from unbrace.core.ratings import Scale

    console().print(
        "For each step: how harmful for your back would doing it be? 0 = not at all, "
        "100 = extremely. (Enter skips; you can rate later with: unbrace ladder rate)"
    )
    values = []
    for step in view.steps:
        value = prompts.ask_rating(
            Scale("threat rating", 0, 100, f"{step.number}. {step.text}"), optional=True
        )
        if value is None:
            return None
        values.append(value)
    return values


@app.command("show")
def ladder_show(
    ctx: typer.Context,
    ladder: LadderOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """Your ladders: the steps, the one you are on, threat ratings and recent tries."""
    from unbrace.usecases import ladder as uc

    current = state(ctx)
    with current.transaction() as db:
        profile = current.profile(db)
        if ladder is None:
            views = uc.list_ladders(db, profile=profile, now=now())
        else:
            views = [uc.ladder_by_number(db, profile=profile, number=ladder, now=now())]
    if as_json:
        print_json({"ladders": [view.as_json() for view in views]})
        return
    if not views:
        console().print("No ladder yet. Start one with: unbrace ladder new")
        return
    for view in views:
        _print_ladder(view)


@app.command("edit")
def ladder_edit(
    ctx: typer.Context,
    ladder: LadderOption = None,
    add: Annotated[str | None, typer.Option("--add", help="Add a step with these words.")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="imagery, paired or real (for --add or --step).")
    ] = None,
    at: Annotated[
        int | None, typer.Option("--at", help="Where to put the added step (number).")
    ] = None,
    remove: Annotated[int | None, typer.Option("--remove", help="Remove step N.")] = None,
    move: Annotated[int | None, typer.Option("--move", help="Move step N (with --to).")] = None,
    to: Annotated[int | None, typer.Option("--to", help="The place to move it to.")] = None,
    step: Annotated[
        int | None, typer.Option("--step", help="Change the words of step N (with --text).")
    ] = None,
    text: Annotated[str | None, typer.Option("--text", help="The new words for --step.")] = None,
    current_step: Annotated[
        int | None, typer.Option("--current", help="Make step N the one you are on.")
    ] = None,
    days: Annotated[
        str | None,
        typer.Option(
            "--days",
            help="Days the routine suggests a step: mon,wed,fri (or 'none').",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="A clinician has seen you about the new symptom: go on."),
    ] = False,
    no_input: NoInput = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the ladder as JSON.")] = False,
) -> None:
    """Add, remove, reorder or reword steps; choose the step you are on and the days."""
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import ladder as uc

    if (move is None) != (to is None):
        raise UnbraceError("Give --move N and --to M together.")
    if (step is None) != (text is None and kind is None) and add is None:
        raise UnbraceError("Give --step N with --text (and/or --kind).")
    day_list = _parse_days(days) if days is not None else None
    current = state(ctx)
    with current.transaction() as db:
        profile, view = _pick(current, db, ladder)
        changes = 0
        if add is not None:
            view = uc.add_step(
                db,
                profile=profile,
                ladder_id=view.id,
                text=add,
                kind=kind or "real",
                at=at,
                now=now(),
            )
            changes += 1
        if step is not None:
            view = uc.edit_step(
                db,
                profile=profile,
                ladder_id=view.id,
                number=step,
                text=text,
                kind=kind if add is None else None,
                now=now(),
            )
            changes += 1
        if remove is not None:
            view = uc.remove_step(db, profile=profile, ladder_id=view.id, number=remove, now=now())
            changes += 1
        if move is not None and to is not None:
            view = uc.move_step(
                db, profile=profile, ladder_id=view.id, number=move, to=to, now=now()
            )
            changes += 1
        if resume:
            view = uc.resume(db, profile=profile, ladder_id=view.id, now=now())
            changes += 1
        if current_step is not None:
            view = uc.go_to_step(
                db, profile=profile, ladder_id=view.id, number=current_step, now=now()
            )
            changes += 1
        if day_list is not None:
            view = uc.set_days(db, profile=profile, ladder_id=view.id, days=day_list, now=now())
            changes += 1
        if not changes:
            if no_input or as_json:
                raise UnbraceError(
                    "Say what to change: --add, --remove, --move/--to, --step/--text, "
                    "--current, --days or --resume."
                )
            view = _edit_interactively(db, profile, view)
    if as_json:
        print_json(view.as_json())
        return
    _print_ladder(view)


def _edit_interactively(db: Session, profile: Profile, view: LadderView) -> LadderView:
    from unbrace.cli import prompts
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import ladder as uc

    out = console()
    while True:
        _print_ladder(view)
        choice = prompts.ask_text(
            "Change: (a)dd, (r)emove, (m)ove, (w)ords of a step, or Enter when done"
        ).lower()
        if not choice:
            return view
        try:
            if choice.startswith("a"):
                words = prompts.ask_text("The new step, in your words")
                view = uc.add_step(
                    db, profile=profile, ladder_id=view.id, text=words, kind="real", now=now()
                )
            elif choice.startswith("r"):
                number = int(prompts.ask_text("Remove which step (number)?"))
                view = uc.remove_step(
                    db, profile=profile, ladder_id=view.id, number=number, now=now()
                )
            elif choice.startswith("m"):
                number = int(prompts.ask_text("Move which step (number)?"))
                place = int(prompts.ask_text("To which place?"))
                view = uc.move_step(
                    db, profile=profile, ladder_id=view.id, number=number, to=place, now=now()
                )
            elif choice.startswith("w"):
                number = int(prompts.ask_text("Which step (number)?"))
                words = prompts.ask_text("Its new words", default=view.step(number).text)
                view = uc.edit_step(
                    db, profile=profile, ladder_id=view.id, number=number, text=words, now=now()
                )
            else:
                out.print("Type a, r, m or w, or press Enter to finish.")
        except ValueError as exc:
            out.print(str(exc) if isinstance(exc, UnbraceError) else "Please type a step number.")


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _parse_days(text: str) -> list[int]:
    from unbrace.core.errors import UnbraceError

    words = [word.strip().lower()[:3] for word in text.split(",") if word.strip()]
    if words == ["non"]:
        return []
    try:
        return [WEEKDAYS.index(word) for word in words]
    except ValueError:
        raise UnbraceError(
            f"Days are written like mon,wed,fri (or 'none'), not {text!r}."
        ) from None


@app.command("rate")
def ladder_rate(
    ctx: typer.Context,
    ladder: LadderOption = None,
    threat: Annotated[
        list[str] | None,
        typer.Option(
            "--threat",
            metavar="STEP=RATING",
            help="A threat rating 0-100 for a step, e.g. 3=40 (repeatable), "
            "or all in order: 10,30,50.",
        ),
    ] = None,
    no_input: NoInput = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the ladder as JSON.")] = False,
) -> None:
    """Rate how harmful each step would be (0-100); the ladder orders itself by it. Weekly."""
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import ladder as uc

    given: dict[int, int] = {}
    for item in threat or []:
        if "=" in item:
            number, _, value = item.partition("=")
            try:
                given[int(number)] = int(value)
            except ValueError:
                raise UnbraceError(
                    f"Write each --threat as STEP=RATING, like 3=40, not {item!r}."
                ) from None
        else:
            given.update(enumerate(_parse_threats(item), start=1))
    if not given and no_input:
        raise UnbraceError("With --no-input, give the ratings with --threat, like --threat 3=40.")
    current = state(ctx)
    with current.transaction() as db:
        profile, view = _pick(current, db, ladder)
        if not given:
            values = _ask_threats(view)
            if values is None:
                raise UnbraceError("Nothing was rated; nothing changed.")
            given = dict(enumerate(values, start=1))
        view = uc.rate(db, profile=profile, ladder_id=view.id, threats=given, now=now())
    if as_json:
        print_json(view.as_json())
        return
    _print_ladder(view)
