"""Guided audio for the web player: a practice rendered with the default voice, and the
finished recording and its captions served from the render cache.

Rendering takes seconds (minutes on a slow machine), so it runs in a worker thread outside
any database transaction, one render at a time: a second request for the same recording
waits and then finds it in the cache. Files are served by their cache key, which must be
exactly a SHA-256 in hex, so no other file can ever be asked for.
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import AsyncExitStack, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import anyio
import anyio.to_thread
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from unbrace.core.errors import UnbraceError
from unbrace.usecases.safety_gate import SafetyStop
from unbrace.web.api.models import Bool, Input, Minutes
from unbrace.web.deps import (
    LibraryDep,
    SettingsDep,
    conflict,
    lookup_profile,
    not_found,
    now,
    today,
)

if TYPE_CHECKING:
    from unbrace.audio.voice import Voice
    from unbrace.core.practices import Library
    from unbrace.core.session import Plan
    from unbrace.settings import Settings
    from unbrace.usecases.unit_of_work import UnitOfWork

router = APIRouter(tags=["audio"])

FORMAT = "wav"
RATE = 1.0
CUES = True
KEY = re.compile(r"[0-9a-f]{64}")
NO_SUCH_RECORDING = "There is no such recording; ask for it to be rendered again."
MEDIA_TYPES = {"wav": "audio/wav", "vtt": "text/vtt; charset=utf-8"}


class AudioRequest(Input):
    practice: Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[^\x00-\x1f]+$")]
    minutes: Minutes | None = None
    flare: Bool = False
    gentle: Bool = False  # a gentle session chosen while an urgent warning sign is open


class AudioReady(BaseModel):
    audio: str
    captions: str
    seconds: float
    voice: str
    plain: bool  # a plainer, more robotic voice (espeak-ng): worth saying so


def default_voice() -> Voice:
    """The voice the web player uses: joe, else espeak-ng (UnbraceError when neither)."""
    from unbrace.audio.voice import choose_voice

    return choose_voice(None)


def _plan(store: UnitOfWork, settings: Settings, library: Library, body: AudioRequest) -> Plan:
    """The practice personalised for the server's profile, as the session page plans it: a
    recording is a session to come, so the warning-sign gate and the flare rule apply
    (`SafetyStop`, a 409, when the gate says no). Before anyone is set up there is no person
    to plan for; that recording is the plain practice, as `unbrace audio` makes it then."""
    from unbrace.usecases import sessions
    from unbrace.usecases.practices import find_practice

    with store.transaction() as db:
        profile = lookup_profile(db, settings)
        practice = find_practice(db, library=library, profile=profile, practice_id=body.practice)
        if practice is None:
            raise UnbraceError(f"There is no practice called {body.practice!r}.")
        return sessions.plan_for_audio(
            db,
            profile=profile,
            practice=practice,
            minutes=body.minutes,
            now=now(),
            today=today(),
            gentle=body.flare,
            gentle_chosen=body.gentle,
        )


def _cached(key: str, suffix: str) -> Path:
    from unbrace.audio.cache import audio_cache_dir

    return audio_cache_dir() / f"{key}.{suffix}"


def _render(plan: Plan, voice: Voice, key: str) -> float:
    """Render into the cache (unless it is there already); the recording's length."""
    from unbrace.audio.cache import render_to

    audio, captions = _cached(key, FORMAT), _cached(key, "vtt")
    if audio.is_file() and captions.is_file():
        with suppress(OSError):
            os.utime(audio)  # recently used: kept longest when pruning
        return plan.minutes * 60.0
    try:
        voice.prepare()  # only now: loading the neural voice takes time and memory
    except UnbraceError as exc:  # a voice that cannot be loaded or run
        raise HTTPException(status_code=503, detail=str(exc)) from None
    with tempfile.TemporaryDirectory(prefix="unbrace-audio-") as folder:
        saved = render_to(
            plan, voice, Path(folder) / f"practice.{FORMAT}", FORMAT, rate=RATE, cues=CUES
        )
    if not (audio.is_file() and captions.is_file()):
        raise HTTPException(
            status_code=503,
            detail=f"The recording could not be kept in {audio.parent}; check that it is writable.",
        )
    return saved.seconds


@router.post(
    "/audio",
    responses={
        409: {"description": "The warning-sign gate stops it (the sentence says why)."},
        503: {"description": "No voice is installed, or the cache cannot be written."},
    },
)
async def render_audio(
    body: AudioRequest, request: Request, settings: SettingsDep, library: LibraryDep
) -> AudioReady:
    """The practice spoken by the default voice (rendered now, or from the cache), as the
    addresses of its WAV recording and WebVTT captions."""
    from unbrace.audio.cache import render_key

    state = request.app.state
    async with AsyncExitStack() as stack:
        turns = getattr(state, "turns", None)
        if turns is not None:  # the database is read in its turn, as every request does
            await stack.enter_async_context(turns.slots)
        try:
            plan = await run_in_threadpool(_plan, state.store, settings, library, body)
        except SafetyStop as exc:
            raise conflict(str(exc)) from None
    try:
        voice = await run_in_threadpool(default_voice)
    except UnbraceError as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from None
    lock: anyio.Lock | None = getattr(state, "audio_lock", None)
    if lock is None:
        lock = state.audio_lock = anyio.Lock()
    async with lock:  # one render at a time: the same request twice renders once
        try:
            key = await anyio.to_thread.run_sync(
                lambda: render_key(plan, voice, rate=RATE, cues=CUES, fmt=FORMAT)
            )
        except UnbraceError as exc:  # espeak-ng that cannot even tell its version
            raise HTTPException(status_code=503, detail=str(exc)) from None
        seconds = await anyio.to_thread.run_sync(_render, plan, voice, key)
    return AudioReady(
        audio=f"/api/v1/audio/{key}.{FORMAT}",
        captions=f"/api/v1/audio/{key}.vtt",
        seconds=round(seconds, 3),
        voice=voice.name,
        plain=voice.plain,
    )


def _serve(key: str, suffix: str) -> FileResponse:
    if KEY.fullmatch(key) is None:
        raise not_found(NO_SUCH_RECORDING)
    path = _cached(key, suffix)
    if not path.is_file():
        raise not_found(NO_SUCH_RECORDING)
    return FileResponse(path, media_type=MEDIA_TYPES[suffix])


@router.get(
    "/audio/{key}.wav",
    response_class=FileResponse,
    responses={200: {"content": {"audio/wav": {}}}, 404: {"description": "No such recording."}},
)
def audio_file(key: str) -> FileResponse:
    """A rendered recording (WAV), by its cache key."""
    return _serve(key, FORMAT)


@router.get(
    "/audio/{key}.vtt",
    response_class=FileResponse,
    responses={200: {"content": {"text/vtt": {}}}, 404: {"description": "No such recording."}},
)
def captions_file(key: str) -> FileResponse:
    """The WebVTT captions of a rendered recording, by its cache key."""
    return _serve(key, "vtt")
