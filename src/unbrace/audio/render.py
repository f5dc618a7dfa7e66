"""Rendering: a timed plan laid out as one calm recording, with a caption per sentence.

Each step starts with a little silence (and a soft chime when cues are on), then its
sentences, each followed by our own pause: longer after a breathing instruction, so
there is time to take that breath. Whatever time the step has left is silence for
picturing, or the breath cue on breathing steps. A step whose words need more than its
share borrows from the roomier steps, so the whole file lasts exactly the minutes asked.
The voice sits at half scale while mixing (headroom: nothing can clip); then it is
normalised to -16 LUFS (the usual level for spoken word on phones and headphones), with
a gentle look-ahead peak limiter holding every sample below -1 dBFS.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from unbrace.core.errors import UnbraceError
from unbrace.core.words import counted
from unbrace.files import write_all_private

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from unbrace.audio.voice import Voice
    from unbrace.core.session import Plan, TimedStep

    Samples = NDArray[np.float32]

Progress = Callable[[int, int], None]

# Silences, in seconds, at their comfortable length. In a very full session they all shrink
# together, down to FLOOR of it; any less would rush the person, so then we say so instead.
LEAD_IN = 1.5  # before the first words: time to settle after pressing play
STEP_LEAD = 1.5  # from a step's start (and its chime) to its first words
GAP = 1.0  # after a sentence
GAP_MOST = 3.0  # ... and at most, when the step has time to spare
BREATH_GAP = 3.0  # after a breathing instruction: at least most of a breath
STEP_TAIL = 1.0  # after a step's last words
END_TAIL = 2.5  # after the last words of the session: no abrupt ending
FLOOR = 0.4  # the least share of those lengths a pause may shrink to
# Of a step's spare time, at most this share widens the pauses between its sentences;
# the rest stays at the end of the step, for picturing or breathing with the cue.
GAP_SHARE = 0.4
CUE_MARGIN = 1.0  # quiet between the words and the breath cue, and before the next step

HEADROOM = 0.5  # the voice's usual peaks while mixing (-6 dBFS): room for tones and chimes
# The voice's level while speaking, for mixing: speech typically peaks some 18 dB above
# it, so this puts the usual peaks at HEADROOM.
SPEECH_LEVEL = HEADROOM * 10 ** (-18 / 20)
TARGET_LUFS = -16.0
LOUDNESS_TOLERANCE = 0.1  # LU: well under what anyone can hear
LEVEL_PASSES = 6
SURVIVES = 0.55  # a first guess at how much added gain survives the limiter on speech
CEILING = 10 ** (-1.0 / 20)  # -1 dBFS: room for lossy encoders' overshoot
LIMIT_HOLD = 0.02  # the limiter's look-ahead and hold, in seconds
LIMIT_SMOOTH = 0.015  # its attack and release ramp (at most the hold, see limit)

# Trimming each sentence to where its sound begins and ends puts captions on the words.
TRIM_LEVEL = 0.02  # relative to the sentence's peak (-34 dB): above Piper's noise floor
TRIM_BEFORE = 0.015
TRIM_AFTER = 0.08  # keep the natural decay of the last syllable
EDGE_FADE = 0.008  # so a trimmed edge never clicks

_BREATHING = re.compile(r"\b(breath\w*|inhal\w*|exhal\w*)", re.IGNORECASE)


@dataclass(frozen=True)
class Caption:
    start: float
    end: float
    text: str
    step: int  # the index of the step it belongs to


@dataclass(frozen=True)
class Rendered:
    samples: Samples
    sample_rate: int
    captions: tuple[Caption, ...]
    step_starts: tuple[float, ...]  # seconds; a player can show each step's text from here

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.sample_rate


@dataclass(frozen=True)
class _Sentence:
    text: str
    audio: Samples
    gap: float  # the pause after it, at its comfortable length
    gap_most: float


def spoken_parts(step: TimedStep) -> list[str]:
    """What is said for a step: its text, then its tiny real movement, if it has one."""
    return [step.text, step.cue] if step.cue else [step.text]


def is_breathing(sentence: str) -> bool:
    return _BREATHING.search(sentence) is not None


def count_sentences(plan: Plan) -> int:
    from unbrace.audio.voice import split_sentences

    return sum(len(split_sentences(part)) for step in plan.steps for part in spoken_parts(step))


def prepare_speech(audio: Samples, sample_rate: int) -> Samples:
    """A sentence trimmed to its sound, with faded edges, at the voice's even mixing level.

    Every sentence gets the same level while it is speaking (the RMS of its voiced
    frames), not the same peak: one sharp consonant must not make a whole sentence quieter.
    """
    import numpy as np

    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    if peak <= 0.0:
        return np.zeros(0, dtype=np.float32)
    audio = audio / peak
    loud = np.flatnonzero(np.abs(audio) >= TRIM_LEVEL)
    first = max(0, int(loud[0]) - round(TRIM_BEFORE * sample_rate))
    last = min(audio.size, int(loud[-1]) + round(TRIM_AFTER * sample_rate))
    clip = audio[first:last].astype(np.float32)
    fade = min(round(EDGE_FADE * sample_rate), clip.size // 2)
    if fade > 0:
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        clip[:fade] *= ramp
        clip[clip.size - fade :] *= ramp[::-1]
    level = _speaking_level(clip, sample_rate)
    gain = SPEECH_LEVEL / level if level > 0 else HEADROOM
    # Headroom: while mixing, no sentence peaks above twice the usual (full scale at most).
    gain = min(gain, 2 * HEADROOM / float(np.max(np.abs(clip))))
    return (clip * np.float32(gain)).astype(np.float32)


def _speaking_level(clip: Samples, sample_rate: int) -> float:
    """RMS of the frames (20 ms) within 20 dB of the loudest: the voice while it speaks."""
    import numpy as np

    size = round(0.02 * sample_rate)
    count = clip.size // size
    if count == 0:
        return float(np.sqrt(np.mean(clip.astype(np.float64) ** 2))) if clip.size else 0.0
    power = (clip[: count * size].astype(np.float64) ** 2).reshape(count, size).mean(axis=1)
    voiced = power[power >= power.max() * 0.01]
    return float(np.sqrt(voiced.mean()))


def speak_step(
    step: TimedStep, voice: Voice, rate: float, breath_cycle: float, spoke: Callable[[], None]
) -> list[_Sentence]:
    """Synthesise a step's sentences, each with the pause it should be followed by."""
    sentences = []
    for part in spoken_parts(step):
        for text, audio in voice.sentences(part, rate):
            if is_breathing(text):
                gap, most = BREATH_GAP, max(BREATH_GAP, breath_cycle)
            else:
                gap, most = GAP, GAP_MOST
            sentences.append(_Sentence(text, prepare_speech(audio, voice.sample_rate), gap, most))
            spoke()
    return sentences


