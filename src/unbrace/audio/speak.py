"""Speaking a terminal session's steps aloud as they begin, through a local audio player.

The voice works in a background thread: the session's clock never waits for speech.
When a new step begins (or the person skips ahead) before the last one has finished
speaking, the old speech stops and the new step is spoken; nothing queues up behind.
"""

from __future__ import annotations

import queue
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from unbrace.audio.voice import Voice
    from unbrace.core.session import BreathPace, Player, TimedStep

    Samples = NDArray[np.float32]

# Tried in this order: PulseAudio and PipeWire (most Linux desktops), ALSA, FFmpeg, macOS.
PLAYERS: tuple[tuple[str, ...], ...] = (
    ("paplay",),
    ("pw-play",),
    ("aplay", "-q"),
    ("ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet"),
    ("afplay",),
)
# Speech is laid out with its usual peaks at HEADROOM (-6 dBFS); this brings it up to
# about the level of a rendered file, the limiter catching the few peaks above -1 dBFS.
PLAYBACK_GAIN = 1.8


def player_names() -> str:
    names = [command[0] for command in PLAYERS]
    return ", ".join(names[:-1]) + " or " + names[-1]


def find_player() -> list[str] | None:
    """The command line of the first audio player installed here, or None."""
    for command in PLAYERS:
        found = shutil.which(command[0])
        if found is not None:
            return [found, *command[1:]]
    return None


def step_speech(step: TimedStep, voice: Voice, rate: float, pace: BreathPace) -> Samples:
    """A step's words with the same calm pauses as a rendered file, ready to play."""
    import numpy as np

    from unbrace.audio.render import CEILING, limit, speak_step

    parts: list[Samples] = []
    for sentence in speak_step(step, voice, rate, pace.cycle, lambda: None):
        parts += [sentence.audio, np.zeros(round(sentence.gap * voice.sample_rate), np.float32)]
    if not parts:
        return np.zeros(0, dtype=np.float32)
    audio = (np.concatenate(parts[:-1]) * PLAYBACK_GAIN).astype(np.float32)
    limit(audio, voice.sample_rate)  # the odd loud syllable, smoothly: never a clipped one
    return np.clip(audio, -CEILING, CEILING)


class StepSpeaker:
    """Follows a session's ``Player`` and speaks each step once, as it begins."""

    def __init__(
        self,
        voice: Voice,
        player: list[str],
        *,
        pace: BreathPace,
        rate: float = 1.0,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.voice = voice
        self.player = player
        self.pace = pace
        self.rate = rate
        self.problem: str | None = None  # the first thing that went wrong
        self.on_problem = on_problem  # told once, from the voice's thread
        self._spoken = -1
        self._requests: queue.Queue[TimedStep | None] = queue.Queue()
        self._playing: subprocess.Popen[bytes] | None = None
        self._folder = Path(tempfile.mkdtemp(prefix="unbrace-voice-"))
        self._thread = threading.Thread(target=self._work, name="unbrace-voice", daemon=True)
        self._thread.start()

    def follow(self, player: Player) -> None:
        """Call after every change of the session: speaks a step the first time it shows."""
        if player.finished:
            return
        if player.current != self._spoken:
            self._spoken = player.current
            self._requests.put(player.step)

    def close(self) -> None:
        """Stop speaking and clean up (the session has ended)."""
        self._requests.put(None)
        self._thread.join(timeout=5)
        self._stop()
        shutil.rmtree(self._folder, ignore_errors=True)

    def _work(self) -> None:
        while True:
            step = self._requests.get()
            while not self._requests.empty():  # only the newest step matters
                step = self._requests.get()
            self._stop()
            if step is None:
                return
            try:
                path = self._write(step)
            except Exception as exc:  # a voice failing must never stop the session
                self._trouble(str(exc) or type(exc).__name__)
                continue
            if path is not None and self._requests.empty():
                try:
                    self._playing = subprocess.Popen(
                        [*self.player, str(path)],
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                except OSError as exc:
                    self._trouble(f"{self.player[0]} could not play: {exc}")

    def _trouble(self, message: str) -> None:
        if self.problem is None:
            self.problem = message
            if self.on_problem is not None:
                self.on_problem(message)

    def _write(self, step: TimedStep) -> Path | None:
        import soundfile  # type: ignore[import-untyped]

        audio = step_speech(step, self.voice, self.rate, self.pace)
        if audio.size == 0 or not self._requests.empty():
            return None  # nothing to say, or the session has already moved on
        path = self._folder / f"step-{step.index + 1}.wav"
        soundfile.write(path, audio, self.voice.sample_rate, format="WAV", subtype="PCM_16")
        return path

    def _stop(self) -> None:
        playing, self._playing = self._playing, None
        if playing is not None and playing.poll() is None:
            playing.terminate()
            try:
                playing.wait(timeout=2)
            except subprocess.TimeoutExpired:
                playing.kill()
                playing.wait()
