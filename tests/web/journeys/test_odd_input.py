"""What real people bring, in the browser: pasted runs of text with no spaces, names with
brackets and emoji, a button pressed twice. Nothing of it breaks a page or shows an error."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.web.journeys.conftest import (
    ACTIVITY,
    ENJOYMENT,
    PAIN_NOW,
    PAIN_TODAY,
    PHONE,
    Person,
    Server,
    open_person,
    stored_sessions,
    welcome,
)


@pytest.fixture
def phone(browser: Browser, server: Server, request: pytest.FixtureRequest) -> Iterator[Person]:
    yield from open_person(browser, server, request, viewport=PHONE)


def test_a_pasted_note_with_no_spaces_wraps_on_a_phone(phone: Person) -> None:
    """A ten-thousand-character paste with no space in it (a held-down key, a long link) is
    cut to the note's 2,000 characters by the box itself, and History still fits the phone's
    width instead of scrolling sideways for metres."""
    page = phone.page
    welcome(phone)
    phone.link("A one-minute check-in")
    phone.choose(PAIN_TODAY, "6")
    phone.choose(ENJOYMENT, "5")
    phone.choose(ACTIVITY, "4")
    page.get_by_label("A note (optional)").fill("x" * 10_000)
    phone.button("Save check-in")
    phone.heading("Thank you")
    phone.link("See your history")
    phone.heading("History")
    expect(page.get_by_text(re.compile("^x{2000}$"))).to_be_visible()
    phone.fits_the_width("history with a long note")
    phone.snap("history-long-note")


def test_save_pressed_twice_at_the_end_of_a_session_saves_once(person: Person) -> None:
    """A double click on Save after a session (a habit, or a shaky hand): one finish reaches
    unbrace, and no error comes back for the second press (the person fixture fails on any
    answer of 400 or more, such as a 409 for finishing a finished session)."""
    welcome(person)
    person.link("Start")
    person.choose(PAIN_NOW, "6")
    person.button("Begin")
    person.heading("How was that?", timeout=30_000)
    person.choose(PAIN_NOW, "4")
    person.page.get_by_role("button", name="Save", exact=True).dblclick()
    person.heading("Well done")
    expect(person.page.get_by_text("Pain 6 → 4")).to_be_visible()
    (session,) = stored_sessions(person.store)
    assert session.status == "completed" and session.pain_after == 4


def test_a_script_pasted_three_times_lists_each_sense_once(person: Person) -> None:
    """A messy paste (brackets, a sentence three times) gets feedback that names each sense
    and movement once, both as the coach reads along and after Get feedback."""
    welcome(person)
    person.nav("Coach")
    script = "[morning] I walk along the pine trail and I hear birds. " * 3
    person.page.get_by_label("Your imagery script").fill(script)
    feedback = person.page.get_by_role("region", name="Feedback")
    for press in (False, True):
        if press:
            person.button("Get feedback")
        senses = feedback.locator("p").filter(has_text=re.compile(r"^Senses:"))
        expect(senses).to_contain_text("sight (trail)")
        expect(senses).to_contain_text("sound (hear)")
        movements = feedback.locator("p").filter(has_text=re.compile(r"^Movements:"))
        expect(movements).to_have_text("Movements: walk")
    person.snap("coach-feedback-once")


def test_the_welcome_says_how_long_a_scene_may_be_before_it_is_written(person: Person) -> None:
    """The scene box asks for what one sees, hears and feels; its limit is said beside it, so a
    person pasting a long paragraph is not first told after pressing Save."""
    from unbrace.core.personal import MAX_PERSONAL_WORDS

    person.page.goto("/")
    person.heading("Welcome to unbrace")
    scene = person.page.get_by_label(re.compile("A place you love"))
    expect(scene).to_have_accessible_description(re.compile(f"up to {MAX_PERSONAL_WORDS} words"))
    person.page.get_by_label("What shall we call you?").fill("Zoë 🌿")
    scene.fill("the pine trail, sun warm on my back, birds singing " * 40)
    person.answer_safety_questions("No")
    person.expected = {422}  # sent back with its problem, named beside the box
    person.button("Save and continue")
    expect(
        person.page.get_by_text(f"keep the scene to {MAX_PERSONAL_WORDS} words").first
    ).to_be_visible()
    person.expected = set()
    scene.fill("the pine trail, sun warm on my back, birds singing")
    person.button("Save and continue")
    person.heading(re.compile("Zoë"))


def test_the_printable_report_opens_without_a_failed_request(person: Person) -> None:
    """The report is one self-contained page: opening it asks the server for nothing more (a
    missing /favicon.ico showed as a failed request in the browser's console)."""
    failed: list[str] = []
    person.page.on(
        "console", lambda message: failed.append(message.text) if message.type == "error" else None
    )
    welcome(person)
    person.nav("Insights")
    person.link("Open the printable report")
    person.heading(re.compile("Motor imagery practice"))
    person.page.wait_for_load_state("networkidle")
    assert failed == []
