"""The JSON API: every endpoint, its checks, and the store it shares with the CLI."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import Cli
from tests.web.conftest import API, MARIA, TestClient
from unbrace.settings import Settings
from unbrace.web import deps


def detail(response: Any, status: int) -> str:
    """An error answer: the status, and JSON with one plain sentence and nothing else."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"detail"} and isinstance(body["detail"], str), body
    assert body["detail"] and "\n" not in body["detail"]
    return str(body["detail"])


def today() -> str:
    return dt.datetime.now().astimezone().date().isoformat()


@pytest.fixture
def cli(runner: CliRunner, settings: Settings) -> Cli:
    """The CLI on the same database as the app (``settings`` points the environment at it)."""
    return Cli(runner)


# --- no profile yet ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/today"),
        ("GET", "/profile"),
        ("PUT", "/profile"),
        ("GET", "/sessions"),
        ("GET", "/checkins"),
        ("GET", "/insights"),
        ("GET", "/routine"),
        ("POST", "/safety/seen"),
    ],
)
def test_endpoints_that_need_a_profile_answer_409_without_one(
    client: TestClient, method: str, path: str
) -> None:
    body: dict[str, Any] | None = {} if method in {"PUT", "POST"} else None
    response = client.request(method, API + path, json=body)
    assert detail(response, 409).startswith("No profile yet")


def test_what_works_before_set_up(client: TestClient) -> None:
    assert detail(client.get("/calendar.ics"), 409).startswith("No profile yet")
    started = client.post(f"{API}/sessions", json={"practice": "posture-reset"})
    assert detail(started, 409).startswith("No profile yet")
    checkin = client.post(f"{API}/checkins", json={"pain": 5, "enjoyment": 4, "activity": 3})
    assert detail(checkin, 409).startswith("No profile yet")
    assert client.get(f"{API}/practices").status_code == 200
    preview = client.get(f"{API}/practices/movement-rehearsal").json()
    assert any("basket" in step["text"] for step in preview["steps"])  # the default movement
    assert client.get(f"{API}/safety/questions").status_code == 200
    assert client.post(f"{API}/coach", json={"text": "I walk on the beach"}).status_code == 200


# --- profile and safety ------------------------------------------------------------------------


def test_onboarding_creates_the_profile_with_its_screen(client: TestClient, cli: Cli) -> None:
    response = client.post(f"{API}/profile", json=MARIA)
    assert response.status_code == 201
    profile = response.json()
    assert profile["name"] == "Maria"
    assert profile["movement"] == MARIA["movement"] and profile["anchor"] == MARIA["anchor"]
    assert profile["breath_in"] == 4 and profile["breath_out"] == 6 and not profile["streaks"]
    assert profile["safety"]["last_screen"] and profile["safety"]["due"] is None
    assert profile["safety"]["open_flags"] == [] and profile["safety"]["urgency"] is None
    # The CLI sees the same person, set up as `unbrace init` would.
    assert cli.json("settings", "show")["movement"] == MARIA["movement"]
    assert cli.json("safety", "status")["due"] is None
    again = client.post(f"{API}/profile", json=MARIA | {"name": "Sam"})
    assert "already a profile" in detail(again, 409)


def test_onboarding_with_a_warning_sign_opens_a_reminder(client: TestClient) -> None:
    answers = MARIA | {"red_flags": ["fever", "bladder-bowel", "fever"]}
    profile = client.post(f"{API}/profile", json=answers).json()
    assert profile["safety"]["open_flags"] == ["bladder-bowel", "fever"]
    assert profile["safety"]["urgency"] == "emergency"
    assert client.get(f"{API}/today").json()["safety_reminder"] == ["bladder-bowel", "fever"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (MARIA | {"red_flags": ["headache"]}, "Unknown warning sign 'headache'"),
        (MARIA | {"name": "   "}, "A profile name is 1 to 80"),
        (MARIA | {"movement": "a {placeholder}"}, "curly braces"),
        ({k: v for k, v in MARIA.items() if k != "red_flags"}, "red_flags is required"),
        (MARIA | {"age": 40}, "age is not a field"),
    ],
)
def test_onboarding_refusals_change_nothing(
    client: TestClient, body: dict[str, Any], words: str
) -> None:
    assert words in detail(client.post(f"{API}/profile", json=body), 422)
    assert client.get(f"{API}/profile").status_code == 409


