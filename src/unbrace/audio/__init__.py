"""Guided audio: practices spoken offline by a calm voice, with breath cues and captions.

``voice`` turns text into speech one sentence at a time (Piper's neural voice, or
espeak-ng as a plainer fallback), ``cues`` makes the soft tones, ``render`` lays a
timed plan out as one loudness-normalised recording with WebVTT captions, ``cache``
keeps finished renders, and ``speak`` says each step aloud during a terminal session.

Nothing here imports the store or the CLI, and the heavy libraries (numpy, piper,
onnxruntime, soundfile, pyloudnorm, scipy) are imported inside the functions that use
them, so importing this package costs nothing until audio is actually made.
"""

from __future__ import annotations
