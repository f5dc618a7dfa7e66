"""`unbrace checkin` (how today went) and `unbrace history` (what has been logged)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any

import typer

from unbrace.cli.output import console, note, print_json, styled
from unbrace.cli.state import State, now, state, today

if TYPE_CHECKING:
    from unbrace.core.ratings import Scale
    from unbrace.usecases.checkins import Answers


def checkin(
    ctx: typer.Context,
    pain: Annotated[
        int | None, typer.Option("--pain", help="Average pain that day, 0-10 (PEG item 1).")
    ] = None,
    enjoyment: Annotated[
        int | None,
        typer.Option("--enjoyment", help="How much pain got in the way of enjoying life, 0-10."),
    ] = None,
    activity: Annotated[
        int | None,
        typer.Option("--activity", help="How much pain got in the way of general activity, 0-10."),
    ] = None,
    worst: Annotated[int | None, typer.Option("--worst", help="Worst pain today, 0-10.")] = None,
    stress: Annotated[int | None, typer.Option("--stress", help="Stress today, 0-10.")] = None,
    sleep: Annotated[
        int | None, typer.Option("--sleep", help="Sleep quality last night, 0-10.")
    ] = None,
    habit: Annotated[
        list[str] | None,
        typer.Option(
            "--habit",
            metavar="HABIT",
            help="A habit kept today (repeatable or comma list): movement-breaks, walking, "
            "hydration, seating, sleep-routine.",
        ),
    ] = None,
    flare: Annotated[bool, typer.Option("--flare", help="Today is a flare day.")] = False,
    note_text: Annotated[str | None, typer.Option("--note", help="A note to keep.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="The day, YYYY-MM-DD (default: today).")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace that day's check-in without asking.")
    ] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Ask nothing.")] = False,
) -> None:
    """A one-minute daily check-in: the three PEG questions, a few extras and habits."""
    from unbrace.cli import prompts
    from unbrace.core import ratings
    from unbrace.core.checkins import parse_habits
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import checkins

    day = checkins.check_day(
        ratings.parse_date(date, today=today()) if date else today(), today=today()
    )
    habits = parse_habits(habit or [])
    # Check what was given before asking anything else.
    for scale, value in (
        (ratings.PAIN, pain),
        (ratings.ENJOYMENT, enjoyment),
        (ratings.ACTIVITY, activity),
        (ratings.WORST, worst),
        (ratings.STRESS, stress),
        (ratings.SLEEP, sleep),
    ):
        if value is not None:
            scale.check(value)
    interactive = not no_input and (pain is None or enjoyment is None or activity is None)
    if no_input and (pain is None or enjoyment is None or activity is None):
        raise UnbraceError("With --no-input, give --pain, --enjoyment and --activity.")
    current = state(ctx)
    # Who and which day, settled before any question: no one answers thirteen questions only
    # to hear there is no profile, or that the day already has a check-in.
    with current.transaction() as db:
        existing = checkins.saved_answers(db, profile=current.profile(db), day=day)
        # A replacement starts from what was saved, as the web form does: Enter keeps it.
        stored = existing or checkins.Answers()
    ask = f"You already checked in for {day.isoformat()}. Replace it?"
    if existing is not None and not replace:
        if no_input or not prompts.ask_yes(ask):
            raise checkins.DayTaken(day)
        replace = True
    given = checkins.Answers(
        pain=pain,
        enjoyment=enjoyment,
        activity=activity,
        worst=worst,
        stress=stress,
        sleep=sleep,
        habits=habits,
        flare=flare,
        note=note_text or "",
    )
    if interactive:
        given = _ask(day, given, stored, note_given=note_text is not None)
    entry = given.as_checkin(day)
    with current.transaction() as db:
        checkins.check_in(
            db,
            profile=current.profile(db),
            checkin=entry,
            replace=replace,
            now=now(),
            today=today(),
        )
    console().print(
        f"Saved. PEG score {entry.peg:g} (pain {entry.pain}, enjoyment {entry.enjoyment}, "
        f"activity {entry.activity})."
    )
    _after_a_hard_day(current, no_input=no_input)


def _ask(day: dt.date, given: Answers, stored: Answers, *, note_given: bool) -> Answers:
    """The questions not answered by an option; Enter keeps what was saved for the day."""
    from unbrace.cli import prompts
    from unbrace.core import ratings
    from unbrace.core.checkins import HABITS

    on_day = " today" if day == today() else f" on {day:%A %d %B}"
    day_name = "today" if day == today() else f"{day:%A %d %B}"
    console().print(styled("[bold]Check-in for {day}[/bold]", day=day.isoformat()))
    console().print(styled("[dim]{note}[/dim]", note=ratings.PEG_DAILY_NOTE))
    if stored.pain is not None:
        console().print("Enter keeps what you saved before; type - to clear an extra.")

    def rating(value: int | None, scale: Scale, kept: int | None, optional: bool) -> int | None:
        if value is not None:
            return value
        return prompts.ask_rating(scale, optional=optional, default=kept)

    answered = replace(
        given,
        pain=rating(given.pain, ratings.AVERAGE_PAIN, stored.pain, False),
        enjoyment=rating(given.enjoyment, ratings.ENJOYMENT, stored.enjoyment, False),
        activity=rating(given.activity, ratings.ACTIVITY, stored.activity, False),
        worst=rating(given.worst, ratings.WORST, stored.worst, True),
        stress=rating(given.stress, ratings.STRESS, stored.stress, True),
        sleep=rating(given.sleep, ratings.SLEEP, stored.sleep, True),
    )
    habits = given.habits or tuple(
        key
        for key, label in HABITS.items()
        if prompts.ask_yes(f"{label}{on_day}?", default=key in stored.habits)
    )
    flare = given.flare or prompts.ask_yes(f"Was {day_name} a flare day?", default=stored.flare)
    note_text = given.note
    if not note_given:
        if stored.note:
            note_text = prompts.ask_text("A note? (Enter keeps it, - clears it)", default="")
            note_text = "" if note_text == "-" else note_text or stored.note
        else:
            note_text = prompts.ask_text("A note? (Enter to skip)")
    return replace(answered, habits=habits, flare=flare, note=note_text)


def _after_a_hard_day(current: State, *, no_input: bool) -> None:
    """A check-in that is a hard day (pain of 8 or more, a new flare) asks the warning-sign
    questions again; with no terminal to answer on, one line says how."""
    from unbrace.cli import prompts, safety_flow

    due = safety_flow.screen_due(current)
    if due != "worrying_checkin":
        return
    if not no_input and prompts.has_terminal():
        console().print("That sounds like a hard day. A few safety questions first.")
        positive = safety_flow.ask_screen()
        new = safety_flow.record(current, reason=due, positive=positive)
        if new:
            safety_flow.advice_panel(new)
    else:
        note("A hard day: please answer the safety questions with  unbrace safety screen")


history_app = typer.Typer(
    help="Sessions and check-ins logged so far; edit or delete one by its number.",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)


@history_app.callback()
def history(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option("--since", help="Only from this day on, YYYY-MM-DD.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """Sessions and check-ins logged so far; edit or delete one by its number."""
    if ctx.invoked_subcommand is not None:
        return
    import datetime as dt

    from unbrace.core import ratings
    from unbrace.usecases.records import checkins_json, sessions_json

    start = ratings.parse_date(since, since=True) if since else None
    current = state(ctx)
    with current.transaction() as db:
        profile = current.profile(db)
        sessions = sessions_json(db, profile=profile, since=start)
        checkins = checkins_json(db, profile=profile, since=start)
    if as_json:
        print_json({"sessions": sessions, "checkins": checkins})
        return
    out = console()
    out.print(styled("[bold]Sessions[/bold]"))
    if not sessions:
        out.print("  none yet")
    for item in sessions:
        when = dt.datetime.fromisoformat(item["started_at"]).astimezone()
        secs = round(item["seconds"] or 0)
        pain = ""
        if item["pain_before"] is not None and item["pain_after"] is not None:
            pain = f"  pain {item['pain_before']}→{item['pain_after']}"
        out.print(
            f"  {item['id']:>4}  {when:%Y-%m-%d %H:%M}  {item['title']:<28} "
            f"{secs // 60}:{secs % 60:02d}  {item['status']}{pain}",
            markup=False,
        )
    out.print(styled("[bold]Check-ins[/bold]"))
    if not checkins:
        out.print("  none yet")
    for c in checkins:
        flare = "  flare" if c["flare"] else ""
        out.print(f"  {c['id']:>4}  {c['date']}  pain {c['pain']}  PEG {c['peg']:g}{flare}")
    if sessions or checkins:
        out.print(
            "To correct one: unbrace history edit checkin NUMBER --pain 4, or "
            "unbrace history delete session NUMBER",
            markup=False,
        )


KindArg = Annotated[str, typer.Argument(help="session or checkin", metavar="KIND")]
NumberArg = Annotated[int, typer.Argument(help="Its number in unbrace history.", metavar="NUMBER")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


def _confirm(question: str, yes: bool) -> None:
    """Ask before changing a record; without an answer (end of input) nothing changes."""
    if not yes and not typer.confirm(question, default=False):
        raise typer.Abort()


@history_app.command("delete")
def history_delete(
    ctx: typer.Context, kind: KindArg, number: NumberArg, yes: YesOption = False
) -> None:
    """Delete one session or check-in by its number (asks first)."""
    from unbrace.usecases import history as usecase

    which = usecase.parse_kind(kind)
    current = state(ctx)
    with current.transaction() as db:
        profile = current.profile(db)
        found = usecase.find_record(db, profile=profile, kind=which, record_id=number)
    console().print(f"This deletes {found.summary}.", markup=False)
    _confirm("Delete it?", yes)
    with current.transaction() as db:
        gone = usecase.delete_record(db, profile=current.profile(db), kind=which, record_id=number)
    console().print(
        f"Deleted {gone.kind.value} {gone.id}. Insights now leave it out.", markup=False
    )


@history_app.command("edit")
def history_edit(
    ctx: typer.Context,
    kind: KindArg,
    number: NumberArg,
    pain: Annotated[
        int | None, typer.Option("--pain", help="Check-in: average pain, 0-10.")
    ] = None,
    enjoyment: Annotated[
        int | None,
        typer.Option("--enjoyment", help="Check-in: pain in the way of enjoying life, 0-10."),
    ] = None,
    activity: Annotated[
        int | None, typer.Option("--activity", help="Check-in: pain in the way of activity, 0-10.")
    ] = None,
    worst: Annotated[
        int | None, typer.Option("--worst", help="Check-in: worst pain, 0-10.")
    ] = None,
    stress: Annotated[int | None, typer.Option("--stress", help="Check-in: stress, 0-10.")] = None,
    sleep: Annotated[
        int | None, typer.Option("--sleep", help="Check-in: sleep quality, 0-10.")
    ] = None,
    flare: Annotated[
        bool | None, typer.Option("--flare/--no-flare", help="Check-in: a flare day or not.")
    ] = None,
    pain_before: Annotated[
        int | None, typer.Option("--pain-before", help="Session: pain before, 0-10.")
    ] = None,
    pain_after: Annotated[
        int | None, typer.Option("--pain-after", help="Session: pain after, 0-10.")
    ] = None,
    vivid_visual: Annotated[
        int | None, typer.Option("--vivid-visual", help="Session: how clearly you saw it, 1-5.")
    ] = None,
    vivid_body: Annotated[
        int | None, typer.Option("--vivid-body", help="Session: how strongly you felt it, 1-5.")
    ] = None,
    note_text: Annotated[str | None, typer.Option("--note", help="A new note.")] = None,
    yes: YesOption = False,
) -> None:
    """Correct one session's ratings or one check-in's answers by its number (asks first)."""
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import history as usecase

    which = usecase.parse_kind(kind)
    checkin_values = (pain, enjoyment, activity, worst, stress, sleep, flare)
    session_values = (pain_before, pain_after, vivid_visual, vivid_body)
    if which is usecase.Kind.CHECKIN and any(v is not None for v in session_values):
        raise UnbraceError(
            "A check-in has --pain, --enjoyment, --activity, --worst, --stress, --sleep, "
            "--flare and --note."
        )
    if which is usecase.Kind.SESSION and any(v is not None for v in checkin_values):
        raise UnbraceError(
            "A session has --pain-before, --pain-after, --vivid-visual, --vivid-body and --note."
        )
    current = state(ctx)

    def apply(db: Any) -> usecase.Edited:
        profile = current.profile(db)
        if which is usecase.Kind.CHECKIN:
            changes = usecase.CheckInChanges(
                pain=pain, enjoyment=enjoyment, activity=activity, worst=worst,
                stress=stress, sleep=sleep, flare=flare, note=note_text,
            )  # fmt: skip
            return usecase.edit_checkin(
                db, profile=profile, record_id=number, changes=changes, now=now()
            )
        session_changes = usecase.SessionChanges(
            pain_before=pain_before, pain_after=pain_after, vivid_visual=vivid_visual,
            vivid_body=vivid_body, note=note_text,
        )  # fmt: skip
        return usecase.edit_session(
            db, profile=profile, record_id=number, changes=session_changes, now=now()
        )

    # A dry run first (rolled back), so the person sees the change and every value is checked
    # before they are asked.
    with current.transaction() as db:
        preview = apply(db)
        db.rollback()
    out = console()
    out.print(f"Now:   {preview.before.summary}", markup=False)
    out.print(f"After: {preview.after.summary}", markup=False)
    _confirm("Save this change?", yes)
    with current.transaction() as db:
        apply(db)
    out.print("Saved. Insights now use the corrected record.", markup=False)
