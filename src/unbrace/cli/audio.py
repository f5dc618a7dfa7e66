"""`unbrace audio ID --out FILE.wav`: a practice rendered as calm spoken audio, and the
voice for `unbrace session --voice`."""

from __future__ import annotations

import os
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from unbrace.cli.output import console, err_console
from unbrace.cli.state import State, now, state, today

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.progress import Progress, TaskID

    from unbrace.audio.speak import StepSpeaker
    from unbrace.core.practices import Practice
    from unbrace.core.session import BreathPace, Plan

# Renders shorter than this many sentences finish before a progress bar is worth drawing.
PROGRESS_FROM = 12


def _say(message: str) -> None:
    """One line on stderr, never wrapped: a remark beside the output, not part of it."""
    err_console().print(message, soft_wrap=True, markup=False)


class Cues(StrEnum):
    ON = "on"
    OFF = "off"


class Format(StrEnum):
    WAV = "wav"
    OGG = "ogg"
    MP3 = "mp3"


def audio_command(
    ctx: typer.Context,
    practice_id: Annotated[
        str | None,
        typer.Argument(metavar="ID", help="A practice id, or one of your scripts by name."),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes", "-m", help="Length in minutes, 1 to 20 (default: the practice's)."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="The audio file to write; captions go beside it as .vtt."),
    ] = None,
    voice_name: Annotated[
        str | None,
        typer.Option(
            "--voice",
            metavar="NAME|PATH",
            help="joe (the calm neural voice, default), espeak (plainer), or a Piper .onnx file.",
        ),
    ] = None,
    rate: Annotated[
        float, typer.Option("--rate", help="Speaking rate, 0.5 (slower) to 2.0; 1.0 is calm.")
    ] = 1.0,
    cues: Annotated[
        Cues, typer.Option("--cues", help="Soft breath tones and step chimes.")
    ] = Cues.ON,
    fmt: Annotated[
        Format | None,
        typer.Option("--format", help="wav, ogg or mp3 (default: from --out, else wav)."),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear-cache", help="Remove every cached render and exit.")
    ] = False,
    gentle: Annotated[
        bool,
        typer.Option(
            "--gentle",
            help="The gentler, shorter version (with an urgent warning sign open: only if a "
            "clinician has said gentle practice is fine).",
        ),
    ] = False,
) -> None:
    """Render a practice as spoken audio with breath cues and captions, entirely offline."""
    from unbrace.core.errors import UnbraceError

    if clear:
        if practice_id is not None or out is not None:
            raise UnbraceError("--clear-cache takes no ID or --out.")
        from unbrace.audio.cache import clear_cache

        removed = clear_cache()
        console().print(f"Removed {removed} cached recording{'s' if removed != 1 else ''}.")
        return
    if practice_id is None:
        raise UnbraceError("Name a practice: unbrace audio ID --out FILE.wav")
    if out is None:
        raise UnbraceError("Give the file to write with --out, e.g. --out practice.wav")
    from unbrace.audio.voice import check_rate, choose_voice
    from unbrace.cli.scripts import resolve_practice
    from unbrace.core.session import validate_minutes

    if minutes is not None:
        validate_minutes(minutes)
    check_rate(rate)
    kind = _format(out, fmt)
    _check_out(out)
    current = state(ctx)
    practice = resolve_practice(current, practice_id)
    voice = choose_voice(voice_name)
    plan = _plan(current, practice, minutes, gentle=gentle)
    if voice.plain and voice_name is None:
        _say("The neural voice is not installed: using espeak-ng, a plainer voice.")
    with _progress() as progress:
        from unbrace.audio.cache import render_to

        saved = render_to(
            plan, voice, out, kind, rate=rate, cues=cues is Cues.ON, progress=progress
        )
    seconds = round(saved.seconds)
    where = " (from the cache)" if saved.cached else ""
    # A path is printed as it is: never wrapped (so it can be copied), never read as markup.
    console().print(
        f"Saved {saved.audio} ({practice.title}, {seconds // 60}:{seconds % 60:02d}, "
        f"voice {voice.name}){where}.",
        soft_wrap=True,
        markup=False,
    )
    console().print(f"Captions: {saved.captions}", soft_wrap=True, markup=False)


def _format(out: Path, fmt: Format | None) -> str:
    from unbrace.core.errors import UnbraceError

    suffix = out.suffix.lower().lstrip(".")
    known = {member.value for member in Format}
    if fmt is None:
        return suffix if suffix in known else Format.WAV.value
    if suffix in known and suffix != fmt.value:
        raise UnbraceError(f"--out ends in .{suffix} but --format is {fmt.value}; make them match.")
    return fmt.value


def _check_out(out: Path) -> None:
    """Refuse, before any rendering, an output the person could never get."""
    from unbrace.core.errors import UnbraceError

    folder = out.parent
    if out.is_dir():
        raise UnbraceError(f"{out} is a folder: give a file name, e.g. {out / 'practice.wav'}")
    if out.suffix.lower() == ".vtt":
        raise UnbraceError("--out is the audio file; its .vtt captions are written beside it.")
    if folder.exists() and not folder.is_dir():
        raise UnbraceError(f"Cannot write {out}: {folder} is a file, not a folder.")
    if not folder.is_dir():
        raise UnbraceError(f"Cannot write {out}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UnbraceError(f"Cannot write {out}: the folder {folder} is not writable.")


def _plan(current: State, practice: Practice, minutes: int | None, *, gentle: bool) -> Plan:
    """The practice as the person's session would be: a recording is a session to come, so the
    warning-sign gate and the flare rule apply (`usecases.sessions.plan_for_audio`). With no
    one set up yet there is no person to plan for: the plain practice, as `unbrace show`."""
    from unbrace.usecases import profiles, sessions

    if current.settings.profile or current.has_data():
        with current.transaction() as db:
            if profiles.list_profiles(db):
                # SafetyStop is an UnbraceError: one line and exit 2 when the gate says no.
                return sessions.plan_for_audio(
                    db,
                    profile=current.profile(db),
                    practice=practice,
                    minutes=minutes,
                    now=now(),
                    today=today(),
                    gentle=gentle,
                    gentle_chosen=gentle,
                )
    return sessions.preview(None, profile=None, practice=practice, minutes=minutes, flare=gentle)


class _Bar:
    """A Rich progress bar on stderr, started only once a long render is under way."""

    def __init__(self) -> None:
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.progress is None:
            if total < PROGRESS_FROM or not err_console().is_terminal:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.progress = Progress(
                "Speaking",
                BarColumn(),
                MofNCompleteColumn(),
                "sentences",
                TimeRemainingColumn(),
                console=err_console(),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("render", total=total)
        if self.task is not None:
            self.progress.update(self.task, completed=done)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@contextmanager
def _progress() -> Iterator[_Bar]:
    bar = _Bar()
    try:
        yield bar
    finally:
        bar.stop()


def session_speaker(pace: BreathPace) -> StepSpeaker | None:
    """The voice for `session --voice`, or None (with one line saying why) when there is
    no audio player or no voice: the session itself always goes on."""
    from unbrace.audio.speak import StepSpeaker, find_player, player_names
    from unbrace.audio.voice import choose_voice
    from unbrace.core.errors import UnbraceError

    player = find_player()
    if player is None:
        _say(f"No audio player found ({player_names()}): the session goes on without the voice.")
        return None
    try:
        voice = choose_voice(None)
    except UnbraceError as exc:
        _say(f"{exc} The session goes on without the voice.")
        return None
    if voice.plain:
        _say("Speaking with espeak-ng, a plainer voice: the neural voice is not installed.")
    return StepSpeaker(
        voice,
        player,
        pace=pace,
        on_problem=lambda why: _say(f"The voice stopped ({why}); the session goes on without it."),
    )
