"""The charts: the marks and words each one draws, its text alternative, and empty input."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

import pytest

from tests.demo_records import demo_insights
from unbrace.report import drawing
from unbrace.report.charts import (
    all_charts,
    flare_runs,
    minutes_chart,
    pain_trend_chart,
    per_pixel,
    session_change_chart,
    vividness_chart,
)
from unbrace.report.drawing import Chart


@pytest.fixture(scope="module")
def data() -> Mapping[str, Any]:
    result, _ = demo_insights(120)
    return result.as_json()


def marks(chart: Chart, svg: str | None = None) -> list[str]:
    """The kinds of data marks drawn (axes and titles left out)."""
    return re.findall(r'class="mark-(\w+)', svg or chart.svg)


def assert_labelled(chart: Chart) -> None:
    assert 20 < len(chart.text) < 400 and chart.text.endswith(".")
    for svg in (chart.svg, chart.narrow):
        assert svg.startswith('<svg role="img" aria-label="')
        assert "<title id=" in svg and f">{chart.title}</title>" in svg
        assert "<desc id=" in svg
        assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", svg)
        assert "<script" not in svg
        # The web app's policy allows no inline styles: colours are attributes and classes.
        assert "style=" not in svg and "<style" not in svg
        assert marks(chart, svg) == marks(chart)


def test_pain_trend_has_dots_line_and_flare_bands(data: dict[str, Any]) -> None:
    daily = data["pain_trend"]["daily"]
    assert any(row["flare"] for row in daily)
    chart = pain_trend_chart(daily)
    assert chart is not None
    assert_labelled(chart)
    assert marks(chart) == ["band"] * len(flare_runs(daily)) + ["dots", "line"]
    assert "Pain over time" in chart.svg
    assert "Pain (0 = none, 10 = worst)" in chart.svg
    assert "Orange bands: flare days." in chart.svg
    assert drawing.BLUE in chart.svg and drawing.ORANGE in chart.svg
    flare_days = sum(row["flare"] for row in daily)
    assert f"{len(daily)} check-ins" in chart.text
    assert f"{flare_days} flare days are shaded" in chart.text


def test_pain_trend_without_flares_draws_no_bands(data: dict[str, Any]) -> None:
    daily = [{**row, "flare": False} for row in data["pain_trend"]["daily"]]
    chart = pain_trend_chart(daily)
    assert chart is not None
    assert marks(chart) == ["dots", "line"]
    assert "no flare days" in chart.text and "Orange bands" not in chart.svg


def test_session_change_shows_only_practices_with_an_estimate(data: dict[str, Any]) -> None:
    per_practice = data["session_effect"]["per_practice"]
    estimated = [row for row in per_practice if row["change"]]
    assert 1 < len(estimated) < len(per_practice)  # the demo has some with too few sessions
    titles = {row["practice"]: f"Title of {row['practice']}" for row in per_practice}
    chart = session_change_chart(per_practice, titles)
    assert chart is not None
    assert_labelled(chart)
    # The zero rule, the interval rules, the mean dots and the session counts.
    assert marks(chart) == ["zero"] + ["interval", "mean"] * len(estimated)
    assert 'stroke-dasharray="4,3"' in chart.svg
    for row in per_practice:
        assert (f"Title of {row['practice']}" in chart.svg) == bool(row["change"])
    assert f"for {len(estimated)} practices" in chart.text
    assert "negative means less pain afterwards" in chart.text


def test_session_change_for_one_practice_gives_its_interval() -> None:
    change = {"mean": -1.25, "low": -1.5, "high": -0.5, "n": 6}
    chart = session_change_chart([{"practice": "body-scan", "sessions": 6, "change": change}])
    assert chart is not None
    assert "body-scan: \N{MINUS SIGN}1.2 points on average" in chart.text
    assert "\N{MINUS SIGN}1.5 to \N{MINUS SIGN}0.5, 6 sessions" in chart.text


def test_text_in_a_chart_is_escaped() -> None:
    change = {"mean": -1.0, "low": -1.5, "high": -0.5, "n": 6}
    evil = '<script>alert("x")</script> & co'
    chart = session_change_chart([{"practice": evil, "sessions": 6, "change": change}])
    assert chart is not None
    assert "<script" not in chart.svg
    assert "&lt;script&gt;" in chart.svg


def test_minutes_per_week_are_bars(data: dict[str, Any]) -> None:
    weekly = data["adherence"]["weekly"]
    chart = minutes_chart(weekly)
    assert chart is not None
    assert_labelled(chart)
    assert marks(chart) == ["bars"]
    bars = re.search(r'<path d="([^"]+)"[^>]*mark-bars', chart.svg)
    assert bars is not None
    assert bars.group(1).count("M") == sum(1 for week in weekly if week["minutes"])
    assert "Minutes in the week" in chart.svg and drawing.GREEN in chart.svg
    assert f"each of {len(weekly)} weeks" in chart.text


def test_vividness_has_seeing_and_feeling_on_one_to_five(data: dict[str, Any]) -> None:
    weekly = data["session_effect"]["vividness"]
    chart = vividness_chart(weekly)
    assert chart is not None
    assert_labelled(chart)
    assert marks(chart) == ["line", "points", "line", "points"]
    assert "Seeing" in chart.svg and "Feeling" in chart.svg
    assert "Vividness (1 to 5)" in chart.svg
    assert drawing.BLUE in chart.svg and drawing.VERMILION in chart.svg
    assert "seeing from" in chart.text and "feeling from" in chart.text


def test_a_single_week_is_said_in_the_singular() -> None:
    chart = vividness_chart([{"week": "2026-06-01", "seeing": 3.0, "feeling": None}])
    assert chart is not None
    assert "over 1 week on" in chart.text and "feeling" not in chart.text
    assert chart.text.endswith("scale: seeing 3.0.")
    one = minutes_chart(weeks_of([12.0]))
    assert one is not None
    assert one.text == "Minutes of practice in the week of 30 November 2026: 12."


@pytest.mark.parametrize(
    ("function", "empty"),
    [
        (pain_trend_chart, []),
        (pain_trend_chart, [{"date": "2026-06-01", "pain": 4, "pain_7d": 4.0, "flare": False}]),
        (session_change_chart, []),
        (session_change_chart, [{"practice": "body-scan", "sessions": 2, "change": None}]),
        (minutes_chart, []),
        (minutes_chart, [{"week": "2026-06-01", "minutes": 0}]),
        (vividness_chart, []),
        (vividness_chart, [{"week": "2026-06-01", "seeing": None, "feeling": None}]),
    ],
)
def test_nothing_to_draw_gives_none(function: Any, empty: list[dict[str, Any]]) -> None:
    assert function(empty) is None


def test_all_charts_have_ids_that_cannot_clash(data: dict[str, Any]) -> None:
    drawn = all_charts(data)
    assert list(drawn) == ["pain", "effect", "minutes", "vividness"]
    ids: list[str] = []
    for key, chart in drawn.items():
        assert chart is not None and chart.key == key
        ids += re.findall(r'\bid="([^"]+)"', chart.svg)
    assert len(ids) == len(set(ids))
    assert all(any(i.startswith(f"{key}-") for key in drawn) for i in ids)


def test_flare_runs_join_consecutive_days() -> None:
    daily = [
        {"date": f"2026-06-0{day}", "flare": flare}
        for day, flare in [(1, True), (2, True), (3, False), (5, True), (6, False), (8, True)]
    ]
    assert flare_runs(daily) == [
        {"start": "2026-06-01", "end": "2026-06-03"},
        {"start": "2026-06-05", "end": "2026-06-06"},
        {"start": "2026-06-08", "end": "2026-06-09"},
    ]


def test_per_pixel_thins_only_years_of_data() -> None:
    result, _ = demo_insights(1825)
    daily = result.as_json()["pain_trend"]["daily"]
    dots, line = per_pixel(daily)
    assert len(line) <= drawing.WIDTH < len(daily)
    assert len(dots) < len(daily)
    # Every distinct pain value still appears; the last average is kept.
    assert {d["value"] for d in dots} == {row["pain"] for row in daily}
    assert line[-1] == {"date": daily[-1]["date"], "value": daily[-1]["pain_7d"]}
    short = daily[-100:]
    assert [len(part) for part in per_pixel(short)] == [100, 100]


def test_importing_the_report_loads_no_template_engine() -> None:
    code = (
        "import sys, unbrace.report.page, unbrace.report.charts;"
        "print(sorted(m for m in ('jinja2', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def tick_labels(svg: str) -> list[str]:
    """The x axis's labels: the muted texts centred under the plot."""
    return re.findall(r'text-anchor="middle">([^<]+)</text>', svg)


