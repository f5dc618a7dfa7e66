"""A profile's records as the CLI's `--json` output shows them, and as insight records.

`unbrace history --json`, `unbrace insights --json`, the report and the web API all read
through here, so every edge shows the same numbers in the same shape.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any, TypedDict

from unbrace.store import plain
from unbrace.store.plain import ProfileLike, Reader

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.core.insights import DayRecord, Insights, SessionRecord
    from unbrace.store.models import CheckInRecord, PracticeSession, Profile


# Sessions are stamped with the clock, so none can start before this; a day earlier than it
# filters nothing (and would not fit a local datetime at the start of year 1).
EARLIEST_SESSION_DAY = dt.date(1970, 1, 2)


def day_start(day: dt.date | None) -> dt.datetime | None:
    """Local midnight at the start of ``day``, as an aware datetime (None: no limit)."""
    if day is None or day < EARLIEST_SESSION_DAY:
        return None
    return dt.datetime.combine(day, dt.time()).astimezone()


def finite(value: float, digits: int | None = None) -> float | None:
    """A stored number as JSON can hold it: ``null`` for infinity or NaN, which an older
    unbrace let in and which would make the output invalid JSON (``Infinity``)."""
    if not math.isfinite(value):
        return None
    return value if digits is None else round(value, digits)


class StepJson(TypedDict):
    step: str
    planned_seconds: float | None
    seconds: float | None
    done: bool
    skipped: bool


class SessionJson(TypedDict):
    """A session as `history --json` and ``GET /api/v1/sessions`` give it."""

    id: int
    practice: str
    title: str
    minutes: int
    started_at: str
    ended_at: str | None
    seconds: float | None  # null for a broken stored value
    status: str
    flare: bool
    pain_before: int | None
    pain_after: int | None
    vivid_visual: int | None
    vivid_body: int | None
    note: str
    steps: list[StepJson]


class CheckInJson(TypedDict):
    """A check-in as `history --json` and ``GET /api/v1/checkins`` give it."""

    id: int
    date: str
    pain: int
    enjoyment: int
    activity: int
    peg: float
    worst: int | None
    stress: int | None
    sleep: int | None
    habits: list[str]
    flare: bool
    note: str


def session_json(s: PracticeSession) -> SessionJson:
    return {
        "id": s.id,
        "practice": s.practice_id,
        "title": s.practice_title,
        "minutes": s.minutes,
        "started_at": s.started_at.isoformat(),
        "ended_at": s.ended_at.isoformat() if s.ended_at else None,
        "seconds": finite(s.seconds, 1),
        "status": s.status,
        "flare": s.flare,
        "pain_before": s.pain_before,
        "pain_after": s.pain_after,
        "vivid_visual": s.vivid_visual,
        "vivid_body": s.vivid_body,
        "note": s.note,
        "steps": [
            {
                "step": step.step_id,
                "planned_seconds": finite(step.planned_seconds),
                "seconds": finite(step.seconds),
                "done": step.done,
                "skipped": step.skipped,
            }
            for step in s.steps
        ],
    }


def checkin_json(c: CheckInRecord) -> CheckInJson:
    from unbrace.core.ratings import peg_score

    return {
        "id": c.id,
        "date": c.date.isoformat(),
        "pain": c.pain,
        "enjoyment": c.enjoyment,
        "activity": c.activity,
        "peg": peg_score(c.pain, c.enjoyment, c.activity),
        "worst": c.worst,
        "stress": c.stress,
        "sleep": c.sleep,
        "habits": list(c.habits),
        "flare": c.flare,
        "note": c.note,
    }


def sessions_json(
    db: Session, *, profile: Profile, since: dt.date | None = None
) -> list[SessionJson]:
    from unbrace.store import session_repo

    return [
        session_json(s)
        for s in session_repo.list_sessions(db, profile=profile, since=day_start(since))
    ]


def checkins_json(
    db: Session, *, profile: Profile, since: dt.date | None = None
) -> list[CheckInJson]:
    from unbrace.store import checkin_repo

    return [checkin_json(c) for c in checkin_repo.list_checkins(db, profile=profile, since=since)]


def load_records(
    db: Session | Reader, *, profile: ProfileLike, since: dt.date | None = None
) -> tuple[list[DayRecord], list[SessionRecord], dict[str, Any]]:
    """The profile's check-ins and sessions as insight records, and facts about the profile.

    Plain SQL (store/plain.py), on the ORM session's connection or on the bare one `unbrace
    insights` and `report` open when nothing needs doing first (no SQLAlchemy imported)."""
    from unbrace.core.insights import DayRecord, SessionRecord

    reader = db if isinstance(db, Reader) else Reader.of(db)
    checkins = plain.checkin_rows(reader, profile_id=profile.id, since=since)
    sessions = plain.session_rows(reader, profile_id=profile.id, since=day_start(since))
    days = [DayRecord.of(c) for c in checkins]
    records = [SessionRecord.of(s, started=s.started_at.astimezone()) for s in sessions]
    last = plain.last_screen(reader, profile_id=profile.id)
    facts = {
        # Titles as stored with each session, so a person's own practices and scripts
        # show by name in the report (not only the shipped practices).
        "practice_titles": {s.practice_id: s.practice_title for s in sessions},
        "name": profile.name,
        "streaks": profile.streaks,
        "movements": plain.feared_movements(reader, profile_id=profile.id),
        "last_screen": None
        if last is None
        else {
            "taken_at": last.taken_at.isoformat(),
            "positive": list(last.positive),
            "urgency": last.urgency,
            "seen_clinician_at": last.seen_clinician_at.isoformat()
            if last.seen_clinician_at
            else None,
        },
    }
    return days, records, facts


def insights_from(
    days: list[DayRecord],
    sessions: list[SessionRecord],
    facts: dict[str, Any],
    *,
    since: dt.date | None,
    today: dt.date,
) -> tuple[Insights, dict[str, Any]]:
    """Insights over loaded records; ``facts`` gains the records themselves (for the report)."""
    from unbrace.core.insights import compute

    result = compute(days, sessions, today=today, since=since, streaks=facts["streaks"])
    # The report lists records too: only those the figures use (see DayRecord.usable).
    facts["days"] = [day for day in days if day.usable(today)]
    facts["sessions"] = [session for session in sessions if session.usable(today)]
    return result, facts


def compute_insights(
    db: Session, *, profile: Profile, since: dt.date | None, today: dt.date
) -> tuple[Insights, dict[str, Any]]:
    days, sessions, facts = load_records(db, profile=profile, since=since)
    return insights_from(days, sessions, facts, since=since, today=today)


def no_ladder_facts(db: Session | Reader, *, profile: ProfileLike) -> dict[str, Any] | None:
    """The ladder part of insights (`usecases/ladder.insights(...).as_json()`) for a profile
    that has no ladder, read without the ORM; None when it has one (then that computes it)."""
    reader = db if isinstance(db, Reader) else Reader.of(db)
    if plain.has_ladders(reader, profile_id=profile.id):
        return None
    from unbrace.core import ladder as rules

    nothing = rules.hit_rate(())
    return {
        "summary": rules.NO_FINISHED_TRIES,
        "mean_prediction_error": None,
        "hit_rate": {
            "tries": nothing.tries,
            "happened": nothing.happened,
            "partly": nothing.partly,
            "did_not_happen": nothing.did_not_happen,
        },
        "attempts": [],
        "threats": [],
        "fear_first": rules.FEAR_FIRST,
        "ladders": [],
    }