def test_profile_update_is_partial_and_checked(maria: TestClient, cli: Cli) -> None:
    changed = maria.put(
        f"{API}/profile",
        json={"easier": "bending halfway", "breath_in": 5, "streaks": True, "scene": "my garden"},
    ).json()
    assert changed["easier"] == "bending halfway" and changed["movement"] == MARIA["movement"]
    assert changed["breath_in"] == 5 and changed["breath_out"] == 6 and changed["streaks"]
    assert changed["scene"] == "my garden" and changed["anchor"] == MARIA["anchor"]
    shown = cli.json("settings", "show")
    assert shown["easier"] == "bending halfway" and shown["breath_in"] == 5 and shown["streaks"]
    before = maria.get(f"{API}/profile").json()
    words = detail(maria.put(f"{API}/profile", json={"breath_out": 30}), 422)
    assert words == "The exhale must last between 2 and 10 seconds, not 30."
    # A change that fails part-way is rolled back whole: streaks are not half-saved.
    refused = maria.put(f"{API}/profile", json={"streaks": False, "movement": "a {b}"})
    assert "curly braces" in detail(refused, 422)
    assert detail(maria.put(f"{API}/profile", json={"name": "Sam"}), 422)
    assert maria.get(f"{API}/profile").json() == before


def test_safety_questions_screen_and_seen(maria: TestClient) -> None:
    questions = maria.get(f"{API}/safety/questions").json()
    ids = [q["id"] for q in questions["questions"]]
    assert "saddle-numbness" in ids and set(questions["advice"]) == {"emergency", "urgent"}
    assert "does not diagnose" in questions["disclaimer"]
    result = maria.post(f"{API}/safety/screen", json={"positive": ["night-pain"]}).json()
    assert result["new"] == ["night-pain"] and "doctor" in result["advice"]
    safety = maria.get(f"{API}/profile").json()["safety"]
    assert safety["open_flags"] == ["night-pain"] and safety["urgency"] == "urgent"
    assert maria.post(f"{API}/safety/seen").json() == {"cleared": 1}
    assert maria.post(f"{API}/safety/seen").json() == {"cleared": 0}
    assert maria.get(f"{API}/profile").json()["safety"]["open_flags"] == []
    # A sign a clinician has already seen opens no new reminder when answered yes again.
    again = maria.post(f"{API}/safety/screen", json={"positive": ["night-pain"]}).json()
    assert again == {"new": [], "advice": None}
    clear = maria.post(f"{API}/safety/screen", json={"positive": []}).json()
    assert clear == {"new": [], "advice": None}
    assert "Unknown warning sign" in detail(
        maria.post(f"{API}/safety/screen", json={"positive": ["none"]}), 422
    )


# --- practices ---------------------------------------------------------------------------------


def test_practice_list_has_the_library_and_saved_scripts(maria: TestClient, cli: Cli) -> None:
    practices = maria.get(f"{API}/practices").json()
    first = practices[0]
    assert set(first) == {"id", "title", "summary", "minutes", "when", "tags"}
    ids = [p["id"] for p in practices]
    assert "movement-rehearsal" in ids and not any(i.startswith("script:") for i in ids)
    cli.ok(
        "script",
        "new",
        "--movement",
        "lifting my grandson",
        "--scene",
        "the park at noon",
        "--see",
        "green leaves",
        "--name",
        "park lift",
        "--no-input",
    )
    practices = maria.get(f"{API}/practices").json()
    script = next(p for p in practices if p["id"] == "script:park lift")
    assert script["title"] == "park lift" and script["tags"] == ["personal"]
    plan = maria.get(f"{API}/practices/script:park lift", params={"minutes": 3}).json()
    assert plan["id"] == "script:park lift" and plan["minutes"] == 3
    assert any("grandson" in step["text"] for step in plan["steps"])
    assert detail(maria.get(f"{API}/practices/script:nothing"), 404)


