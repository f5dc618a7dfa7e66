"""`unbrace init` (getting to know the person) and `unbrace safety ...` (warning signs)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from unbrace.cli.output import console, print_json, styled
from unbrace.cli.state import State, now, state

if TYPE_CHECKING:
    from unbrace.core.personal import Personal

safety_app = typer.Typer(help="The warning-sign screen and its reminders.", no_args_is_help=True)

RedFlagsOption = Annotated[
    str | None,
    typer.Option(
        "--red-flags",
        help="Answers to the safety questions: 'none' or a comma list of sign ids "
        "(bladder-bowel, saddle-numbness, leg-weakness, injury, fever, cancer, weight-loss, "
        "night-pain).",
    ),
]


def init(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="What to call you.")] = None,
    movement: Annotated[
        list[str] | None,
        typer.Option(
            "--movement",
            metavar="TEXT",
            help="A movement you have come to fear or avoid (repeatable).",
        ),
    ] = None,
    scene: Annotated[
        str | None, typer.Option("--scene", help="A place you love, with its sights and sounds.")
    ] = None,
    anchor: Annotated[
        str | None, typer.Option("--anchor", help="A daily habit to practise after.")
    ] = None,
    red_flags: RedFlagsOption = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Ask nothing.")] = False,
) -> None:
    """Set up your profile: your movements, your scene, your anchor habit, and safety questions."""
    from unbrace.cli import safety_flow
    from unbrace.cli.prompts import ask_text
    from unbrace.core.errors import UnbraceError
    from unbrace.core.safety import DISCLAIMER, parse_flag_list
    from unbrace.usecases import profiles

    positive = parse_flag_list(red_flags) if red_flags is not None else None
    if no_input:
        if positive is None:
            raise UnbraceError("With --no-input, answer the safety questions with --red-flags.")
        if not name:
            raise UnbraceError("With --no-input, give your name with --name.")
    current = state(ctx)
    current.creates = True
    out = console()
    if not no_input:
        out.print(
            styled(
                "[bold]Welcome to unbrace.[/bold] A few questions to make practice yours. "
                "{disclaimer}\n",
                disclaimer=DISCLAIMER,
            )
        )
    if not name:
        name = ask_text("Your name", default=current.settings.profile or "")
    name = profiles.check_profile_name(name)
    known = existing_details(current, name)
    if positive is None:
        positive = safety_flow.ask_screen()
    if not positive and not no_input:
        # Asked again on a second `init`, with what is already known as the default:
        # pressing Enter keeps it.
        if movement is None:
            answer = ask_text(
                "Which movement have you come to fear or avoid? (e.g. bending to load the "
                "dishwasher)",
                default=known.movement,
            )
            movement = [answer] if answer else None
        if scene is None:
            scene = ask_text(
                "Describe a place you love, with what you see, hear and feel "
                "(e.g. a pine path, sun warm on your back)",
                default=known.scene,
            )
        if anchor is None:
            anchor = ask_text(
                "What do you already do every day that practice could follow? "
                "(e.g. making my morning coffee)",
                default=known.anchor,
            )
    from unbrace.usecases.profiles import onboard

    with current.transaction() as db:
        onboard(
            db,
            name=name,
            movements=movement,
            scene=scene,
            anchor=anchor,
            positive=positive,
            now=now(),
        )
    if positive:
        safety_flow.advice_panel(positive)
        out.print(
            "When a clinician has seen you, run  unbrace safety seen  and then  unbrace init  "
            "again to finish setting up."
        )
        return
    out.print(f"{'' if no_input else chr(10)}All set, {name}. Your details stay on this computer.")
    out.print("Start your first session with:  unbrace session movement-rehearsal")
    out.print("Or see today's plan with:        unbrace today")


def existing_details(current: State, name: str) -> Personal:
    """What a returning person told us before (empty for someone new)."""
    from unbrace.core.personal import Personal
    from unbrace.usecases import profiles

    if not current.has_data():
        return Personal()
    with current.transaction() as db:
        profile = profiles.find_profile(db, name=name)
        return profiles.personal_for(db, profile=profile) if profile else Personal()


@safety_app.command("screen")
def safety_screen(
    ctx: typer.Context,
    red_flags: RedFlagsOption = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Ask nothing.")] = False,
) -> None:
    """Answer the safety questions again (they come back every four weeks)."""
    from unbrace.cli import safety_flow
    from unbrace.core.errors import UnbraceError
    from unbrace.core.safety import parse_flag_list

    positive = parse_flag_list(red_flags) if red_flags is not None else None
    if positive is None:
        if no_input:
            raise UnbraceError("With --no-input, give the answers with --red-flags.")
        positive = safety_flow.ask_screen()
    current = state(ctx)
    with current.transaction() as db:
        current.profile(db)  # a clear error before anything is written
    new = safety_flow.record(current, reason="manual", positive=positive)
    if new:
        safety_flow.advice_panel(new)
    elif positive:
        console().print("Thank you. These signs were already checked by a clinician.")
    else:
        console().print("Thank you. Nothing here needs a clinician first.")


@safety_app.command("seen")
def safety_seen(ctx: typer.Context) -> None:
    """Confirm a clinician has seen you about the signs you reported."""
    from unbrace.usecases import safety as screening

    current = state(ctx)
    with current.transaction() as db:
        count = screening.confirm_seen(db, profile=current.profile(db), now=now())
    if count:
        console().print("Thank you. The reminder is cleared; follow what your clinician advised.")
    else:
        console().print("There was no open reminder.")


@safety_app.command("status")
def safety_status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """When the questions were last answered, and whether a reminder is open."""
    from unbrace.cli.state import today
    from unbrace.usecases.safety import safety_status

    current = state(ctx)
    with current.transaction() as db:
        data = safety_status(db, profile=current.profile(db), now=now(), today=today())
    if as_json:
        print_json(data)
        return
    out = console()
    last_text = "never"
    if data["last_screen"]:
        taken = dt.datetime.fromisoformat(data["last_screen"]).astimezone()
        last_text = f"{taken:%Y-%m-%d %H:%M}"
    out.print(f"Last answered: {last_text}")
    out.print(f"Open reminder: {', '.join(data['open_flags']) or 'none'}")
    reasons = {
        "never": "now: they have not been answered yet",
        "periodic": "now: it has been four weeks",
        "worrying_checkin": "now: after a hard day in your check-in",
    }
    out.print(f"Due again: {reasons.get(str(data['due']), 'now') if data['due'] else 'not yet'}")
