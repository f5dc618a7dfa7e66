"""The breath tones and the chime: soft, smooth, and shaped like a breath."""

from __future__ import annotations

import numpy as np
import pytest

from unbrace.audio import cues
from unbrace.core.session import BreathPace

RATE = 22_050
PACE = BreathPace(4.0, 6.0)


def _pitch(samples: np.ndarray) -> float:
    """Rough pitch from upward zero crossings."""
    crossings = np.flatnonzero((samples[:-1] < 0) & (samples[1:] >= 0))
    return len(crossings) / (samples.size / RATE)


def test_the_in_breath_rises_and_the_out_breath_falls() -> None:
    cycle = cues.breath_cycle(PACE, RATE)
    assert cycle.size == round(PACE.cycle * RATE)
    inhale, exhale = cycle[: 4 * RATE], cycle[4 * RATE :]
    third = inhale.size // 3
    assert _pitch(inhale[-third:]) > _pitch(inhale[:third]) * 1.2
    third = exhale.size // 3
    assert _pitch(exhale[-third:]) < _pitch(exhale[:third]) / 1.2


@pytest.mark.parametrize("sound", ["breath", "chime"])
def test_tones_are_quiet_and_never_click(sound: str) -> None:
    tone = cues.breath_cycle(PACE, RATE) if sound == "breath" else cues.chime(RATE)
    level = cues.BREATH_LEVEL if sound == "breath" else cues.CHIME_LEVEL
    assert float(np.max(np.abs(tone))) <= level * 1.001
    # Each starts and ends at silence, and no sample jumps: fades, not edges.
    assert abs(float(tone[0])) < 1e-6 and abs(float(tone[-1])) < 1e-5
    assert float(np.max(np.abs(np.diff(tone)))) < level * 0.15


def test_the_chime_dies_away() -> None:
    chime = cues.chime(RATE)
    first, last = chime[: RATE // 2], chime[-RATE // 2 :]
    assert np.sqrt(np.mean(last**2)) < np.sqrt(np.mean(first**2)) / 10


def test_whole_cycles_are_laid_end_to_end() -> None:
    assert cues.breath_cues(PACE, 0, RATE).size == 0
    three = cues.breath_cues(BreathPace(3.0, 5.0), 3, RATE)
    assert three.size == 3 * 8 * RATE
