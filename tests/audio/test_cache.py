"""Cached renders: keyed by everything that changes the sound, copied byte for byte."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.audio.sound import FakeVoice, plan
from unbrace.audio import cache
from unbrace.audio.cache import clear_cache, render_key, render_to
from unbrace.audio.voice import EspeakVoice
from unbrace.core.session import BreathPace


def test_a_second_identical_render_is_a_byte_identical_copy(
    espeak: EspeakVoice, tmp_path: Path, audio_cache: Path
) -> None:
    timed = plan("posture-reset", 1)
    start = time.perf_counter()
    first = render_to(timed, espeak, tmp_path / "first.wav", "wav", rate=1.0, cues=True)
    rendering = time.perf_counter() - start
    start = time.perf_counter()
    second = render_to(timed, espeak, tmp_path / "second.wav", "wav", rate=1.0, cues=True)
    copying = time.perf_counter() - start
    assert not first.cached and second.cached
    assert second.audio.read_bytes() == first.audio.read_bytes()
    assert second.captions.read_text() == first.captions.read_text()
    assert copying < rendering / 5
    assert sorted(path.suffix for path in (audio_cache / "audio").iterdir()) == [".vtt", ".wav"]
    assert clear_cache() == 1
    assert list((audio_cache / "audio").iterdir()) == []
    assert clear_cache() == 0


def test_everything_that_changes_the_sound_changes_the_key() -> None:
    timed = plan("movement-rehearsal", 3)
    voice = FakeVoice()
    key = render_key(timed, voice, rate=1.0, cues=True, fmt="wav")
    assert key == render_key(plan("movement-rehearsal", 3), voice, rate=1.0, cues=True, fmt="wav")
    first = timed.steps[0]
    others = {
        render_key(plan("movement-rehearsal", 4), voice, rate=1.0, cues=True, fmt="wav"),
        render_key(timed, FakeVoice(per_word=0.5), rate=1.0, cues=True, fmt="wav"),
        render_key(timed, voice, rate=1.1, cues=True, fmt="wav"),
        render_key(timed, voice, rate=1.0, cues=False, fmt="wav"),
        render_key(timed, voice, rate=1.0, cues=True, fmt="ogg"),
        render_key(
            replace(timed, pace=BreathPace(5.0, 7.0)), voice, rate=1.0, cues=True, fmt="wav"
        ),
        render_key(
            replace(timed, steps=(replace(first, text=first.text + " Rest."), *timed.steps[1:])),
            voice,
            rate=1.0,
            cues=True,
            fmt="wav",
        ),
    }
    assert key not in others and len(others) == 7


def test_the_versions_are_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    import unbrace

    timed = plan("posture-reset", 1)
    before = render_key(timed, FakeVoice(), rate=1.0, cues=True, fmt="wav")
    monkeypatch.setattr(unbrace, "__version__", "99.0")
    newer = render_key(timed, FakeVoice(), rate=1.0, cues=True, fmt="wav")
    assert newer != before
    monkeypatch.setattr(cache, "RENDER_VERSION", cache.RENDER_VERSION + 1)  # a new sound
    assert render_key(timed, FakeVoice(), rate=1.0, cues=True, fmt="wav") not in (before, newer)


def test_only_the_most_recent_renders_are_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, audio_cache: Path
) -> None:
    monkeypatch.setattr(cache, "MAX_RENDERS", 2)
    voice = FakeVoice(per_word=0.1)
    for minutes in (1, 2, 3):
        render_to(
            plan("posture-reset", minutes), voice, tmp_path / "x.wav", "wav", rate=1.0, cues=False
        )
    kept = sorted(path.suffix for path in (audio_cache / "audio").iterdir())
    assert kept == [".vtt", ".vtt", ".wav", ".wav"]


def test_a_cache_that_cannot_be_written_is_skipped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("UNBRACE_CACHE", str(blocked))
    saved = render_to(
        plan("posture-reset", 1), FakeVoice(), tmp_path / "x.wav", "wav", rate=1.0, cues=False
    )
    assert saved.audio.is_file() and not saved.cached
