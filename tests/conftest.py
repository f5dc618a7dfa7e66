"""Shared fixtures: every test gets its own data directory and database.

``db_url`` runs a test on SQLite and on PostgreSQL. PostgreSQL tests use a fresh
schema each, on the server named by UNBRACE_TEST_DATABASE_URL (default: the local
one at 127.0.0.1:5432). They fail in CI when the server is down, and skip elsewhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from unbrace.settings import Settings
from unbrace.store.db import Store, open_store

PG_URL = os.environ.get("UNBRACE_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point UNBRACE_HOME at a fresh folder and clear any database or profile choice."""
    home = tmp_path / "home"
    monkeypatch.setenv("UNBRACE_HOME", str(home))
    monkeypatch.delenv("UNBRACE_DATABASE_URL", raising=False)
    monkeypatch.delenv("UNBRACE_PROFILE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    return home


def _pg_admin_url() -> str:
    return PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a brand-new schema, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    admin = create_engine(_pg_admin_url(), connect_args={"connect_timeout": 3})
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError:
        admin.dispose()
        if os.environ.get("CI"):
            raise
        pytest.skip("PostgreSQL is not reachable here")
    separator = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, isolated_home: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{isolated_home / 'unbrace.db'}"
    url: str = request.getfixturevalue("pg_schema_url")
    return url


@pytest.fixture
def settings(db_url: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings for either backend; the CLI sees the same database through the env."""
    monkeypatch.setenv("UNBRACE_DATABASE_URL", db_url)
    return Settings(home=isolated_home, database_url=db_url)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    yield opened
    opened.close()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def pytest_sessionstart(session: pytest.Session) -> None:
    from tests.contract import TALLY_FILE

    if not hasattr(session.config, "workerinput"):  # the controller, not an xdist worker
        TALLY_FILE.unlink(missing_ok=True)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """How many hostile inputs the property tests tried per way in (tests/contract.py)."""
    from tests.contract import summary

    lines = summary()
    if lines:
        terminalreporter.section("hostile input: tried and refused per category")
        for line in lines:
            terminalreporter.write_line(line)
