"""SVG charts of the insights, written directly: no chart library, no JavaScript engine.

The input is the plain data of ``Insights.as_json()``, so the printed report and the web app draw
the same pictures. Every function returns ``None`` when there is nothing honest to draw; the
caller says so in words (``EMPTY``).

Why by hand: altair + vl-convert took about 0.7 s to start (a JavaScript engine) before drawing
anything, and pygal, leather and matplotlib each cost hundreds of milliseconds to import and give
neither text that stays readable on a phone nor colours a page's dark theme can change (see
docs/performance.md). Four chart shapes on two widths are a few hundred lines of plain SVG.

How they read everywhere:
- Two layouts per chart: ``svg`` (640 px, the text width of a printed page) and ``narrow``
  (340 px, a phone held upright), each drawn at its own width, so its 13 px lettering stays
  13 px instead of shrinking with the picture.
- Colours are presentation attributes (light theme, print) plus a class per role (``ink``,
  ``muted``, ``grid``, ``c-blue``...), so a stylesheet can recolour them for a dark theme. No
  ``style`` attribute anywhere: the web app's policy allows no inline styles.
- Dates on the axis follow the span: days for a week, Mondays for months, months for a year or
  two, years beyond. Weeks are drawn as bands no wider than a bar should be, so one week of data
  is one bar, not a wall of colour.
- Each chart is an ``img`` for assistive technology with a ``title`` and a ``desc`` (the text
  alternative), and words in the subtitle say which mark is which, so colour is never the only
  cue (Okabe-Ito colours, and dashes and shapes that survive a grey printout).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from unbrace.report.drawing import (
    BLUE,
    GREEN,
    GREY,
    INK,
    ORANGE,
    SMALL,
    VERMILION,
    WIDTH,
    Canvas,
    Chart,
    Days,
    Linear,
    Weeks,
    baseline_rule,
    both_widths,
    count,
    date_ticks,
    long_date,
    parse_date,
    pt,
    signed,
    week_labels,
    wrap,
    x_labels,
    y_axis,
    y_title,
)

EMPTY = {
    "pain": "No chart yet: pain is drawn once there are at least two check-ins.",
    "effect": (
        "No chart yet: a practice is drawn once it has at least five sessions with pain rated "
        "before and after."
    ),
    "minutes": "No chart yet: no practice sessions in this period.",
    "vividness": "No chart yet: no sessions with vividness ratings in this period.",
}


# --- the charts ----------------------------------------------------------------------------


def flare_runs(daily: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Consecutive flare days as [start, day after end) bands; one band draws faster than many."""
    runs: list[dict[str, str]] = []
    start: dt.date | None = None
    last: dt.date | None = None
    for row in daily:
        day = parse_date(row["date"])
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
    daily: Sequence[Mapping[str, Any]], width: int = WIDTH
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Dots and line points for the pain chart, no more than the plot's pixels can show.

    Five years of check-ins put three days in each pixel column. Dots that would land on the
    same spot are drawn once and the line keeps the last average of each column: the picture is
    the same, the SVG a third of the size and quicker to draw.
    """
    first = parse_date(daily[0]["date"])
    span = (parse_date(daily[-1]["date"]) - first).days + 1
    scale = min(1.0, width / span)
    dots: dict[tuple[int, int], dict[str, Any]] = {}
    line: dict[int, dict[str, Any]] = {}
    for row in daily:
        column = int((parse_date(row["date"]) - first).days * scale)
        dots.setdefault((column, row["pain"]), {"date": row["date"], "value": row["pain"]})
        line[column] = {"date": row["date"], "value": row["pain_7d"]}
    return list(dots.values()), list(line.values())


def _path(points: Sequence[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{pt(x)},{pt(y)}" for x, y in points)


def pain_trend_chart(daily: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Daily pain as dots, the 7-day average as a line, flare days as orange bands; 0-10."""
    if len(daily) < 2:
        return None
    bands = flare_runs(daily)
    title = "Pain over time"
    # Colours are fixed and named in the subtitle instead of a legend: words say which mark is
    # which, even on a grey printout.
    subtitle = "Grey dots: pain each day. Blue line: average of the last 7 days."
    if bands:
        subtitle += " Orange bands: flare days."
    first, last = parse_date(daily[0]["date"]), parse_date(daily[-1]["date"])

    def draw(canvas: Canvas) -> float:
        top = canvas.heading(title, subtitle)
        left, right = 52.0, canvas.width - 8.0
        height = 200 if canvas.variant == "wide" else 170
        y = Linear(0, 10, top + height, top)
        x = Days(first, last, left, right)
        points, means = per_pixel(daily, int(right - left))
        for band in bands:
            start, end = x.edge(parse_date(band["start"])), x.edge(parse_date(band["end"]))
            canvas.add(
                "rect", x=pt(start), y=pt(top), width=pt(max(end - start, 1.5)),
                height=height, fill=ORANGE, fill_opacity="0.3", class_="mark-band c-orange",
            )  # fmt: skip
        y_axis(canvas, y, range(0, 11, 2), left=left, right=right)
        y_title(canvas, "Pain (0 = none, 10 = worst)", top=top, bottom=top + height)
        dense = x.slot < 2
        radius = 1.6 if dense else 3.2
        dots = "".join(
            f"M{pt(x(parse_date(p['date'])) - radius)},{pt(y(p['value']))}"
            f"a{pt(radius)},{pt(radius)} 0 1,0 {pt(2 * radius)},0"
            f"a{pt(radius)},{pt(radius)} 0 1,0 {pt(-2 * radius)},0"
            for p in points
        )
        canvas.add("path", d=dots, fill=GREY, fill_opacity="0.75", class_="mark-dots c-grey")
        line = [(x(parse_date(m["date"])), y(m["value"])) for m in means]
        canvas.add(
            "path", d=_path(line), fill="none", stroke=BLUE, stroke_width=1.5 if dense else 2.4,
            stroke_linejoin="round", class_="mark-line c-blue",
        )  # fmt: skip
        baseline_rule(canvas, top + height, left, right)
        ticks = [(x(day), label) for day, label in date_ticks(first, last)]
        x_labels(canvas, ticks, baseline=top + height, left=left)
        return top + height + 26

    week_in = first + dt.timedelta(days=6)
    opening = next((row for row in daily if parse_date(row["date"]) >= week_in), daily[-1])
    flare_days = sum(bool(row.get("flare")) for row in daily)
    checkins = count(len(daily), "check-in")
    text = f"Daily pain from {long_date(first)} to {long_date(last)}, {checkins}. "
    if parse_date(opening["date"]) < last:
        text += (
            f"The 7-day average went from {opening['pain_7d']:.1f} to "
            f"{daily[-1]['pain_7d']:.1f} out of 10"
        )
    else:  # not a week after the first full week yet: no "from 4.1 to 4.1"
        text += f"The average of the last 7 days is {daily[-1]['pain_7d']:.1f} out of 10"
    shaded = "is" if flare_days == 1 else "are"
    flares = f"; {count(flare_days, 'flare day')} {shaded} shaded."
    text += flares if flare_days else "; no flare days."
    return both_widths("pain", title, text, draw)


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
        }
        for entry in per_practice
        if entry.get("change")
    ]
    if not rows:
        return None
    rows.sort(key=lambda row: row["mean"])
    low = min(0.0, *(row["low"] for row in rows))
    high = max(0.0, *(row["high"] for row in rows))
    pad = max(0.25, (high - low) * 0.08)
    title = "Pain right after a session, by practice"
    subtitle = (
        "Dot: average change. Line: 95 % interval. Left of the dashed line: less pain afterwards."
    )

    def draw(canvas: Canvas) -> float:
        top = canvas.heading(title, subtitle)
        wide = canvas.variant == "wide"
        # Wide: names in a column on the left. Narrow: each name above its own line.
        left = 200.0 if wide else 8.0
        right = canvas.width - 96.0  # room for the counts: "1,234 sessions"
        row_height = 32 if wide else 46
        x = Linear(low - pad, high + pad, left, right)
        bottom = top + row_height * len(rows)
        zero = x(0)
        canvas.add(
            "line", x1=pt(zero), x2=pt(zero), y1=pt(top), y2=pt(bottom), stroke=INK,
            stroke_width="1.2", stroke_dasharray="4,3", class_="mark-zero c-ink",
        )  # fmt: skip
        for index, row in enumerate(rows):
            middle = top + row_height * index + (row_height / 2 if wide else row_height - 12)
            if wide:
                name = row["practice"] if len(row["practice"]) <= 30 else row["practice"][:29] + "…"
                canvas.text(left - 10, middle + 4, name, text_anchor="end")
            else:
                canvas.text(left, middle - 12, row["practice"])
            canvas.add(
                "line", x1=pt(x(row["low"])), x2=pt(x(row["high"])), y1=pt(middle), y2=pt(middle),
                stroke=BLUE, stroke_width="2.5", class_="mark-interval c-blue",
            )  # fmt: skip
            canvas.add(
                "circle", cx=pt(x(row["mean"])), cy=pt(middle), r="5", fill=BLUE,
                class_="mark-mean c-blue",
            )  # fmt: skip
            # Counts in a column of their own, clear of the intervals and the zero line.
            canvas.text(
                right + 10, middle + 4, count(row["n"], "session"), role="muted", size=SMALL
            )
        baseline_rule(canvas, bottom, left, right)
        step = 0.5 if high - low <= 3 else 1.0
        value = step * int((low - pad) / step)
        ticks = []
        while value <= high + pad:
            if value >= low - pad:
                ticks.append((x(value), signed(value) if value else "0"))
            value += step
        x_labels(canvas, ticks, baseline=bottom, left=left)
        axis_title = "Change in pain right after a session (points, 0-10 scale)"
        y_next = bottom + 24
        for line in wrap(axis_title, canvas.width - left, SMALL):
            y_next += SMALL + 3
            canvas.text(left, y_next, line, role="muted", size=SMALL)
        return y_next + 6

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
            f"{signed(first['high'])}, {count(first['n'], 'session')}); negative means less pain "
            "afterwards."
        )
    return both_widths("effect", title, text, draw)


