"""Insights: what is changing, said honestly, with its uncertainty and its limits.

Pure functions over plain records. Clinical thresholds and their sources:
- Pain (0-10): a fall of about 2 points, or about 30 %, matched "much improved"
  (Farrar et al. 2001, Pain 94:149-158); the low-back-pain consensus also sets 2 points and a 30 %
  improvement as the minimal important change (Ostelo et al. 2008, Spine 33:90-94).
- PEG (0-10): a minimal important difference of about 1 point (range 0.6-1.75; Reed et al. 2023,
  J Pain, PMC10859144).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

from unbrace.core import limits
from unbrace.core.checkins import HABITS
from unbrace.core.counting import COUNTS_AS_PRACTICE_SECONDS
from unbrace.core.ratings import peg_score
from unbrace.core.words import counted

PAIN_MIC_POINTS = 2.0  # Farrar 2001; Ostelo 2008
PAIN_MIC_PERCENT = 30.0  # Farrar 2001; Ostelo 2008
PEG_MIC_POINTS = 1.0  # Reed 2023
WINDOW_DAYS = 14  # "first two weeks" against "latest two weeks"
MIN_DAYS_PER_WINDOW = 7  # fewer check-ins than this in a window: too little to tell
MIN_SESSIONS_FOR_EFFECT = 5
MIN_DAYS_PER_GROUP = 7  # habit associations need this many days with and without
BOOTSTRAP_SAMPLES = 2000
FLARE_LOOKBACK_DAYS = 28
FLARE_NUDGE_SHARE = 0.5
DEFAULT_HIGH_PAIN = 7


# --- the shapes of the results (their JSON is `Insights.as_json()`, the API's and --json's) ---


class IntervalJson(TypedDict):
    mean: float
    low: float
    high: float
    n: int


class DayPain(TypedDict):
    date: str
    pain: int
    peg: float
    pain_7d: float | None
    peg_7d: float | None
    flare: bool


class WeekPain(TypedDict):
    week: str
    days: int
    pain: float
    peg: float
    flare_days: int


class PainTrend(TypedDict):
    daily: list[DayPain]
    weekly: list[WeekPain]


class Period(TypedDict):
    start: str
    end: str
    days: int
    pain: float
    peg: float


class Thresholds(TypedDict):
    pain_points: float
    pain_percent: float
    peg_points: float
    sources: list[str]


class MeaningfulChange(TypedDict):
    enough_data: bool
    message: str
    caveat: str
    first_period: NotRequired[Period]  # the rest only with enough data
    latest_period: NotRequired[Period]
    pain_change: NotRequired[float]
    pain_change_percent: NotRequired[float]
    peg_change: NotRequired[float]
    pain_meaningful: NotRequired[bool]
    peg_meaningful: NotRequired[bool]
    thresholds: NotRequired[Thresholds]


class PracticeEffect(TypedDict):
    practice: str
    sessions: int
    change: IntervalJson | None
    message: NotRequired[str]  # why there is no estimate yet


class VividWeek(TypedDict):
    week: str
    seeing: float | None
    feeling: float | None
    sessions: int


class SessionEffect(TypedDict):
    overall: IntervalJson | None
    per_practice: list[PracticeEffect]
    note: str
    vividness: list[VividWeek]


class WeekPractised(TypedDict):
    week: str
    days_practised: int
    minutes: float
    sessions: int


class Span(TypedDict):
    start: str
    end: str
    days: int


class Adherence(TypedDict):
    period: Span
    days_practised: int
    minutes: float
    weekly: list[WeekPractised]
    planned_sessions: int
    planned_done_share: float
    time_of_day: dict[str, int]
    streak: NotRequired[int]  # only for people who chose to see streaks


class FlareOnly(TypedDict):
    share: float
    sessions: int
    in_flare: int
    high_pain_level: int
    nudge: NotRequired[str]


class Association(TypedDict):
    factor: str
    label: str
    days_with: int
    days_without: int
    next_day_pain_with: NotRequired[float]  # these four with enough days of each
    next_day_pain_without: NotRequired[float]
    difference: NotRequired[IntervalJson]
    clear: NotRequired[bool]
    message: NotRequired[str]  # otherwise, why not yet


class Associations(TypedDict):
    factors: list[Association]
    caveat: str


class InsightsJson(TypedDict):
    adherence: Adherence
    pain_trend: PainTrend
    session_effect: SessionEffect
    flare_only_share: float
    flare_only: FlareOnly
    meaningful_change: MeaningfulChange
    associations: Associations


@dataclass(frozen=True)
class DayRecord:
    """One check-in, as insights need it."""

    date: dt.date
    pain: int
    enjoyment: int
    activity: int
    stress: int | None = None
    sleep: int | None = None
    habits: tuple[str, ...] = ()
    flare: bool = False

    @property
    def peg(self) -> float:
        return peg_score(self.pain, self.enjoyment, self.activity)

    def usable(self, today: dt.date) -> bool:
        """Values within the scales and a day within the window of core/limits.py.

        Everything that comes in is checked, but a database written by an older unbrace (or
        edited by hand) may still hold a day in year 1 or a pain of 2**63: such a record is
        left out of every figure instead of breaking them all.
        """
        return (
            _in_window(self.date, today)
            and all(_fits(value, 0, 10) for value in (self.pain, self.enjoyment, self.activity))
            and all(value is None or _fits(value, 0, 10) for value in (self.stress, self.sleep))
        )

    @classmethod
    def of(cls, checkin: Any) -> DayRecord:
        """From a stored or generated check-in (anything with the check-in's fields)."""
        return cls(
            date=checkin.date,
            pain=checkin.pain,
            enjoyment=checkin.enjoyment,
            activity=checkin.activity,
            stress=checkin.stress,
            sleep=checkin.sleep,
            habits=tuple(checkin.habits),
            flare=checkin.flare,
        )


@dataclass(frozen=True)
class SessionRecord:
    """One practice session, with its start in the person's local time."""

    started: dt.datetime
    practice: str
    seconds: float
    status: str
    pain_before: int | None = None
    pain_after: int | None = None
    vivid_visual: int | None = None
    vivid_body: int | None = None
    flare: bool = False

    @property
    def day(self) -> dt.date:
        return self.started.date()

    def usable(self, today: dt.date) -> bool:
        """Like ``DayRecord.usable``: finite seconds within a session's bounds, ratings on
        their scales, a start within the window."""
        pains = (self.pain_before, self.pain_after)
        vivid = (self.vivid_visual, self.vivid_body)
        return (
            _in_window(self.day, today)
            and isinstance(self.seconds, int | float)
            and math.isfinite(self.seconds)
            and limits.SECONDS.low <= self.seconds <= limits.SECONDS.high
            and all(value is None or _fits(value, 0, 10) for value in pains)
            and all(value is None or _fits(value, 1, 5) for value in vivid)
        )

    @classmethod
    def of(cls, session: Any, *, started: dt.datetime) -> SessionRecord:
        """From a stored or generated session, starting at ``started`` in local time."""
        return cls(
            started=started,
            practice=session.practice_id,
            seconds=session.seconds,
            status=session.status,
            pain_before=session.pain_before,
            pain_after=session.pain_after,
            vivid_visual=session.vivid_visual,
            vivid_body=session.vivid_body,
            flare=session.flare,
        )


def _fits(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _in_window(day: dt.date, today: dt.date) -> bool:
    return limits.EARLIEST_DAY <= day <= today + dt.timedelta(days=1)


@dataclass(frozen=True)
class Interval:
    mean: float
    low: float
    high: float
    n: int

    def as_json(self) -> IntervalJson:
        return {
            "mean": round(self.mean, 2),
            "low": round(self.low, 2),
            "high": round(self.high, 2),
            "n": self.n,
        }


def resampled_means(data: Any, rng: Any, samples: int) -> Any:
    """Means of ``samples`` resamples of ``data`` (with replacement), drawn as counts.

    Resampling n values with replacement is the same as drawing how many times each distinct
    value is picked (a multinomial with their shares). Ratings take few distinct values, so
    this is ``samples x distinct`` work instead of ``samples x n``: five years of sessions
    (1,800 changes, 21 distinct values) cost a hundredth of the direct way.
    """
    import numpy as np

    values, counts = np.unique(data, return_counts=True)
    picks = rng.multinomial(data.size, counts / data.size, size=samples)
    return picks @ values / data.size


def bootstrap_mean(
    values: Sequence[float], *, seed: int, samples: int = BOOTSTRAP_SAMPLES
) -> Interval:
    """The mean with a 95 % percentile bootstrap interval, reproducible with ``seed``."""
    import numpy as np

    data = np.asarray(values, dtype=float)
    if data.size == 0:
        raise ValueError("no values")
    mean = float(data.mean())
    if data.size == 1:
        return Interval(mean, mean, mean, 1)
    rng = np.random.default_rng(seed)
    low, high = np.percentile(resampled_means(data, rng, samples), [2.5, 97.5])
    return Interval(mean, float(low), float(high), int(data.size))


def bootstrap_difference(
    first: Sequence[float], second: Sequence[float], *, seed: int, samples: int = BOOTSTRAP_SAMPLES
) -> Interval:
    """Mean of ``first`` minus mean of ``second``, with a 95 % bootstrap interval."""
    import numpy as np

    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    rng = np.random.default_rng(seed)
    diffs = resampled_means(a, rng, samples) - resampled_means(b, rng, samples)
    low, high = np.percentile(diffs, [2.5, 97.5])
    return Interval(float(a.mean() - b.mean()), float(low), float(high), int(a.size + b.size))


# --- pain trend -------------------------------------------------------------------------------


def rolling_mean(days: Sequence[DayRecord], attribute: str, window: int = 7) -> list[float | None]:
    """Mean over the ``window`` calendar days ending on each check-in (missing days skipped)."""
    values = [(day.date, float(getattr(day, attribute))) for day in days]
    result: list[float | None] = []
    start = 0
    total = 0.0
    for end, (date, value) in enumerate(values):
        total += value
        while values[start][0] <= date - dt.timedelta(days=window):
            total -= values[start][1]
            start += 1
        result.append(round(total / (end - start + 1), 2))
    return result


def pain_trend(days: Sequence[DayRecord]) -> PainTrend:
    pain_roll = rolling_mean(days, "pain")
    peg_roll = rolling_mean(days, "peg")
    daily: list[DayPain] = [
        {
            "date": day.date.isoformat(),
            "pain": day.pain,
            "peg": day.peg,
            "pain_7d": pain_roll[i],
            "peg_7d": peg_roll[i],
            "flare": day.flare,
        }
        for i, day in enumerate(days)
    ]
    weeks: dict[dt.date, list[DayRecord]] = defaultdict(list)
    for day in days:
        weeks[day.date - dt.timedelta(days=day.date.weekday())].append(day)
    weekly: list[WeekPain] = [
        {
            "week": monday.isoformat(),
            "days": len(group),
            "pain": round(sum(d.pain for d in group) / len(group), 2),
            "peg": round(sum(d.peg for d in group) / len(group), 2),
            "flare_days": sum(d.flare for d in group),
        }
        for monday, group in sorted(weeks.items())
    ]
    return {"daily": daily, "weekly": weekly}


# --- change that matters ----------------------------------------------------------------------


def meaningful_change(days: Sequence[DayRecord]) -> MeaningfulChange:
    """First two weeks against the latest two weeks, judged by published thresholds."""
    caveat = (
        "Pain naturally goes up and down, and a bad stretch is often followed by a better one "
        "anyway (regression to the mean), so one good week proves little."
    )
    if not days:
        return {"enough_data": False, "message": "No check-ins yet.", "caveat": caveat}
    first_end = days[0].date + dt.timedelta(days=WINDOW_DAYS)
    last_start = days[-1].date - dt.timedelta(days=WINDOW_DAYS - 1)
    first = [d for d in days if d.date < first_end]
    last = [d for d in days if d.date >= last_start]
    if (
        last_start < first_end
        or len(first) < MIN_DAYS_PER_WINDOW
        or len(last) < MIN_DAYS_PER_WINDOW
    ):
        span = (days[-1].date - days[0].date).days + 1
        return {
            "enough_data": False,
            "message": (
                f"Too little data to tell yet: {counted(len(days), 'check-in')} over "
                f"{counted(span, 'day')}. A fair "
                "comparison needs at least a week of check-ins in the first two weeks and in "
                "the latest two weeks, four weeks apart or more."
            ),
            "caveat": caveat,
        }
    pain_before = sum(d.pain for d in first) / len(first)
    pain_now = sum(d.pain for d in last) / len(last)
    peg_before = sum(d.peg for d in first) / len(first)
    peg_now = sum(d.peg for d in last) / len(last)
    pain_drop = pain_before - pain_now
    percent = 100 * pain_drop / pain_before if pain_before else 0.0
    pain_meaningful = pain_drop >= PAIN_MIC_POINTS or (
        pain_before > 0 and percent >= PAIN_MIC_PERCENT
    )
    peg_meaningful = peg_before - peg_now >= PEG_MIC_POINTS
    if pain_meaningful or peg_meaningful:
        verdict = (
            "Your pain has come down by an amount research counts as meaningful "
            f"({pain_drop:.1f} points, {percent:.0f} %)."
            if pain_meaningful
            else f"Your PEG score has come down by {peg_before - peg_now:.1f} points, an amount "
            "research counts as meaningful."
        )
    elif pain_now - pain_before >= PAIN_MIC_POINTS:
        verdict = (
            "Your pain is higher than in your first two weeks. That is worth talking over with "
            "your clinician, especially if it keeps rising."
        )
    else:
        verdict = (
            "The change so far is smaller than what research counts as meaningful "
            f"(about {PAIN_MIC_POINTS:.0f} points or {PAIN_MIC_PERCENT:.0f} % for pain)."
        )
    return {
        "enough_data": True,
        "first_period": {
            "start": first[0].date.isoformat(),
            "end": first[-1].date.isoformat(),
            "days": len(first),
            "pain": round(pain_before, 2),
            "peg": round(peg_before, 2),
        },
        "latest_period": {
            "start": last[0].date.isoformat(),
            "end": last[-1].date.isoformat(),
            "days": len(last),
            "pain": round(pain_now, 2),
            "peg": round(peg_now, 2),
        },
        "pain_change": round(-pain_drop, 2),
        "pain_change_percent": round(-percent, 1),
        "peg_change": round(peg_now - peg_before, 2),
        "pain_meaningful": pain_meaningful,
        "peg_meaningful": peg_meaningful,
        "message": verdict,
        "thresholds": {
            "pain_points": PAIN_MIC_POINTS,
            "pain_percent": PAIN_MIC_PERCENT,
            "peg_points": PEG_MIC_POINTS,
            "sources": ["Farrar 2001, Pain", "Ostelo 2008, Spine", "Reed 2023, J Pain"],
        },
        "caveat": caveat,
    }


# --- session effects --------------------------------------------------------------------------


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


# --- adherence --------------------------------------------------------------------------------

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


# --- routine or flare-only --------------------------------------------------------------------


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


# --- what goes with better days ---------------------------------------------------------------


def _has_habit(habit: str) -> Callable[[DayRecord], bool | None]:
    return lambda day: habit in day.habits


def associations(days: Sequence[DayRecord], *, seed: int = 0) -> list[Association]:
    """Next-day pain after days with and without each habit, only when there is enough data."""
    by_date = {d.date: d for d in days}
    pairs = [
        (day, by_date[day.date + dt.timedelta(days=1)])
        for day in days
        if day.date + dt.timedelta(days=1) in by_date
    ]
    factors: list[tuple[str, str, Callable[[DayRecord], bool | None]]] = [
        (habit, label, _has_habit(habit)) for habit, label in HABITS.items()
    ]
    factors.append(
        ("good-sleep", "Slept well (7+ of 10)", lambda d: None if d.sleep is None else d.sleep >= 7)
    )
    factors.append(
        (
            "low-stress",
            "Low stress (3 or less of 10)",
            lambda d: None if d.stress is None else d.stress <= 3,
        )
    )
    results: list[Association] = []
    for index, (key, label, test) in enumerate(factors):
        with_it: list[float] = []
        without: list[float] = []
        for day, next_day in pairs:
            value = test(day)
            if value is None:
                continue
            (with_it if value else without).append(float(next_day.pain))
        entry: Association = {
            "factor": key,
            "label": label,
            "days_with": len(with_it),
            "days_without": len(without),
        }
        if len(with_it) >= MIN_DAYS_PER_GROUP and len(without) >= MIN_DAYS_PER_GROUP:
            diff = bootstrap_difference(with_it, without, seed=seed + index)
            entry["next_day_pain_with"] = round(sum(with_it) / len(with_it), 2)
            entry["next_day_pain_without"] = round(sum(without) / len(without), 2)
            entry["difference"] = diff.as_json()
            entry["clear"] = diff.high < 0 or diff.low > 0
        else:
            entry["message"] = (
                f"Not enough days yet: {len(with_it)} with and {len(without)} without; "
                f"{MIN_DAYS_PER_GROUP} of each are needed."
            )
        results.append(entry)
    return results


ASSOCIATION_CAVEAT = (
    "These are associations, not causes: a habit and a better next day can both come from "
    "something else, like a calmer week."
)


@dataclass
class Insights:
    pain_trend: PainTrend
    meaningful_change: MeaningfulChange
    session_effect: SessionEffect
    adherence: Adherence
    flare_only_share: FlareOnly
    associations: list[Association] = field(default_factory=list)

    def as_json(self) -> InsightsJson:
        return {
            "adherence": self.adherence,
            "pain_trend": self.pain_trend,
            "session_effect": self.session_effect,
            "flare_only_share": self.flare_only_share["share"],
            "flare_only": self.flare_only_share,
            "meaningful_change": self.meaningful_change,
            "associations": {"factors": self.associations, "caveat": ASSOCIATION_CAVEAT},
        }


def compute(
    days: Iterable[DayRecord],
    sessions: Iterable[SessionRecord],
    *,
    today: dt.date,
    since: dt.date | None = None,
    streaks: bool = False,
    seed: int = 0,
) -> Insights:
    day_list = sorted(
        (d for d in days if d.usable(today) and (since is None or d.date >= since)),
        key=lambda d: d.date,
    )
    session_list = sorted(
        (s for s in sessions if s.usable(today) and (since is None or s.day >= since)),
        key=lambda s: s.started,
    )
    first_day = min(
        [d.date for d in day_list[:1]] + [s.day for s in session_list[:1]], default=today
    )
    return Insights(
        pain_trend=pain_trend(day_list),
        meaningful_change=meaningful_change(day_list),
        session_effect=session_effect(session_list, seed=seed),
        adherence=adherence(session_list, start=since or first_day, end=today, streaks=streaks),
        flare_only_share=flare_only_share(session_list, day_list, today=today),
        associations=associations(day_list, seed=seed),
    )