def test_practice_plan_is_personal_and_timed(maria: TestClient) -> None:
    maria.put(f"{API}/profile", json={"breath_in": 3, "breath_out": 7, "easier": "a small bow"})
    plan = maria.get(f"{API}/practices/movement-rehearsal", params={"minutes": 4}).json()
    assert set(plan) == {"id", "title", "minutes", "pace", "steps"}
    assert plan["id"] == "movement-rehearsal" and plan["minutes"] == 4
    assert plan["pace"] == {"inhale": 3, "exhale": 7}
    assert set(plan["steps"][0]) == {
        "id",
        "title",
        "text",
        "cue",
        "breath",
        "seconds",
        "read_seconds",
    }
    assert sum(step["seconds"] for step in plan["steps"]) == pytest.approx(240, abs=0.1)
    text = " ".join(step["text"] for step in plan["steps"])
    assert "dishwasher" in text and "a small bow" not in text
    flare = maria.get(f"{API}/practices/movement-rehearsal", params={"flare": "true"}).json()
    assert flare["minutes"] == 3  # the practice's flare length
    assert "a small bow" in " ".join(step["text"] for step in flare["steps"])


@pytest.mark.parametrize("minutes", ["0", "21", "-1", "five"])
def test_practice_length_outside_1_to_20_is_refused(maria: TestClient, minutes: str) -> None:
    response = maria.get(f"{API}/practices/posture-reset", params={"minutes": minutes})
    assert detail(response, 422)


def test_unknown_practice_is_404(maria: TestClient) -> None:
    assert "no practice called 'yoga'" in detail(maria.get(f"{API}/practices/yoga"), 404)


# --- sessions ----------------------------------------------------------------------------------


