"""Listening with instruments: sox/soxi figures, loudness, onsets, and a fake voice.

The renders are checked the way a person would check them by ear, but measured: how
long the file is, whether anything clips, whether the pauses are really quiet, whether
each caption starts where its words do, and how loud the voice is.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyloudnorm  # type: ignore[import-untyped]
import soundfile  # type: ignore[import-untyped]
from numpy.typing import NDArray

from unbrace.audio.voice import split_sentences
from unbrace.core.practices import load_library
from unbrace.core.session import Plan, plan_session

Samples = NDArray[np.float32]


def plan(practice_id: str, minutes: int) -> Plan:
    return plan_session(load_library().get(practice_id), minutes)


def soxi_seconds(path: Path) -> float:
    done = subprocess.run(["soxi", "-D", str(path)], capture_output=True, text=True, check=True)
    return float(done.stdout)


def sox_stat(path: Path, *trim: float) -> dict[str, float]:
    """`sox FILE -n [trim START LENGTH] stat`, as a dict of its figures."""
    command = ["sox", str(path), "-n"]
    if trim:
        command += ["trim", *(f"{value:.3f}" for value in trim)]
    done = subprocess.run([*command, "stat"], capture_output=True, text=True, check=True)
    figures = {}
    for line in done.stderr.splitlines():
        match = re.match(r"^([A-Za-z ]+?)\s*(?:\(\w+\))?:\s+(-?[\d.]+)", line)
        if match:
            figures[" ".join(match.group(1).split())] = float(match.group(2))
    return figures


def read(path: Path) -> tuple[Samples, int]:
    data, rate = soundfile.read(str(path), dtype="float32")
    return data, rate


def loudness(path: Path) -> float:
    data, rate = soundfile.read(str(path))
    return float(pyloudnorm.Meter(rate).integrated_loudness(data))


def onset(samples: Samples, rate: int, after: float, before: float, level: float = 0.01) -> float:
    """Where sound begins after a silence: the first 5 ms frame in [after, before) whose
    RMS passes ``level``."""
    frame = round(0.005 * rate)
    start, end = round(after * rate), round(before * rate)
    part = samples[start:end]
    frames = part[: part.size // frame * frame].reshape(-1, frame)
    loud = np.flatnonzero(np.sqrt((frames.astype(np.float64) ** 2).mean(axis=1)) > level)
    assert loud.size, f"no sound between {after:.2f} s and {before:.2f} s"
    return (start + int(loud[0]) * frame) / rate


def rms(samples: Samples, rate: int, start: float, end: float) -> float:
    part = samples[round(start * rate) : round(end * rate)].astype(np.float64)
    return float(np.sqrt((part**2).mean())) if part.size else 0.0


class FakeVoice:
    """A stand-in voice for fast tests: each sentence is a burst of shaped noise lasting
    ``per_word`` seconds a word (at rate 1), with the quiet lead-in and tail a real voice has.
    """

    plain = False
    sample_rate = 22_050

    def __init__(self, per_word: float = 0.4, name: str = "fake") -> None:
        self.per_word = per_word
        self._name = name
        self.spoken: list[str] = []

    @property
    def name(self) -> str:
        return self._name

    def identity(self) -> str:
        return f"fake {self.per_word}"

    def prepare(self) -> None:
        pass

    def sentences(self, text: str, rate: float) -> Iterator[tuple[str, Samples]]:
        generator = np.random.default_rng(len(text))
        for sentence in split_sentences(text):
            self.spoken.append(sentence)
            count = round(len(sentence.split()) * self.per_word / rate * self.sample_rate)
            time = np.arange(count) / self.sample_rate
            syllables = 0.55 + 0.45 * np.sin(2 * np.pi * 4.0 * time)
            burst = generator.standard_normal(count) * syllables * 0.3
            quiet = np.zeros(round(0.06 * self.sample_rate))
            audio = np.concatenate([quiet, np.clip(burst, -1, 1), quiet]).astype(np.float32)
            yield sentence, audio
