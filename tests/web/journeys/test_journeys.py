"""The journeys a person takes, from the home page, by what they see (see conftest.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.web.journeys.conftest import PAIN_NOW, PHONE, Person, Server, open_person, welcome
from unbrace.store.models import PracticeSession


def first_session(person: Person) -> None:
    welcome(person)
    expect(person.page.get_by_text("All set.")).to_be_visible()
    person.snap("today")
    person.link("Start")
    expect(person.page.get_by_role("button", name="Begin", exact=True)).to_be_visible()
    person.snap("player")
    person.choose(PAIN_NOW, "6")
    person.button("Begin")
    person.heading("How was that?", timeout=30_000)
    person.snap("ratings")
    person.choose(PAIN_NOW, "4")
    person.choose("How clearly did you see it?", "4")
    person.button("Save")
    person.heading("Well done")
    expect(person.page.locator("#end-summary")).to_contain_text("Pain 6 → 4")
    person.snap("well-done")
    person.link("Back to today")
    expect(person.page.get_by_text(re.compile(r"You practised on 1 day"))).to_be_visible()
    person.nav("History")
    record = person.page.locator(".session-record").first
    expect(record).to_contain_text("6 before, 4 after")
    person.snap("history")
    (session,) = sessions(person)
    assert (session.pain_before, session.pain_after, session.status) == (6, 4, "completed")


def sessions(person: Person) -> list[PracticeSession]:
    from sqlalchemy import select

    with person.store.transaction() as db:
        found = list(db.scalars(select(PracticeSession).order_by(PracticeSession.id)))
        db.expunge_all()
    return found


def test_first_day(person: Person) -> None:
    """Welcome → the warning signs → Start on Today → the session → ratings → History."""
    first_session(person)


def test_the_routine_is_saved_and_goes_to_the_calendar(person: Person) -> None:
    welcome(person)
    person.nav("Routine")
    person.snap("routine")
    person.button("Save routine")
    expect(person.page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    with person.page.expect_download() as download:
        person.link("download the calendar file (.ics)")
    calendar = download.value.path().read_text(encoding="utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in calendar


@pytest.fixture
def phone(browser: Browser, server: Server, request: pytest.FixtureRequest) -> Iterator[Person]:
    yield from open_person(browser, server, request, viewport=PHONE)


@pytest.fixture
def dark(browser: Browser, server: Server, request: pytest.FixtureRequest) -> Iterator[Person]:
    yield from open_person(browser, server, request, dark=True)


def test_first_day_on_a_phone(phone: Person) -> None:
    phone.shots = False  # the desktop journey photographs every step at phone width too
    first_session(phone)


def test_first_day_in_dark_mode(dark: Person) -> None:
    dark.shots = False  # the desktop journey photographs every step in dark colours too
    first_session(dark)
