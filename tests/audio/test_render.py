"""Rendering real practices with both engines, checked with sox as a listener would."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import numpy as np
import pyloudnorm  # type: ignore[import-untyped]
import pytest
import soundfile  # type: ignore[import-untyped]

from tests.audio.sound import (
    FakeVoice,
    loudness,
    onset,
    plan,
    read,
    rms,
    sox_stat,
    soxi_seconds,
)
from unbrace.audio import render as rendering
from unbrace.audio.render import (
    CEILING,
    CUE_MARGIN,
    HEADROOM,
    Caption,
    Rendered,
    check_format,
    count_sentences,
    render,
    spoken_parts,
    webvtt,
    write_audio,
)
from unbrace.audio.voice import EspeakVoice, PiperVoice, Voice, split_sentences
from unbrace.core.errors import UnbraceError
from unbrace.core.session import Plan

# Each case renders once and is checked in one test: synthesis is the slow part, and a
# module-scoped render would be repeated on every xdist worker that runs one of its tests.
CASES = [
    ("piper", "posture-reset", 1, False),
    ("espeak", "posture-reset", 1, False),
    ("piper", "movement-rehearsal", 2, True),
    ("espeak", "movement-rehearsal", 2, True),
]


@pytest.mark.parametrize(("engine", "practice", "minutes", "cues"), CASES)
def test_a_rendered_practice_sounds_right(
    engine: str,
    practice: str,
    minutes: int,
    cues: bool,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    voice: Voice = request.getfixturevalue(engine)
    timed = plan(practice, minutes)
    rendered = render(timed, voice, cues=cues, rate=1.0)
    out, vtt = write_audio(rendered, tmp_path / "practice.wav", "wav")
    assert vtt == tmp_path / "practice.vtt"

    # The length asked for, within 2 % (it is exact to the sample).
    assert abs(soxi_seconds(out) - minutes * 60) <= 0.02 * minutes * 60
    # No clipping: every peak below full scale, with the -1 dBFS ceiling's margin.
    stat = sox_stat(out)
    assert stat["Maximum amplitude"] < 1.0 and stat["Minimum amplitude"] > -1.0
    assert max(stat["Maximum amplitude"], -stat["Minimum amplitude"]) <= CEILING + 1e-3
    # Spoken word at about -16 LUFS.
    assert loudness(out) == pytest.approx(-16.0, abs=1.0)

    samples, rate = read(out)
    captions = rendered.captions
    assert [caption.text for caption in captions] == _sentences(timed)
    # Each caption starts where its sentence's sound starts, after the silence before it.
    # The level, -30 dBFS, is well under speech and over the fading tail of a step's chime
    # (which rings 1.5 s before a step's first words, so the search starts 0.5 s before).
    previous_end = 0.0
    for caption in captions:
        after = max(previous_end + 0.05, caption.start - 0.5)
        heard = onset(samples, rate, after, caption.end, level=0.03)
        assert abs(heard - caption.start) <= 0.1, (caption.text, heard, caption.start)
        previous_end = caption.end
    # Silence where the pauses are: between the sentences of a step, and after the words
    # of a step without breath cues (chimes come at step starts, tones in breathing steps).
    for first, second in pairwise(captions):
        if first.step == second.step and second.start - first.end > 0.3:
            assert rms(samples, rate, first.end + 0.1, second.start - 0.1) < 1e-4
    ends = [*rendered.step_starts[1:], rendered.seconds]
    for step in timed.steps:
        if not (cues and step.breath):
            last_words = max(c.end for c in captions if c.step == step.index)
            assert rms(samples, rate, last_words + 0.1, ends[step.index] - 0.01) < 1e-4
    # Cues: a quiet tone in the breathing steps' long pauses, and nothing when they are off.
    after_words = _after_breathing_step(rendered, timed)
    if after_words is not None:
        level = rms(samples, rate, *after_words)
        assert (0.005 < level < 0.08) if cues else level < 1e-4
    _check_webvtt(vtt.read_text(encoding="utf-8"), captions)


def _sentences(timed: Plan) -> list[str]:
    return [
        sentence
        for step in timed.steps
        for part in spoken_parts(step)
        for sentence in split_sentences(part)
    ]


def _after_breathing_step(rendered: Rendered, timed: Plan) -> tuple[float, float] | None:
    """The span after a breathing step's last words, where its breath cue plays."""
    ends = [*rendered.step_starts[1:], rendered.seconds]
    for step in timed.steps:
        words = [c.end for c in rendered.captions if c.step == step.index]
        span = (max(words) + CUE_MARGIN, ends[step.index] - CUE_MARGIN)
        if step.breath and span[1] - span[0] >= timed.pace.cycle:  # room for a whole breath
            return span
    return None