def weeks_of(minutes: list[float], first: str = "2026-11-30") -> list[dict[str, Any]]:
    monday = dt.date.fromisoformat(first)
    return [
        {"week": (monday + dt.timedelta(days=7 * i)).isoformat(), "minutes": value}
        for i, value in enumerate(minutes)
    ]


def test_one_week_of_minutes_is_one_bar_of_a_bars_width_not_a_block() -> None:
    chart = minutes_chart(weeks_of([12.0]))
    assert chart is not None
    for svg, width in ((chart.svg, drawing.WIDE), (chart.narrow, drawing.NARROW)):
        bar = re.search(r'<path d="M([\d.]+),[\d.]+V[\d.]+h([\d.]+)V', svg)
        assert bar is not None
        assert float(bar.group(2)) < 60 < width / 4
        # Its Monday once under the bar, never the same month repeated along the axis.
        labels = [label for label in tick_labels(svg) if not label.startswith("Minutes")]
        assert labels == ["30 Nov"]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (6, ["1 Dec", "2 Dec", "3 Dec", "4 Dec", "5 Dec", "6 Dec", "7 Dec"]),
        (90, ["7 Dec", "14 Dec", "21 Dec"]),
        (365, ["Dec 2026", "Jan 2027", "Feb", "Mar"]),
        (1825, ["2027", "2028", "2029", "2030", "2031"]),
    ],
)
def test_date_labels_follow_the_span_and_never_repeat(days: int, expected: list[str]) -> None:
    first = dt.date(2026, 12, 1)
    labels = [label for _, label in drawing.date_ticks(first, first + dt.timedelta(days=days))]
    assert labels[: len(expected)] == expected
    assert len(labels) == len(set(labels))


