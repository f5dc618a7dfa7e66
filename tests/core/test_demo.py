from __future__ import annotations

import datetime as dt

from unbrace.core.demo import generate

END = dt.date(2026, 6, 30)


def test_same_seed_same_data() -> None:
    first = generate(days=60, seed=4, end=END, tz=dt.UTC)
    assert first == generate(days=60, seed=4, end=END, tz=dt.UTC)
    assert first != generate(days=60, seed=5, end=END, tz=dt.UTC)


def test_realistic_shape() -> None:
    checkins, sessions = generate(days=365, seed=2, end=END, tz=dt.UTC)
    assert 250 < len(checkins) < 365  # some days have no check-in
    assert len({c.date for c in checkins}) == len(checkins)
    assert checkins[0].date >= END - dt.timedelta(days=364) and checkins[-1].date <= END
    assert any(c.flare for c in checkins) and not all(c.flare for c in checkins)
    first = [c.pain for c in checkins[:60]]
    last = [c.pain for c in checkins[-60:]]
    assert sum(last) / len(last) < sum(first) / len(first)  # slow improvement
    assert {s.status for s in sessions} == {"completed", "stopped"}
    for s in sessions:
        assert 0 <= s.pain_before <= 10 and s.pain_after is not None
        assert s.seconds <= s.minutes * 60
        assert s.vivid_visual is not None and 1 <= s.vivid_visual <= 5
