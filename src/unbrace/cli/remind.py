"""`unbrace routine show|set` and `unbrace remind ics|run|install|uninstall`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from unbrace.cli.output import console, note, print_json, styled
from unbrace.cli.state import State, now, state, today

if TYPE_CHECKING:
    from unbrace.core.routine import Nudge, Reminder, Routine

routine_app = typer.Typer(help="Your daily routine: when to practise, and resets at work.")
remind_app = typer.Typer(help="Reminders: a calendar file, desktop notifications, autostart.")

DEFAULT_PORT = 8765


def local_timezone() -> str:
    from unbrace.usecases.routines import local_timezone as zone

    return zone()


def current_routine(current: State) -> Routine:
    """The saved routine, or the default one in the computer's time zone."""
    from unbrace.usecases.routines import current_routine as routine

    with current.transaction() as db:
        return routine(db, profile=current.profile(db))


def routine_json(routine: Routine) -> dict[str, Any]:
    from unbrace.usecases.routines import routine_json as as_json

    return as_json(routine)


@routine_app.command("show")
def routine_show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """Your routine and today's reminders."""
    from unbrace.usecases.routines import routine_today

    routine = current_routine(state(ctx))
    data = routine_json(routine)
    data["today"] = routine_today(routine)
    if as_json:
        print_json(data)
        return
    out = console()
    out.print(styled("[bold]{intention}[/bold]", intention=data["intention"]))
    out.print(
        f"  practice      {data['practice']} · {data['minutes']} min at {data['anchor_time']}"
    )
    resets = "off" if not routine.reset_every else f"every {routine.reset_every} min"
    out.print(f"  work          {data['work_days']} {data['work_hours']}; posture resets {resets}")
    out.print(f"  downshift     {data['downshift'] or 'off'}")
    out.print(f"  quiet hours   {data['quiet_hours'] or 'none'}")
    out.print(f"  time zone     {data['timezone']}")
    times = ", ".join(dt.datetime.fromisoformat(r["at"]).strftime("%H:%M") for r in data["today"])
    out.print(f"  today         {times or 'nothing'}")


@routine_app.command("set")
def routine_set(
    ctx: typer.Context,
    anchor_time: Annotated[
        str | None,
        typer.Option("--anchor-time", help="When you usually do your anchor habit, HH:MM."),
    ] = None,
    anchor: Annotated[
        str | None, typer.Option("--anchor", help="The habit, e.g. 'making my morning coffee'.")
    ] = None,
    practice: Annotated[
        str | None, typer.Option("--practice", help="Which practice then (a practice id).")
    ] = None,
    minutes: Annotated[int | None, typer.Option("--minutes", help="How long, 1-20.")] = None,
    work_days: Annotated[
        str | None, typer.Option("--work-days", help="mon-fri, or a list like mon,tue,thu.")
    ] = None,
    work_hours: Annotated[
        str | None, typer.Option("--work-hours", help="HH:MM-HH:MM, e.g. 09:00-17:00.")
    ] = None,
    reset_every: Annotated[
        int | None, typer.Option("--reset-every", help="Minutes between posture resets; 0 = off.")
    ] = None,
    quiet_hours: Annotated[
        str | None,
        typer.Option("--quiet-hours", help="HH:MM-HH:MM when nothing fires (may cross midnight)."),
    ] = None,
    downshift: Annotated[
        str | None, typer.Option("--downshift", help="HH:MM for an evening downshift, or off.")
    ] = None,
    intention: Annotated[
        str | None,
        typer.Option("--intention", help="Your plan in your words: 'After I ..., I will ...'."),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option("--timezone", help="e.g. Europe/London (default: this computer's)."),
    ] = None,
) -> None:
    """Change your routine; everything you give is checked before anything is saved."""
    from unbrace.usecases.routines import change_routine, parse_changes

    current = state(ctx)
    changes = parse_changes(
        current.library(),
        anchor_time=anchor_time,
        anchor=anchor,
        practice=practice,
        minutes=minutes,
        work_days=work_days,
        work_hours=work_hours,
        reset_every=reset_every,
        quiet_hours=quiet_hours,
        downshift=downshift,
        intention=intention,
        timezone=timezone,
    )
    with current.transaction() as db:
        routine = change_routine(db, profile=current.profile(db), changes=changes, now=now())
    console().print(f"Saved. {routine.intention_or_default()}")


def _calendar_bytes(current: State) -> bytes:
    from unbrace.remind.calendar import build_calendar

    routine = current_routine(current)
    with current.transaction() as db:
        name = current.profile(db).name
    return build_calendar(routine, profile=name, start=today())


@remind_app.command("ics")
def remind_ics(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option("--out", help="The .ics file to write.")] = None,
    serve: Annotated[
        bool, typer.Option("--serve", help="Serve it at http://127.0.0.1:PORT/calendar.ics.")
    ] = False,
    port: Annotated[int, typer.Option("--port", help="Port for --serve.")] = DEFAULT_PORT,
) -> None:
    """Your routine as a calendar file your calendar app can import or subscribe to."""
    from unbrace.core.errors import UnbraceError

    if (out is None) == (not serve):
        raise UnbraceError("Give --out FILE.ics to write the file, or --serve to serve it.")
    if not 0 < port < 65536:
        raise UnbraceError("--port must be between 1 and 65535.")
    current = state(ctx)
    if out is not None:
        if out.suffix.lower() != ".ics":
            raise UnbraceError("The calendar file name should end in .ics.")
        from unbrace.files import write_private

        write_private(out, _calendar_bytes(current))  # the routine says when a person is home
        console().print(f"Wrote {out}. Import it into your calendar app.")
        return
    from unbrace.remind.serve import serve_calendar

    serve_calendar(lambda: _calendar_bytes(current), port=port, announce=console().print)


def morning_nudge(current: State) -> Nudge:
    """The flare-only nudge from the last two weeks of sessions and check-ins."""
    from unbrace.usecases import routines

    with current.transaction() as db:
        return routines.morning_nudge(db, profile=current.profile(db), today=today())


def start_elsewhere(reminder: Reminder) -> None:
    """The "Start" button: a terminal window with the session, or the command to run."""
    import shutil
    import subprocess

    command = [
        sys.argv[0] or "unbrace",
        "session",
        reminder.practice,
        "--minutes",
        str(reminder.minutes),
    ]
    terminal = shutil.which("x-terminal-emulator") or shutil.which("gnome-terminal")
    if terminal:
        subprocess.Popen([terminal, "--", *command], start_new_session=True)
    else:
        note("Start your session with: " + " ".join(command))


@remind_app.command("run")
def remind_run(
    ctx: typer.Context,
    until: Annotated[
        str | None, typer.Option("--until", help="Stop at this local time, HH:MM (testing).")
    ] = None,
) -> None:
    """Send today's reminders as they come (keep it running; Ctrl-C stops it)."""
    import asyncio
    import logging

    from unbrace.files import ensure_private_dir
    from unbrace.remind.notifier import choose_notifier
    from unbrace.remind.presence import system_presence
    from unbrace.remind.scheduler import Scheduler, SystemClock

    current = state(ctx)
    current_routine(current)  # a clear error now if there is no profile
    stop_at = None
    if until is not None:
        from unbrace.core.routine import parse_time

        local = dt.datetime.combine(today(), parse_time(until, what="stop time")).astimezone()
        stop_at = local if local > dt.datetime.now().astimezone() else local + dt.timedelta(days=1)
    ensure_private_dir(current.settings.home)
    logging.basicConfig(
        filename=current.settings.home / "remind.log",
        level=logging.INFO,
        format="%(asctime)s %(message)s",
    )
    logger = logging.getLogger("unbrace.remind")

    def log(line: str) -> None:
        logger.info(line)
        console().print(
            styled("[dim]{time}[/dim] {line}", time=f"{dt.datetime.now():%H:%M}", line=line)
        )

    async def main() -> None:
        notifier = await choose_notifier()
        scheduler = Scheduler(
            routine=lambda: current_routine(current),
            notifier=notifier,
            clock=SystemClock(),
            presence=await system_presence(),
            nudge=lambda: morning_nudge(current),
            on_start=start_elsewhere,
            log=log,
        )
        upcoming = scheduler.next_due()
        console().print(
            f"Reminders are on ({notifier.name}). Next: {upcoming.kind} at "
            f"{upcoming.at.astimezone():%a %H:%M}. Ctrl-C stops them."
        )
        try:
            await scheduler.run(until=stop_at)
        finally:
            close = getattr(notifier, "aclose", None)
            if close is not None:
                await close()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        console().print("Reminders stopped.")


def _autostart_entry() -> Any:
    import os

    from unbrace.remind.autostart import entry_for

    # The interpreter of this install, by absolute path: it works whatever PATH the login
    # session has, and on Windows where the console-script launcher's name varies. Not
    # resolved: a virtual environment's python is a link, and the interpreter it points to
    # does not see the environment's packages (unbrace among them).
    command = [str(Path(sys.executable).absolute()), "-m", "unbrace", "remind", "run"]
    return entry_for(sys.platform, command=command, home=Path.home(), env=os.environ)


@remind_app.command("install")
def remind_install(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print it; change nothing.")] = False,
) -> None:
    """Start `unbrace remind run` automatically when you log in."""
    from unbrace.remind.autostart import install

    entry = _autostart_entry()
    if dry_run:
        console().print(f"Would write {entry.path}:\n")
        sys.stdout.write(entry.content)
        return
    install(entry)
    console().print(f"Wrote {entry.path}. Reminders will start when you next log in.")
    if sys.platform == "linux":
        console().print(
            "To start them now: systemctl --user daemon-reload && "
            "systemctl --user start unbrace-remind"
        )


@remind_app.command("uninstall")
def remind_uninstall() -> None:
    """Stop starting reminders at login."""
    from unbrace.remind.autostart import uninstall

    entry = _autostart_entry()
    if uninstall(entry):
        console().print(f"Removed {entry.path}.")
    else:
        console().print("Reminders were not set to start at login; nothing to remove.")
