"""Opening the database: engine settings, private files, and migrations on first use."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from unbrace.core.errors import UnbraceError
from unbrace.settings import Settings

# The newest migration. Checking it with one query lets every command skip
# importing Alembic unless an upgrade is really needed; a test keeps it in step.
HEAD_REVISION = "0004"

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) readable by its owner only."""
    if not path.exists():
        path.mkdir(parents=True, mode=PRIVATE_DIR)
        os.chmod(path, PRIVATE_DIR)  # mkdir's mode is filtered by the umask


def _touch_private(path: Path) -> None:
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
        os.close(fd)
    os.chmod(path, PRIVATE_FILE)


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
        if database and database != ":memory:":
            path = Path(database)
            ensure_private_dir(path.parent)
            # SQLite gives its -wal and -shm files the database file's permissions.
            _touch_private(path)
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


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Run Alembic migrations up to ``revision`` on ``engine``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("unbrace.store") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@dataclass
class Store:
    engine: Engine
    factory: sessionmaker[Session]
    settings: Settings

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed together, or rolled back together on any error."""
        with self.factory.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(settings: Settings, *, migrate_if_needed: bool = True) -> Store:
    if settings.is_sqlite:
        ensure_private_dir(settings.home)
    engine = make_engine(settings)
    try:
        if migrate_if_needed and current_revision(engine) != HEAD_REVISION:
            migrate(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise UnbraceError(
            f"Cannot open the database at {redact(settings.database_url)}: {reason}"
        ) from None
    factory = sessionmaker(engine, expire_on_commit=False)
    return Store(engine, factory, settings)


def this_host() -> str:
    return socket.gethostname()
