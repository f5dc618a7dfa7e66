"""Opening the database: engine settings, private files, and migrations on first use.

Migrations run under a lock (an advisory lock on PostgreSQL, a file lock on the SQLite file),
so several unbrace processes started at once after an upgrade migrate once. A database whose
schema version this unbrace does not know comes from a newer unbrace and is never touched. A
SQLite file in a read-only folder is opened read-only: reading works, and a write says why not.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from unbrace.core.errors import UnbraceError
from unbrace.files import (
    PRIVATE_DIR,
    PRIVATE_FILE,
    WriteFailed,
    create_private,
    ensure_private_dir,
    remove_stale_parts,
    tighten,
    why_not_written,
)
from unbrace.settings import Settings

__all__ = ["HEAD_REVISION", "PRIVATE_DIR", "PRIVATE_FILE", "ensure_private_dir"]

# The newest migration (kept in store/plain.py, which reads without SQLAlchemy). Checking it
# with one query lets every command skip importing Alembic unless an upgrade is really needed.
from unbrace.store.plain import HEAD_REVISION

NEWER_SCHEMA = (
    "This data was written by a newer unbrace (schema version {revision}); this one is older "
    "and cannot use it. Please update unbrace; your data has not been touched."
)


class ReadOnlyData(UnbraceError):
    """A write to a database opened read-only."""


def _touch_private(path: Path) -> None:
    if path.exists():
        tighten(path)  # never fails: a read-only folder must still be readable
        return
    try:
        create_private(path)
    except FileExistsError:
        pass  # created by another process a moment ago
    except OSError as exc:
        raise WriteFailed(why_not_written(path, exc)) from None


def writable(path: Path) -> bool:
    """Whether SQLite could write ``path`` and its -wal and -shm files beside it."""
    return os.access(path.parent, os.W_OK) and os.access(path, os.W_OK)


def normalise_url(url: str) -> str:
    """Accept plain postgresql:// URLs and use the psycopg 3 driver for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def redact(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "the configured database"


def make_engine(settings: Settings) -> Engine:
    url = normalise_url(settings.database_url)
    try:
        parsed = make_url(url)
    except Exception:
        raise UnbraceError(f"UNBRACE_DATABASE_URL is not a database URL: {url!r}.") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            path = Path(database)
            ensure_private_dir(path.parent)
            # SQLite gives its -wal and -shm files the database file's permissions.
            _touch_private(path)
            if not writable(path):
                # Read-only: no -wal or -shm can be made, so SQLite is told nothing will change.
                url = f"sqlite:///file:{path.resolve().as_posix()}?mode=ro&immutable=1&uri=true"
                engine = create_engine(url, connect_args={"timeout": 15})
                event.listen(engine, "connect", _sqlite_read_only_pragmas)
                return engine
        engine = create_engine(url, connect_args={"timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise UnbraceError("unbrace works with SQLite or PostgreSQL database URLs only.")
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


def is_read_only(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite" and "mode=ro" in str(engine.url)


def quick_check(engine: Engine) -> str:
    """SQLite's own check of the file's structure: "" when sound, else its first finding."""
    if engine.dialect.name != "sqlite":
        return ""
    with engine.connect() as connection:
        found = connection.exec_driver_sql("PRAGMA quick_check").scalar()
    return "" if found == "ok" else str(found)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("unbrace.store") / "migrations"))
    return config


@cache
def known_revisions() -> frozenset[str]:
    """Every schema version this unbrace's migrations know."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config())
    return frozenset(script.revision for script in scripts.walk_revisions())


def check_known(revision: str | None) -> None:
    """Refuse a schema version from a newer unbrace before anything is changed."""
    if revision is not None and revision != HEAD_REVISION and revision not in known_revisions():
        raise UnbraceError(NEWER_SCHEMA.format(revision=revision))


# Any fixed number: the PostgreSQL advisory lock all unbrace processes take to migrate.
MIGRATION_LOCK = 0x756E6272  # "unbr"


def migrate(engine: Engine, revision: str = "head") -> None:
    """Run Alembic migrations up to ``revision`` on ``engine``, one process at a time."""
    from alembic import command

    config = _alembic_config()
    with _migration_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Held until this transaction ends; PostgreSQL's DDL is part of the transaction.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        found = _revision_on(connection)
        check_known(found)
        if revision == "head" and found == HEAD_REVISION:
            return  # another process migrated while this one waited for the lock
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _revision_on(connection: Any) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """An exclusive lock on the SQLite file's folder while migrating (flock: independent of
    SQLite's own fcntl locks, and released by the kernel if the process dies).

    The folder, not the database file: closing any descriptor of the database file drops every
    fcntl lock this process holds on it, including those of SQLite connections already open
    (the web app migrates while its pool holds one). Another process would then think itself
    the last one, checkpoint and delete the -wal file, and every later write of this process
    would go into the deleted file and be lost."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's own locking only
        yield
        return
    if not database or database == ":memory:" or not Path(database).exists():
        yield
        return
    fd = os.open(Path(database).resolve().parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


@dataclass
class Store:
    engine: Engine
    factory: sessionmaker[Session]
    settings: Settings
    # A SQLite file in a read-only folder: reading works, writing raises `ReadOnlyData`.
    read_only: bool = False

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed together, or rolled back together on any error."""
        try:
            with self.factory.begin() as session:
                yield session
        except SQLAlchemyError as exc:
            if self.read_only and "readonly" in str(exc).replace("-", "").lower():
                raise ReadOnlyData(self.read_only_reason()) from None
            raise

    def read_only_reason(self) -> str:
        return (
            f"Your data folder {self.settings.home} is read-only, so unbrace can show your "
            "records but cannot save anything. Make the folder writable to save."
        )

    def close(self) -> None:
        self.engine.dispose()


def open_store(settings: Settings, *, migrate_if_needed: bool = True) -> Store:
    if settings.is_sqlite:
        ensure_private_dir(settings.home)
    engine = make_engine(settings)
    database = settings.sqlite_file
    if database is not None and not is_read_only(engine):
        # A restore or backup killed part-way leaves a hidden copy that nobody will finish.
        remove_stale_parts(database.parent, database.name)
    try:
        revision = current_revision(engine)
        if revision != HEAD_REVISION:
            check_known(revision)
            if migrate_if_needed and is_read_only(engine):
                raise ReadOnlyData(
                    f"{settings.home} is read-only, and this database needs a one-time update "
                    "by this version of unbrace; make the folder writable and try again."
                )
            if migrate_if_needed:
                migrate(engine)
    except UnbraceError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise UnbraceError(
            f"Cannot open the database at {redact(settings.database_url)}: {reason}"
        ) from None
    factory = sessionmaker(engine, expire_on_commit=False)
    return Store(engine, factory, settings, read_only=is_read_only(engine))


def remove(db: Session, record: object) -> None:
    """Delete one stored record (with what it owns, as the models cascade) in this transaction."""
    db.delete(record)
    db.flush()


def this_host() -> str:
    return socket.gethostname()