@dataclass(frozen=True)
class _Placed:
    start: int  # samples
    end: int
    sentences: tuple[int, ...]  # where each sentence starts
    speech_end: int


def _layout(plan: Plan, spoken: list[list[_Sentence]], sample_rate: int) -> list[_Placed]:
    """Where each step and sentence goes, so that the whole lasts ``plan.minutes``."""
    total = plan.minutes * 60.0
    last = len(plan.steps) - 1
    speech = [sum(s.audio.size for s in step) / sample_rate for step in spoken]
    pads = [
        (LEAD_IN if index == 0 else STEP_LEAD)
        + sum(s.gap for s in step[:-1])
        + (END_TAIL if index == last else STEP_TAIL)
        for index, step in enumerate(spoken)
    ]
    # All pauses shrink together when the words barely fit, never below FLOOR of their length.
    squeeze = min(1.0, (total - sum(speech)) / sum(pads)) if sum(pads) else 1.0
    if squeeze < FLOOR:
        raise UnbraceError(
            f"Spoken at this rate, the words take {sum(speech) / 60:.1f} of the "
            f"{counted(plan.minutes, 'minute')}, leaving no room to pause: choose more --minutes "
            "or a faster --rate."
        )
    needed = [words + pad * squeeze for words, pad in zip(speech, pads, strict=True)]
    planned = [step.seconds for step in plan.steps]
    planned = [seconds * total / sum(planned) for seconds in planned]
    # A step whose words overrun its share borrows from the others, in proportion to
    # what each can spare, so no step is cut and the total stays exact.
    slack = [share - need for share, need in zip(planned, needed, strict=True)]
    deficit = -sum(s for s in slack if s < 0)
    spare = sum(s for s in slack if s > 0)
    keep = 1.0 - deficit / spare if spare > 0 else 0.0
    bounds, clock = [0], 0.0
    for need, room in zip(needed, slack, strict=True):
        clock += need + max(room, 0.0) * keep
        bounds.append(round(clock * sample_rate))
    bounds[-1] = round(total * sample_rate)

    placed = []
    for index, step in enumerate(spoken):
        start, end = bounds[index], bounds[index + 1]
        extra = max(0.0, (end - start) / sample_rate - needed[index])
        rooms = [s.gap_most - s.gap * squeeze for s in step[:-1]]
        widen = min(sum(rooms), GAP_SHARE * extra)
        lead = (LEAD_IN if index == 0 else STEP_LEAD) * squeeze
        cursor = start + round(lead * sample_rate)
        starts = []
        for number, sentence in enumerate(step):
            starts.append(cursor)
            cursor += sentence.audio.size
            if number < len(step) - 1:
                pause = sentence.gap * squeeze
                if widen > 0:
                    pause += rooms[number] / sum(rooms) * widen
                cursor += round(pause * sample_rate)
        placed.append(_Placed(start, end, tuple(starts), cursor))
    return placed


