"""The reads of `unbrace today`, `insights` and the report (and the Today page), in plain SQL
over the DB-API.

`unbrace today` runs whenever a terminal asks for the day's plan. Importing SQLAlchemy's ORM
alone costs more than the whole command may take, so these reads are written once here as SQL
and run on a bare DB-API connection: `sqlite3` or `psycopg`. The ORM repositories call the same
functions on the connection of their own transaction (``Reader.of``), so there is one copy of
each query however the store is loaded.

``quick_reader`` opens a SQLite file this way only when nothing needs doing first: the schema is
this unbrace's (``HEAD_REVISION``) and no session is marked as running (closing abandoned
sessions writes). Otherwise the caller opens the full store (`store/db.py`), which migrates and
closes, and reads through ``Reader.of`` on its transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from unbrace.core.errors import UnbraceError
from unbrace.core.personal import Personal

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The newest migration (store/migrations/versions). A test keeps it in step.
HEAD_REVISION = "0004"
RUNNING = "in_progress"  # core.session.Status.RUNNING, without importing the session clock

_NAMED = re.compile(r"(?<![:\w]):(\w+)")


class Reader:
    """A DB-API connection and its dialect ("sqlite" or "postgresql"): parameters written
    ``:name`` in every query, and stored values read back as the ORM's models give them."""

    def __init__(self, connection: Any, dialect: str) -> None:
        self.connection = connection
        self.dialect = dialect

    @classmethod
    def of(cls, db: Session) -> Reader:
        """The ORM session's own connection, inside its transaction (pending changes are
        flushed first, as an ORM query would)."""
        db.flush()
        connection = db.connection()
        return cls(connection.connection.driver_connection, connection.dialect.name)

    def rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        if self.dialect != "sqlite":
            sql = _NAMED.sub(r"%(\1)s", sql)
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def first(self, sql: str, **params: Any) -> tuple[Any, ...] | None:
        found = self.rows(sql, **params)
        return found[0] if found else None

    # How values come back: SQLite keeps dates and times as text (UTC, without a zone),
    # booleans as 0/1 and JSON as text; PostgreSQL's driver gives Python values already.

    def moment(self, value: Any) -> dt.datetime | None:
        """An aware UTC datetime, as `models.UTCDateTime` reads it."""
        if value is None:
            return None
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)

    def day(self, value: Any) -> dt.date:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value

    def stored_day(self, value: dt.date) -> Any:
        """A day as a parameter (SQLite compares the text)."""
        return value.isoformat() if self.dialect == "sqlite" else value

    def stored_moment(self, value: dt.datetime) -> Any:
        """An aware datetime as a parameter, as `models.UTCDateTime` writes it."""
        value = value.astimezone(dt.UTC)
        if self.dialect == "sqlite":
            return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        return value

    def flag(self, value: Any) -> bool:
        return bool(value)

    def listed(self, value: Any) -> list[Any]:
        if value is None:
            return []
        loaded = json.loads(value) if isinstance(value, str | bytes) else value
        return list(loaded)


# --- opening without the ORM ----------------------------------------------------------------


@contextmanager
def quick_reader(sqlite_file: Path | None) -> Iterator[Reader | None]:
    """A read-only look at a SQLite file in one snapshot, or None when the full store must be
    opened instead (not SQLite, no file yet, a schema to migrate or from a newer unbrace, a
    session marked as running, or any error: the full store says what is wrong)."""
    if sqlite_file is None or not sqlite_file.is_file():
        yield None
        return
    from unbrace.files import tighten

    tighten(sqlite_file)  # as the full store does on every open
    try:
        connection = sqlite3.connect(
            f"{sqlite_file.resolve().as_uri()}?mode=ro", uri=True, timeout=15
        )
    except sqlite3.Error:
        yield None
        return
    try:
        reader: Reader | None = Reader(connection, "sqlite")
        try:
            connection.execute("BEGIN")  # one snapshot for every read below
            assert reader is not None
            if schema_revision(reader) != HEAD_REVISION or running_sessions(reader):
                reader = None
        except sqlite3.Error:
            reader = None
        yield reader
    finally:
        with suppress(sqlite3.Error):
            connection.close()


def schema_revision(reader: Reader) -> str | None:
    row = reader.first("SELECT version_num FROM alembic_version")
    return None if row is None else str(row[0])


def running_sessions(reader: Reader) -> bool:
    """Any session marked as running: one may have been abandoned, which the full store
    closes (store/session_repo.close_abandoned_sessions) before anything is read."""
    return (
        reader.first(
            "SELECT 1 FROM practice_sessions WHERE status = :running LIMIT 1", running=RUNNING
        )
        is not None
    )


# --- the reads ------------------------------------------------------------------------------


