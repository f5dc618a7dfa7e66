"""Backing up the SQLite database, and putting a backup back; PostgreSQL gets pg_dump advice.

A backup uses SQLite's online backup API, which copies the database as one consistent snapshot
even while another unbrace is writing to it (WAL mode lets readers and a writer work at once).
A restore checks the whole file before touching anything, keeps the current database beside it
as ``unbrace.db.before-restore-<time>``, then swaps the new file in with one rename.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shlex
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from unbrace.core.errors import UnbraceError
from unbrace.files import (
    WriteFailed,
    create_private,
    ensure_private_dir,
    remove_stale_parts,
    remove_with_companions,
    temporary_name,
    why_not_written,
)
from unbrace.settings import Settings
from unbrace.store.db import known_revisions, normalise_url

SQLITE_MAGIC = b"SQLite format 3\x00"

# The tables of the first migration: a file without them is not an unbrace database.
REQUIRED_TABLES = frozenset(
    {
        "alembic_version",
        "profiles",
        "personal_details",
        "feared_movements",
        "practice_sessions",
        "session_steps",
        "checkins",
        "safety_screens",
    }
)


@dataclass(frozen=True)
class DatabaseSummary:
    """What a database file holds, in a few numbers a person can check."""

    revision: str
    profiles: tuple[str, ...]
    sessions: int
    checkins: int

    def describe(self) -> str:
        people = ", ".join(self.profiles) or "none"
        return (
            f"profiles: {people}; {_count(self.sessions, 'session')}, "
            f"{_count(self.checkins, 'check-in')}"
        )


@dataclass(frozen=True)
class Restored:
    summary: DatabaseSummary
    safety_copy: Path | None


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


# --- backup ---------------------------------------------------------------------------


def backup_sqlite(settings: Settings, out: Path) -> DatabaseSummary:
    """Write a consistent copy of the SQLite database to ``out`` (0600); returns what it holds."""
    database = _database_file(settings, action="back up")
    if not database.exists():
        raise UnbraceError("There is no database yet, so nothing to back up.")
    if not out.parent.is_dir():
        raise UnbraceError(f"There is no folder {out.parent} to save {out.name} in.")
    remove_stale_parts(out.parent, out.name)  # left by a backup that was killed
    if out.exists():
        raise UnbraceError(f"{out} already exists; choose another name so nothing is overwritten.")
    summary: list[DatabaseSummary] = []

    def check(copy: sqlite3.Connection) -> None:
        damage = copy.execute("PRAGMA quick_check").fetchone()[0]
        if damage != "ok":
            raise UnbraceError(
                f"Your database at {database} is damaged ({damage}), so no backup was written. "
                "Run unbrace doctor for what to do."
            )
        summary.append(_summary(copy, label=str(database)))

    try:
        with closing(_connect(database)) as source:
            _snapshot(source, out, check=check)
    except sqlite3.DatabaseError as exc:
        if _disk_full(exc):
            raise WriteFailed(why_not_written(out, OSError(errno.ENOSPC, "full"))) from None
        raise UnbraceError(
            f"Your database at {database} could not be read ({exc}), so no backup was "
            "written. Run unbrace doctor for what to do."
        ) from None
    except OSError as exc:
        raise WriteFailed(why_not_written(out, exc)) from None
    return summary[0]


def default_backup_name(now: dt.datetime) -> str:
    return f"unbrace-backup-{now:%Y%m%d-%H%M%S}.db"


def _snapshot(
    source: sqlite3.Connection,
    target: Path,
    *,
    check: Callable[[sqlite3.Connection], None] | None = None,
) -> None:
    """Copy ``source`` into a new single-file database at ``target``, written in one rename
    once ``check`` has accepted the copy; on any failure nothing is left under either name."""
    partial = temporary_name(target)
    create_private(partial)
    try:
        with closing(sqlite3.connect(partial)) as copy:
            # pages=-1 copies every page in one step, inside one read transaction of the
            # source: the snapshot is what was committed when it began, never half a write.
            source.backup(copy, pages=-1)
            # The copy inherits WAL mode; a backup should be one file with no companions.
            copy.execute("PRAGMA journal_mode=DELETE")
            if check is not None:
                check(copy)
        os.replace(partial, target)
    except BaseException:
        remove_with_companions(partial)
        raise


def _disk_full(exc: sqlite3.DatabaseError) -> bool:
    return "disk is full" in str(exc) or "disk I/O error" in str(exc)


# --- restore --------------------------------------------------------------------------


def inspect_backup(source: Path) -> DatabaseSummary:
    """Check ``source`` is a readable unbrace database, without changing it or anything else."""
    _require_sqlite_file(source)
    with tempfile.TemporaryDirectory(prefix="unbrace-restore-") as folder:
        return _stage(source, Path(folder) / "check.db")


def inspect_current(settings: Settings) -> DatabaseSummary | None:
    """What the database in use holds; None when there is none or it cannot be read."""
    database = settings.sqlite_file
    if database is None or not database.exists():
        return None
    try:
        with closing(_connect(database)) as db:
            return _summary(db, label=str(database))
    except (sqlite3.DatabaseError, UnbraceError):
        return None


def restore_sqlite(settings: Settings, source: Path, *, now: dt.datetime | None = None) -> Restored:
    """Replace the SQLite database with the backup at ``source``.

    The backup is copied and checked first (a SQLite file with unbrace's tables and a schema
    version this unbrace knows); on any problem nothing is changed. The current database is
    kept beside it, then the checked copy replaces it in one rename. A backup from an older
    unbrace is brought up to date by the next command, as any database is.
    """
    database = _database_file(settings, action="restore")
    _require_sqlite_file(source)
    if database.exists() and source.resolve() == database.resolve():
        raise UnbraceError(f"{source} is the database in use now; choose a backup file.")
    ensure_private_dir(database.parent)
    # A restore killed part-way leaves its staged copy; no other process will finish it.
    remove_stale_parts(database.parent, database.name)
    staged = database.with_name(f".{database.name}.restore-{os.getpid()}.part")
    try:
        summary = _stage(source, staged)
        safety_copy = None
        if database.exists():
            stamp = (now or dt.datetime.now()).astimezone()
            safety_copy = _free_name(
                database.with_name(f"{database.name}.before-restore-{stamp:%Y%m%d-%H%M%S}")
            )
            with _exclusive(database) as current:
                _keep_safety_copy(current, database, safety_copy)
                os.replace(staged, database)
        else:
            os.replace(staged, database)
    except OSError as exc:
        remove_with_companions(staged)
        raise WriteFailed(why_not_written(database, exc)) from None
    except sqlite3.DatabaseError as exc:
        remove_with_companions(staged)
        if _disk_full(exc):
            raise WriteFailed(why_not_written(database, OSError(errno.ENOSPC, "full"))) from None
        raise UnbraceError(f"The restore could not finish: {exc}. Nothing was changed.") from None
    except BaseException:
        remove_with_companions(staged)
        raise
    return Restored(summary, safety_copy)


def _require_sqlite_file(path: Path) -> None:
    if not path.is_file():
        raise UnbraceError(f"No file at {path}.")
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise UnbraceError(f"{path} is not a SQLite database, so it cannot be an unbrace backup.")


def _stage(source: Path, staged: Path) -> DatabaseSummary:
    """Copy ``source`` (with any write-ahead log beside it) to ``staged`` and check the copy.

    Working on a copy leaves the person's backup file untouched, even by SQLite's own
    companion files, and folds any write-ahead log into one self-contained file.
    """
    create_private(staged)
    shutil.copyfile(source, staged)
    source_wal = _companion(source, "-wal")
    if source_wal.exists():
        create_private(_companion(staged, "-wal"))
        shutil.copyfile(source_wal, _companion(staged, "-wal"))
    try:
        with closing(sqlite3.connect(staged)) as db:
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise UnbraceError(f"{source} is damaged: {check}.")
            summary = _summary(db, label=str(source))
            db.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.DatabaseError as exc:
        raise UnbraceError(f"{source} is damaged and cannot be read: {exc}.") from None
    return summary


def _summary(db: sqlite3.Connection, *, label: str) -> DatabaseSummary:
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = sorted(REQUIRED_TABLES - tables)
    if missing:
        raise UnbraceError(
            f"{label} is a SQLite database, but not one of unbrace's (it has no {missing[0]} "
            "table)."
        )
    row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = str(row[0]) if row else ""
    if revision not in known_revisions():
        raise UnbraceError(
            f"{label} has a schema version this unbrace does not know ({revision or 'none'}); "
            "it may come from a newer unbrace. Please update unbrace and try again."
        )
    profiles = tuple(
        str(name) for (name,) in db.execute("SELECT name FROM profiles ORDER BY created_at, id")
    )
    sessions = db.execute("SELECT count(*) FROM practice_sessions").fetchone()[0]
    checkins = db.execute("SELECT count(*) FROM checkins").fetchone()[0]
    return DatabaseSummary(revision, profiles, int(sessions), int(checkins))


@contextmanager
def _exclusive(database: Path) -> Iterator[sqlite3.Connection | None]:
    """The current database, held so no other unbrace can write to it during the swap.

    Leaving WAL mode needs every other connection closed, so it doubles as the check that
    nothing else (a session running in another window) is using the database. Exclusive
    locking mode then keeps the read lock taken by the first read until the connection closes:
    others may still read, but none can commit. Yields None when the file is too damaged to
    open, so a broken database can still be replaced.
    """
    connection = sqlite3.connect(database, timeout=2)
    try:
        try:
            mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            if mode != "delete":
                raise sqlite3.OperationalError("database is locked")
            connection.execute("PRAGMA locking_mode=EXCLUSIVE")
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise UnbraceError(
                    "unbrace is using the database right now (perhaps a session in another "
                    "window). Please close it, then restore again."
                ) from None
            connection.close()
            yield None
            return
        except sqlite3.DatabaseError:
            connection.close()
            yield None
            return
        yield connection
    finally:
        connection.close()


def _keep_safety_copy(
    current: sqlite3.Connection | None, database: Path, safety_copy: Path
) -> None:
    if current is not None:
        _snapshot(current, safety_copy)
        return
    # Too damaged to read: keep the files exactly as they are instead.
    for suffix in ("", "-wal"):
        original = _companion(database, suffix)
        if original.exists():
            create_private(_companion(safety_copy, suffix))
            shutil.copyfile(original, _companion(safety_copy, suffix))
    for suffix in ("-wal", "-shm"):
        _companion(database, suffix).unlink(missing_ok=True)


# --- PostgreSQL -----------------------------------------------------------------------


def pg_dump_command(url: str, *, out: str) -> str:
    """The pg_dump command for the database in ``url``; a password never appears in it."""
    return _pg_command("pg_dump", url, ["--format=custom", f"--file={out}"])


def pg_restore_command(url: str, *, source: str) -> str:
    return _pg_command("pg_restore", url, ["--clean", "--if-exists", source])


def _pg_command(program: str, url: str, extra: list[str]) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(normalise_url(url))
    words = [program]
    if parsed.host:
        words.append(f"--host={parsed.host}")
    if parsed.port:
        words.append(f"--port={parsed.port}")
    if parsed.username:
        words.append(f"--username={parsed.username}")
    if parsed.database:
        words.append(f"--dbname={parsed.database}")
    options = parsed.query.get("options", "")
    for option in (options,) if isinstance(options, str) else options:
        # A schema chosen with options=-csearch_path=NAME (see docs/postgresql.md).
        if "search_path=" in option:
            words.append(f"--schema={option.split('search_path=', 1)[1].split(',')[0]}")
    return shlex.join([*words, *extra])


def _database_file(settings: Settings, *, action: str) -> Path:
    if not settings.is_sqlite:
        from unbrace.store.db import redact

        if action == "back up":
            command = pg_dump_command(settings.database_url, out="unbrace.dump")
            tool = "pg_dump"
        else:
            command = pg_restore_command(settings.database_url, source="unbrace.dump")
            tool = "pg_restore"
        raise UnbraceError(
            f"Your data is in PostgreSQL ({redact(settings.database_url)}); please {action} "
            f"with the server's own tool, {tool}: {command}  (it asks for the password, or "
            "reads it from ~/.pgpass or PGPASSWORD)."
        )
    database = settings.sqlite_file
    if database is None:
        raise UnbraceError("This database lives in memory only; there is no file to use.")
    return database


# --- files ----------------------------------------------------------------------------


def _connect(database: Path) -> sqlite3.Connection:
    # mode=rw: never create a database that is not there.
    return sqlite3.connect(f"{database.resolve().as_uri()}?mode=rw", uri=True, timeout=15)


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _free_name(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate
