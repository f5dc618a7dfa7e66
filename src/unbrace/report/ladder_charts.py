"""Charts of the "visualise, then do" ladder, drawn as plain SVG the same way as `charts.py`.

The input is `LadderInsights.as_json()`: what was expected and what happened on each try (the
prediction error, Goubert 2005), threat ratings per step over the weeks (re-rated weekly; a
fall of more than 20 points is a real change, PHODA-SeV, Leeuw 2007), and fear and pain on
separate charts, because fear usually eases first and pain may follow later or not (Bontinck
2022). Every function returns ``None`` when there is nothing honest to draw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from unbrace.report.drawing import (
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    SMALL,
    VERMILION,
    Canvas,
    Chart,
    Days,
    Linear,
    baseline_rule,
    both_widths,
    date_ticks,
    x_labels,
    y_axis,
    y_title,
)

# The Okabe-Ito palette again, one colour per step (a ladder has at most eight).
STEP_COLOURS = [BLUE, ORANGE, GREEN, VERMILION, "#56B4E9", "#CC79A7", "#F0E442", "#000000"]


def _finished(attempts: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [item for item in attempts if item.get("actual_pain") is not None]


def _day(text: str) -> str:
    moment = dt.datetime.fromisoformat(text)
    return f"{moment.day} {moment:%b}"


def _tries_axis(count: int, left: float, right: float) -> Linear:
    """Tries 1..count spread evenly; few tries keep a modest spacing rather than the full width."""
    spread = min(right - left, 80.0 * count)
    start = left + (right - left - spread) / 2
    return Linear(0.5, count + 0.5, start, start + spread)


def _dot(x: float, y: float, radius: float = 4.5) -> str:
    arc = f"a{radius},{radius} 0 1,0"
    return f"M{x - radius:.1f},{y:.1f}{arc} {2 * radius},0{arc} {-2 * radius},0"


def prediction_chart(attempts: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Expected and actual pain for each finished try, joined by the gap between them."""
    tries = _finished(attempts)
    if not tries:
        return None
    rows = [
        {
            "try": f"{index}. {_day(item['started_at'])}",
            "expected": item["expected_pain"],
            "actual": item["actual_pain"],
        }
        for index, item in enumerate(tries, start=1)
    ]
    title = "What you expected, and what happened"
    subtitle = "Orange diamonds: the pain expected. Blue dots: the pain there was."

    def draw(canvas: Canvas) -> float:
        top = canvas.heading(title, subtitle)
        left, right, height = 52.0, canvas.width - 8.0, 180
        y = Linear(0, 10, top + height, top)
        x = _tries_axis(len(rows), left, right)
        y_axis(canvas, y, range(0, 11, 2), left=left, right=right)
        y_title(canvas, "Pain (0 = none, 10 = worst)", top=top, bottom=top + height)
        gaps, diamonds, dots = [], [], []
        for index, row in enumerate(rows, start=1):
            at, low, high = x(index), y(row["expected"]), y(row["actual"])
            gaps.append(f"M{at:.1f},{low:.1f}V{high:.1f}")
            diamonds.append(f"M{at:.1f},{low - 6:.1f}l6,6l-6,6l-6,-6Z")
            dots.append(_dot(at, high))
        canvas.add(
            "path", d="".join(gaps), stroke=GREY, stroke_width="2", class_="mark-gap c-grey-line"
        )
        canvas.add(
            "path", d="".join(diamonds), fill="none", stroke=ORANGE, stroke_width="2.5",
            class_="mark-expected c-orange-line",
        )  # fmt: skip
        canvas.add("path", d="".join(dots), fill=BLUE, class_="mark-actual c-blue")
        baseline_rule(canvas, top + height, left, right)
        labels = [(x(index), row["try"]) for index, row in enumerate(rows, start=1)]
        x_labels(canvas, labels, baseline=top + height, left=left)
        canvas.text(left, top + height + 40, "Each try, in order", role="muted", size=SMALL)
        return top + height + 48

    errors = [row["actual"] - row["expected"] for row in rows]
    lower = sum(error < 0 for error in errors)
    mean = sum(errors) / len(errors)
    text = (
        f"Expected and actual pain for {count_tries(len(rows))}: it hurt less than expected in "
        f"{lower}, and on average {abs(mean):.1f} points "
        f"{'less' if mean < 0 else 'more' if mean > 0 else 'different'} than expected."
    )
    return both_widths("ladder-prediction", title, text, draw)


