"""Backup and restore of the SQLite database; PostgreSQL gets advice instead."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from tests.sample_records import fill_profile
from unbrace.core.errors import UnbraceError
from unbrace.settings import Settings
from unbrace.store import checkin_repo, profile_repo
from unbrace.store.db import HEAD_REVISION, current_revision, make_engine, migrate, open_store
from unbrace.transfer.backup import backup_sqlite, inspect_backup, restore_sqlite

NOW = dt.datetime(2026, 11, 25, 9, 30, 0, tzinfo=dt.UTC)
STAMP = "2026-11-25 09:30:00.000000"  # as the store writes times into SQLite


@pytest.fixture
def sqlite_settings(isolated_home: Path) -> Settings:
    return Settings(home=isolated_home, database_url=f"sqlite:///{isolated_home / 'unbrace.db'}")


@pytest.fixture
def filled(sqlite_settings: Settings) -> Iterator[Settings]:
    store = open_store(sqlite_settings)
    fill_profile(store, days=5)
    store.close()
    yield sqlite_settings


def _count(path: Path, table: str = "checkins") -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _database(settings: Settings) -> Path:
    assert settings.sqlite_file is not None
    return settings.sqlite_file


def _writer(path: Path) -> sqlite3.Connection:
    """Another program's connection, as unbrace opens it (WAL), never checkpointing itself."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute("PRAGMA cache_size=1")  # uncommitted pages spill into the WAL early
    return connection


def _insert_checkins(connection: sqlite3.Connection, first: dt.date, count: int) -> None:
    profile = connection.execute("SELECT id FROM profiles").fetchone()[0]
    for day in range(count):
        connection.execute(
            "INSERT INTO checkins (profile_id, date, pain, enjoyment, activity, habits, flare, "
            "note, created_at, updated_at) VALUES (?, ?, 3, 3, 3, '[]', 0, ?, ?, ?)",
            (profile, (first + dt.timedelta(days=day)).isoformat(), "x" * 500, STAMP, STAMP),
        )


