"""The warning-sign gate: one rule for every edge."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.usecases.conftest import NOW, TODAY, World
from unbrace.usecases import safety_gate
from unbrace.usecases.safety_gate import SafetyStop, Stop


def gate(world: World, *, gentle: bool = False, now: dt.datetime = NOW) -> safety_gate.Gate:
    return safety_gate.check(
        world.db, profile=world.profile, now=now, today=now.date(), gentle_chosen=gentle
    )


def test_an_ordinary_day_lets_a_session_start(world: World) -> None:
    found = gate(world)
    assert found.allows and found.stop is None and found.message == ""
    assert safety_gate.require(world.db, profile=world.profile, now=NOW, today=TODAY).allows


@pytest.mark.parametrize(("pain", "flare"), [(8, False), (10, False), (3, True)])
def test_a_hard_day_asks_the_questions_first(world: World, pain: int, flare: bool) -> None:
    world.checkin(pain=pain, flare=flare)
    found = gate(world)
    assert found.stop is Stop.SCREEN_FIRST and found.due == "worrying_checkin"
    assert "safety questions come first" in found.message
    with pytest.raises(SafetyStop) as stopped:
        safety_gate.require(world.db, profile=world.profile, now=NOW, today=TODAY)
    assert stopped.value.gate.stop is Stop.SCREEN_FIRST
    world.screen(at=NOW + dt.timedelta(minutes=1))
    assert gate(world, now=NOW + dt.timedelta(minutes=2)).allows


def test_a_moderate_day_does_not_stop(world: World) -> None:
    world.checkin(pain=7)
    assert gate(world).allows


def test_an_emergency_sign_stops_even_a_gentle_session(world: World) -> None:
    world.screen("saddle-numbness")
    for gentle in (False, True):
        found = gate(world, gentle=gentle)
        assert found.stop is Stop.EMERGENCY_SIGN and found.open_flags == ("saddle-numbness",)


def test_an_urgent_sign_allows_only_a_gentle_session_chosen(world: World) -> None:
    world.screen("fever")
    assert gate(world).stop is Stop.URGENT_SIGN
    chosen = gate(world, gentle=True)
    assert chosen.allows and chosen.gentle


def test_the_periodic_screen_only_reminds(world: World) -> None:
    later = NOW + dt.timedelta(days=40)
    found = gate(world, now=later)
    assert found.allows and found.due == "periodic"


def test_never_answered_stops(store: object) -> None:
    from unbrace.store import profile_repo
    from unbrace.store.db import Store

    assert isinstance(store, Store)
    with store.transaction() as db:
        profile = profile_repo.create_profile(db, name="Lee")
        found = safety_gate.check(db, profile=profile, now=NOW, today=TODAY)
    assert found.stop is Stop.SCREEN_FIRST and found.due == "never"
