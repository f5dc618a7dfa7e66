"""Practice: change in pain around sessions, vividness, adherence, and practice only in flares."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence

from unbrace.core.counting import COUNTS_AS_PRACTICE_SECONDS
from unbrace.core.insights.records import DayRecord, SessionRecord
from unbrace.core.insights.shapes import (
    Adherence,
    FlareOnly,
    PracticeEffect,
    SessionEffect,
    VividWeek,
    WeekPractised,
)
from unbrace.core.insights.stats import bootstrap_mean
from unbrace.core.words import counted

MIN_SESSIONS_FOR_EFFECT = 5


FLARE_LOOKBACK_DAYS = 28


FLARE_NUDGE_SHARE = 0.5


DEFAULT_HIGH_PAIN = 7


def session_effect(sessions: Sequence[SessionRecord], *, seed: int = 0) -> SessionEffect:
    """Mean change in pain from before to after a session, per practice, with 95 % intervals."""
    rated = [
        (s.practice, float(s.pain_after - s.pain_before))
        for s in sessions
        if s.pain_before is not None and s.pain_after is not None
    ]
    by_practice: dict[str, list[float]] = defaultdict(list)
    for practice, change in rated:
        by_practice[practice].append(change)
    practices: list[PracticeEffect] = []
    for index, (practice, changes) in enumerate(sorted(by_practice.items())):
        entry: PracticeEffect = {"practice": practice, "sessions": len(changes), "change": None}
        if len(changes) >= MIN_SESSIONS_FOR_EFFECT:
            entry["change"] = bootstrap_mean(changes, seed=seed + index).as_json()
        else:
            entry["message"] = (
                f"{counted(len(changes), 'rated session')}; at least "
                f"{MIN_SESSIONS_FOR_EFFECT} are needed for an estimate."
            )
        practices.append(entry)
    overall = (
        bootstrap_mean([change for _, change in rated], seed=seed).as_json()
        if len(rated) >= MIN_SESSIONS_FOR_EFFECT
        else None
    )
    return {
        "overall": overall,
        "per_practice": practices,
        "note": (
            "Negative numbers mean pain was lower after a session than before. This shows how "
            "you felt right after practising, not lasting change."
        ),
        "vividness": vividness_trend(sessions),
    }


def vividness_trend(sessions: Sequence[SessionRecord]) -> list[VividWeek]:
    weeks: dict[dt.date, list[SessionRecord]] = defaultdict(list)
    for s in sessions:
        if s.vivid_visual is not None or s.vivid_body is not None:
            weeks[s.day - dt.timedelta(days=s.day.weekday())].append(s)
    out: list[VividWeek] = []
    for monday, group in sorted(weeks.items()):
        seeing = [s.vivid_visual for s in group if s.vivid_visual is not None]
        feeling = [s.vivid_body for s in group if s.vivid_body is not None]
        out.append(
            {
                "week": monday.isoformat(),
                "seeing": round(sum(seeing) / len(seeing), 2) if seeing else None,
                "feeling": round(sum(feeling) / len(feeling), 2) if feeling else None,
                "sessions": len(group),
            }
        )
    return out


PARTS_OF_DAY = (("morning", 5, 12), ("afternoon", 12, 17), ("evening", 17, 22), ("night", 22, 29))


def part_of_day(moment: dt.datetime) -> str:
    hour = moment.hour if moment.hour >= 5 else moment.hour + 24
    for name, start, end in PARTS_OF_DAY:
        if start <= hour < end:
            return name
    return "night"


def adherence(
    sessions: Sequence[SessionRecord],
    *,
    start: dt.date,
    end: dt.date,
    planned_per_day: int = 1,
    streaks: bool = False,
) -> Adherence:
    """Days and minutes practised per week, share of planned sessions done, times of day.

    Until a routine is set, the plan is one session a day (the daily anchored practice).
    """
    practised = [s for s in sessions if s.seconds >= COUNTS_AS_PRACTICE_SECONDS]
    weeks: dict[dt.date, list[SessionRecord]] = defaultdict(list)
    for s in practised:
        weeks[s.day - dt.timedelta(days=s.day.weekday())].append(s)
    monday = start - dt.timedelta(days=start.weekday())
    weekly: list[WeekPractised] = []
    while monday <= end:
        group = weeks.get(monday, [])
        weekly.append(
            {
                "week": monday.isoformat(),
                "days_practised": len({s.day for s in group}),
                "minutes": round(sum(s.seconds for s in group) / 60, 1),
                "sessions": len(group),
            }
        )
        monday += dt.timedelta(days=7)
    span = (end - start).days + 1
    completed_days: dict[dt.date, int] = defaultdict(int)
    for s in practised:
        if s.status == "completed" and start <= s.day <= end:
            completed_days[s.day] += 1
    planned = span * planned_per_day
    done = sum(min(count, planned_per_day) for count in completed_days.values())
    times: dict[str, int] = {name: 0 for name, _, _ in PARTS_OF_DAY}
    for s in practised:
        times[part_of_day(s.started)] += 1
    result: Adherence = {
        "period": {"start": start.isoformat(), "end": end.isoformat(), "days": span},
        "days_practised": len({s.day for s in practised if start <= s.day <= end}),
        "minutes": round(sum(s.seconds for s in practised) / 60, 1),
        "weekly": weekly,
        "planned_sessions": planned,
        "planned_done_share": round(done / planned, 3) if planned else 0.0,
        "time_of_day": times,
    }
    if streaks:
        days = {s.day for s in practised}
        run, day = 0, end if end in days else end - dt.timedelta(days=1)
        while day in days:
            run += 1
            day -= dt.timedelta(days=1)
        result["streak"] = run
    return result


def high_pain_level(days: Sequence[DayRecord]) -> int:
    """The person's own "high" pain: their upper quarter of check-in pain, and at least 6."""
    if len(days) < 8:
        return DEFAULT_HIGH_PAIN
    ordered = sorted(d.pain for d in days)
    return max(6, ordered[math.ceil(0.75 * len(ordered)) - 1])


def flare_only_share(
    sessions: Sequence[SessionRecord], days: Sequence[DayRecord], *, today: dt.date
) -> FlareOnly:
    """Share of the last 28 days' sessions done in a flare or at high pain, and a kind nudge."""
    since = today - dt.timedelta(days=FLARE_LOOKBACK_DAYS - 1)
    flare_days = {d.date for d in days if d.flare}
    high = high_pain_level(days)
    recent = [
        s for s in sessions if since <= s.day <= today and s.seconds >= COUNTS_AS_PRACTICE_SECONDS
    ]
    in_flare = [
        s
        for s in recent
        if s.flare or s.day in flare_days or (s.pain_before is not None and s.pain_before >= high)
    ]
    share = len(in_flare) / len(recent) if recent else 0.0
    result: FlareOnly = {
        "share": round(share, 3),
        "sessions": len(recent),
        "in_flare": len(in_flare),
        "high_pain_level": high,
    }
    if recent and share > FLARE_NUDGE_SHARE:
        result["nudge"] = (
            "Most of your practice lately has happened during flares. Practice works best as a "
            "short daily habit on ordinary days too: try a few minutes right after your anchor "
            "habit, so your brain learns the movement calmly rather than only when pain is loud."
        )
    return result
