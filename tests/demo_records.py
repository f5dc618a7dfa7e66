"""Insights from `unbrace demo`'s generator, for the chart and report tests (no database)."""

from __future__ import annotations

import datetime as dt

from unbrace.core.demo import generate
from unbrace.core.insights import DayRecord, Insights, SessionRecord, compute

TODAY = dt.date(2026, 6, 30)


def demo_records(days: int, seed: int = 2) -> tuple[list[DayRecord], list[SessionRecord]]:
    checkins, sessions = generate(days=days, seed=seed, end=TODAY, tz=dt.UTC)
    day_records = [DayRecord.of(c) for c in checkins]
    session_records = [SessionRecord.of(s, started=s.started_at) for s in sessions]
    return day_records, session_records


def demo_insights(days: int, seed: int = 2) -> tuple[Insights, list[SessionRecord]]:
    day_records, session_records = demo_records(days, seed)
    return compute(day_records, session_records, today=TODAY), session_records
