"""The README's commands through a real process: the entry point, errors, and a killed session."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

UNBRACE = str(Path(sys.executable).with_name("unbrace"))
INIT = [
    "init",
    "--name",
    "Maria",
    "--movement",
    "lifting the laundry basket",
    "--scene",
    "a pine path",
    "--anchor",
    "making coffee",
    "--red-flags",
    "none",
    "--no-input",
]

pytestmark = pytest.mark.slow


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [UNBRACE, *args], input=stdin, capture_output=True, text=True, timeout=60, env=os.environ
    )


def history() -> dict[str, Any]:
    result = run("history", "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_entry_point_version_and_help() -> None:
    assert run("--version").stdout.startswith("unbrace ")
    assert "session" in run("--help").stdout


def test_bad_input_is_one_line_and_exit_2() -> None:
    assert run(*INIT).returncode == 0
    result = run("checkin", "--pain", "11", "--enjoyment", "1", "--activity", "1", "--no-input")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("Error: ")
    assert history()["checkins"] == []


def test_first_run_without_arguments_starts_onboarding() -> None:
    answers = ["Sam"] + ["n"] * 8 + ["bending forward", "a lake", "coffee"]
    result = run(stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    assert "All set, Sam" in result.stdout


def _start_long_session() -> subprocess.Popen[str]:
    assert run(*INIT).returncode == 0
    return subprocess.Popen(
        [
            UNBRACE,
            "session",
            "movement-rehearsal",
            "--minutes",
            "5",
            "--no-input",
            "--pain-before",
            "5",
            "--speed",
            "5",  # slow enough that a loaded machine still catches it mid-session
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _wait_for_progress(process: subprocess.Popen[str], seconds: float) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        sessions = history()["sessions"]
        if sessions and sessions[0]["seconds"] >= seconds:
            return
        assert process.poll() is None, "session ended early"
        time.sleep(0.2)
    raise AssertionError("no progress was saved")


def test_killed_session_is_kept_as_stopped() -> None:
    process = _start_long_session()
    try:
        _wait_for_progress(process, 20)
        assert history()["sessions"][0]["status"] == "in_progress"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        process.kill()
    (session,) = history()["sessions"]
    assert session["status"] == "stopped"
    assert 20 <= session["seconds"] < 300
    assert session["pain_before"] == 5 and session["pain_after"] is None


def test_terminated_session_saves_and_stops() -> None:
    process = _start_long_session()
    try:
        _wait_for_progress(process, 10)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 143
    finally:
        process.kill()
    (session,) = history()["sessions"]
    assert session["status"] == "stopped" and session["ended_at"]
    assert 10 <= session["seconds"] < 300


def _post(url: str, body: dict[str, Any]) -> int:
    import urllib.request

    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Origin": url.split("/api/")[0]},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return int(answer.status)


def test_the_terminal_beside_the_running_web_app_loses_nothing() -> None:
    """The web app running, the terminal used in between: what the browser saves afterwards is
    still there for the terminal (the web app kept its hold on the database while migrating, so
    the terminal never took itself for the last user and deleted the write-ahead log)."""
    from tests.live_server import free_port

    port = free_port()
    server = subprocess.Popen(
        [UNBRACE, "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=os.environ,
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if f"127.0.0.1:{port}" in line:
                break
        api = f"http://127.0.0.1:{port}/api/v1"
        red_flags: list[str] = []
        assert _post(f"{api}/profile", {"name": "Maria", "red_flags": red_flags}) == 201
        assert run("profile", "list").returncode == 0  # the terminal opens and closes the database
        day = {"date": "2026-01-10", "pain": 4, "enjoyment": 3, "activity": 2}
        assert _post(f"{api}/checkins", day) == 201
        assert run("today").returncode == 0
        assert [c["date"] for c in history()["checkins"]] == ["2026-01-10"]
    finally:
        server.terminate()
        server.communicate(timeout=30)
