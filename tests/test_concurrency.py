"""Many writers at once, on SQLite and PostgreSQL: browser clients (threads through the app,
whose routes run in worker threads on their own connections) and `unbrace checkin` processes.

Asserted: no acknowledged write is lost, a session's progress never goes backwards, and a
session is finished once (the other finishes get 409 and change nothing). Each test prints
how many writes it tried and how many were refused or lost (`pytest -s` shows them).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import API, BASE_URL, MARIA, FastAPI, TestClient
from unbrace.settings import Settings
from unbrace.web.app import create_app

UNBRACE = str(Path(sys.executable).with_name("unbrace"))
ROUNDS = 4
CLIENTS = 4
pytestmark = pytest.mark.slow


@pytest.fixture
def web(settings: Settings) -> Iterator[TestClient]:
    app: FastAPI = create_app(settings)
    with TestClient(app, base_url=BASE_URL) as client:
        assert client.post(f"{API}/profile", json=MARIA).status_code == 201
        yield client


def together(work: list[Callable[[], Any]]) -> list[Any]:
    """Run every callable in its own thread, all released at the same moment."""
    gate = threading.Barrier(len(work), timeout=60)
    results: list[Any] = [None] * len(work)

    def run(index: int) -> None:
        gate.wait()
        try:
            results[index] = work[index]()
        except BaseException as exc:  # kept and asserted on below
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def start(client: TestClient) -> int:
    started = client.post(f"{API}/sessions", json={"practice": "body-scan", "minutes": 10})
    assert started.status_code == 201, started.text
    return int(started.json()["id"])


def stored_seconds(client: TestClient, sid: int) -> float:
    sessions = client.get(f"{API}/sessions").json()
    return float(next(s for s in sessions if s["id"] == sid)["seconds"])


def progress_round(web: TestClient) -> tuple[list[float], list[float], float]:
    """Several clients report one session's progress at once while another reads it."""
    sid = start(web)
    acknowledged: list[float] = []
    seen: list[float] = []

    def reporter(offset: int) -> Callable[[], None]:
        def report() -> None:
            for tick in range(6):
                seconds = float(10 * tick + offset)
                answer = web.post(
                    f"{API}/sessions/{sid}/progress",
                    json={"seconds": seconds, "steps": [{"index": 0, "seconds": seconds}]},
                )
                assert answer.status_code == 200, answer.text
                acknowledged.append(seconds)
                seen.append(float(answer.json()["seconds"]))

        return report

    def watcher() -> None:
        for _ in range(6):
            seen.append(stored_seconds(web, sid))

    errors = [r for r in together([*(reporter(i) for i in range(CLIENTS)), watcher]) if r]
    assert errors == []
    return acknowledged, seen, stored_seconds(web, sid)


def test_progress_never_goes_backwards(web: TestClient) -> None:
    tried = lost = 0
    for _ in range(ROUNDS):
        acknowledged, seen, final = progress_round(web)
        tried += len(acknowledged)
        lost += final < max(acknowledged)
        assert final >= max(acknowledged) and final == max(seen)
    print(f"\nprogress: {tried} acknowledged reports, {lost} rounds went backwards")


def finish_round(web: TestClient) -> tuple[list[Any], dict[str, Any]]:
    sid = start(web)

    def finisher(pain: int) -> Callable[[], Any]:
        def finish() -> Any:
            return web.post(
                f"{API}/sessions/{sid}/finish",
                json={"status": "stopped", "seconds": 30 + pain, "pain_after": pain},
            )

        return finish

    answers = together([finisher(pain) for pain in range(CLIENTS)])
    record = next(s for s in web.get(f"{API}/sessions").json() if s["id"] == sid)
    return answers, record


def test_a_session_is_finished_once(web: TestClient) -> None:
    tried = doubled = 0
    for _ in range(ROUNDS):
        answers, record = finish_round(web)
        tried += len(answers)
        codes = sorted(answer.status_code for answer in answers)
        doubled += codes.count(200) - 1
        assert codes == [200] + [409] * (CLIENTS - 1), codes
        winner = next(answer.json() for answer in answers if answer.status_code == 200)
        assert record["pain_after"] == winner["pain_after"]
        assert record["seconds"] == winner["seconds"]
    print(f"\nfinish: {tried} concurrent finishes, {doubled} finished twice")


def terminal_checkin(env: dict[str, str], day: str, pain: int) -> Callable[[], Any]:
    def checkin() -> Any:
        ratings = ["--pain", str(pain), "--enjoyment", str(pain), "--activity", str(pain)]
        return subprocess.run(
            [UNBRACE, "checkin", "--date", day, "--replace", "--no-input", *ratings],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )

    return checkin


def browser_checkin(web: TestClient, day: str, pain: int) -> Callable[[], Any]:
    def checkin() -> Any:
        body = {"date": day, "pain": pain, "enjoyment": pain, "activity": pain, "replace": True}
        return web.post(f"{API}/checkins", json=body)

    return checkin


def test_browser_and_terminal_check_ins_of_a_new_day_are_all_kept(
    web: TestClient, settings: Settings
) -> None:
    env = {**os.environ, "UNBRACE_DATABASE_URL": settings.database_url}
    day = "2026-01-10"
    answers = together(
        [
            terminal_checkin(env, day, 1),
            terminal_checkin(env, day, 2),
            browser_checkin(web, day, 5),
            browser_checkin(web, day, 6),
        ]
    )
    failed = 0
    for answer in answers:
        ok = (
            answer.returncode == 0
            if isinstance(answer, subprocess.CompletedProcess)
            else answer.status_code in (200, 201)
        )
        failed += not ok
        assert ok, getattr(answer, "stderr", None) or answer.text
    kept = [c for c in web.get(f"{API}/checkins").json() if c["date"] == day]
    assert len(kept) == 1 and kept[0]["pain"] in {1, 2, 5, 6}
    assert kept[0]["enjoyment"] == kept[0]["pain"]  # one whole save, never a mix
    print(f"\ncheck-ins: {len(answers)} concurrent saves, {failed} refused")
