"""The printable report: one self-contained HTML file to bring to a clinician, and its PDF.

The page is a Jinja2 template shipped as package data (``data/report/report.html.j2``) with the
charts inline as SVG and the styles inline as CSS: nothing is fetched, no script runs, and the
file can be mailed, opened anywhere or printed. Words the person types (their name, movements,
notes) are escaped by the template; only our own SVG is marked safe.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
import tomllib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unbrace.core.ratings import PEG_DAILY_NOTE
from unbrace.report.charts import EMPTY
from unbrace.report.drawing import count, long_date, signed

if TYPE_CHECKING:
    from unbrace.core.insights import Insights, SessionRecord

TEMPLATE = "report.html.j2"
# Chromium's names on Debian, Ubuntu and in Google's packages; the first one found prints.
RENDERERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PDF_TIMEOUT_SECONDS = 120
# Countries whose locales print on Letter paper in glibc's LC_PAPER data; the rest use A4.
LETTER_COUNTRIES = frozenset(
    ("US", "CA", "MX", "PR", "PH", "BO", "CL", "CO", "VE", "CR", "GT", "PA", "SV", "NI")
)
PARTS_OF_DAY = {
    "morning": "Morning (5 am to noon)",
    "afternoon": "Afternoon (noon to 5 pm)",
    "evening": "Evening (5 pm to 10 pm)",
    "night": "Night (10 pm to 5 am)",
}
FIGURES = (
    ("pain", "Pain over time"),
    ("effect", "Pain right after a session, by practice"),
    ("minutes", "Minutes practised each week"),
    ("vividness", "How vivid the imagery felt"),
)


# --- numbers in words -------------------------------------------------------------------------


def percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def interval(change: Mapping[str, Any]) -> str:
    return f"{signed(change['mean'])} ({signed(change['low'])} to {signed(change['high'])})"


def day_of(text: str) -> str:
    """An ISO date or date-time as 3 March 2026 in the person's own time zone."""
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return long_date(moment.date())


# --- the parts of the report ------------------------------------------------------------------


def practice_titles() -> dict[str, str]:
    """Titles of the shipped practices, read straight from their files.

    Loading the full practice library would import pydantic for a handful of titles.
    """
    folder = resources.files("unbrace.data") / "practices"
    titles = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            raw = tomllib.loads(entry.read_text(encoding="utf-8"))
            if isinstance(raw.get("id"), str) and isinstance(raw.get("title"), str):
                titles[raw["id"]] = raw["title"]
    return titles


def title_of(practice: str, titles: Mapping[str, str]) -> str:
    if practice.startswith("script:"):
        return f"Own script: {practice.removeprefix('script:')}"
    return titles.get(practice, practice)


def practice_rows(
    sessions: Sequence[SessionRecord],
    per_practice: Sequence[Mapping[str, Any]],
    titles: Mapping[str, str],
    *,
    start: dt.date,
) -> list[dict[str, Any]]:
    """One row per practice done since ``start``: sessions, minutes, and the change in pain."""
    from unbrace.core.counting import COUNTS_AS_PRACTICE_SECONDS

    counts: dict[str, int] = defaultdict(int)
    seconds: dict[str, float] = defaultdict(float)
    for session in sessions:
        # The same rule as adherence: under half a minute is a start, not a practice.
        if session.seconds >= COUNTS_AS_PRACTICE_SECONDS and session.day >= start:
            counts[session.practice] += 1
            seconds[session.practice] += session.seconds
    effects = {entry["practice"]: entry for entry in per_practice}
    rows = []
    for practice in sorted(counts, key=lambda p: (-counts[p], title_of(p, titles))):
        effect = effects.get(practice, {})
        change = effect.get("change")
        rows.append(
            {
                "title": title_of(practice, titles),
                "sessions": counts[practice],
                "minutes": round(seconds[practice] / 60),
                "change": interval(change) if change else None,
                "rated": effect.get("sessions", 0),
            }
        )
    return rows


