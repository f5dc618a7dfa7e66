"""Speaking a terminal session's steps: a player is found, each step is spoken once."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.audio.sound import FakeVoice, plan
from unbrace.audio.render import CEILING
from unbrace.audio.speak import StepSpeaker, find_player, step_speech
from unbrace.core.session import Player


def fake_player(folder: Path, name: str = "paplay") -> Path:
    """A stand-in audio player that keeps a copy of every file it is asked to play."""
    played = folder / "played"
    played.mkdir(parents=True, exist_ok=True)
    script = folder / "bin" / name
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(f'#!/bin/sh\ncp "$1" "{played}/$(date +%s%N).wav"\n')
    script.chmod(0o755)
    return played


def test_players_are_tried_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = {"aplay", "ffplay", "afplay"}
    monkeypatch.setattr(
        shutil, "which", lambda name: f"/usr/bin/{name}" if name in installed else None
    )
    assert find_player() == ["/usr/bin/aplay", "-q"]
    installed = {"ffplay"}
    assert find_player() == ["/usr/bin/ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet"]
    installed = set()
    assert find_player() is None


def test_a_step_is_spoken_with_calm_pauses() -> None:
    timed = plan("posture-reset", 1)
    voice = FakeVoice()
    audio = step_speech(timed.steps[1], voice, 1.0, timed.pace)
    words = sum(len(sentence.split()) for sentence in voice.spoken)
    assert audio.size / voice.sample_rate > words * voice.per_word + 3.0  # the breath pause
    assert float(abs(audio).max()) <= CEILING


def test_each_step_is_spoken_once_as_it_begins(tmp_path: Path) -> None:
    played = fake_player(tmp_path)
    timed = plan("posture-reset", 1)
    voice = FakeVoice(per_word=0.05)
    player = Player(timed)
    speaker = StepSpeaker(voice, [str(tmp_path / "bin" / "paplay")], pace=timed.pace)
    try:
        speaker.follow(player)
        speaker.follow(player)  # the same step again: nothing new to say
        _wait_for(lambda: len(list(played.iterdir())) == 1)
        player.skip()
        speaker.follow(player)
        _wait_for(lambda: len(list(played.iterdir())) == 2)
    finally:
        speaker.close()
    assert voice.spoken[0].startswith("Let your hands rest")
    assert any(sentence.startswith("Breathe in") for sentence in voice.spoken)
    assert speaker.problem is None
    assert not speaker._folder.exists()  # its temporary files are gone


def test_a_voice_that_fails_never_stops_the_session(tmp_path: Path) -> None:
    class Broken(FakeVoice):
        def sentences(self, text: str, rate: float):
            raise RuntimeError("the model is gone")

    fake_player(tmp_path)
    timed = plan("posture-reset", 1)
    told: list[str] = []
    speaker = StepSpeaker(
        Broken(), [str(tmp_path / "bin" / "paplay")], pace=timed.pace, on_problem=told.append
    )
    session = Player(timed)
    speaker.follow(session)
    _wait_for(lambda: speaker.problem is not None)
    session.skip()
    speaker.follow(session)  # fails again, but the person is told only once
    speaker.close()
    assert speaker.problem == "the model is gone"
    assert told == ["the model is gone"]


def _wait_for(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
