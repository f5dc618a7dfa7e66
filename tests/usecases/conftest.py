"""A person set up in the store (SQLite and PostgreSQL), for the use cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from unbrace.core.checkins import CheckIn
from unbrace.core.practices import Library, load_library
from unbrace.store import checkin_repo
from unbrace.store.db import Store
from unbrace.store.models import Profile

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@dataclass
class World:
    db: Session
    profile: Profile
    library: Library

    def checkin(self, *, pain: int = 4, flare: bool = False, at: dt.datetime = NOW) -> None:
        day = CheckIn(date=at.date(), pain=pain, enjoyment=4, activity=4, flare=flare)
        checkin_repo.save_checkin(self.db, profile=self.profile, checkin=day, replace=True, now=at)

    def practise(self, *, seconds: float, at: dt.datetime) -> None:
        """A browser session of ``seconds`` practised, ended as completed."""
        from unbrace.core.session import Player, Status
        from unbrace.usecases import sessions

        started = sessions.start_session(
            self.db,
            profile=self.profile,
            practice=self.library.practices["breath-anchor"],
            minutes=1,
            pain_before=None,
            now=at,
            today=at.date(),
            host="web",
            pid=None,
        )
        player = Player(started.plan)
        player.tick(seconds)
        sessions.save_progress(self.db, session_id=started.id, player=player, now=at)
        record = sessions.own_session(self.db, profile=self.profile, session_id=started.id)
        record.status = Status.COMPLETED

    def screen(self, *positive: str, at: dt.datetime = NOW) -> list[str]:
        from unbrace.usecases.safety import record_answers

        return record_answers(
            self.db, profile=self.profile, reason="manual", positive=list(positive), now=at
        )


@pytest.fixture
def world(store: Store) -> Iterator[World]:
    from unbrace.usecases.profiles import onboard

    with store.transaction() as db:
        profile = onboard(
            db,
            name="Maria",
            movements=["bending forward to load the dishwasher"],
            scene="a beach at dawn",
            anchor="making my morning coffee",
            positive=[],
            now=NOW - dt.timedelta(days=1),
        )
        yield World(db, profile, load_library())
