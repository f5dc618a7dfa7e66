"""Finished renders, kept under the user's cache folder and reused when nothing changed.

The key is a SHA-256 of everything that affects the sound: the personalised step texts
and timings, the minutes and breath pace, the voice's identity (its model file's hash,
or the espeak-ng version), the rate, the cues, the format, and the versions of unbrace
and of the renderer. A hit copies the cached file, so it is byte-for-byte the same
recording as the first time, in a fraction of the time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unbrace.audio.render import Progress
    from unbrace.audio.voice import Voice
    from unbrace.core.session import Plan

# Bump when render.py or cues.py change how anything sounds, so old renders are not reused.
RENDER_VERSION = 2
# A 20-minute WAV is about 50 MB: keep the most recent renders only.
MAX_RENDERS = 24
AUDIO_SUFFIXES = (".wav", ".ogg", ".mp3")


def audio_cache_dir() -> Path:
    from unbrace.files import cache_dir

    return cache_dir() / "audio"


def render_key(plan: Plan, voice: Voice, *, rate: float, cues: bool, fmt: str) -> str:
    from unbrace import __version__

    payload = {
        "renderer": RENDER_VERSION,
        "unbrace": __version__,
        "minutes": plan.minutes,
        "pace": [plan.pace.inhale, plan.pace.exhale],
        "steps": [
            [step.text, step.cue, step.breath, round(step.seconds, 6)] for step in plan.steps
        ],
        "voice": voice.identity(),
        "rate": rate,
        "cues": cues,
        "format": fmt,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entry(key: str, fmt: str) -> tuple[Path, Path]:
    folder = audio_cache_dir()
    return folder / f"{key}.{fmt}", folder / f"{key}.vtt"


def fetch(key: str, fmt: str, out: Path) -> bool:
    """Copy a cached render to ``out`` (and its captions beside it); False on a miss."""
    from unbrace.audio.render import captions_path
    from unbrace.files import write_all_private

    audio, captions = _entry(key, fmt)
    if not (audio.is_file() and captions.is_file()):
        return False
    write_all_private(
        {
            out: lambda path: shutil.copyfile(audio, path),
            captions_path(out): lambda path: shutil.copyfile(captions, path),
        }
    )
    with contextlib.suppress(OSError):
        os.utime(audio)  # recently used: kept longest when pruning
    return True


def store(key: str, fmt: str, audio: Path, captions: Path) -> None:
    """Keep a copy of a finished render. A cache that cannot be written is only skipped:
    the person already has their file."""
    from unbrace.core.errors import UnbraceError
    from unbrace.files import ensure_private_dir, write_all_private

    cached_audio, cached_captions = _entry(key, fmt)
    try:
        # The cache holds recordings that speak the person's own words: owner-only.
        ensure_private_dir(cached_audio.parent)
        write_all_private(
            {
                cached_captions: lambda path: shutil.copyfile(captions, path),
                cached_audio: lambda path: shutil.copyfile(audio, path),
            }
        )
        _prune(cached_audio.parent)
    except (OSError, UnbraceError):
        pass


def _prune(folder: Path) -> None:
    renders = sorted(
        (path for path in folder.iterdir() if path.suffix in AUDIO_SUFFIXES),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    for old in renders[MAX_RENDERS:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".vtt").unlink(missing_ok=True)  # the key includes the format


def clear_cache() -> int:
    """Remove every cached render; returns how many recordings were removed."""
    folder = audio_cache_dir()
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.iterdir():
        if path.is_file():
            removed += path.suffix in AUDIO_SUFFIXES
            path.unlink(missing_ok=True)
    return removed


@dataclass(frozen=True)
class Saved:
    audio: Path
    captions: Path
    seconds: float
    cached: bool


def render_to(
    plan: Plan,
    voice: Voice,
    out: Path,
    fmt: str,
    *,
    rate: float,
    cues: bool,
    progress: Progress | None = None,
) -> Saved:
    """Render ``plan`` to ``out`` (and its captions), from the cache when possible."""
    from unbrace.audio.render import captions_path, check_format, render, write_audio

    check_format(fmt)
    key = render_key(plan, voice, rate=rate, cues=cues, fmt=fmt)
    if fetch(key, fmt, out):
        return Saved(out, captions_path(out), plan.minutes * 60.0, cached=True)
    voice.prepare()
    rendered = render(plan, voice, cues=cues, rate=rate, progress=progress)
    audio, captions = write_audio(rendered, out, fmt)
    store(key, fmt, audio, captions)
    return Saved(audio, captions, rendered.seconds, cached=False)