def start(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post(f"{API}/sessions", json={"practice": "posture-reset"} | body)
    assert response.status_code == 201, response.text
    started: dict[str, Any] = response.json()
    return started


def test_a_browser_session_from_start_to_finish(maria: TestClient, cli: Cli) -> None:
    started = start(maria, practice="movement-rehearsal", minutes=2, pain_before=4)
    assert set(started) == {"id", "status", "flare", "plan"}
    assert started["status"] == "in_progress" and not started["flare"]
    plan = started["plan"]
    assert plan["id"] == "movement-rehearsal" and plan["minutes"] == 2
    sid, steps = started["id"], plan["steps"]
    first = {"index": 0, "seconds": steps[0]["seconds"], "done": True}
    saved = maria.post(
        f"{API}/sessions/{sid}/progress",
        json={"seconds": steps[0]["seconds"] + 5, "steps": [first, {"index": 1, "seconds": 5}]},
    )
    assert saved.status_code == 200
    assert saved.json() == {
        "id": sid,
        "status": "in_progress",
        "seconds": round(steps[0]["seconds"] + 5, 1),
    }
    # Running in the terminal meanwhile shows the session as in progress.
    running = cli.json("history")["sessions"]
    assert running[0]["status"] == "in_progress" and running[0]["seconds"] > 0
    everything = [{"index": i, "seconds": s["seconds"], "done": True} for i, s in enumerate(steps)]
    finished = maria.post(
        f"{API}/sessions/{sid}/finish",
        json={
            "status": "completed",
            "seconds": 120,
            "steps": everything,
            "pain_after": 2,
            "vivid_visual": 4,
            "vivid_body": 3,
            "note": "easier than I thought",
        },
    )
    assert finished.status_code == 200
    record = finished.json()
    assert record["status"] == "completed" and record["seconds"] == 120
    assert record["pain_before"] == 4 and record["pain_after"] == 2
    assert record["vivid_visual"] == 4 and record["note"] == "easier than I thought"
    assert all(step["done"] for step in record["steps"])
    # What the person is told at the end comes from the server's rules.
    assert record.pop("counted") is True and record.pop("stop_advised") is False
    assert record.pop("summary") == "Well done: you practised 2:00. Pain 4 → 2."
    # The same record, in the same shape, through `unbrace history --json`.
    assert cli.json("history")["sessions"] == [record]
    assert maria.get(f"{API}/sessions").json() == [record]
    assert "already finished" in detail(
        maria.post(f"{API}/sessions/{sid}/finish", json={"status": "stopped", "seconds": 1}),
        409,
    )
    # A beacon sent as the page closes, after the finish, changes nothing.
    late = maria.post(f"{API}/sessions/{sid}/progress", json={"seconds": 1, "steps": []})
    assert late.json() == {"id": sid, "status": "completed", "seconds": 120}


def test_a_terminal_session_shows_in_the_api(onboarded_cli: Cli, client: TestClient) -> None:
    onboarded_cli.ok("session", "posture-reset", "--minutes", "1", "--no-input", "--speed", "600")
    sessions = client.get(f"{API}/sessions").json()
    assert len(sessions) == 1 and sessions[0]["status"] == "completed"
    assert sessions[0] == onboarded_cli.json("history")["sessions"][0]
    today_data = client.get(f"{API}/today").json()
    assert today_data["week"]["days_practised"] == 1
    # The browser cannot report progress for a session the terminal runs.
    sid = sessions[0]["id"]
    assert "terminal" in detail(
        client.post(f"{API}/sessions/{sid}/progress", json={"seconds": 1}), 409
    )


@pytest.fixture
def onboarded_cli(cli: Cli) -> Cli:
    from tests.cli.conftest import INIT

    cli.ok(*INIT)
    return cli


def test_progress_as_text_plain_from_send_beacon(maria: TestClient) -> None:
    sid = start(maria)["id"]
    body = json.dumps({"seconds": 12.5, "steps": [{"index": 0, "seconds": 12.5}]})
    response = maria.post(
        f"{API}/sessions/{sid}/progress",
        content=body,
        headers={"Content-Type": "text/plain;charset=UTF-8", "Origin": "http://127.0.0.1:8000"},
    )
    assert response.status_code == 200 and response.json()["seconds"] == 12.5
    steps = maria.get(f"{API}/sessions").json()[0]["steps"]
    assert steps[0]["seconds"] == 12.5


def test_progress_only_moves_forward(maria: TestClient) -> None:
    sid = start(maria, minutes=1)["id"]
    url = f"{API}/sessions/{sid}/progress"
    maria.post(url, json={"seconds": 20, "steps": [{"index": 0, "seconds": 20, "done": True}]})
    late = maria.post(url, json={"seconds": 10, "steps": [{"index": 0, "seconds": 10}]})
    assert late.json()["seconds"] == 20
    record = maria.get(f"{API}/sessions").json()[0]
    assert record["steps"][0]["seconds"] == min(20, record["steps"][0]["planned_seconds"])
    assert record["steps"][0]["done"]
    # More than was planned is capped at the session's length.
    assert maria.post(url, json={"seconds": 2000}).json()["seconds"] == 60


@pytest.mark.parametrize(
    "body",
    [
        {"seconds": -1},
        {"seconds": "NaN"},
        {"seconds": 5, "steps": [{"index": 99, "seconds": 1}]},
        {"seconds": 5, "steps": [{"index": 0, "seconds": -2}]},
        {"seconds": 5, "extra": True},
        {},
    ],
)
def test_bad_progress_is_refused_and_changes_nothing(
    maria: TestClient, body: dict[str, Any]
) -> None:
    sid = start(maria)["id"]
    detail(maria.post(f"{API}/sessions/{sid}/progress", json=body), 422)
    assert maria.get(f"{API}/sessions").json()[0]["seconds"] == 0


def test_unknown_sessions_are_404(maria: TestClient) -> None:
    assert detail(maria.post(f"{API}/sessions/999/progress", json={"seconds": 1}), 404)
    finish = {"status": "stopped", "seconds": 1}
    assert detail(maria.post(f"{API}/sessions/999/finish", json=finish), 404)
    # Ids beyond the database's integers are refused before they reach it (found by fuzzing).
    for sid in ("0", "-1", str(2**31), str(2**63)):
        assert detail(maria.post(f"{API}/sessions/{sid}/progress", json={"seconds": 1}), 422)


def test_text_the_database_cannot_keep_is_refused(maria: TestClient) -> None:
    sid = start(maria)["id"]
    finish = {"status": "stopped", "seconds": 1, "note": "a\x00b"}
    assert "NUL" in detail(maria.post(f"{API}/sessions/{sid}/finish", json=finish), 422)
    assert "NUL" in detail(maria.put(f"{API}/profile", json={"scene": "\x00"}), 422)
    assert detail(maria.get(f"{API}/practices/a%00b"), 422)
    assert detail(maria.post(f"{API}/sessions", json={"practice": "a\x01"}), 422)
    assert maria.get(f"{API}/sessions").json()[0]["status"] == "in_progress"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"practice": "yoga"}, "no practice called 'yoga'"),
        ({"practice": "posture-reset", "minutes": 21}, "between 1 and 20 minutes, not 21"),
        ({"practice": "posture-reset", "pain_before": 11}, "Pain must be a whole number"),
        ({"practice": "posture-reset", "pain_before": 2.5}, "pain_before"),
        ({"minutes": 2}, "practice is required"),
    ],
)
def test_bad_starts_are_refused_and_store_nothing(
    maria: TestClient, body: dict[str, Any], words: str
) -> None:
    assert words in detail(maria.post(f"{API}/sessions", json=body), 422)
    assert maria.get(f"{API}/sessions").json() == []


