"""Pain over time, and whether it changed by an amount research counts as meaningful.

- Pain (0-10): a fall of about 2 points, or about 30 %, matched "much improved"
  (Farrar et al. 2001, Pain 94:149-158); the low-back-pain consensus also sets 2 points and a 30 %
  improvement as the minimal important change (Ostelo et al. 2008, Spine 33:90-94).
- PEG (0-10): a minimal important difference of about 1 point (range 0.6-1.75; Reed et al. 2023,
  J Pain, PMC10859144).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from unbrace.core.insights.records import DayRecord
from unbrace.core.insights.shapes import DayPain, MeaningfulChange, PainTrend, WeekPain
from unbrace.core.insights.stats import rolling_mean
from unbrace.core.words import counted

PAIN_MIC_POINTS = 2.0  # Farrar 2001; Ostelo 2008


PAIN_MIC_PERCENT = 30.0  # Farrar 2001; Ostelo 2008


PEG_MIC_POINTS = 1.0  # Reed 2023


WINDOW_DAYS = 14  # "first two weeks" against "latest two weeks"


MIN_DAYS_PER_WINDOW = 7  # fewer check-ins than this in a window: too little to tell


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
