"""The warning-sign gate on every web edge: Today's Start, Practices, a saved script, the API
and the audio API all hold after a hard day and while a warning sign is open."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.audio.sound import FakeVoice
from tests.web.conftest import API, TestClient
from tests.web.test_pages import answers, checkin
from unbrace.audio import voice as voices


@pytest.fixture
def person(client: TestClient) -> TestClient:
    response = client.post("/welcome", data=answers(), follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


def start_link(html: str) -> str:
    found = re.search(r'<a class="button primary large" href="([^"]+)">Start</a>', html)
    assert found, "no Start button"
    return found.group(1).replace("&amp;", "&")


def test_start_opens_the_suggested_practice_at_its_length(person: TestClient) -> None:
    link = start_link(person.get("/").text)
    parts = urlsplit(link)
    assert parts.path.startswith("/session/") and parts.path != "/session/"
    key = parts.path.removeprefix("/session/")
    minutes = parse_qs(parts.query)["minutes"][0]
    player = person.get(link)
    assert player.status_code == 200 and 'id="before-form"' in player.text
    plan = person.get(f"{API}/practices/{key}", params={"minutes": minutes}).json()
    assert f'<h1 id="practice-title">{plan["title"]}</h1>' in player.text


def test_the_flare_day_gentle_link_opens_the_suggested_practice(client: TestClient) -> None:
    client.post("/welcome", data=answers(**{"flag-fever": "yes"}))
    html = client.get("/").text
    found = re.search(r'href="(/session/[^"]+)">start a gentle session', html)
    assert found and "gentle=1" in found.group(1)
    player = client.get(found.group(1).replace("&amp;", "&"))
    assert player.status_code == 200 and 'id="before-form"' in player.text
    assert 'data-gentle="yes"' in player.text


def held_back(client: TestClient, path: str) -> str:
    """The player page sends the person to the questions first; returns where it leads."""
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303, response.text
    location = str(response.headers["location"])
    assert location.startswith("/settings/safety?next=")
    return location


@pytest.mark.parametrize(
    "edge", ["today", "practices", "script"], ids=["Today", "Practices", "a saved script"]
)
def test_a_hard_day_asks_the_questions_before_any_session(person: TestClient, edge: str) -> None:
    person.post("/checkin", data=checkin(pain="9"))
    if edge == "today":
        path = start_link(person.get("/").text)
    elif edge == "practices":
        assert 'action="/session/body-scan"' in person.get("/practices").text
        path = "/session/body-scan"
    else:
        person.post(
            "/coach",
            data={
                "action": "save",
                "name": "laundry",
                "text": "I lift the warm laundry basket, knees soft, the towels smelling clean.",
            },
        )
        assert 'href="/session/script:laundry' in person.get("/practices").text
        path = "/session/script:laundry"
    location = held_back(person, path)
    form = person.get(location).text
    assert "these questions come first" in form and 'name="next"' in form
    # Answering leads straight back to the session.
    flags = {k: v for k, v in answers().items() if k.startswith("flag-")}
    done = person.post("/settings/safety", data=flags | {"next": path}, follow_redirects=False)
    assert done.headers["location"] == path
    assert person.get(path, follow_redirects=False).status_code == 200


def test_the_questions_lead_back_only_to_a_session(person: TestClient) -> None:
    flags = {k: v for k, v in answers().items() if k.startswith("flag-")}
    for elsewhere in ("https://example.org/", "//example.org/session/x", "/settings"):
        done = person.post(
            "/settings/safety", data=flags | {"next": elsewhere}, follow_redirects=False
        )
        assert done.headers["location"] == "/settings?screened=1#safety"


def test_the_audio_api_holds_the_gate(
    person: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("UNBRACE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(voices, "choose_voice", lambda name: FakeVoice(per_word=0.1))
    person.post("/checkin", data=checkin(pain="9"))
    refused = person.post(f"{API}/audio", json={"practice": "posture-reset", "minutes": 1})
    assert refused.status_code == 409 and "safety questions" in refused.json()["detail"]
    person.post(f"{API}/safety/screen", json={"positive": ["weight-loss"]})  # urgent
    assert person.post(f"{API}/audio", json={"practice": "posture-reset"}).status_code == 409
    gentle = person.post(f"{API}/audio", json={"practice": "posture-reset", "gentle": True})
    assert gentle.status_code == 200, gentle.text
