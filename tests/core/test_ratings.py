"""Ratings: every scale's bounds, dates typed by hand, and the PEG score."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from unbrace.core import ratings
from unbrace.core.errors import UnbraceError
from unbrace.core.ratings import Scale, parse_date, peg_score

SCALES: list[tuple[Scale, int, int]] = [
    (ratings.PAIN, 0, 10),
    (ratings.WORST, 0, 10),
    (ratings.ENJOYMENT, 0, 10),
    (ratings.ACTIVITY, 0, 10),
    (ratings.AVERAGE_PAIN, 0, 10),
    (ratings.STRESS, 0, 10),
    (ratings.SLEEP, 0, 10),
    (ratings.VIVID_VISUAL, 1, 5),
    (ratings.VIVID_BODY, 1, 5),
]
SCALE_IDS = [
    "pain",
    "worst",
    "enjoyment",
    "activity",
    "average-pain",
    "stress",
    "sleep",
    "vivid-visual",
    "vivid-body",
]


@pytest.mark.parametrize(("scale", "low", "high"), SCALES, ids=SCALE_IDS)
def test_scale_bounds_are_as_documented(scale: Scale, low: int, high: int) -> None:
    assert (scale.low, scale.high) == (low, high)
    assert scale.name and scale.question


@pytest.mark.parametrize(("scale", "low", "high"), SCALES, ids=SCALE_IDS)
def test_scale_accepts_every_value_in_range(scale: Scale, low: int, high: int) -> None:
    for value in range(low, high + 1):
        assert scale.check(value) == value


@pytest.mark.parametrize(("scale", "low", "high"), SCALES, ids=SCALE_IDS)
def test_scale_rejects_just_outside(scale: Scale, low: int, high: int) -> None:
    for value in (low - 1, high + 1, -100, 100):
        with pytest.raises(UnbraceError) as caught:
            scale.check(value)
        message = str(caught.value)
        assert message.startswith(scale.name.capitalize())
        assert f"from {low} to {high}, not {value}." in message


@pytest.mark.parametrize(("scale", "low", "high"), SCALES, ids=SCALE_IDS)
@pytest.mark.parametrize("value", [True, False])
def test_scale_rejects_bools(scale: Scale, low: int, high: int, value: bool) -> None:
    with pytest.raises(UnbraceError):
        scale.check(value)


def test_scale_rejects_fractions() -> None:
    half: Any = 5.5
    with pytest.raises(UnbraceError):
        ratings.PAIN.check(half)


def test_high_pain_level() -> None:
    assert ratings.HIGH_PAIN == 8
    assert ratings.PAIN.low < ratings.HIGH_PAIN <= ratings.PAIN.high


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-14", dt.date(2026, 3, 14)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("1999-12-31", dt.date(1999, 12, 31)),
    ],
)
def test_parse_date_good(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "today", "14/03/2026", "2026-3-14", "2026-02-30", "2025-02-29", "2026-13-01", "2026-03"],
)
def test_parse_date_bad(text: str) -> None:
    with pytest.raises(UnbraceError) as caught:
        parse_date(text)
    assert "YYYY-MM-DD" in str(caught.value)
    assert repr(text) in str(caught.value)
    assert caught.value.__cause__ is None


@pytest.mark.parametrize(
    ("pain", "enjoyment", "activity", "expected"),
    [
        (0, 0, 0, 0.0),
        (10, 10, 10, 10.0),
        (3, 6, 9, 6.0),
        (1, 2, 2, 1.67),
        (2, 2, 1, 1.67),
        (5, 5, 6, 5.33),
    ],
)
def test_peg_score_is_the_rounded_mean(
    pain: int, enjoyment: int, activity: int, expected: float
) -> None:
    assert peg_score(pain, enjoyment, activity) == expected