def test_high_pain_before_starts_the_flare_version(maria: TestClient) -> None:
    maria.put(f"{API}/profile", json={"easier": "a small bow"})
    started = start(maria, practice="movement-rehearsal", pain_before=8)
    assert started["flare"] and started["plan"]["minutes"] == 3
    assert "a small bow" in " ".join(s["text"] for s in started["plan"]["steps"])
    assert maria.get(f"{API}/sessions").json()[0]["flare"]


def test_a_flare_check_in_today_makes_sessions_gentler(maria: TestClient) -> None:
    maria.post(f"{API}/checkins", json={"pain": 6, "enjoyment": 5, "activity": 5, "flare": True})
    maria.post(f"{API}/safety/screen", json={"positive": []})  # asked first after a new flare
    started = start(maria, practice="movement-rehearsal")
    assert started["flare"] and started["plan"]["minutes"] == 3
    chosen = start(maria, practice="movement-rehearsal", minutes=6)
    assert chosen["flare"] and chosen["plan"]["minutes"] == 6  # a length given is kept


def test_the_gate_stops_an_api_session_after_a_hard_day(maria: TestClient) -> None:
    maria.post(f"{API}/checkins", json={"pain": 9, "enjoyment": 5, "activity": 5})
    refused = maria.post(f"{API}/sessions", json={"practice": "posture-reset"})
    assert "safety questions come first" in detail(refused, 409)
    assert maria.get(f"{API}/sessions").json() == []
    maria.post(f"{API}/safety/screen", json={"positive": []})
    start(maria)


def test_the_gate_stops_an_api_session_while_a_warning_sign_is_open(maria: TestClient) -> None:
    maria.post(f"{API}/safety/screen", json={"positive": ["night-pain"]})  # urgent
    refused = maria.post(f"{API}/sessions", json={"practice": "posture-reset"})
    assert "clinician" in detail(refused, 409)
    gentle = start(maria, practice="movement-rehearsal", gentle=True)
    assert gentle["flare"]  # a gentle session chosen is the gentler version
    maria.post(f"{API}/safety/screen", json={"positive": ["saddle-numbness"]})  # emergency
    stopped = maria.post(f"{API}/sessions", json={"practice": "posture-reset", "gentle": True})
    assert stopped.status_code == 409
    assert len(maria.get(f"{API}/sessions").json()) == 1


