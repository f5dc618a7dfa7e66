"""`unbrace ladder try|done|up`: trying a step, saying what happened, moving up."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from unbrace.cli.ladder.common import LadderOption, NoInput, _pick, _print_ladder, app
from unbrace.cli.output import console, note, print_json, styled
from unbrace.cli.state import now, state, today

if TYPE_CHECKING:
    from unbrace.usecases.ladder import AttemptView, TryFinished


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