_STAMP = r"\d\d:\d\d:\d\d\.\d\d\d"


def _check_webvtt(text: str, captions: tuple[Caption, ...]) -> None:
    blocks = text.strip().split("\n\n")
    assert blocks[0] == "WEBVTT"
    assert len(blocks) - 1 == len(captions)
    for block, caption in zip(blocks[1:], captions, strict=True):
        number, timing, words = block.split("\n")
        assert number.isdigit()
        assert re.fullmatch(rf"{_STAMP} --> {_STAMP}", timing)
        assert words == caption.text
    for first, second in pairwise(captions):
        assert first.start < first.end <= second.start


# Fast tests with a stand-in voice: layout, timing and writing, no synthesis. ------------


def test_every_length_is_exact_and_each_step_keeps_its_order() -> None:
    voice = FakeVoice()
    for practice, minutes in (("posture-reset", 1), ("movement-rehearsal", 7), ("body-scan", 20)):
        timed = plan(practice, minutes)
        rendered = render(timed, voice, cues=True, rate=1.0)
        assert rendered.samples.size == minutes * 60 * voice.sample_rate
        assert float(np.max(np.abs(rendered.samples))) <= CEILING
        starts = [caption.start for caption in rendered.captions]
        assert starts == sorted(starts)


def test_pauses_are_longer_after_breathing_instructions() -> None:
    timed = plan("posture-reset", 1)
    rendered = render(timed, FakeVoice(per_word=0.3), cues=False, rate=1.0)
    gaps = {first.text: second.start - first.end for first, second in pairwise(rendered.captions)}
    breathing = gaps[next(text for text in gaps if text.startswith("Breathe in"))]
    plain = gaps[next(text for text in gaps if text.startswith("Let your hands"))]
    assert breathing >= rendering.BREATH_GAP * rendering.FLOOR
    assert breathing > plain


def test_a_step_whose_words_overrun_borrows_time_and_the_total_holds() -> None:
    timed = plan("movement-rehearsal", 1)  # the rehearsal's words fill most of a minute
    rendered = render(timed, FakeVoice(per_word=0.45), cues=False, rate=1.0)
    assert rendered.seconds == 60.0
    assert rendered.captions[-1].end < 60.0


def test_words_that_cannot_fit_are_a_clear_error() -> None:
    with pytest.raises(UnbraceError, match="faster --rate"):
        render(plan("posture-reset", 1), FakeVoice(per_word=0.5), cues=False, rate=0.5)


def test_progress_counts_every_sentence() -> None:
    timed = plan("posture-reset", 1)
    seen: list[tuple[int, int]] = []
    render(timed, FakeVoice(), cues=False, rate=1.0, progress=lambda d, t: seen.append((d, t)))
    total = count_sentences(timed)
    assert seen == [(done, total) for done in range(1, total + 1)]


def test_each_sentence_speaks_at_the_same_level() -> None:
    """One sharp consonant must not make its whole sentence quieter."""
    generator = np.random.default_rng(3)
    plain = (generator.standard_normal(22_050) * 0.2).astype(np.float32)
    spiky = plain.copy()
    spiky[5000] = 1.0  # a click-like peak five times the rest
    quiet = plain * np.float32(0.1)
    levels = [
        rendering._speaking_level(rendering.prepare_speech(audio, 22_050), 22_050)
        for audio in (plain, spiky, quiet)
    ]
    assert levels == pytest.approx([rendering.SPEECH_LEVEL] * 3, rel=0.05)
    # ... and while mixing, nothing comes near full scale.
    assert float(np.max(np.abs(rendering.prepare_speech(spiky, 22_050)))) <= 2 * HEADROOM


