"""SVG charts of the insights, drawn offline: altair writes Vega-Lite, vl-convert renders it.

The input is the plain data of ``Insights.as_json()``, so the printed report and a later web page
draw the same pictures. Every function returns ``None`` when there is nothing honest to draw; the
caller says so in words (``EMPTY``). altair and vl-convert are imported inside the functions:
importing altair and starting vl-convert's engine take about 0.7 s, which commands that draw
nothing must not pay.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import altair as alt

# Okabe & Ito (2008), "Color Universal Design": told apart with the common colour-vision
# deficiencies. The two vividness lines also differ by dash, and dots, lines, bars and bands by
# form, so a grey printout still reads.
BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILION = "#D55E00"
GREEN = "#009E73"
GREY = "#8C8C8C"
INK = "#333333"

# Local fonts only: the SVG names families, the reader's own system draws them.
FONT = "Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif"
WIDTH = 560  # plot area; with axes about 640 px, the text width of an A4 or Letter page

CONFIG: dict[str, Any] = {
    "font": FONT,
    "background": "white",
    "view": {"stroke": None},
    "padding": {"left": 4, "right": 12, "top": 4, "bottom": 4},
    "axis": {
        "labelFontSize": 12,
        "titleFontSize": 12,
        "titleFontWeight": "normal",
        "labelColor": INK,
        "titleColor": INK,
        "gridColor": "#E4E4E4",
        "domainColor": "#9A9A9A",
        "tickColor": "#9A9A9A",
        "aria": False,
    },
    "legend": {
        "labelFontSize": 12,
        "labelColor": INK,
        "orient": "top",
        "direction": "horizontal",
        "title": None,
        "aria": False,
    },
    "title": {
        "fontSize": 15,
        "fontWeight": "bold",
        "color": "#222222",
        "anchor": "start",
        "subtitleFontSize": 12,
        "subtitleColor": "#555555",
        "offset": 10,
        "aria": False,
    },
    # The figure carries one text alternative; a label per dot would only be noise.
    "mark": {"aria": False},
}

EMPTY = {
    "pain": "No chart yet: pain is drawn once there are at least two check-ins.",
    "effect": (
        "No chart yet: a practice is drawn once it has at least five sessions with pain rated "
        "before and after."
    ),
    "minutes": "No chart yet: no practice sessions in this period.",
    "vividness": "No chart yet: no sessions with vividness ratings in this period.",
}


@dataclass(frozen=True)
class Chart:
    """One rendered chart: the SVG, and one or two sentences saying what it shows."""

    key: str
    title: str
    svg: str
    text: str


def long_date(day: dt.date) -> str:
    """3 March 2026: day first, month in words, readable the same way everywhere."""
    return f"{day.day} {day:%B %Y}"


def count(number: int, word: str) -> str:
    """1 week, 2 weeks: the plural only where it belongs."""
    return f"{number:,} {word}" if number == 1 else f"{number:,} {word}s"


def signed(value: float) -> str:
    """+0.4 or −1.2, with a true minus sign that cannot be lost in print."""
    return f"{value:+.1f}".replace("-", "\N{MINUS SIGN}")


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def render(
    chart: alt.TopLevelMixin,
    datasets: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    key: str,
    title: str,
    text: str,
) -> Chart:
    """SVG from a chart and its named data, labelled for screen readers, ids made unique.

    altair checks the chart against the Vega-Lite schema, but the rows are added afterwards:
    checking 1,800 days of rows one by one took over a second for five years of data.
    """
    import vl_convert

    spec = chart.to_dict()
    # Beside any small inline data altair has already gathered under "datasets".
    spec.setdefault("datasets", {}).update({name: list(rows) for name, rows in datasets.items()})
    # No base URL is allowed: all data is inline, so nothing is ever fetched.
    svg = vl_convert.vegalite_to_svg(spec, config=CONFIG, allowed_base_urls=[])
    # Several charts share one HTML page, so any id (clip paths, gradients) gets the chart's key.
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{key}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{key}-\1)", svg)
    label = html.escape(text, quote=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return Chart(key=key, title=title, svg=svg, text=text)


def _utc_x(field: str, title: str | None = None) -> alt.X:
    import altair as alt

    # Dates are days, not instants: a UTC scale keeps them on their own day in every time zone.
    return alt.X(
        f"{field}:T",
        title=title,
        scale=alt.Scale(type="utc"),
        axis=alt.Axis(format="%b %Y", labelOverlap=True, tickCount=8, grid=False),
    )


def flare_runs(daily: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Consecutive flare days as [start, day after end) bands; one band draws faster than many."""
    runs: list[dict[str, str]] = []
    start: dt.date | None = None
    last: dt.date | None = None
    for row in daily:
        day = _date(row["date"])
        if row.get("flare"):
            if start is None or last is None or (day - last).days > 1:
                if start is not None and last is not None:
                    runs.append(_band(start, last))
                start = day
            last = day
    if start is not None and last is not None:
        runs.append(_band(start, last))
    return runs


