"""Views kept per version of the data: served again only while nothing has been stored, by
this server or by another program (the terminal) on the same database."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from fastapi import FastAPI

from unbrace.core.checkins import CheckIn
from unbrace.settings import Settings
from unbrace.store import checkin_repo, profile_repo
from unbrace.store.db import open_store
from unbrace.web.views import DataVersion, ViewCache

from .conftest import TestClient


def test_the_version_changes_with_every_commit_from_any_connection(tmp_path: Path) -> None:
    path = tmp_path / "data.db"
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE t (x)")
    writer.commit()
    version = DataVersion(path)
    first = version.current()
    assert first is not None and version.current() == first  # reading changes nothing
    writer.execute("INSERT INTO t VALUES (1)")
    writer.commit()
    second = version.current()
    assert second != first
    other = sqlite3.connect(path)
    other.execute("INSERT INTO t VALUES (2)")
    other.commit()
    assert version.current() not in {first, second}
    version.close()


def test_no_file_or_no_sqlite_means_no_version(tmp_path: Path) -> None:
    assert DataVersion(tmp_path / "missing.db").current() is None
    assert DataVersion(None).current() is None


def test_a_view_is_computed_again_only_for_a_new_version() -> None:
    cache = ViewCache(size=2)
    calls: list[str] = []

    def compute(name: str) -> str:
        calls.append(name)
        return name.upper()

    assert cache.get("a", 1, lambda: compute("a")) == "A"
    assert cache.get("a", 1, lambda: compute("a")) == "A"
    assert cache.get("a", 2, lambda: compute("a")) == "A"
    assert cache.get("b", 2, lambda: compute("b")) == "B"
    assert cache.get("c", 2, lambda: compute("c")) == "C"  # "a" is pushed out
    assert cache.get("a", 2, lambda: compute("a")) == "A"
    assert cache.get("x", None, lambda: compute("x")) == "X"  # unknown version: never kept
    assert cache.get("x", None, lambda: compute("x")) == "X"
    assert calls == ["a", "a", "b", "c", "a", "x", "x"]


def test_today_shows_a_check_in_made_in_the_terminal_after_being_served(
    maria: TestClient, settings: Settings
) -> None:
    assert "You have checked in today" not in maria.get("/").text
    assert "You have checked in today" not in maria.get("/").text  # served again
    store = open_store(settings)  # another program on the same database
    try:
        with store.transaction() as db:
            profile = profile_repo.resolve_profile(db, name=None)
            checkin = CheckIn(date=dt.datetime.now().astimezone().date(), pain=3, enjoyment=4,
                              activity=4)  # fmt: skip
            checkin_repo.save_checkin(
                db, profile=profile, checkin=checkin, replace=False, now=dt.datetime.now(dt.UTC)
            )
    finally:
        store.close()
    assert "You have checked in today" in maria.get("/").text


def test_insights_follow_new_records(maria: TestClient) -> None:
    assert "In pictures" not in maria.get("/insights").text
    for days_ago in range(3):
        day = (dt.date.today() - dt.timedelta(days=days_ago)).isoformat()
        body = {"date": day, "pain": 4, "enjoyment": 5, "activity": 5}
        assert maria.post("/api/v1/checkins", json=body).status_code == 201
    assert "Pain over time" in maria.get("/insights").text


def test_today_served_again_asks_the_database_nothing(maria: TestClient, app: FastAPI) -> None:
    """Served again while nothing changed: the profile, the view and the ladder's nudges are
    all kept for this version of the data (on SQLite; PostgreSQL has no version to key on)."""
    from sqlalchemy import event

    statements: list[str] = []
    engine = app.state.store.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    assert maria.get("/").status_code == 200
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert "Good" in maria.get("/").text
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    if app.state.store.engine.dialect.name == "sqlite":
        assert statements == []
    else:
        assert statements  # computed every time


def test_a_profile_renamed_in_the_terminal_shows_at_once(
    maria: TestClient, settings: Settings
) -> None:
    assert "Maria" in maria.get("/").text
    store = open_store(settings)
    try:
        with store.transaction() as db:
            profile_repo.resolve_profile(db, name=None).name = "Mia"
    finally:
        store.close()
    page = maria.get("/").text
    assert "Mia" in page and "Maria" not in page
