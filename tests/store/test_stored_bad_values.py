"""Values an older unbrace let in (an infinite duration, a day in year 1 or 2999, a pain of
99999) no longer break anything that reads them: every view, report and export still works,
`--json` output stays valid JSON, and broken records are left out of figures and exports.

On SQLite and PostgreSQL: the rows are written straight into the database, as an older
version (or a hand edit) would have left them.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from typer.testing import CliRunner

from tests.cli.conftest import INIT, Cli
from unbrace.core.checkins import CheckIn
from unbrace.settings import Settings
from unbrace.store import checkin_repo, profile_repo
from unbrace.store.db import Store
from unbrace.store.models import CheckInRecord, PracticeSession, utcnow

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx.*", category=UserWarning)
    from fastapi.testclient import TestClient


@pytest.fixture
def cli(runner: CliRunner, settings: Settings) -> Cli:
    """The CLI on the test's database (``settings`` points the environment at it)."""
    return Cli(runner)


FAST = ("--no-input", "--speed", "600", "--pain-before", "5", "--pain-after", "3")


def strict_json(text: str) -> Any:
    """JSON as the standard defines it: no Infinity or NaN."""

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _break_records(store: Store) -> None:
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        first = db.scalars(select(PracticeSession).order_by(PracticeSession.id)).first()
        assert first is not None
        db.execute(
            update(PracticeSession)
            .where(PracticeSession.id == first.id)
            .values(seconds=float("inf"))
        )
        now = utcnow()
        for day in (dt.date(2026, 11, 1), dt.date(2026, 11, 2)):
            entry = CheckIn(date=day, pain=4, enjoyment=4, activity=4)
            checkin_repo.save_checkin(db, profile=profile, checkin=entry, replace=False, now=now)
        db.execute(
            update(CheckInRecord)
            .where(CheckInRecord.date == dt.date(2026, 11, 1))
            .values(date=dt.date(1, 1, 1))
        )
        db.execute(
            update(CheckInRecord)
            .where(CheckInRecord.date == dt.date(2026, 11, 2))
            .values(date=dt.date(2999, 1, 1))
        )
        db.add(
            CheckInRecord(
                profile_id=profile.id,
                date=dt.date(2026, 11, 3),
                pain=99999,
                enjoyment=4,
                activity=4,
                habits=[],
                flare=False,
                note="",
                created_at=now,
                updated_at=now,
            )
        )


def test_stored_bad_values_break_nothing(
    cli: Cli, store: Store, settings: Settings, tmp_path: Path
) -> None:
    cli.ok(*INIT)
    cli.ok("session", "posture-reset", *FAST)
    cli.ok("session", "movement-rehearsal", "-m", "2", *FAST)
    cli.ok("checkin", "--pain", "4", "--enjoyment", "4", "--activity", "4", "--no-input")
    _break_records(store)

    history = strict_json(cli.ok("history", "--json").stdout)
    assert sorted(s["seconds"] is None for s in history["sessions"]) == [False, True]
    assert {c["date"] for c in history["checkins"]} >= {"0001-01-01", "2999-01-01"}
    cli.ok("history")
    today = cli.ok("today").stdout
    assert "2999" not in today and "inf" not in today
    insights = strict_json(cli.ok("insights", "--json").stdout)
    assert insights["adherence"]["minutes"] < 10  # the infinite session is left out
    cli.ok("insights")
    cli.ok("report", "--out", str(tmp_path / "report.html"))
    for fmt, out in (("json", "me.json"), ("fhir", "me.fhir.json"), ("csv", "me.zip")):
        result = cli.ok("export", "--format", fmt, "--out", str(tmp_path / out))
        assert result.stderr.count("Left out ") == 4, result.stderr
    exported = json.loads((tmp_path / "me.json").read_text(encoding="utf-8"))
    assert len(exported["sessions"]) == 1 and len(exported["checkins"]) == 1
    cli.ok("profile", "add", "Copy")
    cli.ok("--profile", "Copy", "import", str(tmp_path / "me.json"))

    from unbrace.web.app import create_app

    with TestClient(create_app(settings), base_url="http://127.0.0.1:8000") as web:
        for page in ("/", "/history", "/insights", "/report"):
            assert web.get(page).status_code == 200, page
        for path in ("sessions", "checkins", "insights", "today"):
            answer = web.get(f"/api/v1/{path}")
            assert answer.status_code == 200, path
            strict_json(answer.text)
