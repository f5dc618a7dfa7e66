"""A form sent back with a problem, in the browser: the keyboard focus moves to the box listing
the problems (web/static/app.js), which names each field, and its link leads to the field."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.web.journeys.conftest import Person
from unbrace.core.safety import screen


def test_after_a_form_error_the_focus_is_on_the_summary_naming_the_field(person: Person) -> None:
    page = person.page
    page.goto("/")
    person.heading("Welcome to unbrace")
    page.get_by_label("What shall we call you?").fill("Maria")
    person.expected = {422}  # the form comes back with its problems
    person.button("Save and continue")
    summary = page.get_by_role("alert").filter(has_text="Please check this")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    unanswered = len(screen().flags)
    problem = summary.get_by_role(
        "link",
        name=f"Safety questions: please answer yes or no to each one ({unanswered} still need",
    )
    expect(problem).to_be_visible()
    person.snap("welcome-problem")
    problem.click()
    first = screen().flags[0].question
    expect(page.get_by_role("group", name=first)).to_be_in_viewport()
    expect(page.get_by_label("What shall we call you?")).to_have_value("Maria")  # kept
    person.answer_safety_questions("No")
    person.expected = set()
    person.button("Save and continue")
    person.heading(re.compile("Maria"))

    person.nav("Settings")
    page.get_by_label("Breathing in (seconds)").fill("99")
    person.expected = {422}
    person.button("Save breathing pace")
    summary = page.get_by_role("alert").filter(has_text="Please check this")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile(r"^Breathing in: "))).to_be_visible()
    breathing_in = page.get_by_label("Breathing in (seconds)")
    expect(breathing_in).to_have_attribute("aria-invalid", "true")
    expect(breathing_in).to_have_value("99")
    person.snap("settings-problem")
