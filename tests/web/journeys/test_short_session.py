"""A session stopped after a few seconds, walked from the home page: it is kept, and every page
says plainly why it does not count (Today, the end of the session, History)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.journeys.conftest import Person, stored_sessions, welcome
from unbrace.core.counting import NOT_COUNTED, SHORT_MARK


def test_a_session_stopped_at_once_is_kept_but_not_counted(
    person: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The player's clock at its real pace for this one: stopped within seconds, not minutes.
    monkeypatch.setenv("UNBRACE_TEST_PLAYER_SPEED", "1")
    welcome(person)
    person.link("Start")
    person.button("Begin without rating my pain")
    person.button("Stop")
    person.heading("How was that?")
    person.button("Skip the questions")
    person.heading("Thank you")
    summary = person.page.locator("#end-summary")
    expect(summary).to_contain_text(re.compile(r"Saved: you practised 0:0\d\."))
    expect(summary).to_contain_text(NOT_COUNTED)
    person.snap("stopped")
    person.link("Back to today")
    expect(person.page.get_by_text(re.compile("No practice yet this week"))).to_be_visible()
    expect(person.page.get_by_text(NOT_COUNTED)).to_be_visible()
    person.nav("History")
    expect(person.page.get_by_text(NOT_COUNTED)).to_be_visible()
    record = person.page.locator(".session-record").first
    expect(record).to_contain_text("Stopped early")
    expect(record).to_contain_text(SHORT_MARK)
    person.snap("history")
    (session,) = stored_sessions(person.store)
    assert session.status == "stopped" and session.seconds < 30