def test_a_silent_browser_session_is_closed_as_stopped(
    maria: TestClient, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = start(maria, minutes=1)["id"]
    maria.post(f"{API}/sessions/{sid}/progress", json={"seconds": 15})
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=3)
    monkeypatch.setattr(deps, "now", lambda: later)
    record = maria.get(f"{API}/sessions").json()[0]
    assert record["status"] == "stopped" and record["seconds"] == 15
    # A late report changes nothing; the finish, with the ratings, still counts.
    late = maria.post(f"{API}/sessions/{sid}/progress", json={"seconds": 30})
    assert late.json() == {"id": sid, "status": "stopped", "seconds": 15}
    done = maria.post(
        f"{API}/sessions/{sid}/finish",
        json={"status": "stopped", "seconds": 30, "pain_after": 3},
    ).json()
    assert done["status"] == "stopped" and done["seconds"] == 30 and done["pain_after"] == 3
    assert cli.json("history")["sessions"][0]["pain_after"] == 3


def test_the_terminal_closes_silent_browser_sessions_too(maria: TestClient, cli: Cli) -> None:
    from unbrace.store.db import open_store
    from unbrace.store.models import PracticeSession
    from unbrace.store.session_repo import WEB_HOST

    sid = start(maria)["id"]
    store = open_store(maria.app.state.settings)  # type: ignore[attr-defined]
    with store.transaction() as db:
        record = db.get(PracticeSession, sid)
        assert record is not None and record.host == WEB_HOST and record.pid is None
        record.updated_at -= dt.timedelta(minutes=3)
    store.close()
    assert cli.json("history")["sessions"][0]["status"] == "stopped"


def test_sessions_since_a_day(maria: TestClient) -> None:
    start(maria)
    assert len(maria.get(f"{API}/sessions", params={"since": today()}).json()) == 1
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    assert maria.get(f"{API}/sessions", params={"since": tomorrow}).json() == []
    assert "YYYY-MM-DD" in detail(maria.get(f"{API}/sessions", params={"since": "May 3"}), 422)
    assert detail(maria.get(f"{API}/sessions", params={"since": "0"}), 422)  # not 1970
    assert "from 1900-01-01" in detail(
        maria.get(f"{API}/insights", params={"since": "0001-01-01"}), 422
    )


# --- check-ins ---------------------------------------------------------------------------------


def test_check_in_for_today(maria: TestClient, cli: Cli) -> None:
    response = maria.post(f"{API}/checkins", json={"pain": 5, "enjoyment": 4, "activity": 3})
    assert response.status_code == 201
    saved = response.json()
    assert saved["date"] == today() and saved["pain"] == 5 and saved["peg"] == 4
    assert cli.json("history")["checkins"] == [saved]
    assert maria.get(f"{API}/checkins").json() == [saved]
    assert maria.get(f"{API}/today").json()["last_checkin"]["pain"] == 5


def test_a_full_check_in_for_an_earlier_day(maria: TestClient, cli: Cli) -> None:
    day = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    body = {
        "date": day,
        "pain": 3,
        "enjoyment": 2,
        "activity": 2,
        "worst": 6,
        "stress": 4,
        "sleep": 7,
        "habits": ["walking", "movement-breaks", "walking"],
        "flare": True,
        "note": "a long walk",
    }
    saved = maria.post(f"{API}/checkins", json=body).json()
    assert saved["habits"] == ["movement-breaks", "walking"]  # the checklist's order, once each
    assert saved["worst"] == 6 and saved["flare"] and saved["note"] == "a long walk"
    assert cli.json("history", "--since", day)["checkins"] == [saved]
    assert maria.get(f"{API}/checkins", params={"since": today()}).json() == []


def test_the_schemas_habits_are_the_checklist() -> None:
    from typing import get_args

    from unbrace.core.checkins import HABITS
    from unbrace.web.api.models import Habit

    assert list(get_args(Habit)) == list(HABITS)


