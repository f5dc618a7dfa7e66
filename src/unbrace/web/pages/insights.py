"""Insights (`/insights`) in plain words and pictures, and the printable report (`/report`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from unbrace.report.drawing import long_date, signed
from unbrace.web.deps import FreshSessions, SessionDep, cached_view
from unbrace.web.pages.base import PersonDep, local_today, render

router = APIRouter()

# The report carries its own inline styles and SVG and runs no script at all.
REPORT_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def charts(data: Mapping[str, Any], titles: dict[str, str]) -> list[dict[str, Any]]:
    """The charts as inline SVG, page width and phone width (the stylesheet shows one).

    Inline, so the page's light or dark theme colours them through their classes; the SVG
    carries no style attribute or script, so the page's strict policy still holds.
    """
    from markupsafe import Markup

    from unbrace.report.charts import all_charts

    return [
        {
            "title": chart.title,
            "text": chart.text,
            # Our own SVG (unbrace.report.charts), which escapes every text it draws.
            "wide": Markup(chart.svg),
            "narrow": Markup(chart.narrow),
        }
        for chart in all_charts(data, titles).values()
        if chart is not None
    ]


@router.get("/insights", response_class=HTMLResponse, dependencies=[FreshSessions])
def insights(request: Request, db: SessionDep, profile: PersonDep) -> HTMLResponse:
    # Loading every record, the statistics and the charts: once per change of the data.
    key = ("insights", profile.id, local_today())
    context = cached_view(request, key, lambda: insights_view(db, profile))
    return render(request, "insights.html", context)


@dataclass(frozen=True)
class InsightsView:
    """Everything insights.html reads. The figures are `Insights.as_json()`'s, as the API and
    `unbrace insights --json` give them; what may be missing there is a field of its own here."""

    has_data: bool
    since: str
    overall: Mapping[str, Any] | None  # pain change right after a session, with its interval
    change: Mapping[str, Any]
    effect: Mapping[str, Any]
    adherence: Mapping[str, Any]
    streak: int | None  # only for people who chose to see streaks
    not_counted: str
    flare_nudge: str | None  # when most recent practice was on flare days
    associations: Sequence[Mapping[str, Any]]
    associations_caveat: str
    charts: Sequence[Mapping[str, Any]]
    ladder: Mapping[str, Any] | None


def insights_view(db: SessionDep, profile: PersonDep) -> InsightsView:
    from unbrace.core.counting import NOT_COUNTED
    from unbrace.usecases.records import compute_insights

    result, facts = compute_insights(db, profile=profile, since=None, today=local_today())
    data = result.as_json()
    has_data = bool(facts["days"] or facts["sessions"])
    overall = data["session_effect"]["overall"]
    return InsightsView(
        has_data=has_data,
        since=long_date(dt.date.fromisoformat(data["adherence"]["period"]["start"])),
        overall=None
        if not overall
        else {
            "mean": signed(overall["mean"]),
            "low": signed(overall["low"]),
            "high": signed(overall["high"]),
            "n": overall["n"],
        },
        change=data["meaningful_change"],
        effect=data["session_effect"],
        adherence=data["adherence"],
        streak=data["adherence"].get("streak"),
        not_counted=NOT_COUNTED,
        flare_nudge=data["flare_only"].get("nudge"),
        associations=[a for a in result.associations if a.get("clear")],
        associations_caveat=data["associations"]["caveat"],
        charts=charts(data, facts["practice_titles"]) if has_data else [],
        ladder=ladder_context(db, profile),
    )


def ladder_context(db: SessionDep, profile: PersonDep) -> dict[str, Any] | None:
    """The ladder's prediction gap, threat ratings and fear and pain apart, with charts."""
    from unbrace.report.ladder_charts import ladder_charts
    from unbrace.usecases.ladder import insights as ladder_insights
    from unbrace.web.deps import now as utcnow

    found = ladder_insights(db, profile=profile, now=utcnow())
    if not found.ladders:
        return None
    from markupsafe import Markup

    # Inline SVG at both widths, as the main charts (see charts() above).
    shown = [
        {
            "title": chart.title,
            "text": chart.text,
            "wide": Markup(chart.svg),
            "narrow": Markup(chart.narrow),
        }
        for chart in ladder_charts(found.as_json()).values()
        if chart is not None
    ]
    return {
        "summary": found.summary,
        "gaps": [attempt for attempt in found.finished][-5:][::-1],
        "fear_first": found.as_json()["fear_first"],
        "charts": shown,
        "ladders": found.ladders,
    }


@router.get("/report", response_class=HTMLResponse, dependencies=[FreshSessions])
def report(db: SessionDep, profile: PersonDep) -> HTMLResponse:
    from unbrace.report.page import render_report
    from unbrace.usecases.ladder import insights as ladder_insights
    from unbrace.usecases.records import compute_insights
    from unbrace.web.deps import now as utcnow

    result, facts = compute_insights(db, profile=profile, since=None, today=local_today())
    found = ladder_insights(db, profile=profile, now=utcnow())
    facts["ladder"] = found.as_json() | {"ladders": [view.as_json() for view in found.ladders]}
    html = render_report(result, facts, since=None, today=local_today(), in_app=True)
    return HTMLResponse(html, headers={"Content-Security-Policy": REPORT_CSP})
