from __future__ import annotations

import stat
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from unbrace.core.errors import UnbraceError
from unbrace.settings import Settings
from unbrace.store.db import HEAD_REVISION, current_revision, make_engine, migrate, open_store


def test_head_revision_constant_matches_alembic() -> None:
    from importlib import resources

    config = Config()
    config.set_main_option("script_location", str(resources.files("unbrace.store") / "migrations"))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_blank_database_is_migrated_to_head_on_first_use(settings: Settings) -> None:
    store = open_store(settings)
    try:
        assert current_revision(store.engine) == HEAD_REVISION
        tables = set(inspect(store.engine).get_table_names())
        assert {
            "profiles",
            "personal_details",
            "feared_movements",
            "practice_sessions",
            "session_steps",
            "checkins",
            "safety_screens",
        } <= tables
    finally:
        store.close()


def test_downgrade_then_upgrade_round_trips(settings: Settings) -> None:
    engine = make_engine(settings)
    try:
        migrate(engine)
        from importlib import resources

        from alembic import command

        config = Config()
        config.set_main_option(
            "script_location", str(resources.files("unbrace.store") / "migrations")
        )
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert "profiles" not in inspect(engine).get_table_names()
        store = open_store(settings)  # upgrade happens automatically again
        assert current_revision(store.engine) == HEAD_REVISION
        store.close()
    finally:
        engine.dispose()


def test_sqlite_files_are_private_and_in_wal_mode(isolated_home: Path) -> None:
    settings = Settings.load()
    assert settings.database_url == f"sqlite:///{isolated_home / 'unbrace.db'}"
    store = open_store(settings)
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o700
        for path in isolated_home.glob("unbrace.db*"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        store.close()


def test_unreachable_postgres_is_one_clear_error(isolated_home: Path) -> None:
    settings = Settings(home=isolated_home, database_url="postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(UnbraceError, match="Cannot open the database"):
        open_store(settings)


def test_unknown_database_kind_is_refused(isolated_home: Path) -> None:
    settings = Settings(home=isolated_home, database_url="mysql://x@localhost/db")
    with pytest.raises(UnbraceError, match="SQLite or PostgreSQL"):
        open_store(settings)


def test_an_old_database_is_upgraded_keeping_its_data(settings: Settings) -> None:
    """A database at the first revision, with a profile, reaches head with the profile kept."""
    engine = make_engine(settings)
    try:
        migrate(engine, "0001")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO profiles (name, created_at, streaks) "
                    "VALUES ('Old', CURRENT_TIMESTAMP, false)"
                )
            )
        assert current_revision(engine) == "0001"
    finally:
        engine.dispose()
    store = open_store(settings)
    try:
        assert current_revision(store.engine) == HEAD_REVISION
        with store.engine.connect() as connection:
            names = connection.execute(text("SELECT name FROM profiles")).scalars().all()
            assert names == ["Old"]
            assert "personal_scripts" in inspect(connection).get_table_names()
    finally:
        store.close()


def test_a_database_from_a_newer_unbrace_is_refused_untouched(settings: Settings) -> None:
    open_store(settings).close()
    engine = make_engine(settings)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
            tables = sorted(inspect(connection).get_table_names())
    finally:
        engine.dispose()
    with pytest.raises(UnbraceError, match="written by a newer unbrace"):
        open_store(settings)
    engine = make_engine(settings)
    try:
        assert current_revision(engine) == "0099"
        assert sorted(inspect(engine).get_table_names()) == tables
    finally:
        engine.dispose()


def test_processes_starting_together_after_an_upgrade_migrate_once(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes read the old revision at the same moment; the lock lets one migrate and
    the other find the work done (before: "table personal_scripts already exists")."""
    import threading

    from alembic import command

    from unbrace.store import db as db_module

    engine = make_engine(settings)
    try:
        migrate(engine, "0001")
    finally:
        engine.dispose()
    both_read = threading.Barrier(2, timeout=30)
    read = db_module.current_revision
    upgrades: list[str] = []
    upgrade = command.upgrade

    def read_together(engine: object) -> str | None:
        found = read(engine)  # type: ignore[arg-type]
        both_read.wait()
        return found

    def counted(config: object, revision: str) -> None:
        upgrades.append(revision)
        upgrade(config, revision)  # type: ignore[arg-type]

    monkeypatch.setattr(db_module, "current_revision", read_together)
    monkeypatch.setattr(command, "upgrade", counted)
    errors: list[BaseException] = []

    def first_use() -> None:
        try:
            open_store(settings).close()
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=first_use) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert errors == [] and upgrades == ["head"]
    engine = make_engine(settings)
    try:
        assert read(engine) == HEAD_REVISION
    finally:
        engine.dispose()