def test_subtitles_wrap_within_the_picture() -> None:
    chart = vividness_chart([{"week": "2026-06-01", "seeing": 3.0, "feeling": 2.5}])
    assert chart is not None
    for svg, width in ((chart.svg, drawing.WIDE), (chart.narrow, drawing.NARROW)):
        lines = re.findall(r'font-size="12" fill="#555555" class="muted">([^<]+)</text>', svg)
        assert " ".join(lines[:4]).startswith("Weekly average, 1 = not at all, 5 = as real.")
        assert all(len(line) * 12 * drawing.AVERAGE_CHAR <= width for line in lines)
    assert 'viewBox="0 0 340 ' in chart.narrow


def test_every_colour_has_a_class_a_theme_can_change(data: dict[str, Any]) -> None:
    for chart in all_charts(data).values():
        assert chart is not None
        for element in re.findall(r"<(?:path|rect|circle|line|text)\b[^>]*>", chart.svg):
            assert "class=" in element, element


def test_a_week_of_days_on_a_phone_is_labelled_at_a_regular_step() -> None:
    """Seven days at phone width: every second day (27, 29, 1, 3), not 27, 29, 1, 2, 3 with
    the last labels touching."""
    first = dt.date(2026, 11, 27)
    daily = [
        {"date": (first + dt.timedelta(days=n)).isoformat(), "pain": 4, "flare": False}
        | {"pain_7d": 4.0}
        for n in range(7)
    ]
    chart = pain_trend_chart(daily)
    assert chart is not None
    labels = [label for label in tick_labels(chart.narrow) if re.match(r"\d+ \w{3}$", label)]
    assert labels == ["27 Nov", "29 Nov", "1 Dec", "3 Dec"]
    wide = [label for label in tick_labels(chart.svg) if re.match(r"\d+ \w{3}$", label)]
    assert len(wide) == 7


def test_a_single_week_of_pain_gives_its_average_not_a_change_from_itself() -> None:
    first = dt.date(2026, 11, 27)
    daily = [
        {"date": (first + dt.timedelta(days=n)).isoformat(), "pain": 4, "pain_7d": 4.5 - n / 10}
        | {"flare": False}
        for n in range(7)
    ]
    chart = pain_trend_chart(daily)
    assert chart is not None
    assert "The average of the last 7 days is 3.9 out of 10; no flare days." in chart.text
    assert "went from" not in chart.text
    longer = pain_trend_chart([*daily, {**daily[-1], "date": "2026-12-04", "pain_7d": 3.5}])
    assert longer is not None and "The 7-day average went from 3.9 to 3.5" in longer.text