def screen_facts(last: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The latest warning-sign screen, with each yes answer as its question in full."""
    if last is None:
        return None
    from unbrace.core.safety import screen

    questions = {flag.id: (flag.question, flag.urgency.value) for flag in screen().flags}
    signs = [
        {
            "question": questions.get(flag_id, (flag_id, ""))[0],
            "urgency": questions.get(flag_id, ("", last.get("urgency") or ""))[1],
        }
        for flag_id in last["positive"]
    ]
    seen = last.get("seen_clinician_at")
    return {
        "taken": day_of(last["taken_at"]),
        "signs": signs,
        "seen": day_of(seen) if seen else None,
    }


def habit_rows(associations: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Clear associations only, each as a sentence a person can read aloud."""
    rows = []
    for entry in associations:
        if not entry.get("clear"):
            continue
        diff = entry["difference"]
        direction = "lower" if diff["mean"] < 0 else "higher"
        rows.append(
            {
                "label": entry["label"],
                "with": entry["next_day_pain_with"],
                "without": entry["next_day_pain_without"],
                "sentence": (
                    f"next-day pain {abs(diff['mean']):.1f} points {direction} on average "
                    f"(95 % interval {signed(diff['low'])} to {signed(diff['high'])})"
                ),
                "days_with": entry["days_with"],
                "days_without": entry["days_without"],
            }
        )
    return rows


def figures(data: Mapping[str, Any], titles: Mapping[str, str]) -> list[dict[str, Any]]:
    from markupsafe import Markup

    from unbrace.report.charts import all_charts

    effect: Any = data["session_effect"]
    labels = {row["practice"]: title_of(row["practice"], titles) for row in effect["per_practice"]}
    charts = all_charts(data, labels)
    out = []
    for number, (key, title) in enumerate(FIGURES, start=1):
        chart = charts[key]
        out.append(
            {
                "number": number,
                "key": key,
                "title": title,
                # Our own SVG (unbrace.report.charts), which escapes every text it draws.
                "svg": Markup(chart.svg) if chart else None,
                "narrow": Markup(chart.narrow) if chart else None,
                "text": chart.text if chart else EMPTY[key],
            }
        )
    return out


def context(
    result: Insights, facts: Mapping[str, Any], *, since: dt.date | None, today: dt.date
) -> dict[str, Any]:
    """Everything the template shows, already in words and rounded numbers."""
    data = result.as_json()
    adherence: Any = data["adherence"]
    effect: Any = data["session_effect"]
    titles = practice_titles() | dict(facts.get("practice_titles") or {})
    # `--since` when given, else the first record: the period every figure covers.
    start = dt.date.fromisoformat(adherence["period"]["start"])
    times = adherence["time_of_day"]
    total = sum(times.values())
    associations: Any = data["associations"]
    return {
        "name": facts["name"],
        "period": {
            "start": long_date(start),
            "end": long_date(today),
            "days": (today - start).days + 1,
            "chosen": since is not None,
        },
        "made": long_date(today),
        "made_iso": today.isoformat(),
        "checkins": len(data["pain_trend"]["daily"]),
        "change": data["meaningful_change"],
        "overall": effect["overall"],
        "effect_note": effect["note"],
        "practices": practice_rows(
            facts.get("sessions") or [], effect["per_practice"], titles, start=start
        ),
        "adherence": adherence,
        "times": [
            {"label": PARTS_OF_DAY.get(key, key), "sessions": number, "share": number / total}
            for key, number in times.items()
        ]
        if total
        else [],
        "flare": data["flare_only"],
        "habits": habit_rows(associations["factors"]),
        "habits_tested": sum("difference" in a for a in associations["factors"]),
        "habits_caveat": associations["caveat"],
        "screen": screen_facts(facts.get("last_screen")),
        "movements": list(facts.get("movements") or []),
        # Notes are not loaded by the insights command yet; shown when the caller passes them.
        "notes": [
            {"date": day_of(str(note["date"])), "text": note["text"]}
            for note in facts.get("notes") or []
            if str(note.get("text", "")).strip()
        ],
        "figures": figures(data, titles),
        "ladder": ladder_section(facts.get("ladder")),
    }


def ladder_section(ladder: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The ladder's part of the report (from `LadderInsights.as_json()`), or None without one:
    the prediction gap per try, threat ratings per step, fear and pain apart, the hit rate."""
    if not ladder or not ladder.get("ladders"):
        return None
    from markupsafe import Markup

    from unbrace.report.ladder_charts import ladder_charts

    outcome_words = {"no": "no", "partly": "partly", "yes": "yes", None: "not yet said"}
    tries = [
        {
            "date": day_of(item["started_at"][:10]),
            "step": f"{item['step_number']}. {item['step']}",
            "expected": item["expected_pain"],
            "actual": item["actual_pain"],
            "fear": item["fear"],
            "harm": item["expected_harm"],
            "outcome": outcome_words.get(item["outcome"], item["outcome"]),
            "next_day": item["next_day_pain"],
        }
        for item in ladder["attempts"]
        if item["actual_pain"] is not None
    ]
    figures = [
        {
            "key": key,
            "svg": Markup(chart.svg),
            "narrow": Markup(chart.narrow),
            "text": chart.text,
            "title": chart.title,
        }
        for key, chart in ladder_charts(ladder).items()
        if chart is not None
    ]
    return {
        "summary": ladder["summary"],
        "fear_first": ladder["fear_first"],
        "ladders": ladder["ladders"],
        "tries": tries[-12:],
        "earlier": max(0, len(tries) - 12),
        "figures": figures,
    }


def template_text() -> str:
    return (resources.files("unbrace.data") / "report" / TEMPLATE).read_text(encoding="utf-8")


def render_report(
    result: Insights,
    facts: Mapping[str, Any],
    *,
    since: dt.date | None,
    today: dt.date,
    in_app: bool = False,
) -> str:
    """The whole report as one HTML string. ``in_app``: shown by the web app, with a way back
    and a Print button (hidden on paper); the saved file has neither and runs no script."""
    from jinja2 import Environment, StrictUndefined

    environment = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    environment.filters.update(signed=signed, percent=percent, day_of=day_of, count=count)
    environment.globals["peg_daily_note"] = PEG_DAILY_NOTE
    template = environment.from_string(template_text())
    return template.render(**context(result, facts, since=since, today=today), in_app=in_app)


# --- PDF --------------------------------------------------------------------------------------


def find_renderer() -> str | None:
    """The path of a locally installed Chromium, or None."""
    for name in RENDERERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def paper_size(environ: Mapping[str, str] | None = None) -> str:
    """Letter where the locale's country prints on it (glibc's LC_PAPER data), else A4.

    Headless Chromium has no paper option and prints ``size: auto`` as Letter everywhere.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(name)
        if value:
            territory = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            return "Letter" if territory in LETTER_COUNTRIES else "A4"
    return "A4"


def write_pdf(html: Path, pdf: Path) -> str:
    """Print ``html`` to ``pdf`` with headless Chromium; one line saying what happened.

    Never raises: without Chromium, or when it fails, the line says how to print from a browser.
    """
    how_to = (
        f"To make a PDF yourself, open {html} in a web browser, choose Print, then Save as PDF."
    )
    browser = find_renderer()
    if browser is None:
        return f"No PDF renderer is installed (unbrace uses Chromium when it is there). {how_to}"
    # A throwaway folder holds the browser profile (never the person's own) and the pages, so a
    # failed run cannot leave an old or half-written PDF looking like a new one.
    with tempfile.TemporaryDirectory(prefix="unbrace-pdf-") as folder:
        work = Path(folder)
        page = work / "report.html"
        size = f"<style>@page {{ size: {paper_size()}; }}</style></head>"
        try:
            page.write_text(
                html.read_text(encoding="utf-8").replace("</head>", size, 1), encoding="utf-8"
            )
        except OSError as exc:
            return f"Cannot read {html}: {exc.strerror or exc}."
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={work / 'profile'}",
            # No date, file path or page title printed in the margins.
            "--no-pdf-header-footer",
            f"--print-to-pdf={work / 'report.pdf'}",
            page.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT_SECONDS, check=True)
        except (OSError, subprocess.SubprocessError):
            return f"Chromium could not make the PDF. {how_to}"
        made = work / "report.pdf"
        if not made.is_file() or made.stat().st_size == 0:
            return f"Chromium did not write the PDF. {how_to}"
        from unbrace.files import WriteFailed, private_file

        try:
            with private_file(pdf) as temporary:
                shutil.copyfile(made, temporary)
        except WriteFailed as exc:
            return str(exc)
    return f"Wrote {pdf}."
