"""The ladder's JSON API (SQLite and PostgreSQL): the same use cases as the terminal."""

from __future__ import annotations

import datetime as dt

import time_machine

from tests.web.conftest import API, TestClient

TRY = {"step": 3, "expected_pain": 7, "expected_harm": 60, "fear": 6, "feared_outcome": "it locks"}


def built(client: TestClient) -> int:
    made = client.post(
        f"{API}/ladders", json={"movement": "bending forward to load the dishwasher"}
    )
    assert made.status_code == 201, made.text
    ladder_id: int = made.json()["id"]
    rated = client.post(
        f"{API}/ladders/{ladder_id}/ratings",
        json={"threats": {"1": 10, "2": 30, "3": 50, "4": 70, "5": 90}},
    )
    assert rated.status_code == 200, rated.text
    return ladder_id


def test_build_try_and_follow_up(maria: TestClient) -> None:
    ladder_id = built(maria)
    ladder = maria.get(f"{API}/ladders/{ladder_id}").json()
    assert [step["threat"] for step in ladder["steps"]] == [10, 30, 50, 70, 90]
    started = maria.post(f"{API}/ladders/{ladder_id}/tries", json=TRY)
    assert started.status_code == 201, started.text
    attempt = started.json()["id"]
    done = maria.post(
        f"{API}/ladder-tries/{attempt}/after",
        json={"actual_pain": 3, "outcome": "no", "new_symptom": False, "surprise": "🙂"},
    )
    assert done.status_code == 200, done.text
    assert done.json()["attempt"]["gap"] == (
        "You expected 7 and it was 3; what you feared did not happen."
    )
    again = maria.post(
        f"{API}/ladder-tries/{attempt}/after",
        json={"actual_pain": 3, "outcome": "no", "new_symptom": False},
    )
    assert again.status_code == 409
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=1), tick=False):
        assert maria.get(f"{API}/ladder-tries/{attempt}").json()["follow_up_open"] is True
        next_day = maria.post(f"{API}/ladder-tries/{attempt}/next-day", json={"next_day_pain": 2})
    assert next_day.json()["next_day_pain"] == 2
    facts = maria.get(f"{API}/ladder-insights").json()
    assert facts["mean_prediction_error"] == -4


def test_editing_and_choosing_the_step(maria: TestClient) -> None:
    ladder_id = built(maria)
    added = maria.post(
        f"{API}/ladders/{ladder_id}/steps", json={"text": "unload it", "kind": "paired"}
    )
    assert added.status_code == 201 and added.json()["steps"][-1]["text"] == "unload it"
    moved = maria.patch(f"{API}/ladders/{ladder_id}/steps/6", json={"move_to": 1, "text": "unload"})
    assert moved.json()["steps"][0]["text"] == "unload"
    removed = maria.delete(f"{API}/ladders/{ladder_id}/steps/1")
    assert len(removed.json()["steps"]) == 5
    chosen = maria.patch(f"{API}/ladders/{ladder_id}", json={"current": 3, "days": [1, 4]})
    assert chosen.json()["current_step"] == 3 and chosen.json()["days"] == [1, 4]
    assert len(maria.get(f"{API}/ladders").json()) == 1
    assert maria.delete(f"{API}/ladders/{ladder_id}").status_code == 204
    assert maria.get(f"{API}/ladders").json() == []


def test_bad_input_is_one_sentence_and_changes_nothing(maria: TestClient) -> None:
    ladder_id = built(maria)
    before = maria.get(f"{API}/ladders/{ladder_id}").json()
    for method, url, body in (
        ("post", f"{API}/ladders/{ladder_id}/ratings", {"threats": {"1": 101}}),
        ("post", f"{API}/ladders/{ladder_id}/ratings", {"threats": {"one": 1}}),
        ("post", f"{API}/ladders/{ladder_id}/ratings", {"threats": {"1": 1.5}}),
        ("post", f"{API}/ladders/{ladder_id}/tries", {**TRY, "fear": 11}),
        ("post", f"{API}/ladders/{ladder_id}/tries", {**TRY, "step": 9}),
        ("post", f"{API}/ladders/{ladder_id}/tries", {**TRY, "feared_outcome": "   "}),
        ("post", f"{API}/ladders/{ladder_id}/tries", {**TRY, "extra": 1}),
        ("post", f"{API}/ladders/{ladder_id}/steps", {"text": "{x}"}),
        ("patch", f"{API}/ladders/{ladder_id}/steps/2", {"kind": "dream"}),
        ("post", f"{API}/ladders", {"movement": "bending forward to load the dishwasher"}),
        ("get", f"{API}/ladders/99", None),
    ):
        response = getattr(maria, method)(url, **({"json": body} if body is not None else {}))
        assert 400 <= response.status_code < 500, (url, body, response.text)
        detail = response.json()["detail"]
        assert isinstance(detail, str) and "\n" not in detail
    assert maria.get(f"{API}/ladders/{ladder_id}").json() == before


def test_the_gate_refuses_with_409(maria: TestClient) -> None:
    ladder_id = built(maria)
    imagined = maria.post(f"{API}/ladders/{ladder_id}/tries", json={**TRY, "step": 1})
    assert imagined.status_code == 409 and "rehearsal" in imagined.json()["detail"]
    started = maria.post(f"{API}/ladders/{ladder_id}/tries", json=TRY).json()
    maria.post(
        f"{API}/ladder-tries/{started['id']}/after",
        json={"actual_pain": 2, "outcome": "no", "new_symptom": True},
    )
    paused = maria.post(f"{API}/ladders/{ladder_id}/tries", json=TRY)
    assert paused.status_code == 409 and "clinician" in paused.json()["detail"]
    resumed = maria.patch(f"{API}/ladders/{ladder_id}", json={"resume": True})
    assert resumed.json()["paused"] is False