def test_webvtt_escapes_and_times() -> None:
    text = webvtt((Caption(3661.5, 3662.25, "Knees <soft> & easy -->  here", 0),))
    assert text == (
        "WEBVTT\n\n1\n01:01:01.500 --> 01:01:02.250\nKnees &lt;soft&gt; &amp; easy --&gt; here\n"
    )


def _quiet(seconds: float = 2.0) -> Rendered:
    return Rendered(np.zeros(round(seconds * 22_050), np.float32), 22_050, (), (0.0,))


@pytest.mark.parametrize("fmt", ["ogg", "mp3"])
def test_compressed_formats_play_back_at_the_same_length(fmt: str, tmp_path: Path) -> None:
    try:
        check_format(fmt)
    except UnbraceError as exc:  # this libsndfile lacks the encoder: the message says so
        assert fmt.upper() in str(exc) and "not available" in str(exc)
        return
    rendered = render(plan("posture-reset", 1), FakeVoice(), cues=True, rate=1.0)
    out, _ = write_audio(rendered, tmp_path / f"practice.{fmt}", fmt)
    # libsndfile reads back what it wrote (Debian's sox has no MP3 support without extras).
    assert abs(soundfile.info(str(out)).duration - 60.0) <= 1.2
    if fmt == "ogg":
        assert abs(soxi_seconds(out) - 60.0) <= 1.2


def test_a_missing_encoder_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(soundfile, "available_formats", lambda: {"WAV": "WAV"})
    with pytest.raises(UnbraceError, match=r"^OGG is not available here"):
        write_audio(_quiet(), tmp_path / "x.ogg", "ogg")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    (tmp_path / "practice.wav").write_bytes(b"the old file")

    def half_then_fail(path: Path, *args: object, **kwargs: object) -> None:
        Path(path).write_bytes(b"RIFF half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(soundfile, "write", half_then_fail)
    with pytest.raises(UnbraceError, match="disk is full"):
        write_audio(_quiet(), tmp_path / "practice.wav", "wav")
    assert [path.name for path in tmp_path.iterdir()] == ["practice.wav"]
    assert (tmp_path / "practice.wav").read_bytes() == b"the old file"


def test_silence_stays_silent() -> None:
    quiet = render(plan("posture-reset", 1), FakeVoice(per_word=0.0), cues=False, rate=1.0)
    assert not quiet.samples.any()


def test_loudness_measured_quickly_matches_pyloudnorm_on_the_whole_file() -> None:
    rendered = render(plan("movement-rehearsal", 4), FakeVoice(), cues=True, rate=1.0)
    whole = pyloudnorm.Meter(22_050).integrated_loudness(rendered.samples.astype(np.float64))
    quick = rendering.integrated_loudness(rendered.samples, 22_050)
    assert quick == pytest.approx(whole, abs=0.02)
    assert whole == pytest.approx(-16.0, abs=0.3)


def test_long_breath_cues_do_not_change_the_loudness() -> None:
    """Ten minutes of mostly breathing: the tones stay under the meter's gate."""
    rendered = render(plan("breath-anchor", 10), FakeVoice(), cues=True, rate=1.0)
    spoken = sum(caption.end - caption.start for caption in rendered.captions)
    assert spoken < rendered.seconds / 5  # the tones play for far longer than the voice
    whole = rendered.samples.astype(np.float64)
    assert pyloudnorm.Meter(22_050).integrated_loudness(whole) == pytest.approx(-16.0, abs=0.3)


def test_piper_and_espeak_are_the_voices_here(piper: PiperVoice, espeak: EspeakVoice) -> None:
    assert piper.name == "joe" and not piper.plain
    assert espeak.plain and espeak.sample_rate == piper.sample_rate == 22_050
