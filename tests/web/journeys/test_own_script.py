"""Coach → write a script → read the feedback → save it → practise it from Practices, walked from
the home page by what a person sees."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.web.journeys.conftest import Person, stored_sessions, welcome

FIRST_TRY = "I am at the beach and there is no pain."
SCRIPT = (
    "I stand in my kitchen in the morning light. I bend to lift the basket; my back feels long "
    "and warm, and I hear the kettle click off."
)
NAME = "kitchen bend"


def test_a_script_written_with_the_coach_is_practised_from_practices(person: Person) -> None:
    welcome(person)
    person.nav("Coach")
    person.heading("Your own script")
    script = person.page.get_by_label("Your imagery script")
    # A first try built on "no pain": the coach says what to work on, in words.
    script.fill(FIRST_TRY)
    person.button("Get feedback")
    feedback = person.page.get_by_role("region", name="Feedback")
    expect(feedback.get_by_role("meter", name="Score")).to_be_visible()
    expect(feedback.get_by_text(re.compile("Built on 'no pain'"))).to_be_visible()
    person.snap("first-feedback")
    # Rewritten: concrete, several senses, a movement.
    script.fill(SCRIPT)
    person.button("Get feedback")
    expect(feedback.get_by_text(re.compile("Built on 'no pain'"))).to_have_count(0)
    expect(feedback.get_by_text("Positive wording")).to_be_visible()
    person.snap("feedback")
    person.page.get_by_label("Name for your script").fill(NAME)
    person.button("Save as my script")
    saved = person.page.get_by_role("status").filter(has_text=f"Saved “{NAME}”")
    expect(saved).to_be_visible()
    yours = person.page.get_by_role("region", name="Your scripts")
    expect(yours.get_by_role("link", name=f"Practise {NAME}")).to_be_visible()
    person.snap("saved")
    saved.get_by_role("link", name="Practices").click()
    person.heading("Practices")
    person.heading("Your own scripts")
    person.snap("practices")
    person.link(NAME)
    # The player, with the script's own steps.
    begin = person.page.get_by_role("button", name="Begin", exact=True)
    expect(begin).to_be_visible()
    person.page.get_by_text("Read the whole script").click()
    expect(person.page.get_by_text(re.compile("I bend to lift the basket"))).to_be_visible()
    person.snap("player")
    person.button("Begin without rating my pain")
    person.heading("How was that?", timeout=30_000)
    person.choose("How clearly did you see it?", "5")
    person.button("Save")
    person.heading("Well done")
    (session,) = stored_sessions(person.store)
    assert NAME in session.practice_title.lower() and session.status == "completed"
    assert (session.pain_before, session.vivid_visual) == (None, 5)