def test_backup_is_a_consistent_snapshot_while_a_write_is_open(
    filled: Settings, tmp_path: Path
) -> None:
    database = _database(filled)
    writer = _writer(database)
    try:
        _insert_checkins(writer, dt.date(2020, 1, 1), 100)  # committed, still only in the WAL
        writer.execute("BEGIN IMMEDIATE")
        _insert_checkins(writer, dt.date(2021, 1, 1), 400)  # not committed
        assert Path(f"{database}-wal").stat().st_size > 100_000
        out = tmp_path / "snapshot.db"
        summary = backup_sqlite(filled, out)
        writer.execute("COMMIT")
    finally:
        writer.close()
    assert summary.checkins == 105 and summary.profiles == ("Maria",)
    assert _count(out) == 105  # the committed rows in the WAL, none of the open write
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with closing(sqlite3.connect(out)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["home", "snapshot.db"]
    restored = Settings(home=tmp_path / "other", database_url=f"sqlite:///{out}")
    store = open_store(restored)  # it opens as an unbrace database
    with store.transaction() as db:
        assert (
            len(
                checkin_repo.list_checkins(
                    db, profile=profile_repo.resolve_profile(db, name="Maria")
                )
            )
            == 105
        )
    store.close()


def test_backup_never_overwrites_and_needs_a_database(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    with pytest.raises(UnbraceError, match="no database yet"):
        backup_sqlite(sqlite_settings, tmp_path / "b.db")
    open_store(sqlite_settings).close()
    taken = tmp_path / "b.db"
    taken.write_text("keep me")
    with pytest.raises(UnbraceError, match="already exists"):
        backup_sqlite(sqlite_settings, taken)
    assert taken.read_text() == "keep me"


def test_postgresql_gets_pg_dump_advice_without_the_password(isolated_home: Path) -> None:
    url = "postgresql://sam:s3cret@db.example.org:5433/clinic?options=-csearch_path%3Dsam"
    settings = Settings(home=isolated_home, database_url=url)
    with pytest.raises(UnbraceError) as caught:
        backup_sqlite(settings, isolated_home / "b.db")
    message = str(caught.value)
    assert (
        "pg_dump --host=db.example.org --port=5433 --username=sam --dbname=clinic "
        "--schema=sam --format=custom --file=unbrace.dump"
    ) in message
    assert "s3cret" not in message
    with pytest.raises(UnbraceError, match=r"pg_restore --host=db\.example\.org") as caught:
        restore_sqlite(settings, isolated_home / "b.db")
    assert "s3cret" not in str(caught.value)


@contextmanager
def _unchanged(settings: Settings) -> Iterator[None]:
    """Nothing in the data folder changes inside the block."""
    database = _database(settings)
    before = (_digest(database), sorted(p.name for p in database.parent.iterdir()))
    yield
    assert (_digest(database), sorted(p.name for p in database.parent.iterdir())) == before


def test_restore_refuses_a_file_that_is_not_sqlite(filled: Settings, tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my shopping list\n")
    with _unchanged(filled):
        with pytest.raises(UnbraceError, match="is not a SQLite database"):
            restore_sqlite(filled, notes)
        with pytest.raises(UnbraceError, match="No file at"):
            restore_sqlite(filled, tmp_path / "missing.db")


def test_restore_refuses_a_sqlite_file_without_unbrace_tables(
    filled: Settings, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE recipes (name TEXT)")
        db.commit()
    with _unchanged(filled), pytest.raises(UnbraceError, match="not one of unbrace's"):
        restore_sqlite(filled, other)
    assert _count(other, "recipes") == 0


def test_restore_refuses_an_unknown_schema_and_a_damaged_file(
    filled: Settings, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.db"
    backup_sqlite(filled, newer)
    with closing(sqlite3.connect(newer)) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
        db.commit()
    damaged = tmp_path / "damaged.db"
    data = bytearray((tmp_path / "newer.db").read_bytes())
    data[4096:8192] = b"\x17" * 4096  # scribble over the second page
    damaged.write_bytes(bytes(data))
    with _unchanged(filled):
        with pytest.raises(
            UnbraceError, match=r"schema version this unbrace does not know \(9999\)"
        ):
            restore_sqlite(filled, newer)
        with pytest.raises(UnbraceError, match="damaged"):
            restore_sqlite(filled, damaged)


def test_restore_keeps_a_safety_copy_and_swaps_the_backup_in(
    filled: Settings, tmp_path: Path
) -> None:
    database = _database(filled)
    backup = tmp_path / "backup.db"
    backup_sqlite(filled, backup)
    before_backup = _digest(backup)
    writer = _writer(database)
    _insert_checkins(writer, dt.date(2020, 1, 1), 3)  # made after the backup
    writer.close()
    assert inspect_backup(backup).checkins == 5
    restored = restore_sqlite(filled, backup, now=NOW)
    assert restored.summary.checkins == 5
    assert restored.safety_copy is not None
    assert restored.safety_copy.name.startswith("unbrace.db.before-restore-2026")
    assert _count(restored.safety_copy) == 8  # the database as it was, newest rows included
    assert stat.S_IMODE(restored.safety_copy.stat().st_mode) == 0o600
    assert _count(database) == 5
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert not Path(f"{database}-wal").exists()
    assert _digest(backup) == before_backup  # the backup file itself is untouched
    store = open_store(filled)
    with store.transaction() as db:
        assert profile_repo.resolve_profile(db, name=None).name == "Maria"
    store.close()


def test_restore_from_an_older_schema_is_brought_up_to_date(
    isolated_home: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.db"
    engine = make_engine(Settings(home=tmp_path, database_url=f"sqlite:///{old}"))
    migrate(engine, "0001")
    engine.dispose()
    settings = Settings(home=isolated_home, database_url=f"sqlite:///{isolated_home / 'u.db'}")
    restored = restore_sqlite(settings, old)
    assert restored.summary.revision == "0001" and restored.safety_copy is None
    store = open_store(settings)
    assert current_revision(store.engine) == HEAD_REVISION
    store.close()


def test_restore_refuses_while_another_program_uses_the_database(
    filled: Settings, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.db"
    backup_sqlite(filled, backup)
    reader = sqlite3.connect(_database(filled))
    try:
        reader.execute("SELECT count(*) FROM profiles").fetchone()
        with (
            _unchanged(filled),
            pytest.raises(UnbraceError, match="using the database right now"),
        ):
            restore_sqlite(filled, backup)
    finally:
        reader.close()


def test_a_damaged_database_can_still_be_replaced(filled: Settings, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    backup_sqlite(filled, backup)
    database = _database(filled)
    database.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    restored = restore_sqlite(filled, backup)
    assert restored.safety_copy is not None
    assert restored.safety_copy.read_bytes().startswith(b"SQLite format 3")
    assert _count(database) == 5
