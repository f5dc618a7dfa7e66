"""kill -9 at random moments: the CLI during check-ins, sessions, imports, backups and restores,
and the web server while it takes check-ins. After each kill SQLite's integrity check passes,
every write that was acknowledged (exit 0, or a 201) is still there, a write is there whole or
not at all, and the next command works. The moments come from a fixed seed, so a failure can be
replayed; `pytest -s` prints how many kills each kind of work took.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

UNBRACE = str(Path(sys.executable).with_name("unbrace"))
INIT = ["init", "--name", "Maria", "--movement", "lifting the laundry basket", "--red-flags",
        "none", "--no-input"]  # fmt: skip
pytestmark = pytest.mark.slow


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([UNBRACE, *args], capture_output=True, text=True, timeout=120)


class Clock:
    """How long each kind of work takes here, measured by a first run that is left alone,
    so kills land in the last part of a run, where the writing happens, on a fast or a
    busy machine alike."""

    def __init__(self, chance: random.Random) -> None:
        self.chance = chance
        self.took: dict[str, float] = {}

    def first(self, kind: str, args: list[str]) -> None:
        began = time.monotonic()
        result = run(*args)
        assert result.returncode == 0, result.stderr
        self.took[kind] = time.monotonic() - began

    def moment(self, kind: str) -> float:
        return self.took[kind] * self.chance.uniform(0.55, 1.05)


def killed(args: list[str], delay: float) -> int:
    """Start ``unbrace ARGS``, SIGKILL it after ``delay`` seconds; its exit status (0 if it
    finished first: the write was acknowledged)."""
    process = subprocess.Popen(
        [UNBRACE, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        return process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return -signal.SIGKILL


def intact(database: Path) -> None:
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def history() -> dict[str, Any]:
    result = run("history", "--json")
    assert result.returncode == 0, result.stderr  # the next command works
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_kill_the_cli_at_random_moments(isolated_home: Path, tmp_path: Path) -> None:
    chance = random.Random(20261203)
    database = isolated_home / "unbrace.db"
    kills: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    assert run(*INIT).returncode == 0
    acknowledged: dict[str, int] = {}
    clock = Clock(chance)
    flat = ["--no-input", "--pain", "1", "--enjoyment", "1", "--activity", "1"]
    clock.first("check-in", ["checkin", "--date", "2026-10-31", *flat])

    # Check-ins: each either acknowledged and kept, or killed and absent or whole.
    for number in range(3):
        day = f"2026-10-{number + 1:02d}"
        pain = chance.randint(0, 10)
        status = killed(
            [
                "checkin",
                "--date",
                day,
                "--no-input",
                "--pain",
                str(pain),
                "--enjoyment",
                "1",
                "--activity",
                "2",
                "--note",
                "kill -9 [/] 🌿",
            ],
            chance.uniform(0.8, 4.0),
        )
        tried["check-in"] += 1
        kills["check-in"] += status != 0
        if status == 0:
            acknowledged[day] = pain
        intact(database)
    kept = {c["date"]: c for c in history()["checkins"]}
    assert all(kept[day]["pain"] == pain for day, pain in acknowledged.items())
    assert all(c["note"] == "kill -9 [/] 🌿" and c["activity"] == 2 for c in kept.values()
               if c["date"] != "2026-10-31")  # fmt: skip

    # Sessions: a killed one is closed as stopped by the next command, its time kept.
    practise = ["session", "posture-reset", "--minutes", "1", "--no-input", "--speed", "30"]
    clock.first("session", practise)
    for _ in range(1):
        status = killed(practise, clock.moment("session"))
        tried["session"] += 1
        kills["session"] += status != 0
        intact(database)
        sessions = history()["sessions"]  # killed before it began: none stored, which is fine
        assert all(item["status"] in ("completed", "stopped") for item in sessions)
        assert status != 0 or sessions[-1]["status"] == "completed"

    # Imports: one transaction, so all of a file's records or none.
    export = tmp_path / "mine.json"
    assert run("export", "--out", str(export)).returncode == 0
    document = json.loads(export.read_text())
    sample = document["checkins"][0]
    for month in ("09", "06", "05"):
        document["checkins"] = [
            {**sample, "date": f"2026-{month}-{day:02d}"} for day in range(1, 21)
        ]
        source = tmp_path / f"import-{month}.json"
        source.write_text(json.dumps(document))
        before = len(history()["checkins"])
        if month == "09":
            clock.first("import", ["import", str(source)])
            continue
        status = killed(["import", str(source)], clock.moment("import"))
        tried["import"] += 1
        kills["import"] += status != 0
        intact(database)
        count = len(history()["checkins"])
        assert count in (before, before + 20)
        assert status != 0 or count == before + 20

    # Backups: a killed one leaves nothing, or a whole backup; never a partial file for long.
    clock.first("backup", ["backup", "--out", str(tmp_path / "first.db")])
    for number in range(1):
        out = tmp_path / f"copy-{number}.db"
        status = killed(["backup", "--out", str(out)], clock.moment("backup"))
        tried["backup"] += 1
        kills["backup"] += status != 0
        if out.exists():
            intact(out)
        assert status != 0 or out.exists()
        run("backup", "--out", str(out))  # again: made now, or refused as there already
        intact(out)
        assert list(tmp_path.glob(f".copy-{number}.db*")) == []
    assert run("backup", "--out", str(tmp_path / "last.db")).returncode == 0

    # Restores: the database is the old one or the backup, whole; the staged copy goes away.
    restored_from = history()
    clock.first("restore", ["restore", str(tmp_path / "last.db"), "--yes"])
    for _ in range(2):
        status = killed(["restore", str(tmp_path / "last.db"), "--yes"], clock.moment("restore"))
        tried["restore"] += 1
        kills["restore"] += status != 0
        intact(database)
        assert history()["checkins"] == restored_from["checkins"]
        assert list(isolated_home.glob(".unbrace.db.restore-*")) == []
    print(f"\ncrash (CLI): tried {dict(tried)}, killed before the end {dict(kills)}, 0 failed")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_kill_the_server_while_it_takes_check_ins(isolated_home: Path) -> None:
    import httpx

    chance = random.Random(3)
    assert run(*INIT).returncode == 0
    acknowledged: dict[str, int] = {}
    kills = 0
    for round_ in range(1):
        port = free_port()
        server = subprocess.Popen(
            [UNBRACE, "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):  # wait for it to listen
                try:
                    httpx.get(f"{base}/api/v1/today", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            deadline = chance.randint(5, 25)
            for number in range(30):
                if number == deadline:
                    server.send_signal(signal.SIGKILL)
                    kills += 1
                day = f"2026-08-{number + 1:02d}" if round_ == 0 else f"2026-07-{number + 1:02d}"
                body = {"date": day, "pain": number % 11, "enjoyment": 1, "activity": 1}
                try:
                    answer = httpx.post(f"{base}/api/v1/checkins", json=body, timeout=5)
                except httpx.TransportError:
                    break
                if answer.status_code == 201:
                    acknowledged[day] = number % 11
        finally:
            server.kill()
            server.wait()
        intact(isolated_home / "unbrace.db")
    kept = {c["date"]: c["pain"] for c in history()["checkins"]}
    lost = [day for day, pain in acknowledged.items() if kept.get(day) != pain]
    print(f"\ncrash (server): {len(acknowledged)} acknowledged check-ins, {kills} kills, "
          f"{len(lost)} lost")  # fmt: skip
    assert lost == [] and len(acknowledged) > 0
    assert os.path.exists(isolated_home / "unbrace.db")
