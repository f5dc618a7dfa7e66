"""Audio fixtures: a private render cache, and voices loaded once per test module."""

from __future__ import annotations

from pathlib import Path

import pytest

from unbrace.audio.voice import EspeakVoice, PiperVoice, choose_voice


@pytest.fixture(autouse=True)
def audio_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Renders are cached here, never in the real user cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("UNBRACE_CACHE", str(folder))
    return folder


@pytest.fixture(scope="module")
def piper() -> PiperVoice:
    """The joe voice, loaded once (about half a second) and shared by a module's tests."""
    voice = choose_voice("joe")
    assert isinstance(voice, PiperVoice)
    voice.prepare()
    return voice


@pytest.fixture(scope="module")
def espeak() -> EspeakVoice:
    voice = choose_voice("espeak")
    assert isinstance(voice, EspeakVoice)
    return voice