class ProfileLike(Protocol):
    """A stored profile (`models.Profile`) or its row read without the ORM (`plain.ProfileRow`)."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def streaks(self) -> bool: ...


@dataclass(frozen=True)
class ProfileRow:
    id: int
    name: str
    streaks: bool


def profile_id(reader: Reader, *, name: str | None) -> int | None:
    """The named profile's id, or the first one created."""
    if name:
        row = reader.first("SELECT id FROM profiles WHERE name = :name", name=name)
    else:
        row = reader.first("SELECT id FROM profiles ORDER BY created_at, id LIMIT 1")
    return None if row is None else int(row[0])


def resolve_profile(reader: Reader, *, name: str | None) -> ProfileRow:
    """As `profile_repo.resolve_profile`: the same query and the same sentences."""
    found = profile_id(reader, name=name)
    if found is None:
        if name:
            raise UnbraceError(f"No profile called {name!r}. See them with: unbrace profile list")
        raise UnbraceError("No profile yet. Start with: unbrace init")
    row = reader.first("SELECT id, name, streaks FROM profiles WHERE id = :id", id=found)
    assert row is not None
    return ProfileRow(int(row[0]), str(row[1]), reader.flag(row[2]))


@dataclass(frozen=True)
class PersonalRow:
    """What fills a practice's placeholders, as stored (see `core/personal.Personal`)."""

    movement: str
    easier_movement: str
    scene: str
    anchor: str
    step: str | None  # the current ladder step's words for the first movement

    def personal(self, name: str) -> Personal:
        """Imagery first: with a ladder for the movement, the rehearsal uses the current step's
        own words (core/ladder.py), so the session practises the step the person is on."""
        return Personal(
            name=name,
            movement=self.step or self.movement,
            easier_movement=self.easier_movement,
            scene=self.scene,
            anchor=self.anchor,
        )


def personal_row(reader: Reader, *, profile_id: int) -> PersonalRow:
    movement = reader.first(
        "SELECT text, easier FROM feared_movements WHERE profile_id = :profile "
        "ORDER BY position LIMIT 1",
        profile=profile_id,
    )
    details = reader.first(
        "SELECT scene, anchor FROM personal_details WHERE profile_id = :profile",
        profile=profile_id,
    )
    step = None
    if movement is not None:
        found = reader.first(
            "SELECT ladder_steps.text FROM ladders JOIN ladder_steps "
            "ON ladder_steps.id = ladders.current_step_id "
            "WHERE ladders.profile_id = :profile AND ladders.movement = :movement",
            profile=profile_id,
            movement=movement[0],
        )
        step = None if found is None else str(found[0])
    return PersonalRow(
        movement=str(movement[0]) if movement else "",
        easier_movement=str(movement[1] or "") if movement else "",
        scene=str(details[0] or "") if details else "",
        anchor=str(details[1] or "") if details else "",
        step=step,
    )


@dataclass(frozen=True)
class SessionRow:
    started_at: dt.datetime
    seconds: float
    status: str
    practice_id: str


def sessions_since(reader: Reader, *, profile_id: int, since: dt.datetime) -> list[SessionRow]:
    """Only the columns the Today plan needs."""
    rows = reader.rows(
        "SELECT started_at, seconds, status, practice_id FROM practice_sessions "
        "WHERE profile_id = :profile AND started_at >= :since",
        profile=profile_id,
        since=reader.stored_moment(since),
    )
    found = []
    for started, seconds, status, practice in rows:
        moment = reader.moment(started)
        assert moment is not None
        found.append(SessionRow(moment, float(seconds), str(status), str(practice)))
    return found


@dataclass(frozen=True)
class CheckInRow:
    id: int
    date: dt.date
    pain: int
    enjoyment: int
    activity: int
    flare: bool
    habits: tuple[str, ...]


def latest_checkin(
    reader: Reader, *, profile_id: int, until: dt.date | None = None
) -> CheckInRow | None:
    """The last check-in, on or before ``until`` (a day in 2999 stored by an older unbrace
    would otherwise stay "the last check-in" for good)."""
    sql = (
        "SELECT id, date, pain, enjoyment, activity, flare, habits FROM checkins "
        "WHERE profile_id = :profile"
    )
    params: dict[str, Any] = {"profile": profile_id}
    if until is not None:
        sql += " AND date <= :until"
        params["until"] = reader.stored_day(until)
    row = reader.first(sql + " ORDER BY date DESC LIMIT 1", **params)
    if row is None:
        return None
    return CheckInRow(
        id=int(row[0]),
        date=reader.day(row[1]),
        pain=row[2],
        enjoyment=row[3],
        activity=row[4],
        flare=reader.flag(row[5]),
        habits=tuple(reader.listed(row[6])),
    )


