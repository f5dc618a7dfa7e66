"""Choosing a voice, and what each engine yields."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from unbrace.audio import voice as voices
from unbrace.audio.voice import (
    NO_VOICE,
    EspeakVoice,
    PiperVoice,
    check_rate,
    choose_voice,
    joe_model,
    split_sentences,
    wav_samples,
)
from unbrace.core.errors import UnbraceError


def test_sentences_split_where_a_voice_pauses() -> None:
    text = 'Breathe in. Hold it gently! Is that easy? "Yes." Now, out…  slowly.'
    assert split_sentences(text) == [
        "Breathe in.",
        "Hold it gently!",
        "Is that easy?",
        '"Yes."',
        "Now, out…  slowly.",
    ]
    assert split_sentences("  ") == []


def test_the_default_voice_is_joe_from_the_installed_package() -> None:
    voice = choose_voice(None)
    assert isinstance(voice, PiperVoice)
    assert voice.name == "joe" and voice.model == joe_model()
    assert voice.length_scale == pytest.approx(1.2)
    assert voice.sample_rate == 22_050
    assert choose_voice("JOE").name == "joe"


def test_any_piper_voice_file_can_be_used(tmp_path: Path) -> None:
    model = joe_model()
    assert model is not None
    voice = choose_voice(str(model))
    assert isinstance(voice, PiperVoice) and voice.name == "en_US-joe-medium"
    # Its identity names the model by content, so a different file is a different voice.
    assert voices.file_sha256(model) in voice.identity()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "missing.onnx", "No voice file at"),
        (lambda folder: folder, "is a folder"),
        (lambda folder: _write(folder / "notes.txt", "hello"), "is not a Piper voice"),
        (lambda folder: _write(folder / "voice.onnx", "onnx"), "is not a Piper voice"),
    ],
)
def test_a_bad_voice_path_is_a_clear_error(make, message: str, tmp_path: Path) -> None:
    with pytest.raises(UnbraceError, match=message):
        choose_voice(str(make(tmp_path)))


def test_a_voice_config_that_is_not_piper_is_refused(tmp_path: Path) -> None:
    model = _write(tmp_path / "voice.onnx", "onnx")
    _write(tmp_path / "voice.onnx.json", json.dumps({"audio": {"sample_rate": 16000}}))
    with pytest.raises(UnbraceError, match="is not a Piper voice"):
        choose_voice(str(model))


def test_a_broken_model_fails_clearly_when_loaded(tmp_path: Path) -> None:
    model = joe_model()
    assert model is not None
    broken = _write(tmp_path / "broken.onnx", "not a model")
    shutil.copyfile(f"{model}.json", f"{broken}.json")
    voice = choose_voice(str(broken))
    with pytest.raises(UnbraceError, match="could not be loaded as a Piper voice"):
        voice.prepare()


def test_an_unknown_name_is_a_clear_error() -> None:
    with pytest.raises(UnbraceError, match="No voice called 'alice': use joe, espeak"):
        choose_voice("alice")


def test_espeak_is_the_plainer_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(voices, "joe_model", lambda: None)
    voice = choose_voice(None)
    assert isinstance(voice, EspeakVoice) and voice.plain
    with pytest.raises(UnbraceError, match="joe voice is not installed"):
        choose_voice("joe")


def test_no_engine_at_all_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(voices, "joe_model", lambda: None)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(UnbraceError) as error:
        choose_voice(None)
    assert str(error.value) == NO_VOICE
    with pytest.raises(UnbraceError, match="espeak-ng is not installed"):
        choose_voice("espeak")


def test_espeak_speaks_each_sentence_as_float_samples(espeak: EspeakVoice) -> None:
    spoken = list(espeak.sentences("Breathe in. Breathe out.", 1.0))
    assert [text for text, _ in spoken] == ["Breathe in.", "Breathe out."]
    for _, audio in spoken:
        assert audio.dtype == np.float32 and 0.3 < audio.size / espeak.sample_rate < 3
        assert 0 < float(np.max(np.abs(audio))) <= 1.0
    faster = next(espeak.sentences("Breathe in slowly and fully.", 2.0))[1]
    slower = next(espeak.sentences("Breathe in slowly and fully.", 0.5))[1]
    assert faster.size < slower.size
    assert espeak.identity().startswith("eSpeak NG")


def test_text_that_looks_like_an_option_is_only_spoken(espeak: EspeakVoice) -> None:
    ((text, audio),) = espeak.sentences("--version", 1.0)
    assert text == "--version" and audio.size > 0


def test_a_streamed_wav_header_with_placeholder_sizes_is_read() -> None:
    samples = np.array([0, 16384, -16384, 32767], dtype="<i2").tobytes()
    header = (
        b"RIFF\xff\xff\xff\x7fWAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00"
        + (22050).to_bytes(4, "little")
        + (44100).to_bytes(4, "little")
        + b"\x02\x00\x10\x00data\xff\xff\xff\x7f"
    )
    audio = wav_samples(header + samples, 22_050)
    assert audio.tolist() == pytest.approx([0.0, 0.5, -0.5, 32767 / 32768])
    with pytest.raises(UnbraceError):
        wav_samples(b"not audio", 22_050)


def test_piper_yields_one_sentence_at_a_time(piper: PiperVoice) -> None:
    spoken = list(piper.sentences("Let your jaw go soft. Feel the chair.", 1.0))
    assert [text for text, _ in spoken] == ["Let your jaw go soft.", "Feel the chair."]
    assert all(audio.dtype == np.float32 and audio.size > 0.3 * 22_050 for _, audio in spoken)


@pytest.mark.parametrize("rate", [0.49, 2.01, 0.0, -1.0])
def test_the_rate_stays_in_a_sane_range(rate: float) -> None:
    with pytest.raises(UnbraceError, match=r"between 0\.5"):
        check_rate(rate)
    assert check_rate(0.5) == 0.5 and check_rate(2.0) == 2.0


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
