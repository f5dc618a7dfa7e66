"""`unbrace audio` and `unbrace session --voice` through the command line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.audio.sound import soxi_seconds
from tests.audio.test_speak import fake_player
from tests.cli.conftest import Cli
from unbrace.audio import speak
from unbrace.audio import voice as voices


@pytest.fixture(autouse=True)
def audio_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("UNBRACE_CACHE", str(folder))
    return folder


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


ESPEAK = ("--voice", "espeak")


def test_a_practice_becomes_audio_and_captions(cli: Cli, out: Path) -> None:
    result = cli.ok("audio", "posture-reset", "-m", "1", "--out", str(out / "reset.wav"), *ESPEAK)
    assert "Saved" in result.stdout and "reset.vtt" in result.stdout
    assert sorted(path.name for path in out.iterdir()) == ["reset.vtt", "reset.wav"]
    assert abs(soxi_seconds(out / "reset.wav") - 60.0) <= 1.2
    assert (out / "reset.vtt").read_text().startswith("WEBVTT\n\n1\n00:00:01.500 --> ")
    again = cli.ok("audio", "posture-reset", "-m", "1", "--out", str(out / "again.wav"), *ESPEAK)
    assert "from the cache" in again.stdout
    assert (out / "again.wav").read_bytes() == (out / "reset.wav").read_bytes()
    cleared = cli.ok("audio", "--clear-cache")
    assert cleared.stdout.strip() == "Removed 1 cached recording."


def test_the_persons_own_words_are_spoken(onboarded: Cli, out: Path) -> None:
    onboarded.ok("audio", "movement-rehearsal", "-m", "1", "-o", str(out / "m.wav"), *ESPEAK)
    assert "bending forward to load the dishwasher" in (out / "m.vtt").read_text()


def test_a_saved_script_can_be_rendered(onboarded: Cli, out: Path) -> None:
    onboarded.ok(
        "script", "new", "--movement", "lifting the laundry basket", "--scene",
        "my warm kitchen", "--name", "laundry", "--no-input",
    )  # fmt: skip
    onboarded.ok("audio", "laundry", "-m", "2", "-o", str(out / "mine.wav"), *ESPEAK)
    assert "laundry basket" in (out / "mine.vtt").read_text()


@pytest.mark.parametrize("fmt", ["ogg", "mp3"])
def test_compressed_formats_or_a_clear_message(cli: Cli, out: Path, fmt: str) -> None:
    from unbrace.audio.render import check_format
    from unbrace.core.errors import UnbraceError

    args = ("audio", "posture-reset", "-m", "1", "-o", str(out / f"r.{fmt}"), *ESPEAK)
    try:
        check_format(fmt)
    except UnbraceError:
        result = cli.bad(*args)
        assert f"{fmt.upper()} is not available here" in result.stderr
        assert list(out.iterdir()) == []
        return
    cli.ok(*args, "--format", fmt)
    assert sorted(path.name for path in out.iterdir()) == [f"r.{fmt}", "r.vtt"]


def test_a_missing_encoder_is_one_clear_line(
    cli: Cli, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import soundfile  # type: ignore[import-untyped]

    monkeypatch.setattr(soundfile, "available_formats", lambda: {"WAV": "WAV"})
    result = cli.bad("audio", "posture-reset", "-o", str(out / "r.ogg"), *ESPEAK)
    assert "OGG is not available here" in result.stderr and "--format wav" in result.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nonsense",), "No practice called 'nonsense'"),
        (("posture-reset", "--voice", "/no/such/voice.onnx"), "No voice file at"),
        (("posture-reset", "--voice", "{out}/fake.onnx"), "is not a Piper voice"),
        (("posture-reset", "--voice", "alice"), "No voice called 'alice'"),
        (("posture-reset", "-m", "0"), "between 1 and 20 minutes"),
        (("posture-reset", "-m", "21"), "between 1 and 20 minutes"),
        (("posture-reset", "--rate", "0.2"), "--rate must be between 0.5"),
        (("posture-reset", "--rate", "2.5"), "--rate must be between 0.5"),
        (("posture-reset", "--cues", "loud"), "'loud' is not one of"),
        (("posture-reset", "--format", "flac"), "'flac' is not one of"),
        (("posture-reset", "--format", "ogg"), "--out ends in .wav but --format is ogg"),
        (("posture-reset", "--out", "{out}/missing/x.wav"), "does not exist"),
        (("posture-reset", "--out", "{out}/file.txt/x.wav"), "is a file, not a folder"),
        (("posture-reset", "--out", "{out}"), "is a folder"),
        (("posture-reset", "--out", "{out}/x.vtt"), "its .vtt captions are written beside it"),
        (("--clear-cache", "posture-reset"), "--clear-cache takes no ID"),
        ((), "Name a practice"),
    ],
)
def test_bad_requests_are_one_line_and_leave_nothing(
    cli: Cli, out: Path, args: tuple[str, ...], message: str
) -> None:
    (out / "fake.onnx").write_text("not a voice")
    (out / "file.txt").write_text("a file, not a folder")
    before = sorted(out.iterdir())
    filled = [arg.replace("{out}", str(out)) for arg in args]
    if "--out" not in filled and args:
        filled += ["--out", str(out / "x.wav")]
    result = cli.bad("audio", *filled)
    assert message in result.stderr
    assert sorted(out.iterdir()) == before


def test_the_output_is_required(cli: Cli) -> None:
    assert "--out" in cli.bad("audio", "posture-reset").stderr


def test_session_voice_without_a_player_still_runs(
    onboarded: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(speak, "find_player", lambda: None)
    result = onboarded.ok(
        "session", "posture-reset", "-m", "1", "--no-input", "--speed", "600", "--voice"
    )
    assert result.stderr.splitlines()[0] == (
        "No audio player found (paplay, pw-play, aplay, ffplay or afplay): "
        "the session goes on without the voice."
    )
    assert "Well done: you practised 1:00." in result.stdout


def test_session_voice_speaks_through_the_player(
    onboarded: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    played = fake_player(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(voices, "joe_model", lambda: None)  # espeak-ng: quick to start
    result = onboarded.ok(
        "session", "posture-reset", "-m", "1", "--no-input", "--speed", "30", "--voice"
    )
    assert "espeak-ng, a plainer voice" in result.stderr
    assert "Well done" in result.stdout
    spoken = sorted(played.iterdir())
    assert spoken and all(soxi_seconds(path) > 1.0 for path in spoken)


def test_long_renders_show_a_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from unbrace.cli import audio

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=80)
    monkeypatch.setattr(audio, "err_console", lambda: terminal)
    with audio._progress() as progress:
        progress(1, 5)  # a short render: no bar
        assert progress.progress is None
        for done in range(1, 31):
            progress(done, 30)
        assert progress.progress is not None
    assert "Speaking" in screen.getvalue() and "30/30" in screen.getvalue()


def test_a_recording_holds_the_warning_sign_gate(onboarded: Cli, out: Path) -> None:
    onboarded.ok("checkin", "--pain", "9", "--enjoyment", "5", "--activity", "5", "--no-input")
    refused = onboarded.bad("audio", "posture-reset", "-m", "1", "-o", str(out / "r.wav"), *ESPEAK)
    assert "safety questions come first" in refused.stderr
    assert list(out.iterdir()) == []
    onboarded.ok("safety", "screen", "--red-flags", "fever", "--no-input")
    onboarded.bad("audio", "posture-reset", "-m", "1", "-o", str(out / "r.wav"), *ESPEAK)
    onboarded.ok("audio", "posture-reset", "-m", "1", "--gentle", "-o", str(out / "r.wav"), *ESPEAK)
    assert (out / "r.wav").is_file()
