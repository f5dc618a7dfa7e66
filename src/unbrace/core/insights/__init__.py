"""Insights: what is changing, said honestly, with its uncertainty and its limits.

Pure functions over plain records. Clinical thresholds and their sources:
- Pain (0-10): a fall of about 2 points, or about 30 %, matched "much improved"
  (Farrar et al. 2001, Pain 94:149-158); the low-back-pain consensus also sets 2 points and a 30 %
  improvement as the minimal important change (Ostelo et al. 2008, Spine 33:90-94).
- PEG (0-10): a minimal important difference of about 1 point (range 0.6-1.75; Reed et al. 2023,
  J Pain, PMC10859144).

One module per part: `records` (what is computed from), `stats` (intervals), `pain`,
`practice`, `habits`, and `shapes` (the results' types, as their JSON is).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from unbrace.core.insights.habits import ASSOCIATION_CAVEAT as ASSOCIATION_CAVEAT
from unbrace.core.insights.habits import MIN_DAYS_PER_GROUP as MIN_DAYS_PER_GROUP
from unbrace.core.insights.habits import associations as associations
from unbrace.core.insights.pain import MIN_DAYS_PER_WINDOW as MIN_DAYS_PER_WINDOW
from unbrace.core.insights.pain import PAIN_MIC_PERCENT as PAIN_MIC_PERCENT
from unbrace.core.insights.pain import PAIN_MIC_POINTS as PAIN_MIC_POINTS
from unbrace.core.insights.pain import PEG_MIC_POINTS as PEG_MIC_POINTS
from unbrace.core.insights.pain import WINDOW_DAYS as WINDOW_DAYS
from unbrace.core.insights.pain import meaningful_change as meaningful_change
from unbrace.core.insights.pain import pain_trend as pain_trend
from unbrace.core.insights.practice import DEFAULT_HIGH_PAIN as DEFAULT_HIGH_PAIN
from unbrace.core.insights.practice import FLARE_LOOKBACK_DAYS as FLARE_LOOKBACK_DAYS
from unbrace.core.insights.practice import FLARE_NUDGE_SHARE as FLARE_NUDGE_SHARE
from unbrace.core.insights.practice import MIN_SESSIONS_FOR_EFFECT as MIN_SESSIONS_FOR_EFFECT
from unbrace.core.insights.practice import PARTS_OF_DAY as PARTS_OF_DAY
from unbrace.core.insights.practice import adherence as adherence
from unbrace.core.insights.practice import flare_only_share as flare_only_share
from unbrace.core.insights.practice import high_pain_level as high_pain_level
from unbrace.core.insights.practice import part_of_day as part_of_day
from unbrace.core.insights.practice import session_effect as session_effect
from unbrace.core.insights.practice import vividness_trend as vividness_trend
from unbrace.core.insights.records import DayRecord as DayRecord
from unbrace.core.insights.records import SessionRecord as SessionRecord
from unbrace.core.insights.shapes import Adherence as Adherence
from unbrace.core.insights.shapes import Association as Association
from unbrace.core.insights.shapes import Associations as Associations
from unbrace.core.insights.shapes import DayPain as DayPain
from unbrace.core.insights.shapes import FlareOnly as FlareOnly
from unbrace.core.insights.shapes import InsightsJson as InsightsJson
from unbrace.core.insights.shapes import IntervalJson as IntervalJson
from unbrace.core.insights.shapes import MeaningfulChange as MeaningfulChange
from unbrace.core.insights.shapes import PainTrend as PainTrend
from unbrace.core.insights.shapes import Period as Period
from unbrace.core.insights.shapes import PracticeEffect as PracticeEffect
from unbrace.core.insights.shapes import SessionEffect as SessionEffect
from unbrace.core.insights.shapes import Span as Span
from unbrace.core.insights.shapes import Thresholds as Thresholds
from unbrace.core.insights.shapes import VividWeek as VividWeek
from unbrace.core.insights.shapes import WeekPain as WeekPain
from unbrace.core.insights.shapes import WeekPractised as WeekPractised
from unbrace.core.insights.stats import BOOTSTRAP_SAMPLES as BOOTSTRAP_SAMPLES
from unbrace.core.insights.stats import Interval as Interval
from unbrace.core.insights.stats import bootstrap_difference as bootstrap_difference
from unbrace.core.insights.stats import bootstrap_mean as bootstrap_mean
from unbrace.core.insights.stats import resampled_means as resampled_means
from unbrace.core.insights.stats import rolling_mean as rolling_mean


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