def _nice_top(value: float) -> tuple[float, float]:
    """A round top for a count axis and its step: 47 -> (50, 10)."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value / step <= 5:
            return step * max(1, -(-value // step)), float(step)
    return value, value / 5


def minutes_chart(weekly: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Minutes practised in each calendar week (Monday to Sunday) as bars."""
    if not weekly or not any(week["minutes"] for week in weekly):
        return None
    minutes = [float(week["minutes"]) for week in weekly]
    mondays = [parse_date(week["week"]) for week in weekly]
    title = "Minutes practised each week"
    subtitle = "Each bar is one calendar week, Monday to Sunday."

    def draw(canvas: Canvas) -> float:
        top = canvas.heading(title, subtitle)
        left, right = 52.0, canvas.width - 8.0
        height = 170 if canvas.variant == "wide" else 150
        peak, step = _nice_top(max(minutes))
        y = Linear(0, peak, top + height, top)
        x = Weeks(min(mondays), max(mondays), left, right, widest=56.0)
        y_axis(canvas, y, [step * i for i in range(int(peak / step) + 1)], left=left, right=right)
        y_title(canvas, "Minutes in the week", top=top, bottom=top + height)
        gap = 1.0 if x.band < 6 else max(2.0, x.band * 0.15)
        bars = "".join(
            f"M{pt(x(day) - x.band / 2 + gap / 2)},{pt(top + height)}"
            f"V{pt(y(value))}h{pt(max(x.band - gap, 0.8))}V{pt(top + height)}Z"
            for day, value in zip(mondays, minutes, strict=True)
            if value > 0
        )
        canvas.add("path", d=bars, fill=GREEN, class_="mark-bars c-green")
        baseline_rule(canvas, top + height, left, right)
        x_labels(canvas, week_labels(x), baseline=top + height, left=left)
        return top + height + 26

    busiest = max(range(len(weekly)), key=lambda i: minutes[i])
    if len(weekly) == 1:
        text = f"Minutes of practice in the week of {long_date(mondays[0])}: {minutes[0]:.0f}."
    else:
        text = (
            f"Minutes of practice in each of {count(len(weekly), 'week')}: "
            f"{sum(minutes) / len(minutes):.0f} "
            f"a week on average, the most {minutes[busiest]:.0f} in the week of "
            f"{long_date(mondays[busiest])}."
        )
    return both_widths("minutes", title, text, draw)