def render(
    plan: Plan, voice: Voice, *, cues: bool, rate: float, progress: Progress | None = None
) -> Rendered:
    """The whole session as one recording at ``voice.sample_rate``, with its captions.

    ``progress(done, total)`` is called after each sentence is synthesised, the slow part.
    """
    import numpy as np

    from unbrace.audio import cues as tones

    sample_rate = voice.sample_rate
    total = count_sentences(plan)
    done = 0

    def spoke() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(min(done, total), total)

    spoken = [speak_step(step, voice, rate, plan.pace.cycle, spoke) for step in plan.steps]
    placed = _layout(plan, spoken, sample_rate)
    mix = np.zeros(round(plan.minutes * 60 * sample_rate), dtype=np.float32)
    voice_at: list[tuple[int, Samples]] = []
    captions = []
    chime = tones.chime(sample_rate) * HEADROOM if cues else None
    cycle = tones.breath_cycle(plan.pace, sample_rate) * HEADROOM if cues else None
    for step, sentences, place in zip(plan.steps, spoken, placed, strict=True):
        if chime is not None and step.index > 0:
            _add(mix, chime, place.start)
        for sentence, at in zip(sentences, place.sentences, strict=True):
            voice_at.append((at, sentence.audio))
            end = at + sentence.audio.size
            captions.append(Caption(at / sample_rate, end / sample_rate, sentence.text, step.index))
        if cycle is not None and step.breath:
            margin = round(CUE_MARGIN * sample_rate)
            begin = place.speech_end + margin
            cycles = max(0, (place.end - margin - begin) // cycle.size)
            for number in range(cycles):
                _add(mix, cycle, begin + number * cycle.size)
    # The tones follow the voice's gain, so they keep their place well under it.
    mix *= np.float32(level_voice(voice_at, sample_rate))
    for at, audio in voice_at:
        _add(mix, audio, at)
    limit(mix, sample_rate)  # where a chime's tail meets the first words of a step
    np.clip(mix, -CEILING, CEILING, out=mix)  # float rounding only: the limiter did the work
    starts = tuple(place.start / sample_rate for place in placed)
    return Rendered(mix, sample_rate, tuple(captions), starts)


def _add(mix: Samples, sound: Samples, at: int) -> None:
    room = max(0, min(sound.size, mix.size - at))
    mix[at : at + room] += sound[:room]


def level_voice(voice_at: list[tuple[int, Samples]], sample_rate: int) -> float:
    """Bring the voice (its sentences, changed in place) to TARGET_LUFS with every peak
    under CEILING; returns the gain applied before limiting.

    Loudness is measured on the voice alone, as broadcasters measure dialogue: it is what
    the listener sets their volume by, and the breath tones, some 25 dB quieter, fall under
    the meter's relative gate, so the finished file measures the same. The voice is laid
    end to end with its pauses shortened (see ``_voice_track``), so a measurement is quick.
    Limiting the loudest syllables lowers the loudness, so we add gain and limit again;
    each pass learns how much of the added gain survives the limiter (a secant step), which
    lands within LOUDNESS_TOLERANCE in two or three passes.
    """
    import numpy as np

    if not voice_at:
        return 1.0
    track, offsets = _voice_track(voice_at, sample_rate)
    loudness = integrated_loudness(track, sample_rate, compact=False)
    if not math.isfinite(loudness):
        return 1.0  # silence: nothing to measure or raise
    gain_db = TARGET_LUFS - loudness
    track *= np.float32(10 ** (gain_db / 20))
    survives, previous = SURVIVES, None
    for _ in range(LEVEL_PASSES):
        limit(track, sample_rate)
        loudness = integrated_loudness(track, sample_rate, compact=False)
        if abs(TARGET_LUFS - loudness) <= LOUDNESS_TOLERANCE:
            break
        if previous is not None:
            before, added = previous
            survives = min(1.0, max(0.2, (loudness - before) / added))
        added = (TARGET_LUFS - loudness) / survives
        previous = (loudness, added)
        track *= np.float32(10 ** (added / 20))
        gain_db += added
    else:
        limit(track, sample_rate)
    for (_, audio), offset in zip(voice_at, offsets, strict=True):
        audio[:] = track[offset : offset + audio.size]
    return float(10 ** (gain_db / 20))


def _voice_track(
    voice_at: list[tuple[int, Samples]], sample_rate: int
) -> tuple[Samples, list[int]]:
    """The sentences at their places, with every long pause shortened exactly as
    ``integrated_loudness`` would shorten it, so it measures as the full-length voice."""
    import numpy as np

    block, step = round(0.4 * sample_rate), round(0.1 * sample_rate)
    parts: list[Samples] = []
    offsets: list[int] = []
    length, clock = 0, 0
    for at, audio in voice_at:
        pause = max(0, at - clock)
        steps = (pause - 2 * block) // step
        if steps > 0:
            pause -= steps * step
        parts += [np.zeros(pause, dtype=np.float32), audio]
        offsets.append(length + pause)
        length += pause + audio.size
        clock = at + audio.size
    parts.append(np.zeros(block, dtype=np.float32))
    return np.concatenate(parts), offsets


def integrated_loudness(mix: Samples, sample_rate: int, *, compact: bool = True) -> float:
    """BS.1770 integrated loudness (pyloudnorm) of ``mix``, measured quickly.

    With ``compact``, long digital silences are shortened before measuring, by whole
    100 ms gating steps and keeping at least one 400 ms block of silence on each side.
    Every gating block that touches sound is then exactly as before, and the ones removed
    held only silence, which the -70 LUFS absolute gate ignores: the same figure, in a
    fraction of the time.
    """
    import numpy as np
    import pyloudnorm  # type: ignore[import-untyped]

    block, step = round(0.4 * sample_rate), round(0.1 * sample_rate)
    measured = mix
    if compact:
        silent = np.concatenate(([False], mix == 0, [False]))
        edges = np.flatnonzero(silent[1:] != silent[:-1])
        keep = np.ones(mix.size, dtype=bool)
        for begin, end in zip(edges[0::2], edges[1::2], strict=True):
            steps = (int(end - begin) - 2 * block) // step
            if steps > 0:
                keep[begin + block : begin + block + steps * step] = False
        measured = mix[keep]
    if measured.size < block:
        return -math.inf
    # float32 is plenty for a loudness figure, and spares pyloudnorm's copies half the memory.
    return float(pyloudnorm.Meter(sample_rate).integrated_loudness(measured))


def limit(mix: Samples, sample_rate: int) -> None:
    """Turn down, smoothly, only the moments that would pass CEILING.

    The gain each sample needs is spread by a running minimum over the hold, then smoothed
    by a running mean no wider than it: every sample's gain is then at most what it needs,
    and the gain ramps down before a peak (look-ahead) instead of chopping it.
    """
    import numpy as np
    from scipy.ndimage import minimum_filter1d, uniform_filter1d  # type: ignore[import-untyped]

    # Found a chunk at a time: no full-length temporary copies of a long file.
    chunk = 1 << 20
    found = [
        np.flatnonzero(np.abs(mix[at : at + chunk]) > CEILING) + at
        for at in range(0, mix.size, chunk)
    ]
    over = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
    if over.size == 0:
        return
    hold, smooth = round(LIMIT_HOLD * sample_rate), round(LIMIT_SMOOTH * sample_rate)
    reach = hold + smooth + 2
    breaks = np.flatnonzero(np.diff(over) > 2 * reach)
    for first, last in zip(
        np.concatenate(([over[0]], over[breaks + 1])),
        np.concatenate((over[breaks], [over[-1]])),
        strict=True,
    ):
        begin, end = max(0, int(first) - reach), min(mix.size, int(last) + reach + 1)
        part = mix[begin:end]
        need = np.minimum(1.0, CEILING / np.maximum(np.abs(part), 1e-12))
        gain = uniform_filter1d(
            minimum_filter1d(need, size=2 * hold + 1, mode="nearest"),
            size=2 * smooth + 1,
            mode="nearest",
        )
        part *= gain.astype(np.float32)


# Writing ---------------------------------------------------------------------------------

FORMATS = {"wav": ("WAV", "PCM_16"), "ogg": ("OGG", "VORBIS"), "mp3": ("MP3", "MPEG_LAYER_III")}


def check_format(fmt: str) -> None:
    """Raise UnbraceError unless this machine's libsndfile can write ``fmt``."""
    import soundfile  # type: ignore[import-untyped]

    if fmt not in FORMATS:
        raise UnbraceError(f"Unknown audio format {fmt!r}: use wav, ogg or mp3.")
    container, subtype = FORMATS[fmt]
    if container not in soundfile.available_formats() or subtype not in (
        soundfile.available_subtypes(container)
    ):
        raise UnbraceError(
            f"{fmt.upper()} is not available here: this system's libsndfile "
            f"({soundfile.__libsndfile_version__}) cannot write it. Use --format wav."
        )


def captions_path(out: Path) -> Path:
    return out.with_suffix(".vtt")


def webvtt(captions: tuple[Caption, ...]) -> str:
    lines = ["WEBVTT", ""]
    for number, caption in enumerate(captions, start=1):
        text = " ".join(caption.text.split())
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines += [str(number), f"{_stamp(caption.start)} --> {_stamp(caption.end)}", text, ""]
    return "\n".join(lines)


def _stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis // 1000:02d}.{millis % 1000:03d}"


def write_audio(rendered: Rendered, out: Path, fmt: str) -> tuple[Path, Path]:
    """Write the audio as ``out`` and its captions as ``out`` with ``.vtt``, atomically."""
    import soundfile

    check_format(fmt)
    container, subtype = FORMATS[fmt]

    def audio(path: Path) -> None:
        soundfile.write(
            path, rendered.samples, rendered.sample_rate, format=container, subtype=subtype
        )

    def captions(path: Path) -> None:
        path.write_text(webvtt(rendered.captions), encoding="utf-8")

    vtt = captions_path(out)
    write_all_private({out: audio, vtt: captions})
    return out, vtt
