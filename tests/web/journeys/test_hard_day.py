"""A hard day, walked from the home page: a check-in with pain of 8 or a new flare, then the next
Start (on Today or on Practices) asks the warning-sign questions before any session begins.
All "no": the session follows. A "yes": no session, and the clinician's advice instead."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.journeys.conftest import (
    ACTIVITY,
    ENJOYMENT,
    PAIN_TODAY,
    Person,
    stored_sessions,
    welcome,
)
from unbrace.core.safety import screen

FIRST_SIGN = screen().flags[0]  # an emergency sign: no session at all, not even a gentle one


def hard_check_in(person: Person, *, pain: str, flare: bool) -> None:
    person.nav("Check in")
    person.heading("Check in")
    person.choose(PAIN_TODAY, pain)
    person.choose(ENJOYMENT, "7")
    person.choose(ACTIVITY, "6")
    if flare:
        person.page.get_by_label("Today is a flare day").check()
    person.snap("check-in")
    person.button("Save check-in")
    person.heading("Thank you")
    person.heading("That sounds like a hard day")
    person.snap("hard-day")


def press_start(person: Person, where: str) -> None:
    """The next Start a person presses: Today's suggestion, or a practice on Practices."""
    person.nav(where)
    if where == "Today":
        person.link("Start")
    else:
        card = person.page.get_by_role("listitem").filter(
            has=person.page.get_by_role("heading", name="Morning body scan", exact=True)
        )
        card.get_by_role("button", name=re.compile(r"^Start")).click()


def the_questions_come_first(person: Person) -> None:
    person.heading("Safety questions")
    expect(person.page.get_by_text("After a hard day, these questions come first.")).to_be_visible()
    expect(person.page.get_by_role("button", name="Begin", exact=True)).to_have_count(0)
    person.snap("questions-first")


@pytest.mark.parametrize(
    ("where", "pain", "flare"),
    [("Today", "8", False), ("Practices", "4", True)],
    ids=["today-after-pain-8", "practices-after-a-flare"],
)
def test_after_a_hard_day_all_no_lets_the_session_begin(
    person: Person, where: str, pain: str, flare: bool
) -> None:
    welcome(person)
    hard_check_in(person, pain=pain, flare=flare)
    press_start(person, where)
    the_questions_come_first(person)
    assert stored_sessions(person.store) == []
    person.answer_safety_questions("No")
    person.button("Save my answers")
    begin = person.page.get_by_role("button", name="Begin", exact=True)
    expect(begin).to_be_visible()
    if flare:  # the gentler version, at the shorter length it says it is
        expect(person.page.get_by_text("A gentler session today: shorter")).to_be_visible()
        expect(person.page.get_by_text("3 minutes", exact=True)).to_be_visible()
    person.snap("session-follows")
    person.button("Begin without rating my pain")
    person.heading("How was that?", timeout=30_000)
    person.button("Skip the questions")
    person.heading("Well done")
    (session,) = stored_sessions(person.store)
    assert session.status == "completed" and session.pain_before is None
    # Answered: the next Start goes straight to the player.
    press_start(person, where)
    expect(person.page.get_by_role("button", name="Begin", exact=True)).to_be_visible()


@pytest.mark.parametrize(
    ("where", "pain", "flare"),
    [("Practices", "9", False), ("Today", "3", True)],
    ids=["practices-after-pain-9", "today-after-a-flare"],
)
def test_after_a_hard_day_a_yes_stops_with_the_clinician_message(
    person: Person, where: str, pain: str, flare: bool
) -> None:
    welcome(person)
    hard_check_in(person, pain=pain, flare=flare)
    press_start(person, where)
    the_questions_come_first(person)
    person.answer_safety_questions("No")
    person.choose(FIRST_SIGN.question, "Yes")
    person.button("Save my answers")
    person.heading("Please see a clinician first")
    expect(person.page.get_by_text(FIRST_SIGN.question)).to_be_visible()
    person.snap("see-a-clinician")
    # Nothing starts: Today and the practice both show the advice instead of a session.
    person.nav("Today")
    person.heading("Please see a clinician first")
    expect(person.page.get_by_role("link", name="Start", exact=True)).to_have_count(0)
    press_start(person, "Practices")
    person.heading("Please see a clinician first")
    expect(person.page.get_by_role("button", name="Begin", exact=True)).to_have_count(0)
    assert stored_sessions(person.store) == []
