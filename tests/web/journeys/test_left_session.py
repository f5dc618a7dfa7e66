"""A session left in the middle (the page reloaded, the tab closed, the phone locked): once its
player has been silent for a while, every page calls it stopped early, keeps what was
practised, and offers to correct or delete it, as for any other session."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import update

from tests.web.journeys.conftest import Person, stored_sessions, welcome
from unbrace.store.models import PracticeSession
from unbrace.store.session_repo import STALE_AFTER
from unbrace.web import deps


def test_a_session_left_midway_shows_as_stopped_early_in_history(
    person: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UNBRACE_TEST_PLAYER_SPEED", "1")  # the player's clock at its real pace
    monkeypatch.setattr(deps, "CLOSE_EVERY", dt.timedelta(0))  # look at every page, not every 15 s
    welcome(person)
    person.link("Start")
    person.button("Begin without rating my pain")
    # The visible counter, not the screen reader's announcement of the same step.
    expect(person.page.get_by_text(re.compile(r"^Step 1 of \d+$"))).to_be_visible()
    person.page.reload()  # mid-session: the player is gone
    person.heading("Movement rehearsal")
    (left,) = stored_sessions(person.store)
    assert left.status == "in_progress"
    # The page was left a while ago: the player has been silent for longer than it may be.
    with person.store.transaction() as db:
        db.execute(
            update(PracticeSession)
            .where(PracticeSession.id == left.id)
            .values(updated_at=left.updated_at - STALE_AFTER - dt.timedelta(minutes=1))
        )
    person.nav("Today")  # the session page's short menu
    person.nav("History")
    record = person.page.locator(".session-record").first
    expect(record).to_contain_text("Stopped early")
    expect(record).not_to_contain_text("In progress")
    expect(record.get_by_role("link", name="Delete")).to_be_visible()
    person.snap("history-left-session")
    (session,) = stored_sessions(person.store)
    assert session.status == "stopped"
