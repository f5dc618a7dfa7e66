"""Insights checked against small hand-worked cases and known properties."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from unbrace.core.insights import (
    DayRecord,
    SessionRecord,
    adherence,
    associations,
    bootstrap_difference,
    bootstrap_mean,
    compute,
    flare_only_share,
    high_pain_level,
    meaningful_change,
    pain_trend,
    part_of_day,
    rolling_mean,
    session_effect,
)

START = dt.date(2026, 1, 5)  # a Monday


def day(offset: int, pain: int, **extra: Any) -> DayRecord:
    return DayRecord(START + dt.timedelta(days=offset), pain, pain, pain, **extra)


def session(offset: int, before: int | None, after: int | None, **extra: Any) -> SessionRecord:
    values: dict[str, Any] = {
        "practice": "movement-rehearsal",
        "seconds": 300.0,
        "status": "completed",
        "hour": 8,
    }
    values.update(extra)
    hour = int(values.pop("hour"))
    started = dt.datetime.combine(START + dt.timedelta(days=offset), dt.time(hour))
    return SessionRecord(started, pain_before=before, pain_after=after, **values)


def test_rolling_mean_by_calendar_days() -> None:
    days = [day(0, 2), day(1, 4), day(3, 6), day(8, 8)]
    # day 8's window (days 2..8) holds only day 3 and day 8.
    assert rolling_mean(days, "pain") == [2.0, 3.0, 4.0, 7.0]


def test_pain_trend_daily_and_weekly() -> None:
    days = [day(i, i % 3) for i in range(10)]
    trend = pain_trend(days)
    assert len(trend["daily"]) == 10
    weekly = trend["weekly"]
    assert [w["days"] for w in weekly] == [7, 3]
    assert weekly[0]["pain"] == round((0 + 1 + 2 + 0 + 1 + 2 + 0) / 7, 2)


def test_meaningful_change_by_points_and_percent() -> None:
    first = [day(i, 6) for i in range(14)]
    last = [day(40 + i, 4) for i in range(14)]
    result = meaningful_change(first + last)
    assert result["enough_data"] and result["pain_meaningful"]
    assert result["pain_change"] == -2.0 and result["pain_change_percent"] == -33.3
    assert result["peg_meaningful"]  # PEG fell by 2 points too
    later = [DayRecord(START + dt.timedelta(days=40 + i), 5, 6, 6) for i in range(14)]
    small = meaningful_change(first + later)  # pain -1 (17 %), PEG -0.33
    assert not small["pain_meaningful"] and not small["peg_meaningful"]
    assert "smaller than" in str(small["message"])


def test_thirty_percent_counts_even_below_two_points() -> None:
    result = meaningful_change([day(i, 3) for i in range(14)] + [day(40 + i, 2) for i in range(14)])
    assert result["pain_change"] == -1.0 and result["pain_meaningful"]  # 33 % from 3


def test_worse_pain_is_said_plainly() -> None:
    result = meaningful_change([day(i, 3) for i in range(14)] + [day(40 + i, 6) for i in range(14)])
    assert "higher" in str(result["message"]) and not result["pain_meaningful"]


@pytest.mark.parametrize(
    "days",
    [
        [],
        [day(i, 5) for i in range(20)],
        [day(i, 5) for i in range(5)] + [day(60 + i, 2) for i in range(14)],
    ],
)
def test_too_little_data_is_said(days: list[DayRecord]) -> None:
    result = meaningful_change(days)
    assert result["enough_data"] is False
    assert "regression to the mean" in str(result["caveat"])


def test_bootstrap_is_reproducible_and_covers_the_mean() -> None:
    values = [-2.0, -1.0, 0.0, -3.0, -1.0, 1.0, -2.0]
    first = bootstrap_mean(values, seed=7)
    assert first == bootstrap_mean(values, seed=7)
    assert first.low <= first.mean <= first.high
    assert first.mean == pytest.approx(sum(values) / len(values))
    assert first.n == 7
    assert bootstrap_mean([2.0], seed=1).low == 2.0
    constant = bootstrap_mean([1.0] * 6, seed=3)
    assert constant.low == constant.high == 1.0


def test_bootstrap_difference_sign() -> None:
    diff = bootstrap_difference([2.0] * 8 + [3.0] * 2, [5.0] * 9 + [4.0], seed=1)
    assert diff.mean == pytest.approx(2.2 - 4.9)
    assert diff.high < 0


def test_session_effect_per_practice_needs_five() -> None:
    sessions = [session(i, 6, 4) for i in range(5)] + [
        session(i, 5, 5, practice="downshift") for i in range(3)
    ]
    effect = session_effect(sessions, seed=1)
    rows = {row["practice"]: row for row in effect["per_practice"]}
    change = rows["movement-rehearsal"]["change"]
    assert change is not None and change["mean"] == -2.0
    assert rows["downshift"]["change"] is None and "at least 5" in rows["downshift"]["message"]
    assert effect["overall"] is not None and effect["overall"]["n"] == 8
    unrated = session_effect([session(i, None, None) for i in range(9)])
    assert unrated["overall"] is None


def test_adherence_weeks_planned_share_and_times() -> None:
    sessions = [
        session(0, 5, 4, hour=7),
        session(0, 5, 4, hour=19),  # a second session the same day counts once for the plan
        session(2, 5, 4, hour=13),
        session(3, 5, 4, hour=13, status="stopped", seconds=100.0),
        session(8, 5, 4, hour=23, seconds=10.0),  # too short to count
    ]
    result = adherence(sessions, start=START, end=START + dt.timedelta(days=9))
    assert result["days_practised"] == 3
    assert result["planned_sessions"] == 10 and result["planned_done_share"] == 0.2
    assert result["time_of_day"] == {"morning": 1, "afternoon": 2, "evening": 1, "night": 0}
    weekly = result["weekly"]
    assert [w["days_practised"] for w in weekly] == [3, 0]
    assert "streak" not in result
    with_streak = adherence(sessions, start=START, end=START + dt.timedelta(days=3), streaks=True)
    assert with_streak["streak"] == 2


@pytest.mark.parametrize(
    ("hour", "part"),
    [
        (5, "morning"),
        (11, "morning"),
        (12, "afternoon"),
        (21, "evening"),
        (22, "night"),
        (3, "night"),
    ],
)
def test_part_of_day(hour: int, part: str) -> None:
    assert part_of_day(dt.datetime(2026, 1, 1, hour)) == part


def test_flare_only_share_and_nudge() -> None:
    today = START + dt.timedelta(days=27)
    days = [day(i, 4, flare=i in {3, 4, 5}) for i in range(28)]
    sessions = [session(3, 5, 4), session(4, 5, 4), session(5, 9, 7), session(10, 4, 3)]
    result = flare_only_share(sessions, days, today=today)
    assert result["share"] == 0.75 and "nudge" in result
    calm = flare_only_share([session(i, 3, 2) for i in range(10, 20)], days, today=today)
    assert calm["share"] == 0.0 and "nudge" not in calm
    assert flare_only_share([], days, today=today)["share"] == 0.0


def test_high_pain_level_is_personal() -> None:
    assert high_pain_level([day(i, 3) for i in range(4)]) == 7  # too few: the default
    assert high_pain_level([day(i, 8 if i % 4 == 0 else 3) for i in range(20)]) == 6
    assert high_pain_level([day(i, 9) for i in range(20)]) == 9


def test_associations_need_enough_days_and_say_the_direction() -> None:
    days = [
        day(i, 2 if (i - 1) % 2 == 0 and i > 0 else 6, habits=("walking",) if i % 2 == 0 else ())
        for i in range(40)
    ]
    rows = {row["factor"]: row for row in associations(days, seed=1)}
    walking = rows["walking"]
    assert walking["next_day_pain_with"] == 2.0 and walking["next_day_pain_without"] == 6.0
    assert walking["clear"] is True
    assert "message" in rows["hydration"]  # never ticked: not enough days without... with
    few = {row["factor"]: row for row in associations(days[:8])}
    assert "Not enough days" in str(few["walking"]["message"])


def test_compute_shapes_the_json_contract() -> None:
    days = [day(i, 5 - i // 20) for i in range(60)]
    sessions = [session(i, 5, 4) for i in range(0, 60, 2)]
    data = compute(days, sessions, today=START + dt.timedelta(days=59)).as_json()
    assert {
        "adherence",
        "pain_trend",
        "session_effect",
        "flare_only_share",
        "meaningful_change",
    } <= set(data)
    assert 0 <= data["flare_only_share"] <= 1
    since = compute(
        days, sessions, today=START + dt.timedelta(days=59), since=START + dt.timedelta(days=30)
    ).as_json()
    assert since["pain_trend"]["daily"][0]["date"] == (START + dt.timedelta(days=30)).isoformat()


def test_resampling_by_counts_matches_resampling_the_values() -> None:
    """Drawing how often each distinct value is picked is the same bootstrap as picking values:
    the two give the same interval, within the noise of 20,000 resamples."""
    import numpy as np

    from unbrace.core.insights import resampled_means

    data = np.array([-3.0] * 40 + [-2.0] * 120 + [-1.0] * 300 + [0.0] * 200 + [1.0] * 40)
    rng = np.random.default_rng(11)
    by_counts = resampled_means(data, rng, 20_000)
    direct = rng.choice(data, size=(20_000, data.size)).mean(axis=1)
    assert by_counts.mean() == pytest.approx(data.mean(), abs=0.005)
    for cut in (2.5, 50, 97.5):
        assert np.percentile(by_counts, cut) == pytest.approx(np.percentile(direct, cut), abs=0.01)
    assert by_counts.std() == pytest.approx(data.std() / np.sqrt(data.size), rel=0.05)
