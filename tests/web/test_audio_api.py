"""Guided audio through the API: rendered with a fast stand-in voice, served from the cache."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.audio.sound import FakeVoice
from tests.web.conftest import API, TestClient
from tests.web.test_api import detail
from unbrace.audio import voice as voices
from unbrace.core.errors import UnbraceError

URL = re.compile(r"^/api/v1/audio/([0-9a-f]{64})\.(wav|vtt)$")


@pytest.fixture(autouse=True)
def audio_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Renders are cached here, never in the real user cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("UNBRACE_CACHE", str(folder))
    return folder


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeVoice:
    """The web player's voice, swapped for a quick stand-in."""
    voice = FakeVoice(per_word=0.1)
    monkeypatch.setattr(voices, "choose_voice", lambda name: voice)
    return voice


def test_a_practice_is_rendered_and_served(maria: TestClient, fake: FakeVoice) -> None:
    import io

    import soundfile  # type: ignore[import-untyped]

    response = maria.post(f"{API}/audio", json={"practice": "movement-rehearsal", "minutes": 1})
    assert response.status_code == 200, response.text
    body = response.json()
    audio, captions = URL.match(body["audio"]), URL.match(body["captions"])
    assert audio and captions and audio.group(1) == captions.group(1)
    assert (audio.group(2), captions.group(2)) == ("wav", "vtt")
    assert body["seconds"] == pytest.approx(60, abs=0.05)
    assert (body["voice"], body["plain"]) == ("fake", False)

    wav = maria.get(body["audio"])
    assert wav.status_code == 200
    assert wav.headers["content-type"] == "audio/wav"
    assert wav.headers["cache-control"] == "no-store"  # the person's own words, spoken
    data, rate = soundfile.read(io.BytesIO(wav.content))
    assert len(data) / rate == pytest.approx(60, abs=0.05)
    # Seeking in the player asks for a range.
    part = maria.get(body["audio"], headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.content) == 100

    vtt = maria.get(body["captions"])
    assert vtt.status_code == 200
    assert vtt.headers["content-type"].startswith("text/vtt")
    assert vtt.text.startswith("WEBVTT")
    # Personalised: Maria's own movement is spoken, and captioned.
    assert "dishwasher" in vtt.text
    assert any("dishwasher" in sentence for sentence in fake.spoken)


def test_the_same_request_comes_from_the_cache(maria: TestClient, fake: FakeVoice) -> None:
    ask = {"practice": "posture-reset", "minutes": 1}
    first = maria.post(f"{API}/audio", json=ask).json()
    spoken = len(fake.spoken)
    again = maria.post(f"{API}/audio", json=ask).json()
    assert again["audio"] == first["audio"] and again["captions"] == first["captions"]
    assert len(fake.spoken) == spoken  # nothing synthesised a second time
    other = maria.post(f"{API}/audio", json={**ask, "minutes": 2}).json()
    assert other["audio"] != first["audio"]


def test_a_flare_day_renders_the_shorter_version(maria: TestClient, fake: FakeVoice) -> None:
    body = maria.post(f"{API}/audio", json={"practice": "movement-rehearsal", "flare": True})
    assert body.status_code == 200, body.text
    assert body.json()["seconds"] == pytest.approx(3 * 60, abs=0.05)


def test_it_works_before_set_up_with_the_gentle_defaults(
    client: TestClient, fake: FakeVoice
) -> None:
    response = client.post(f"{API}/audio", json={"practice": "posture-reset"})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("ask", "status"),
    [
        ({"practice": "no-such-practice"}, 422),
        ({"practice": "posture-reset", "minutes": 0}, 422),
        ({"practice": "posture-reset", "minutes": 21}, 422),
        ({"practice": "posture-reset", "flare": "yes"}, 422),
        ({"practice": "posture-reset", "voice": "/etc/passwd"}, 422),
        ({}, 422),
    ],
)
def test_bad_requests_are_refused(
    maria: TestClient, fake: FakeVoice, ask: dict[str, object], status: int
) -> None:
    detail(maria.post(f"{API}/audio", json=ask), status)
    assert not fake.spoken


@pytest.mark.parametrize(
    "path",
    [
        "/audio/..%2Fx.wav",
        "/audio/..%2F..%2Funbrace.db.wav",
        "/audio/x.wav",
        "/audio/not-hex.vtt",
        "/audio/" + "A" * 64 + ".wav",  # upper case is not how keys are written
        "/audio/" + "a" * 63 + ".wav",
        "/audio/" + "a" * 64 + ".wav",  # well formed, but never rendered
        "/audio/" + "a" * 64 + ".vtt",
        "/audio/" + "a" * 64 + ".mp3",
    ],
)
def test_only_rendered_recordings_are_served(client: TestClient, path: str) -> None:
    response = client.get(API + path)
    assert response.status_code == 404, response.text


def test_a_key_cannot_reach_outside_the_cache(
    maria: TestClient, fake: FakeVoice, audio_cache: Path
) -> None:
    secret = audio_cache.parent / ("b" * 64 + ".wav")
    secret.write_bytes(b"RIFF not yours")
    response = maria.get(f"{API}/audio/..%2F{'b' * 64}.wav")
    assert response.status_code == 404


def test_no_voice_engine_answers_503(maria: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(voices, "joe_model", lambda: None)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    message = detail(maria.post(f"{API}/audio", json={"practice": "posture-reset"}), 503)
    assert message == voices.NO_VOICE


def test_a_voice_that_cannot_load_answers_503(
    maria: TestClient, fake: FakeVoice, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise UnbraceError("joe.onnx could not be loaded as a Piper voice: truncated")

    monkeypatch.setattr(fake, "prepare", broken)
    message = detail(maria.post(f"{API}/audio", json={"practice": "posture-reset"}), 503)
    assert "could not be loaded" in message
