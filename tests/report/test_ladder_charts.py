"""The ladder's charts: drawn as plain SVG like the others, labelled, at both widths."""

from __future__ import annotations

from typing import Any

from unbrace.report.ladder_charts import (
    fear_pain_chart,
    ladder_charts,
    prediction_chart,
    threat_chart,
)


def attempt(day: int, expected: int, actual: int | None, fear: int) -> dict[str, Any]:
    return {
        "started_at": f"2026-11-{day:02d}T09:00:00+00:00",
        "expected_pain": expected,
        "actual_pain": actual,
        "fear": fear,
    }


ATTEMPTS = [attempt(2, 7, 4, 8), attempt(9, 6, 5, 6), attempt(16, 6, None, 5)]
THREATS = [
    {"step": "Imagine bending to the basket", "rated_at": "2026-11-02", "threat": 70},
    {"step": "Imagine bending to the basket", "rated_at": "2026-11-16", "threat": 45},
    {"step": "Bend halfway <with> a spotter", "rated_at": "2026-11-09", "threat": 80},
]


def test_each_chart_is_labelled_svg_without_styles_or_scripts() -> None:
    drawn = ladder_charts({"attempts": ATTEMPTS, "threats": THREATS})
    assert list(drawn) == ["prediction", "threat", "fear"]
    for chart in drawn.values():
        assert chart is not None
        for svg in (chart.svg, chart.narrow):
            assert svg.startswith('<svg role="img" aria-label="')
            assert f">{chart.title}</title>" in svg
            assert "style=" not in svg and "<script" not in svg
    threat = drawn["threat"]
    assert threat is not None
    assert "Bend halfway &lt;with&gt; a spotter" in threat.svg  # the key, escaped


def test_only_finished_tries_are_drawn_and_too_little_gives_none() -> None:
    chart = prediction_chart(ATTEMPTS)
    assert chart is not None and "for 2 tries" in chart.text
    assert chart.svg.count("l6,6l-6,6l-6,-6Z") == 2  # an expected-pain diamond per finished try
    assert prediction_chart([attempt(2, 7, None, 8)]) is None
    assert fear_pain_chart(ATTEMPTS[:1]) is None
    assert threat_chart(THREATS[2:]) is None
