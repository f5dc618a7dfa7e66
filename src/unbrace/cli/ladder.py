"""`unbrace ladder new|show|edit|rate|try|done|up`: visualise, then do.

A ladder per feared movement, from imagining it to doing it in daily life; each try is a
prediction tested against what happens (use cases in `usecases/ladder/`, rules in
`core/ladder.py`, sources there and in docs/ladder.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from unbrace.cli.output import console, note, print_json, styled
from unbrace.cli.state import State, now, state, today

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.usecases.entities import Profile
    from unbrace.usecases.ladder import AttemptView, LadderView, TryFinished

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


@app.command("try")
def ladder_try(
    ctx: typer.Context,
    step: Annotated[int, typer.Argument(help="The step's number in `ladder show`.")],
    ladder: LadderOption = None,
    expected_pain: Annotated[
        int | None,
        typer.Option("--expected-pain", help="The pain you expect while doing it, 0-10."),
    ] = None,
    harm: Annotated[
        int | None, typer.Option("--harm", help="How likely harm to your back is, 0-100.")
    ] = None,
    fear: Annotated[
        int | None, typer.Option("--fear", help="How afraid you are now, 0-10.")
    ] = None,
    feared: Annotated[
        str | None, typer.Option("--feared", help="What you fear will happen, in your words.")
    ] = None,
    no_input: NoInput = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the try as JSON.")] = False,
) -> None:
    """Before trying a step: what you expect. Then do it, and come back with `ladder done`."""
    from unbrace.cli import prompts, safety_flow
    from unbrace.core import ladder as rules
    from unbrace.core import limits
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import ladder as uc

    for scale, value in (
        (rules.EXPECTED_PAIN, expected_pain),
        (rules.EXPECTED_HARM, harm),
        (rules.FEAR, fear),
    ):
        if value is not None:
            scale.check(value)
    if feared is not None:
        rules.check_words(limits.FEARED_OUTCOME, feared)
    missing = expected_pain is None or harm is None or fear is None or not feared
    if (no_input or as_json) and missing:
        raise UnbraceError("With --no-input, give --expected-pain, --harm, --fear and --feared.")
    current = state(ctx)
    with current.transaction() as db:
        profile, view = _pick(current, db, ladder)
        refused = uc.check_try(
            db, profile=profile, ladder_id=view.id, number=step, now=now(), today=today()
        )
    if (
        refused is not None
        and refused.reason is uc.Blocked.SCREEN_DUE
        and not (no_input or as_json)
    ):
        positive = safety_flow.ask_screen()
        new = safety_flow.record(current, reason=refused.due or "periodic", positive=positive)
        if new:
            safety_flow.advice_panel(new)
            raise typer.Exit(1)
        refused = None
    if refused is not None:
        if refused.reason is uc.Blocked.IMAGERY:
            console().print(refused.sentence)
            console().print("Start it with: unbrace session movement-rehearsal")
            return
        if refused.flags:
            safety_flow.advice_panel(list(refused.flags))
        raise UnbraceError(
            refused.sentence
            if refused.reason is not uc.Blocked.SCREEN_DUE
            else "The safety questions are due before a real step: run  unbrace safety screen"
        )
    chosen = view.step(step)
    if not (no_input or as_json):
        console().print(styled("[bold]Step {n}: {text}[/bold]", n=chosen.number, text=chosen.text))
        console().print("Before you start, a prediction. There are no right answers.")
        expected_pain = (
            expected_pain if expected_pain is not None else prompts.ask_rating(rules.EXPECTED_PAIN)
        )
        harm = harm if harm is not None else prompts.ask_rating(rules.EXPECTED_HARM)
        fear = fear if fear is not None else prompts.ask_rating(rules.FEAR)
        while not feared:
            feared = prompts.ask_text("In your own words, what do you fear will happen?")
    assert expected_pain is not None and harm is not None and fear is not None and feared
    prediction = rules.Prediction(expected_pain, harm, fear, feared)
    with current.transaction() as db:
        result = uc.start_try(
            db,
            profile=current.profile(db),
            ladder_id=view.id,
            number=step,
            prediction=prediction,
            now=now(),
            today=today(),
        )
    if isinstance(result, uc.TryRefused):  # the gate changed between the two transactions
        raise UnbraceError(result.sentence)
    if as_json:
        print_json(result.attempt.as_json())
        return
    if result.flare_advice:
        console().print(result.flare_advice)
    console().print(
        f"Let's see what happens. Go gently, at your own pace; you can stop at any moment.\n"
        f"When you have done it: unbrace ladder done {result.attempt.id}"
    )


@app.command("done")
def ladder_done(
    ctx: typer.Context,
    attempt: Annotated[int, typer.Argument(help="The try's number, as `ladder try` printed it.")],
    pain: Annotated[
        int | None, typer.Option("--pain", help="The pain while you did it, 0-10.")
    ] = None,
    happened: Annotated[
        str | None,
        typer.Option("--happened", help="Did what you feared happen? no, partly or yes."),
    ] = None,
    surprise: Annotated[
        str | None, typer.Option("--surprise", help="One line on what surprised you.")
    ] = None,
    new_symptom: Annotated[
        bool | None,
        typer.Option(
            "--new-symptom/--no-new-symptom",
            help="Something new or unusual appeared (numbness, weakness, a new kind of pain).",
        ),
    ] = None,
    next_day_pain: Annotated[
        int | None, typer.Option("--next-day-pain", help="Your back pain the day after, 0-10.")
    ] = None,
    no_input: NoInput = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the try as JSON.")] = False,
) -> None:
    """After a try: what happened, and the gap from what you expected; later the next day."""
    from unbrace.cli import prompts, safety_flow
    from unbrace.core import ladder as rules
    from unbrace.core import limits
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import ladder as uc

    if pain is not None:
        rules.ACTUAL_PAIN.check(pain)
    if next_day_pain is not None:
        rules.NEXT_DAY_PAIN.check(next_day_pain)
    outcome = rules.parse_outcome(happened) if happened is not None else None
    if surprise is not None:
        rules.check_words(limits.SURPRISE, surprise)
    quiet = no_input or as_json
    current = state(ctx)
    with current.transaction() as db:
        profile = current.profile(db)
        seen = uc.get_attempt(db, profile=profile, attempt_id=attempt, now=now())
    finished: TryFinished | None = None
    if not seen.finished:
        if quiet and (pain is None or outcome is None or new_symptom is None):
            raise UnbraceError(
                "With --no-input, give --pain, --happened and --new-symptom or --no-new-symptom."
            )
        if not quiet:
            console().print(styled("[bold]How did it go: {text}?[/bold]", text=seen.step_text))
            console().print(f"You feared: “{seen.feared_outcome}”.")
            pain = pain if pain is not None else prompts.ask_rating(rules.ACTUAL_PAIN)
            while outcome is None:
                try:
                    outcome = rules.parse_outcome(
                        prompts.ask_text("Did what you feared happen? (no / partly / yes)")
                    )
                except UnbraceError as exc:
                    console().print(str(exc))
            if new_symptom is None:
                new_symptom = prompts.ask_yes(
                    "Did anything new or unusual appear, like numbness, weakness or a new kind "
                    "of pain?"
                )
            if surprise is None:
                surprise = prompts.ask_text("One line on what surprised you? (Enter to skip)")
        assert pain is not None and outcome is not None
        result = rules.Result(pain, outcome, surprise or "", bool(new_symptom))
        with current.transaction() as db:
            finished = uc.finish_try(
                db, profile=current.profile(db), attempt_id=attempt, result=result, now=now()
            )
            if next_day_pain is not None:
                uc.follow_up(
                    db,
                    profile=current.profile(db),
                    attempt_id=attempt,
                    next_day_pain=next_day_pain,
                    now=now(),
                )
        seen = finished.attempt
    else:
        if next_day_pain is None and quiet:
            raise UnbraceError(
                f"Try {attempt} already has its answers; add the next day's pain with "
                "--next-day-pain."
            )
        if pain is not None or outcome is not None:
            raise UnbraceError(
                f"Try {attempt} already has its answers; only --next-day-pain can be added."
            )
        if next_day_pain is None:
            next_day_pain = prompts.ask_rating(rules.NEXT_DAY_PAIN)
        assert next_day_pain is not None
        with current.transaction() as db:
            seen = uc.follow_up(
                db,
                profile=current.profile(db),
                attempt_id=attempt,
                next_day_pain=next_day_pain,
                now=now(),
            )
    if as_json:
        print_json(
            {
                **seen.as_json(),
                "hard": finished.hard if finished else None,
                "stop": finished.stop if finished else None,
                "paused": finished.paused if finished else None,
                "advice": list(finished.advice) if finished else [],
                "move_up": finished.move_up.sentence if finished and finished.move_up else None,
            }
        )
        return
    _print_result(seen, finished)
    if finished is not None and finished.rescreen:
        if quiet:
            note("A hard try: please answer the safety questions with  unbrace safety screen")
        else:
            console().print("A few safety questions, as after any hard day.")
            new = safety_flow.record(
                current, reason="worrying_checkin", positive=safety_flow.ask_screen()
            )
            if new:
                safety_flow.advice_panel(new)


def _print_result(seen: AttemptView, finished: TryFinished | None) -> None:
    out = console()
    if seen.gap:
        out.print(styled("[bold]{gap}[/bold]", gap=seen.gap))
    if seen.next_day_pain is not None:
        out.print(f"The day after, your back pain was {seen.next_day_pain}.")
    elif finished is not None:
        out.print(
            "Tomorrow, tell unbrace how your back is: "
            f"unbrace ladder done {seen.id} --next-day-pain N"
        )
    if finished is None:
        return
    for line in finished.advice:
        out.print(line)
    if finished.move_up is not None:
        out.print(f"{finished.move_up.sentence}  (unbrace ladder up)")


@app.command("up")
def ladder_up(
    ctx: typer.Context,
    ladder: LadderOption = None,
    down: Annotated[bool, typer.Option("--down", help="Go back one step instead.")] = False,
) -> None:
    """Move to the next step when you feel ready (or back one with --down): your choice."""
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import ladder as uc

    current = state(ctx)
    with current.transaction() as db:
        profile, view = _pick(current, db, ladder)
        here = view.current.number if view.current else 1
        target = here - 1 if down else here + 1
        if not 1 <= target <= len(view.steps):
            raise UnbraceError(
                "You are on the first step already." if down else "You are on the top step already."
            )
        view = uc.go_to_step(db, profile=profile, ladder_id=view.id, number=target, now=now())
    _print_ladder(view)