def vividness_chart(weekly: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Weekly mean vividness, seeing and feeling, on their 1-5 scales."""
    senses = [
        ("seeing", "Seeing", BLUE, "c-blue", None),
        ("feeling", "Feeling", VERMILION, "c-vermilion", "6,4"),
    ]
    series = {
        name: [(parse_date(week["week"]), float(week[name])) for week in weekly if week.get(name)]
        for name, *_ in senses
    }
    if not any(series.values()):
        return None
    mondays = [parse_date(week["week"]) for week in weekly]
    title = "How vivid the imagery felt"
    subtitle = (
        "Weekly average, 1 = not at all, 5 = as real. Blue solid line: how clearly the movement "
        "was seen. Vermilion dashed line: how strongly it was felt."
    )

    def draw(canvas: Canvas) -> float:
        top = canvas.heading(title, subtitle)
        left, right = 52.0, canvas.width - 8.0
        height = 150 if canvas.variant == "wide" else 140
        y = Linear(1, 5, top + height, top)
        x = Weeks(min(mondays), max(mondays), left, right, widest=60.0)
        y_axis(canvas, y, [1, 2, 3, 4, 5], left=left, right=right)
        y_title(canvas, "Vividness (1 to 5)", top=top, bottom=top + height)
        # A dot a week helps over months; over years the dots would only hide the lines.
        dots = x.band >= 4
        for name, label, colour, role, dash in senses:
            points = [(x(day), y(value)) for day, value in series[name]]
            if not points:
                continue
            canvas.add(
                "path", d=_path(points), fill="none", stroke=colour,
                stroke_width="2" if dots else "1.4", stroke_dasharray=dash,
                stroke_linejoin="round", class_=f"mark-line {role}", data_sense=label,
            )  # fmt: skip
            if dots or len(points) == 1:
                marks = "".join(
                    f"M{pt(px - 3.5)},{pt(py)}a3.5,3.5 0 1,0 7,0a3.5,3.5 0 1,0 -7,0"
                    if name == "seeing"
                    else f"M{pt(px - 3.5)},{pt(py - 3.5)}h7v7h-7Z"  # squares for feeling
                    for px, py in points
                )
                canvas.add("path", d=marks, fill=colour, class_=f"mark-points {role}")
        baseline_rule(canvas, top + height, left, right)
        x_labels(canvas, week_labels(x), baseline=top + height, left=left)
        return top + height + 26

    return both_widths("vividness", title, _vividness_text(weekly), draw)


def _vividness_text(weekly: Sequence[Mapping[str, Any]]) -> str:
    parts = []
    for name, word in (("seeing", "seeing"), ("feeling", "feeling")):
        values = [week[name] for week in weekly if week.get(name) is not None]
        if len(values) == 1:
            parts.append(f"{word} {values[0]:.1f}")
        elif values:
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
