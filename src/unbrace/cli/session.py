"""`unbrace session ID`: a guided session in the terminal, logged as it runs."""

from __future__ import annotations

import os
import signal
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from unbrace.cli.output import console, note, styled
from unbrace.cli.state import State, now, state, today
from unbrace.core.words import counted

if TYPE_CHECKING:
    from collections.abc import Callable

    from unbrace.core.session import Player


# Pain after a session at or above this (0-10) brings the stop advice.
HIGH_AFTER = 8


class Terminated(KeyboardInterrupt):
    """The process was asked to end (SIGTERM, SIGHUP): save what was practised and go."""

    @property
    def exit_code(self) -> int:
        return 128 + int(self.args[0]) if self.args else 143


def _terminate(signum: int, _frame: FrameType | None) -> None:
    raise Terminated(signum)


def session(
    ctx: typer.Context,
    practice_id: Annotated[str, typer.Argument(metavar="ID", help="A practice id.")],
    minutes: Annotated[
        int | None, typer.Option("--minutes", "-m", help="Length in minutes, 1 to 20.")
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Ask nothing; take ratings from the options.")
    ] = False,
    pain_before: Annotated[
        int | None, typer.Option("--pain-before", help="Pain now, 0-10, before.")
    ] = None,
    pain_after: Annotated[
        int | None, typer.Option("--pain-after", help="Pain now, 0-10, after.")
    ] = None,
    vivid_visual: Annotated[
        int | None, typer.Option("--vivid-visual", help="How clearly you saw it, 1-5.")
    ] = None,
    vivid_body: Annotated[
        int | None, typer.Option("--vivid-body", help="How strongly you felt it, 1-5.")
    ] = None,
    note_text: Annotated[str | None, typer.Option("--note", help="A note to keep.")] = None,
    speed: Annotated[
        float, typer.Option("--speed", help="Run the clock this many times faster (testing).")
    ] = 1.0,
    voice: Annotated[
        bool,
        typer.Option("--voice", help="Speak each step aloud as it begins (see unbrace audio)."),
    ] = False,
) -> None:
    """Start a guided session: pain before, timed steps with a breath pacer, ratings after."""
    from unbrace.core import ratings
    from unbrace.core.errors import UnbraceError
    from unbrace.core.practices import validate_minutes

    for scale, value in (
        (ratings.PAIN, pain_before),
        (ratings.PAIN, pain_after),
        (ratings.VIVID_VISUAL, vivid_visual),
        (ratings.VIVID_BODY, vivid_body),
    ):
        if value is not None:
            scale.check(value)
    if not 0 < speed <= 10_000:
        raise UnbraceError("--speed must be above 0 and at most 10000.")
    if minutes is not None:
        validate_minutes(minutes)
    from unbrace.cli.scripts import resolve_practice

    current = state(ctx)
    resolve_practice(current, practice_id)  # an unknown id fails before anything is asked
    run_session(
        current,
        practice_id=practice_id,
        minutes=minutes,
        interactive=not no_input,
        pain_before=pain_before,
        pain_after=pain_after,
        vivid_visual=vivid_visual,
        vivid_body=vivid_body,
        note_text=note_text,
        speed=speed,
        voice=voice,
    )