def test_json_whole_numbers_may_be_written_with_a_point(maria: TestClient) -> None:
    body = {"pain": 5.0, "enjoyment": 4, "activity": 3.0}
    saved = maria.post(f"{API}/checkins", json=body).json()
    assert saved["pain"] == 5 and isinstance(saved["pain"], int)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"pain": 11}, "Pain must be a whole number from 0 to 10, not 11."),
        ({"enjoyment": -1}, "Enjoyment must be a whole number from 0 to 10, not -1."),
        ({"sleep": 12}, "Sleep must be a whole number"),
        ({"pain": "5"}, "pain"),
        ({"pain": True}, "pain"),
        ({"flare": 1}, "flare"),
        ({"habits": ["yoga"]}, "habits"),
        ({"date": "2020-13-01"}, "Dates are written YYYY-MM-DD"),
        ({"date": 0}, "Dates are written YYYY-MM-DD"),
        ({"pain": 5.5}, "pain"),
        ({"date": "2999-01-01"}, "a day that has not come yet"),
        ({"note": "x" * 2001}, "note"),
        ({"mood": 3}, "mood is not a field"),
    ],
)
def test_bad_check_ins_are_refused_and_change_nothing(
    maria: TestClient, change: dict[str, Any], words: str
) -> None:
    body = {"pain": 5, "enjoyment": 4, "activity": 3} | change
    assert words in detail(maria.post(f"{API}/checkins", json=body), 422)
    assert maria.get(f"{API}/checkins").json() == []


def test_a_second_check_in_for_a_day_needs_replace(maria: TestClient, cli: Cli) -> None:
    first = {"pain": 5, "enjoyment": 4, "activity": 3}
    maria.post(f"{API}/checkins", json=first)
    words = detail(maria.post(f"{API}/checkins", json=first | {"pain": 2}), 409)
    assert "already a check-in" in words and "replace" in words
    assert maria.get(f"{API}/checkins").json()[0]["pain"] == 5
    replaced = maria.post(f"{API}/checkins", json=first | {"pain": 2, "replace": True})
    assert replaced.status_code == 201 and replaced.json()["pain"] == 2
    assert len(maria.get(f"{API}/checkins").json()) == 1
    # A day checked in at the terminal is the same day here.
    day = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    cli.ok(
        "checkin", "--pain", "4", "--enjoyment", "3", "--activity", "2", "--date", day, "--no-input"
    )
    assert detail(maria.post(f"{API}/checkins", json=first | {"date": day}), 409)


# --- today, insights, coach --------------------------------------------------------------------


def test_today_is_what_the_cli_shows(maria: TestClient, cli: Cli) -> None:
    maria.post(f"{API}/checkins", json={"pain": 4, "enjoyment": 3, "activity": 2})
    data = maria.get(f"{API}/today").json()
    assert data["profile"] == "Maria" and data["date"] == today()
    assert data == cli.json("today")
    maria.put(f"{API}/profile", json={"streaks": True})
    assert maria.get(f"{API}/today").json()["streak"] == 0


def test_insights_are_what_the_cli_shows(maria: TestClient, cli: Cli) -> None:
    cli.ok("demo", "--days", "30")
    data = maria.get(f"{API}/insights").json()
    assert data["adherence"]["days_practised"] > 0
    assert data == cli.json("insights")
    since = (dt.date.today() - dt.timedelta(days=7)).isoformat()
    assert maria.get(f"{API}/insights", params={"since": since}).json() == cli.json(
        "insights", "--since", since
    )


def test_coach_is_what_the_cli_shows(maria: TestClient, cli: Cli) -> None:
    text = "I stand in my sunny kitchen and bend to load the white plates, my back long."
    data = maria.post(f"{API}/coach", json={"text": text}).json()
    assert data == cli.json("coach", text)
    assert 0 <= data["score"] <= 100 and data["suggestions"] is not None
    assert "empty" in detail(maria.post(f"{API}/coach", json={"text": "   "}), 422)
    assert detail(maria.post(f"{API}/coach", json={"text": "x" * 20_001}), 422)


# --- routine and calendar ----------------------------------------------------------------------


