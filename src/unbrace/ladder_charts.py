"""Charts of the "visualise, then do" ladder, drawn offline the same way as `charts.py`.

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

from unbrace.charts import BLUE, GREEN, GREY, ORANGE, VERMILION, WIDTH, Chart, render

# The Okabe-Ito palette again, one colour per step (a ladder has at most eight).
STEP_COLOURS = [BLUE, ORANGE, GREEN, VERMILION, "#56B4E9", "#CC79A7", "#F0E442", "#000000"]


def _finished(attempts: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [item for item in attempts if item.get("actual_pain") is not None]


def _day(text: str) -> str:
    moment = dt.datetime.fromisoformat(text)
    return f"{moment.day} {moment:%b}"


def prediction_chart(attempts: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Expected and actual pain for each finished try, joined by the gap between them."""
    tries = _finished(attempts)
    if not tries:
        return None
    import altair as alt

    rows = [
        {
            "try": f"{index}. {_day(item['started_at'])}",
            "expected": item["expected_pain"],
            "actual": item["actual_pain"],
        }
        for index, item in enumerate(tries, start=1)
    ]
    order = [row["try"] for row in rows]
    x = alt.X("try:N", title="Each try, in order", sort=order, axis=alt.Axis(labelAngle=0))
    y_scale = alt.Scale(domain=[0, 10])
    gap = (
        alt.Chart(alt.NamedData(name="rows"))
        .mark_rule(color=GREY, strokeWidth=2)
        .encode(x=x, y=alt.Y("expected:Q", scale=y_scale), y2="actual:Q")
    )
    expected = (
        alt.Chart(alt.NamedData(name="rows"))
        .mark_point(color=ORANGE, size=90, filled=False, strokeWidth=2.5, shape="diamond")
        .encode(
            x=x,
            y=alt.Y(
                "expected:Q",
                title="Pain (0 = none, 10 = worst)",
                scale=y_scale,
                axis=alt.Axis(values=list(range(0, 11, 2))),
            ),
        )
    )
    actual = (
        alt.Chart(alt.NamedData(name="rows"))
        .mark_circle(color=BLUE, size=90, opacity=1)
        .encode(x=x, y=alt.Y("actual:Q", scale=y_scale))
    )
    title = "What you expected, and what happened"
    subtitle = "Orange diamonds: the pain expected. Blue dots: the pain there was."
    chart = alt.layer(gap, expected, actual).properties(
        width=min(WIDTH, 90 * len(rows) + 60), height=200, title=alt.Title(title, subtitle=subtitle)
    )
    errors = [row["actual"] - row["expected"] for row in rows]
    lower = sum(error < 0 for error in errors)
    mean = sum(errors) / len(errors)
    text = (
        f"Expected and actual pain for {count_tries(len(rows))}: it hurt less than expected in "
        f"{lower}, and on average {abs(mean):.1f} points "
        f"{'less' if mean < 0 else 'more' if mean > 0 else 'different'} than expected."
    )
    return render(chart, {"rows": rows}, key="ladder-prediction", title=title, text=text)


def threat_chart(threats: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Each step's threat rating over the weeks; drawn once a step has been rated twice."""
    by_step: dict[str, list[Mapping[str, Any]]] = {}
    for item in threats:
        by_step.setdefault(item["step"], []).append(item)
    if not any(len(items) >= 2 for items in by_step.values()):
        return None
    import altair as alt

    steps = list(by_step)
    rows = [
        {"step": _short(item["step"]), "date": item["rated_at"][:10], "threat": item["threat"]}
        for item in threats
    ]
    labels = [_short(step) for step in steps]
    chart = (
        alt.Chart(alt.NamedData(name="rows"))
        .mark_line(point=True, strokeWidth=2.2)
        .encode(
            x=alt.X(
                "date:T",
                title=None,
                scale=alt.Scale(type="utc"),
                axis=alt.Axis(format="%d %b", labelOverlap=True, grid=False),
            ),
            y=alt.Y(
                "threat:Q",
                title="Threat (0-100)",
                scale=alt.Scale(domain=[0, 100]),
            ),
            color=alt.Color(
                "step:N",
                sort=labels,
                scale=alt.Scale(domain=labels, range=STEP_COLOURS[: len(labels)]),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=520),
            ),
        )
        .properties(
            width=WIDTH,
            height=200,
            title=alt.Title(
                "Threat ratings for each step",
                subtitle="A fall of more than 20 points is a real change (PHODA-SeV).",
                offset=14,
            ),
        )
    )
    changes = []
    for step, items in by_step.items():
        if len(items) >= 2:
            first, last = items[0]["threat"], items[-1]["threat"]
            changes.append(f"{_short(step)} from {first} to {last}")
    text = "Threat ratings over time: " + "; ".join(changes) + "."
    return render(
        chart, {"rows": rows}, key="ladder-threat", title="Threat ratings for each step", text=text
    )


def fear_pain_chart(attempts: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Fear before each try and pain during it, as two separate small charts."""
    tries = _finished(attempts)
    if len(tries) < 2:
        return None
    import altair as alt

    rows = [
        {"try": index, "fear": item["fear"], "pain": item["actual_pain"]}
        for index, item in enumerate(tries, start=1)
    ]
    x = alt.X("try:O", title="Each try, in order", axis=alt.Axis(labelAngle=0))
    scale = alt.Scale(domain=[0, 10])

    def panel(field: str, colour: str, title: str) -> Any:
        return (
            alt.Chart(alt.NamedData(name="rows"))
            .mark_line(
                point=alt.OverlayMarkDef(color=colour, size=40), color=colour, strokeWidth=2.2
            )
            .encode(x=x, y=alt.Y(f"{field}:Q", title=title, scale=scale))
            .properties(width=min(WIDTH, 70 * len(rows) + 60), height=110)
        )

    chart = alt.vconcat(
        panel("fear", VERMILION, "Fear before (0-10)"),
        panel("pain", BLUE, "Pain during (0-10)"),
    ).properties(
        title=alt.Title(
            "Fear and pain, apart",
            subtitle="Fear often eases first; pain may follow later, or not.",
        )
    )
    text = (
        f"Fear before each of {count_tries(len(rows))} went from {rows[0]['fear']} to "
        f"{rows[-1]['fear']}; pain during them from {rows[0]['pain']} to {rows[-1]['pain']}."
    )
    return render(chart, {"rows": rows}, key="ladder-fear", title="Fear and pain, apart", text=text)


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
