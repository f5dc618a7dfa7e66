"""Insights and the clinician's report after a week of practice, walked from the home page.

The week comes from `unbrace demo --days 7` (the command a person runs to try unbrace out), run
as its own process on the same data folder; everything after that is what a person sees."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from playwright.sync_api import expect

from tests.web.journeys.conftest import Person, welcome
from unbrace.core.counting import NOT_COUNTED


def a_week_of_demo_data() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "unbrace", "demo", "--days", "7", "--seed", "3"],
        env=os.environ | {"NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "made-up data" in done.stdout


def test_insights_and_the_report_after_a_week(person: Person) -> None:
    welcome(person)
    a_week_of_demo_data()
    person.nav("Insights")
    person.heading("Insights")
    practice = person.page.get_by_role("region", name="Practice")
    expect(practice).to_contain_text(re.compile(r"\d+ days? and\s+\d+ minutes? practised since"))
    expect(practice).to_contain_text(NOT_COUNTED)
    person.heading("Change that matters")
    person.heading("Right after a session")
    # Each chart: a title and a text alternative, the same words for eyes and for screen readers.
    person.heading("In pictures")
    figures = person.page.get_by_role("figure")
    expect(figures.first).to_be_visible()
    assert figures.count() >= 2
    for index in range(figures.count()):
        figure = figures.nth(index)
        caption = figure.locator("figcaption").inner_text()
        title, _, text = caption.partition(". ")
        assert title and len(text) > 20, caption
        chart = figure.get_by_role("img")  # the one drawn for this width; the other is hidden
        expect(chart).to_have_count(1)
        expect(chart).to_have_accessible_name(text.strip())
    person.snap("insights")
    person.link("Open the printable report")
    person.heading(re.compile(r"^Motor imagery practice and back pain: Maria"))
    person.heading("In short")
    bar = person.page.get_by_role("navigation", name="Report")
    expect(bar.get_by_role("button", name="Print")).to_be_visible()
    report_figures = person.page.get_by_role("figure")
    assert report_figures.count() >= 2
    expect(report_figures.first.locator("figcaption")).to_contain_text(re.compile(r"Figure 1\."))
    person.snap("report")
    bar.get_by_role("link", name="Back to Insights").click()
    person.heading("Insights")