def test_routine_read_change_and_calendar(maria: TestClient, cli: Cli) -> None:
    routine = maria.get(f"{API}/routine").json()
    assert routine["practice"] == "movement-rehearsal" and routine["anchor_time"] == "07:30"
    changed = maria.put(
        f"{API}/routine",
        json={
            "anchor_time": "08:15",
            "work_days": "mon,wed",
            "work_hours": "10:00-16:00",
            "reset_every": 0,
            "quiet_hours": "off",
            "downshift": "21:30",
            "timezone": "Europe/London",
            "practice": "body-scan",
            "minutes": 4,
        },
    ).json()
    assert changed["anchor_time"] == "08:15" and changed["work_days"] == "mon,wed"
    assert changed["reset_times"] == [] and changed["quiet_hours"] is None
    assert changed["downshift"] == "21:30" and changed["timezone"] == "Europe/London"
    shown = cli.json("routine", "show")
    assert {k: v for k, v in shown.items() if k != "today"} == {
        k: v for k, v in changed.items() if k != "today"
    }
    calendar = maria.get("/calendar.ics")
    assert calendar.status_code == 200
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in calendar.content and b"TZID=Europe/London" in calendar.content


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"anchor_time": "25:00"}, "HH:MM"),
        ({"work_hours": "17:00-09:00"}, "end after they start"),
        ({"reset_every": 5}, "Posture resets come every"),
        ({"timezone": "Mars/Olympus"}, "Unknown time zone"),
        ({"practice": "yoga"}, "No practice called 'yoga'"),
        ({"minutes": 30}, "between 1 and 20 minutes"),
        ({"work_days": "funday"}, "not a day"),
        ({"intention": "x" * 301}, "one sentence"),
    ],
)
def test_bad_routine_changes_are_refused_whole(
    maria: TestClient, change: dict[str, Any], words: str
) -> None:
    before = maria.get(f"{API}/routine").json()
    body = {"anchor_time": "06:00"} | change
    assert words in detail(maria.put(f"{API}/routine", json=body), 422)
    assert maria.get(f"{API}/routine").json() == before


# --- the schema --------------------------------------------------------------------------------


def test_the_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    schema = client.get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/practices",
        "/api/v1/practices/{practice_id}",
        "/api/v1/sessions",
        "/api/v1/sessions/{session_id}/progress",
        "/api/v1/sessions/{session_id}/finish",
        "/api/v1/checkins",
        "/api/v1/profile",
        "/api/v1/safety/screen",
        "/api/v1/safety/seen",
        "/api/v1/safety/questions",
        "/api/v1/today",
        "/api/v1/coach",
        "/api/v1/insights",
        "/api/v1/routine",
        "/calendar.ics",
    ):
        assert path in paths, path
    progress = paths["/api/v1/sessions/{session_id}/progress"]["post"]["requestBody"]
    assert set(progress["content"]) == {"application/json", "text/plain"}
    pain = schema["components"]["schemas"]["CheckInIn"]["properties"]["pain"]
    assert pain["minimum"] == 0 and pain["maximum"] == 10


def test_the_api_the_player_page_and_the_terminal_give_one_plan(
    maria: TestClient, settings: Settings
) -> None:
    """One serialiser (`Plan.as_json`): the API's plan is the one the player page carries."""
    import html
    import re

    api = maria.get(f"{API}/practices/posture-reset").json()
    page = maria.get("/session/posture-reset").text
    found = re.search(r'data-plan="([^"]*)"', page)
    assert found is not None
    assert json.loads(html.unescape(found.group(1))) == api
    assert all(0 < step["read_seconds"] <= step["seconds"] for step in api["steps"])


def test_the_api_bodies_have_the_fields_history_json_prints() -> None:
    # The API's bodies are pydantic models (its documented schema), filled from shapes the
    # use cases build without pydantic, so that `history --json` imports none
    # (usecases/records.py; the profile from usecases.profiles.Preferences). Two
    # declarations of one shape: this keeps them one.
    import dataclasses
    from typing import get_type_hints

    from unbrace.usecases.profiles import Preferences
    from unbrace.usecases.records import CheckInJson, SessionJson, StepJson
    from unbrace.web.api.models import CheckInOut, ProfileOut, SessionRecord, SessionStep

    for model, shape in (
        (CheckInOut, CheckInJson),
        (SessionRecord, SessionJson),
        (SessionStep, StepJson),
    ):
        assert list(model.model_fields) == list(get_type_hints(shape)), model.__name__
    preferences = [field.name for field in dataclasses.fields(Preferences)]
    assert list(ProfileOut.model_fields) == [*preferences, "safety"]