@dataclass(frozen=True)
class OpenScreenRow:
    id: int
    positive: tuple[str, ...]


def unresolved_flags(reader: Reader, *, profile_id: int) -> OpenScreenRow | None:
    """The newest screen with a yes answer the person has not yet confirmed being seen for."""
    row = reader.first(
        "SELECT id, positive FROM safety_screens WHERE profile_id = :profile "
        "AND urgency IS NOT NULL AND seen_clinician_at IS NULL "
        "ORDER BY taken_at DESC, id DESC LIMIT 1",
        profile=profile_id,
    )
    return None if row is None else OpenScreenRow(int(row[0]), tuple(reader.listed(row[1])))


# --- what insights and the report read ------------------------------------------------------


@dataclass(frozen=True)
class DayRow:
    """A check-in with the fields `core.insights.DayRecord.of` reads."""

    date: dt.date
    pain: int
    enjoyment: int
    activity: int
    stress: int | None
    sleep: int | None
    habits: tuple[str, ...]
    flare: bool


def checkin_rows(reader: Reader, *, profile_id: int, since: dt.date | None = None) -> list[DayRow]:
    """Every check-in from ``since`` on, oldest first."""
    sql = (
        "SELECT date, pain, enjoyment, activity, stress, sleep, habits, flare FROM checkins "
        "WHERE profile_id = :profile"
    )
    params: dict[str, Any] = {"profile": profile_id}
    if since is not None:
        sql += " AND date >= :since"
        params["since"] = reader.stored_day(since)
    return [
        DayRow(
            date=reader.day(row[0]),
            pain=row[1],
            enjoyment=row[2],
            activity=row[3],
            stress=row[4],
            sleep=row[5],
            habits=tuple(reader.listed(row[6])),
            flare=reader.flag(row[7]),
        )
        for row in reader.rows(sql + " ORDER BY date", **params)
    ]


@dataclass(frozen=True)
class PractisedRow:
    """A session with the fields `core.insights.SessionRecord.of` reads, and its title."""

    started_at: dt.datetime
    practice_id: str
    practice_title: str
    seconds: float
    status: str
    pain_before: int | None
    pain_after: int | None
    vivid_visual: int | None
    vivid_body: int | None
    flare: bool


def session_rows(
    reader: Reader, *, profile_id: int, since: dt.datetime | None = None
) -> list[PractisedRow]:
    """Every session started from ``since`` on, oldest first."""
    sql = (
        "SELECT started_at, practice_id, practice_title, seconds, status, pain_before, "
        "pain_after, vivid_visual, vivid_body, flare FROM practice_sessions "
        "WHERE profile_id = :profile"
    )
    params: dict[str, Any] = {"profile": profile_id}
    if since is not None:
        sql += " AND started_at >= :since"
        params["since"] = reader.stored_moment(since)
    found = []
    for row in reader.rows(sql + " ORDER BY started_at, id", **params):
        started = reader.moment(row[0])
        assert started is not None
        found.append(
            PractisedRow(
                started_at=started,
                practice_id=row[1],
                practice_title=row[2],
                seconds=row[3],
                status=row[4],
                pain_before=row[5],
                pain_after=row[6],
                vivid_visual=row[7],
                vivid_body=row[8],
                flare=reader.flag(row[9]),
            )
        )
    return found


@dataclass(frozen=True)
class ScreenRow:
    id: int
    taken_at: dt.datetime
    positive: tuple[str, ...]
    urgency: str | None
    seen_clinician_at: dt.datetime | None


def last_screen(reader: Reader, *, profile_id: int) -> ScreenRow | None:
    """The newest run of the warning-sign screen."""
    row = reader.first(
        "SELECT id, taken_at, positive, urgency, seen_clinician_at FROM safety_screens "
        "WHERE profile_id = :profile ORDER BY taken_at DESC, id DESC LIMIT 1",
        profile=profile_id,
    )
    if row is None:
        return None
    taken = reader.moment(row[1])
    assert taken is not None
    return ScreenRow(
        int(row[0]), taken, tuple(reader.listed(row[2])), row[3], reader.moment(row[4])
    )


def feared_movements(reader: Reader, *, profile_id: int) -> list[str]:
    """The person's feared movements, most important first."""
    rows = reader.rows(
        "SELECT text FROM feared_movements WHERE profile_id = :profile ORDER BY position",
        profile=profile_id,
    )
    return [str(row[0]) for row in rows]


def has_ladders(reader: Reader, *, profile_id: int) -> bool:
    return (
        reader.first(
            "SELECT 1 FROM ladders WHERE profile_id = :profile LIMIT 1", profile=profile_id
        )
        is not None
    )