def run_session(
    current: State,
    *,
    practice_id: str,
    minutes: int | None,
    interactive: bool,
    pain_before: int | None = None,
    pain_after: int | None = None,
    vivid_visual: int | None = None,
    vivid_body: int | None = None,
    note_text: str | None = None,
    speed: float = 1.0,
    voice: bool = False,
) -> None:
    from unbrace.cli import safety_flow
    from unbrace.cli.prompts import ask_rating, ask_text
    from unbrace.cli.scripts import resolve_practice
    from unbrace.core import ratings
    from unbrace.core.session import BreathPace, Player, plan_session
    from unbrace.store import repo
    from unbrace.store.db import this_host

    practice = resolve_practice(current, practice_id)
    with current.transaction() as db:
        profile = current.profile(db)
        personal = repo.personal_for(db, profile=profile)
        pace = (
            BreathPace(profile.breath_in, profile.breath_out)
            if profile.breath_in and profile.breath_out
            else None
        )
        todays = repo.get_checkin(db, profile=profile, date=today())
        flare_day = bool(todays and todays.flare)
    if not safety_flow.before_session(current, interactive=interactive):
        return
    if interactive and pain_before is None:
        pain_before = ask_rating(ratings.PAIN)
    flare = flare_day or (pain_before is not None and pain_before >= ratings.HIGH_PAIN)
    length = minutes or (practice.flare_minutes if flare else practice.default_minutes)
    plan = plan_session(practice, length, personal, pace=pace, flare=flare)
    if flare:
        uses_movement = any("{movement}" in step.text for step in practice.steps)
        easier = ", and your movement at an easier step" if uses_movement else ""
        console().print(
            styled(
                "[italic]A gentler session today: shorter{easier}. "
                "Go only as far as feels kind.[/italic]",
                easier=easier,
            )
        )
    with current.transaction() as db:
        record = repo.start_session(
            db,
            profile=current.profile(db),
            plan=plan,
            pain_before=pain_before,
            flare=flare,
            now=now(),
            host=this_host(),
            pid=os.getpid(),
        )
        session_id = record.id

    speaker = None
    if voice:
        from unbrace.cli.audio import session_speaker

        speaker = session_speaker(plan.pace)

    def save(player: Player) -> None:
        with current.transaction() as db:
            repo.save_progress(db, session_id=session_id, player=player, now=now())
        if speaker is not None:  # saves come at every step change: speak the new step
            speaker.follow(player)

    player = Player(plan)
    previous = {sig: signal.signal(sig, _terminate) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        if speaker is not None:
            speaker.follow(player)
        _play(player, interactive=interactive, speed=speed, save=save)
    except Terminated as ended:
        with current.transaction() as db:
            repo.finish_session(db, session_id=session_id, player=player, now=now())
        raise typer.Exit(ended.exit_code) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if speaker is not None:
            speaker.close()
    if interactive:
        console().print()
        if pain_after is None:
            pain_after = ask_rating(ratings.PAIN)
        if vivid_visual is None:
            vivid_visual = ask_rating(ratings.VIVID_VISUAL, optional=True)
        if vivid_body is None:
            vivid_body = ask_rating(ratings.VIVID_BODY, optional=True)
        if note_text is None:
            note_text = ask_text("A note for yourself? (Enter to skip)")
    with current.transaction() as db:
        record = repo.finish_session(
            db,
            session_id=session_id,
            player=player,
            now=now(),
            pain_after=pain_after,
            vivid_visual=vivid_visual,
            vivid_body=vivid_body,
            note=note_text or "",
        )
        _summary(record.status, record.seconds, plan.minutes, pain_before, pain_after)


def _play(
    player: Player, *, interactive: bool, speed: float, save: Callable[[Player], None]
) -> None:
    from unbrace.cli.keys import raw_keys
    from unbrace.cli.player import run_live, run_plain

    out = console()
    if interactive and out.is_terminal:
        with raw_keys() as keys:
            run_live(player, console=out, keys=keys, speed=speed, save=save)
    else:
        run_plain(player, console=out, speed=speed, save=save)


def _summary(
    status: str, seconds: float, minutes: int, before: int | None, after: int | None
) -> None:
    practised = round(seconds)
    done = f"{practised // 60}:{practised % 60:02d}"
    if status == "completed":
        line = f"Well done: you practised {done}."
    else:
        line = f"Saved: you practised {done} of {counted(minutes, 'minute')}. Every minute counts."
    if before is not None and after is not None:
        line += f" Pain {before} → {after}."
    console().print(line)
    if after is not None and (after >= HIGH_AFTER or (before is not None and after - before >= 3)):
        # A stop rule: practice should never make things clearly worse.
        console().print(
            styled(
                "[bold]Your pain is higher after practising.[/bold] Stop for today and rest in "
                "a position that feels easy. Next time, try a shorter, gentler practice. If the "
                "pain stays high, or you notice any warning sign, contact a clinician."
            )
        )
    note("Take a moment before you get up, and move in whatever way feels easy.")
