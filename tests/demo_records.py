"""Insights from `unbrace demo`'s generator, for the chart and report tests (no database)."""

from __future__ import annotations

import datetime as dt

from unbrace.core.demo import generate
from unbrace.core.insights import DayRecord, Insights, SessionRecord, compute

TODAY = dt.date(2026, 6, 30)


def demo_records(days: int, seed: int = 2) -> tuple[list[DayRecord], list[SessionRecord]]:
    checkins, sessions = generate(days=days, seed=seed, end=TODAY, tz=dt.UTC)
    day_records = [
        DayRecord(
            date=c.date,
            pain=c.pain,
            enjoyment=c.enjoyment,
            activity=c.activity,
            stress=c.stress,
            sleep=c.sleep,
            habits=tuple(c.habits),
            flare=c.flare,
        )
        for c in checkins
    ]
    session_records = [
        SessionRecord(
            started=s.started_at,
            practice=s.practice_id,
            seconds=s.seconds,
            status=s.status,
            pain_before=s.pain_before,
            pain_after=s.pain_after,
            vivid_visual=s.vivid_visual,
            vivid_body=s.vivid_body,
            flare=s.flare,
        )
        for s in sessions
    ]
    return day_records, session_records


def demo_insights(days: int, seed: int = 2) -> tuple[Insights, list[SessionRecord]]:
    day_records, session_records = demo_records(days, seed)
    return compute(day_records, session_records, today=TODAY), session_records
