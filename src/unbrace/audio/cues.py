"""Soft tones made in code: a breath cue that rises for the in-breath and falls for the
out-breath, and a small chime where a new step begins.

Everything is quiet next to the voice (levels are relative to speech peaking at 1.0),
low in pitch, and shaped by raised-cosine fades that start and end at exactly zero, so
nothing clicks or startles someone lying still with their eyes closed.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from unbrace.core.session import BreathPace

    Samples = NDArray[np.float32]

# Levels relative to the voice's usual peaks (render.py mixes both at HEADROOM). The breath
# tone sits about 25 LU under the voice's loudness (some 20 dB under its average level):
# there when you listen for it, easy to ignore, and under the loudness meter's relative
# gate, so a long stretch of tones never changes how loud the file measures. The chime is
# brief and a little brighter.
BREATH_LEVEL = 0.013
CHIME_LEVEL = 0.06
# The breath glides over a fifth in a low, warm register (A3 up to E4, and back down to
# G3 on the longer out-breath, so breathing out also sounds like settling).
INHALE_HZ = (220.0, 330.0)
EXHALE_HZ = (330.0, 196.0)
# A touch of the octave makes the sine sound less like a test tone.
OVERTONE = 0.12
# Share of each breath tone spent fading in and out: a swell, never an edge.
BREATH_FADE = 0.35
# A soft bell: a low fundamental with two quiet partials that die away faster.
CHIME_HZ = 392.0  # G4
CHIME_PARTIALS = ((1.0, 1.0, 0.9), (2.0, 0.25, 0.45), (3.0, 0.08, 0.25))  # ratio, level, decay s
CHIME_SECONDS = 2.5
CHIME_ATTACK = 0.02  # long enough to avoid a click, short enough to sound like a bell


def _fade(count: int, fade: int) -> Samples:
    """1.0 in the middle with raised-cosine fades of ``fade`` samples at both ends."""
    import numpy as np

    envelope = np.ones(count, dtype=np.float32)
    fade = max(1, min(fade, count // 2))
    ramp = (0.5 - 0.5 * np.cos(np.linspace(0.0, math.pi, fade, dtype=np.float64))).astype(
        np.float32
    )
    envelope[:fade] = ramp
    envelope[count - fade :] = ramp[::-1]
    return envelope


def glide(seconds: float, start_hz: float, end_hz: float, sample_rate: int) -> Samples:
    """One breath tone: a pitch glide with a smooth swell, silent at both ends."""
    import numpy as np

    count = max(2, round(seconds * sample_rate))
    into = np.linspace(0.0, 1.0, count, dtype=np.float64)
    # Ease in and out of the glide so the pitch moves like a breath, not a siren.
    eased = 0.5 - 0.5 * np.cos(math.pi * into)
    frequency = start_hz + (end_hz - start_hz) * eased
    phase = 2.0 * math.pi * np.cumsum(frequency) / sample_rate
    tone = np.sin(phase) + OVERTONE * np.sin(2.0 * phase)
    tone /= 1.0 + OVERTONE
    return (tone * _fade(count, round(count * BREATH_FADE)) * BREATH_LEVEL).astype(np.float32)


def breath_cycle(pace: BreathPace, sample_rate: int) -> Samples:
    """A rising tone for the in-breath, then a falling one for the out-breath."""
    import numpy as np

    inhale = glide(pace.inhale, *INHALE_HZ, sample_rate)
    exhale = glide(pace.exhale, *EXHALE_HZ, sample_rate)
    return np.concatenate([inhale, exhale])


def breath_cues(pace: BreathPace, cycles: int, sample_rate: int) -> Samples:
    import numpy as np

    if cycles <= 0:
        return np.zeros(0, dtype=np.float32)
    return np.tile(breath_cycle(pace, sample_rate), cycles)


def chime(sample_rate: int) -> Samples:
    """A small bell for a new step: soft attack, gentle decay, faded to silence."""
    import numpy as np

    count = round(CHIME_SECONDS * sample_rate)
    time = np.arange(count, dtype=np.float64) / sample_rate
    tone = np.zeros(count, dtype=np.float64)
    for ratio, level, decay in CHIME_PARTIALS:
        tone += level * np.exp(-time / decay) * np.sin(2.0 * math.pi * CHIME_HZ * ratio * time)
    tone /= sum(level for _, level, _ in CHIME_PARTIALS)
    attack = round(CHIME_ATTACK * sample_rate)
    tone[:attack] *= 0.5 - 0.5 * np.cos(np.linspace(0.0, math.pi, attack))
    release = round(0.2 * sample_rate)  # the tail is already faint; end it at exactly zero
    tone[count - release :] *= 0.5 + 0.5 * np.cos(np.linspace(0.0, math.pi, release))
    return (tone * CHIME_LEVEL).astype(np.float32)
