"""The shapes of the insights' results, as their JSON is (`Insights.as_json()`, the API's and
`--json`'s): typed, so every key a reader uses is checked.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


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