def _band(start: dt.date, last: dt.date) -> dict[str, str]:
    return {"start": start.isoformat(), "end": (last + dt.timedelta(days=1)).isoformat()}


def per_pixel(
    daily: Sequence[Mapping[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Dots and line points for the pain chart, no more than the plot's pixels can show.

    Five years of check-ins put three days in each pixel column. Dots that would land on the
    same spot are drawn once and the line keeps the last average of each column: the picture is
    the same, the SVG a third of the size and quicker to draw.
    """
    first = _date(daily[0]["date"])
    span = (_date(daily[-1]["date"]) - first).days + 1
    scale = min(1.0, WIDTH / span)
    dots: dict[tuple[int, int], dict[str, Any]] = {}
    line: dict[int, dict[str, Any]] = {}
    for row in daily:
        column = int((_date(row["date"]) - first).days * scale)
        dots.setdefault((column, row["pain"]), {"date": row["date"], "value": row["pain"]})
        line[column] = {"date": row["date"], "value": row["pain_7d"]}
    return list(dots.values()), list(line.values())


def pain_trend_chart(daily: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Daily pain as dots, the 7-day average as a line, flare days as orange bands; 0-10."""
    if len(daily) < 2:
        return None
    import altair as alt

    y = alt.Y(
        "value:Q",
        title="Pain (0 = none, 10 = worst)",
        scale=alt.Scale(domain=[0, 10]),
        axis=alt.Axis(values=list(range(0, 11, 2))),
    )
    points, means = per_pixel(daily)
    bands = flare_runs(daily)
    long = len(means) < len(daily)  # years of data: finer marks keep the picture readable
    # Colours are fixed and named in the subtitle instead of a legend: words say which mark is
    # which, even on a grey printout.
    layers: list[Any] = []
    if bands:
        layers.append(
            alt.Chart(alt.NamedData(name="bands"))
            .mark_rect(color=ORANGE, opacity=0.3)
            .encode(x=_utc_x("start"), x2="end:T")
        )
    layers.append(
        alt.Chart(alt.NamedData(name="points"))
        .mark_circle(color=GREY, size=12 if long else 26, opacity=0.7)
        .encode(x=_utc_x("date"), y=y)
    )
    layers.append(
        alt.Chart(alt.NamedData(name="means"))
        .mark_line(color=BLUE, strokeWidth=1.5 if long else 2.4, interpolate="monotone")
        .encode(x=_utc_x("date"), y=y)
    )
    title = "Pain over time"
    subtitle = "Grey dots: pain each day. Blue line: average of the last 7 days."
    if bands:
        subtitle += " Orange bands: flare days."
    chart = alt.layer(*layers).properties(
        width=WIDTH, height=220, title=alt.Title(title, subtitle=subtitle)
    )
    first, last = daily[0], daily[-1]
    # The first average that spans a whole week, not the single first day.
    week_in = _date(first["date"]) + dt.timedelta(days=6)
    opening = next((row for row in daily if _date(row["date"]) >= week_in), last)
    flare_days = sum(bool(row.get("flare")) for row in daily)
    text = (
        f"Daily pain from {long_date(_date(first['date']))} to {long_date(_date(last['date']))}, "
        f"{len(daily)} check-ins. The 7-day average went from {opening['pain_7d']:.1f} to "
        f"{last['pain_7d']:.1f} out of 10"
    )
    text += f"; {flare_days} flare days are shaded." if flare_days else "; no flare days."
    datasets = {"bands": bands, "points": points, "means": means}
    return render(chart, datasets, key="pain", title=title, text=text)


def session_change_chart(
    per_practice: Sequence[Mapping[str, Any]], titles: Mapping[str, str] | None = None
) -> Chart | None:
    """Mean change in pain across a session with its 95 % interval, per practice, and zero.

    ``titles`` maps practice ids to the names people know them by.
    """
    rows = [
        {
            "practice": (titles or {}).get(entry["practice"], entry["practice"]),
            "mean": entry["change"]["mean"],
            "low": entry["change"]["low"],
            "high": entry["change"]["high"],
            "n": entry["change"]["n"],
            "label": f"{entry['change']['n']} sessions",
        }
        for entry in per_practice
        if entry.get("change")
    ]
    if not rows:
        return None
    import altair as alt

    rows.sort(key=lambda row: row["mean"])
    order = [row["practice"] for row in rows]
    low = min(0.0, *(row["low"] for row in rows))
    high = max(0.0, *(row["high"] for row in rows))
    pad = max(0.25, (high - low) * 0.08)
    x_scale = alt.Scale(domain=[low - pad, high + pad], nice=False)
    y = alt.Y("practice:N", title=None, sort=order, axis=alt.Axis(labelLimit=220))
    base = alt.Chart(alt.NamedData(name="rows"))
    zero = (
        alt.Chart(alt.InlineData(values=[{"zero": 0}]))
        .mark_rule(color=INK, strokeDash=[4, 3], strokeWidth=1.2)
        .encode(x=alt.X("zero:Q", scale=x_scale))
    )
    bars = base.mark_rule(color=BLUE, strokeWidth=2.5).encode(
        x=alt.X(
            "low:Q",
            scale=x_scale,
            title="Change in pain right after a session (points on the 0-10 scale)",
        ),
        x2="high:Q",
        y=y,
    )
    dots = base.mark_point(filled=True, size=70, color=BLUE, opacity=1).encode(
        x=alt.X("mean:Q", scale=x_scale), y=y
    )
    counts = base.mark_text(align="left", dx=8, fontSize=11, color="#555555").encode(
        x=alt.X("high:Q", scale=x_scale), y=y, text=alt.Text("label:N")
    )
    title = "Pain right after a session, by practice"
    chart = alt.layer(zero, bars, dots, counts).properties(
        width=WIDTH - 140,
        height=max(60, 30 * len(rows)),
        title=alt.Title(
            title,
            subtitle=(
                "Dot: average change. Line: 95 % interval. Left of the dashed line: less pain "
                "afterwards."
            ),
        ),
    )
    first, last = rows[0], rows[-1]
    if len(rows) > 1:
        text = (
            f"Change in pain from before to right after a session, for {len(rows)} practices with "
            f"at least five rated sessions. The averages range from {signed(first['mean'])} "
            f"({first['practice']}) to {signed(last['mean'])} ({last['practice']}) points; "
            "negative means less pain afterwards."
        )
    else:
        text = (
            f"Change in pain from before to right after a session of {first['practice']}: "
            f"{signed(first['mean'])} points on average (95 % interval {signed(first['low'])} to "
            f"{signed(first['high'])}, {first['n']} sessions); negative means less pain afterwards."
        )
    return render(chart, {"rows": rows}, key="effect", title=title, text=text)


def minutes_chart(weekly: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Minutes practised in each calendar week (Monday to Sunday) as bars."""
    if not weekly or not any(week["minutes"] for week in weekly):
        return None
    import altair as alt

    rows = [
        {
            "start": week["week"],
            # Six days wide, so neighbouring weeks keep a thin gap between them.
            "end": (_date(week["week"]) + dt.timedelta(days=6)).isoformat(),
            "minutes": week["minutes"],
        }
        for week in weekly
    ]
    title = "Minutes practised each week"
    chart = (
        alt.Chart(alt.NamedData(name="rows"))
        .mark_rect(color=GREEN)
        .encode(
            x=_utc_x("start"),
            x2="end:T",
            y=alt.Y("minutes:Q", title="Minutes in the week"),
            y2=alt.datum(0),
        )
        .properties(width=WIDTH, height=180, title=title)
    )
    minutes = [float(week["minutes"]) for week in weekly]
    busiest = max(range(len(weekly)), key=lambda i: minutes[i])
    text = (
        f"Minutes of practice in each of {count(len(weekly), 'week')}: "
        f"{sum(minutes) / len(minutes):.0f} "
        f"a week on average, the most {minutes[busiest]:.0f} in the week of "
        f"{long_date(_date(weekly[busiest]['week']))}."
    )
    return render(chart, {"rows": rows}, key="minutes", title=title, text=text)


def vividness_chart(weekly: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Weekly mean vividness, seeing and feeling, on their 1-5 scales."""
    rows = [
        {"week": week["week"], "sense": label, "rating": week[field]}
        for week in weekly
        for field, label in (("seeing", "Seeing"), ("feeling", "Feeling"))
        if week.get(field) is not None
    ]
    if not rows:
        return None
    import altair as alt

    senses = ["Seeing", "Feeling"]
    title = "How vivid the imagery felt"
    # A dot a week helps over months; over years the dots would only hide the lines.
    long = len(weekly) > 60
    chart = (
        alt.Chart(alt.NamedData(name="rows"))
        .mark_line(
            strokeWidth=1.4 if long else 2,
            point=False if long else alt.OverlayMarkDef(size=24, filled=True),
        )
        .encode(
            x=_utc_x("week"),
            y=alt.Y(
                "rating:Q",
                title="Vividness (1 to 5)",
                scale=alt.Scale(domain=[1, 5]),
                axis=alt.Axis(values=[1, 2, 3, 4, 5]),
            ),
            color=alt.Color(
                "sense:N",
                scale=alt.Scale(domain=senses, range=[BLUE, VERMILION]),
                legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=2.5, symbolSize=300),
            ),
            strokeDash=alt.StrokeDash(
                "sense:N", scale=alt.Scale(domain=senses, range=[[1, 0], [5, 3]])
            ),
        )
        .properties(
            width=WIDTH,
            height=180,
            title=alt.Title(
                title,
                subtitle=(
                    "Weekly average of how clearly the movement was seen and how strongly it was "
                    "felt. 1 = not at all, 5 = as real."
                ),
            ),
        )
    )
    text = _vividness_text(weekly)
    return render(chart, {"rows": rows}, key="vividness", title=title, text=text)


def _vividness_text(weekly: Sequence[Mapping[str, Any]]) -> str:
    parts = []
    for field, word in (("seeing", "seeing"), ("feeling", "feeling")):
        values = [week[field] for week in weekly if week.get(field) is not None]
        if values:
            parts.append(f"{word} from {values[0]:.1f} to {values[-1]:.1f}")
    return (
        f"Weekly average vividness over {count(len(weekly), 'week')} on a 1 to 5 scale: "
        + " and ".join(parts)
        + "."
    )


def all_charts(
    data: Mapping[str, Any], titles: Mapping[str, str] | None = None
) -> dict[str, Chart | None]:
    """The four charts of the report from ``Insights.as_json()``, in reading order."""
    effect = data["session_effect"]
    return {
        "pain": pain_trend_chart(data["pain_trend"]["daily"]),
        "effect": session_change_chart(effect["per_practice"], titles),
        "minutes": minutes_chart(data["adherence"]["weekly"]),
        "vividness": vividness_chart(effect["vividness"]),
    }
