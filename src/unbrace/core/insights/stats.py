"""Means with 95 % bootstrap intervals, and rolling means over calendar days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from unbrace.core.insights.records import DayRecord
from unbrace.core.insights.shapes import IntervalJson

BOOTSTRAP_SAMPLES = 2000


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
