"""`unbrace session ID`: a guided session in the terminal, logged as it runs."""

from __future__ import annotations

import os
import signal
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from unbrace.cli.output import console, note, styled
from unbrace.cli.state import State, now, state, today

if TYPE_CHECKING:
    from collections.abc import Callable

    from unbrace.core.session import Player
    from unbrace.usecases import sessions


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
    from unbrace.core import limits, ratings
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
    if note_text is not None:
        limits.NOTE.check(note_text)  # refused now, not after the session has been played
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
    from unbrace.core.session import Player
    from unbrace.usecases import sessions
    from unbrace.usecases.unit_of_work import this_host

    practice = resolve_practice(current, practice_id)
    go = safety_flow.before_session(current, interactive=interactive)
    if not go.start:
        return
    if interactive and pain_before is None:
        pain_before = ask_rating(ratings.PAIN, skippable=True)
    with current.transaction() as db:
        started = sessions.start_session(
            db,
            profile=current.profile(db),
            practice=practice,
            minutes=minutes,
            pain_before=pain_before,
            now=now(),
            today=today(),
            host=this_host(),
            pid=os.getpid(),
            gentle_chosen=go.gentle_chosen,
        )
    plan, session_id = started.plan, started.id
    if started.gentler_words:
        console().print(styled("[italic]{words}[/italic]", words=started.gentler_words))

    speaker = None
    if voice:
        from unbrace.cli.audio import session_speaker

        speaker = session_speaker(plan.pace)

    def save(player: Player) -> None:
        with current.transaction() as db:
            sessions.save_progress(db, session_id=session_id, player=player, now=now())
        if speaker is not None:  # saves come at every step change: speak the new step
            speaker.follow(player)

    def finish(player: Player, given: sessions.Ratings) -> sessions.Finished:
        with current.transaction() as db:
            return sessions.finish_session(
                db,
                profile=current.profile(db),
                session_id=session_id,
                ended=player,
                ratings=given,
                now=now(),
            )

    player = Player(plan)
    previous = {sig: signal.signal(sig, _terminate) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        if speaker is not None:
            speaker.follow(player)
        _play(player, interactive=interactive, speed=speed, save=save)
    except Terminated as ended:
        finish(player, sessions.Ratings())
        raise typer.Exit(ended.exit_code) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if speaker is not None:
            speaker.close()
    if interactive:
        console().print()
        if pain_after is None:
            pain_after = ask_rating(ratings.PAIN, skippable=True)
        if vivid_visual is None:
            vivid_visual = ask_rating(ratings.VIVID_VISUAL, optional=True)
        if vivid_body is None:
            vivid_body = ask_rating(ratings.VIVID_BODY, optional=True)
        if note_text is None:
            note_text = ask_text("A note for yourself? (Enter to skip)")
    given = sessions.Ratings(pain_after, vivid_visual, vivid_body, note_text or "")
    _summary(finish(player, given))


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


def _summary(finished: sessions.Finished) -> None:
    from unbrace.core.safety import STOP_ADVICE

    console().print(styled("{summary}", summary=finished.summary))
    if finished.stop_advised:
        # The stop rule: practice should never make things clearly worse.
        console().print(
            styled(
                "[bold]Your pain is higher after practising.[/bold] {advice}", advice=STOP_ADVICE
            )
        )
    note("Take a moment before you get up, and move in whatever way feels easy.")