def threat_chart(threats: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Each step's threat rating over the weeks; drawn once a step has been rated twice."""
    by_step: dict[str, list[Mapping[str, Any]]] = {}
    for item in threats:
        by_step.setdefault(item["step"], []).append(item)
    if not any(len(items) >= 2 for items in by_step.values()):
        return None
    days = [dt.date.fromisoformat(item["rated_at"][:10]) for item in threats]
    first, last = min(days), max(days)
    title = "Threat ratings for each step"
    subtitle = "A fall of more than 20 points is a real change (PHODA-SeV)."

    def draw(canvas: Canvas) -> float:
        top = canvas.heading(title, subtitle)
        left, right, height = 52.0, canvas.width - 8.0, 180
        y = Linear(0, 100, top + height, top)
        x = Days(first, last, left, right)
        y_axis(canvas, y, range(0, 101, 20), left=left, right=right)
        y_title(canvas, "Threat (0-100)", top=top, bottom=top + height)
        for index, items in enumerate(by_step.values()):
            colour = STEP_COLOURS[index % len(STEP_COLOURS)]
            points = [
                (x(dt.date.fromisoformat(item["rated_at"][:10])), y(item["threat"]))
                for item in items
            ]
            line = "M" + " L".join(f"{px:.1f},{py:.1f}" for px, py in points)
            canvas.add(
                "path", d=line, fill="none", stroke=colour, stroke_width="2.2",
                class_="mark-line", data_step=str(index + 1),
            )  # fmt: skip
            canvas.add(
                "path", d="".join(_dot(px, py, 3.5) for px, py in points), fill=colour,
                class_="mark-points",
            )  # fmt: skip
        baseline_rule(canvas, top + height, left, right)
        ticks = [(x(day), label) for day, label in date_ticks(first, last)]
        x_labels(canvas, ticks, baseline=top + height, left=left)
        # The key: a swatch of each step's colour beside its words.
        y_next = top + height + 34
        for index, step in enumerate(by_step):
            colour = STEP_COLOURS[index % len(STEP_COLOURS)]
            canvas.add(
                "rect", x="0", y=f"{y_next - 9:.1f}", width="14", height="10", fill=colour,
                class_="mark-key",
            )  # fmt: skip
            canvas.text(
                20, y_next, _short(step, 70 if canvas.variant == "wide" else 40), size=SMALL
            )
            y_next += SMALL + 8
        return y_next

    changes = []
    for step, items in by_step.items():
        if len(items) >= 2:
            first_threat, last_threat = items[0]["threat"], items[-1]["threat"]
            changes.append(f"{_short(step)} from {first_threat} to {last_threat}")
    text = "Threat ratings over time: " + "; ".join(changes) + "."
    return both_widths("ladder-threat", title, text, draw)


def fear_pain_chart(attempts: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Fear before each try and pain during it, as two separate small charts."""
    tries = _finished(attempts)
    if len(tries) < 2:
        return None
    rows = [
        {"try": index, "fear": item["fear"], "pain": item["actual_pain"]}
        for index, item in enumerate(tries, start=1)
    ]
    title = "Fear and pain, apart"
    subtitle = "Fear often eases first; pain may follow later, or not."

    def draw(canvas: Canvas) -> float:
        top = canvas.heading(title, subtitle)
        left, right, height = 52.0, canvas.width - 8.0, 100
        x = _tries_axis(len(rows), left, right)
        panels = (
            ("fear", VERMILION, "c-vermilion", "Fear before (0-10)"),
            ("pain", BLUE, "c-blue", "Pain during (0-10)"),
        )
        for field, colour, role, label in panels:
            canvas.text(left, top, label, role="muted", size=SMALL)
            top += 10
            y = Linear(0, 10, top + height, top)
            y_axis(canvas, y, (0, 5, 10), left=left, right=right)
            points = [(x(row["try"]), y(row[field])) for row in rows]
            line = "M" + " L".join(f"{px:.1f},{py:.1f}" for px, py in points)
            canvas.add(
                "path", d=line, fill="none", stroke=colour, stroke_width="2.2",
                class_=f"mark-line {role}",
            )  # fmt: skip
            canvas.add(
                "path", d="".join(_dot(px, py, 3.5) for px, py in points), fill=colour,
                class_=f"mark-points {role}",
            )  # fmt: skip
            baseline_rule(canvas, top + height, left, right)
            labels = [(x(row["try"]), str(row["try"])) for row in rows]
            x_labels(canvas, labels, baseline=top + height, left=left)
            top += height + 40
        canvas.text(left, top - 12, "Each try, in order", role="muted", size=SMALL)
        return top

    text = (
        f"Fear before each of {count_tries(len(rows))} went from {rows[0]['fear']} to "
        f"{rows[-1]['fear']}; pain during them from {rows[0]['pain']} to {rows[-1]['pain']}."
    )
    return both_widths("ladder-fear", title, text, draw)


def count_tries(number: int) -> str:
    return "1 try" if number == 1 else f"{number} tries"


def _short(step: str, limit: int = 60) -> str:
    return step if len(step) <= limit else step[: limit - 1].rstrip() + "…"


def ladder_charts(data: Mapping[str, Any]) -> dict[str, Chart | None]:
    """The ladder's three charts from ``LadderInsights.as_json()``, in reading order."""
    return {
        "prediction": prediction_chart(data["attempts"]),
        "threat": threat_chart(data["threats"]),
        "fear": fear_pain_chart(data["attempts"]),
    }
