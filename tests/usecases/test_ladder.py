"""The ladder's use cases against the real store, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unbrace.core.errors import UnbraceError
from unbrace.core.ladder import MoveReason, Outcome, Prediction, Result
from unbrace.store import checkin_repo, profile_repo, screen_repo
from unbrace.store.db import Store
from unbrace.store.models import LadderAttempt, Profile, ThreatRating
from unbrace.usecases import ladder as uc

T0 = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
MOVEMENT = "bending forward to load the dishwasher"
CALM = Prediction(7, 60, 6, "my back will lock and I won't get up")


@pytest.fixture
def db(store: Store) -> Iterator[Session]:
    with store.transaction() as session:
        yield session


@pytest.fixture
def maria(db: Session) -> Profile:
    profile = profile_repo.create_profile(db, name="Maria")
    profile_repo.set_personal(
        db, profile=profile, movements=[MOVEMENT], scene="a beach", anchor="tea"
    )
    screen_repo.record_screen(
        db, profile=profile, reason="never", positive=[], urgency=None, now=T0
    )
    return profile


def ladder(db: Session, profile: Profile) -> uc.LadderView:
    view = uc.new_ladder(db, profile=profile, movement=MOVEMENT, now=T0)
    return uc.rate(
        db, profile=profile, ladder_id=view.id, threats={1: 10, 2: 30, 3: 50, 4: 70, 5: 90}, now=T0
    )


def test_a_new_ladder_proposes_template_steps_in_the_persons_words(
    db: Session, maria: Profile
) -> None:
    view = uc.new_ladder(db, profile=maria, movement=MOVEMENT, now=T0)
    assert view.template == "bending" and len(view.steps) == 5
    assert view.steps[0].text.startswith(MOVEMENT) and view.steps[-1].text.startswith(MOVEMENT)
    assert view.current is not None and view.current.number == 1
    assert view.rating_due and view.few_steps is False
    with pytest.raises(UnbraceError, match="already a ladder"):
        uc.new_ladder(db, profile=maria, movement=MOVEMENT, now=T0)


def test_a_new_movement_joins_the_persons_feared_movements(db: Session, maria: Profile) -> None:
    uc.new_ladder(
        db,
        profile=maria,
        movement="lifting the 🧺 [laundry]",
        now=T0,
        steps=[("imagine lifting it", "imagery"), ("lift a towel", "real")],
    )
    assert profile_repo.feared_movements(db, profile=maria) == [
        MOVEMENT,
        "lifting the 🧺 [laundry]",
    ]


def test_rating_orders_the_ladder_and_the_current_step_stays(db: Session, maria: Profile) -> None:
    view = uc.new_ladder(db, profile=maria, movement=MOVEMENT, now=T0)
    first = view.steps[0].id
    view = uc.rate(db, profile=maria, ladder_id=view.id, threats={1: 40, 2: 5, 3: 60}, now=T0)
    assert [step.threat for step in view.steps] == [5, 40, 60, None, None]
    assert view.current is not None and view.current.id == first and view.current.number == 2
    assert not view.rating_due


def test_re_rating_a_week_later_shows_a_real_change(db: Session, maria: Profile) -> None:
    view = ladder(db, maria)
    assert uc.get_ladder(
        db, profile=maria, ladder_id=view.id, now=T0 + dt.timedelta(days=7)
    ).rating_due
    later = T0 + dt.timedelta(days=7)
    view = uc.rate(db, profile=maria, ladder_id=view.id, threats={3: 29, 4: 50}, now=later)
    step3 = next(step for step in view.steps if step.first_threat == 50)
    step4 = next(step for step in view.steps if step.first_threat == 70)
    assert step3.change is not None and step3.change.drop == 21 and step3.change.meaningful
    assert step4.change is not None and step4.change.drop == 20 and not step4.change.meaningful
    # 29 sorts below the step rated 30
    assert [step.threat for step in view.steps] == [10, 29, 30, 50, 90]


def test_a_bad_rating_changes_nothing(store: Store) -> None:
    with store.transaction() as first:
        profile = profile_repo.create_profile(first, name="Maria")
        view = ladder(first, profile)
    with pytest.raises(UnbraceError), store.transaction() as second:
        uc.rate(
            second,
            profile=profile_repo.resolve_profile(second, name="Maria"),
            ladder_id=view.id,
            threats={1: 5, 2: 101},
            now=T0,
        )
    with store.transaction() as third:
        assert third.scalar(select(func.count()).select_from(ThreatRating)) == 5


def test_editing_steps(db: Session, maria: Profile) -> None:
    view = ladder(db, maria)
    view = uc.add_step(
        db, profile=maria, ladder_id=view.id, text="unload it too", kind="real", at=2, now=T0
    )
    assert view.steps[1].text == "unload it too" and len(view.steps) == 6
    view = uc.move_step(db, profile=maria, ladder_id=view.id, number=2, to=6, now=T0)
    assert view.steps[-1].text == "unload it too"
    view = uc.edit_step(
        db, profile=maria, ladder_id=view.id, number=6, text="unload 😊 it", kind="paired", now=T0
    )
    assert (view.steps[-1].text, view.steps[-1].kind.value) == ("unload 😊 it", "paired")
    current = view.current
    assert current is not None
    view = uc.remove_step(db, profile=maria, ladder_id=view.id, number=current.number, now=T0)
    assert view.current is not None and view.current.number == current.number
    lid = view.id
    calls: list[Callable[[], object]] = [
        lambda: uc.move_step(db, profile=maria, ladder_id=lid, number=1, to=9, now=T0),
        lambda: uc.edit_step(db, profile=maria, ladder_id=lid, number=0, text="x", now=T0),
        lambda: uc.add_step(db, profile=maria, ladder_id=lid, text="{x}", kind="real", now=T0),
        lambda: uc.add_step(db, profile=maria, ladder_id=lid, text="x", kind="big", now=T0),
    ]
    for call in calls:
        with pytest.raises(UnbraceError):
            call()
    for _ in range(3):
        view = uc.add_step(db, profile=maria, ladder_id=view.id, text="more", kind="real", now=T0)
    with pytest.raises(UnbraceError, match="1 to 8"):
        uc.add_step(db, profile=maria, ladder_id=view.id, text="more", kind="real", now=T0)


def _try(
    db: Session,
    profile: Profile,
    view: uc.LadderView,
    number: int,
    when: dt.datetime,
    result: Result,
) -> uc.TryFinished:
    started = uc.start_try(
        db,
        profile=profile,
        ladder_id=view.id,
        number=number,
        prediction=CALM,
        now=when,
        today=when.date(),
    )
    assert isinstance(started, uc.TryStarted), started
    return uc.finish_try(
        db,
        profile=profile,
        attempt_id=started.attempt.id,
        result=result,
        now=when + dt.timedelta(minutes=10),
    )


def test_a_try_shows_the_gap_and_three_quiet_tries_suggest_moving_up(
    db: Session, maria: Profile
) -> None:
    view = uc.go_to_step(db, profile=maria, ladder_id=ladder(db, maria).id, number=3, now=T0)
    done = _try(db, maria, view, 3, T0, Result(3, Outcome.NO, "easier than I thought"))
    assert done.attempt.gap == "You expected 7 and it was 3; what you feared did not happen."
    assert not done.hard and done.move_up is None
    _try(db, maria, view, 3, T0 + dt.timedelta(days=1), Result(4, Outcome.NO))
    third = _try(db, maria, view, 3, T0 + dt.timedelta(days=2), Result(2, Outcome.NO))
    assert third.move_up is not None and third.move_up.reason is MoveReason.OUTCOME_FAILED
    # the person decides: nothing moved by itself
    view = uc.get_ladder(db, profile=maria, ladder_id=view.id, now=T0 + dt.timedelta(days=2))
    assert view.current is not None and view.current.number == 3
    view = uc.go_to_step(
        db, profile=maria, ladder_id=view.id, number=4, now=T0 + dt.timedelta(days=3)
    )
    assert view.move_up is None  # a fresh step starts its own count


def test_a_hard_try_suggests_the_imagery_version_kindly(db: Session, maria: Profile) -> None:
    view = ladder(db, maria)
    hard = _try(db, maria, view, 3, T0, Result(6, Outcome.YES, "it twinged"))
    assert hard.hard and not hard.stop and hard.move_up is None
    assert "imagining this step" in hard.advice[0]


def test_high_pain_stops_for_today_and_asks_the_safety_questions(
    db: Session, maria: Profile
) -> None:
    view = ladder(db, maria)
    done = _try(db, maria, view, 3, T0, Result(8, Outcome.PARTLY))
    assert done.stop and done.rescreen and not done.paused
    assert "stop for today" in done.advice[0]


def test_a_new_symptom_pauses_the_ladder_until_a_clinician_has_seen_them(
    db: Session, maria: Profile
) -> None:
    view = ladder(db, maria)
    done = _try(db, maria, view, 3, T0, Result(2, Outcome.NO, new_symptom=True))
    assert done.paused and "clinician" in done.advice[0]
    refused = uc.start_try(
        db, profile=maria, ladder_id=view.id, number=3, prediction=CALM, now=T0, today=T0.date()
    )
    assert isinstance(refused, uc.TryRefused) and refused.reason is uc.Blocked.PAUSED
    assert uc.nudges(db, profile=maria, now=T0 + dt.timedelta(days=3)) == []
    with pytest.raises(UnbraceError):
        uc.go_to_step(db, profile=maria, ladder_id=view.id, number=4, now=T0)
    assert not uc.resume(db, profile=maria, ladder_id=view.id, now=T0).paused


def test_the_warning_sign_gate_applies_as_to_sessions(db: Session, maria: Profile) -> None:
    view = ladder(db, maria)
    # a hard check-in since the last screen: the questions come first
    from unbrace.core.checkins import CheckIn

    checkin_repo.save_checkin(
        db,
        profile=maria,
        checkin=CheckIn(date=T0.date(), pain=9, enjoyment=5, activity=5),
        replace=False,
        now=T0 + dt.timedelta(hours=1),
    )
    later = T0 + dt.timedelta(hours=2)
    refused = uc.start_try(
        db,
        profile=maria,
        ladder_id=view.id,
        number=3,
        prediction=CALM,
        now=later,
        today=later.date(),
    )
    assert isinstance(refused, uc.TryRefused) and refused.reason is uc.Blocked.SCREEN_DUE
    # a yes to a warning sign stops the flow and points to a clinician
    screen_repo.record_screen(
        db,
        profile=maria,
        reason="worrying_checkin",
        positive=["bladder-bowel"],
        urgency="emergency",
        now=later,
    )
    refused = uc.start_try(
        db,
        profile=maria,
        ladder_id=view.id,
        number=3,
        prediction=CALM,
        now=later,
        today=later.date(),
    )
    assert isinstance(refused, uc.TryRefused) and refused.reason is uc.Blocked.SEE_CLINICIAN
    assert refused.flags == ("bladder-bowel",) and "emergency" in refused.sentence
    assert db.scalar(select(func.count()).select_from(LadderAttempt)) == 0


def test_an_imagery_step_is_practised_as_a_session(db: Session, maria: Profile) -> None:
    view = ladder(db, maria)
    refused = uc.check_try(db, profile=maria, ladder_id=view.id, number=1, now=T0, today=T0.date())
    assert refused is not None and refused.reason is uc.Blocked.IMAGERY
    # and the rehearsal uses the current step's words
    assert profile_repo.personal_for(db, profile=maria).movement == view.steps[0].text


def test_a_flare_day_still_allows_a_try_and_offers_the_imagery_version(
    db: Session, maria: Profile
) -> None:
    from unbrace.core.checkins import CheckIn

    checkin_repo.save_checkin(
        db,
        profile=maria,
        checkin=CheckIn(date=T0.date(), pain=4, enjoyment=4, activity=4, flare=True),
        replace=False,
        now=T0 - dt.timedelta(hours=2),
    )
    screen_repo.record_screen(
        db, profile=maria, reason="worrying_checkin", positive=[], urgency=None, now=T0
    )
    view = ladder(db, maria)
    started = uc.start_try(
        db, profile=maria, ladder_id=view.id, number=3, prediction=CALM, now=T0, today=T0.date()
    )
    assert isinstance(started, uc.TryStarted) and started.attempt.flare
    assert started.flare_advice is not None and "imagery" in started.flare_advice


def test_follow_up_the_next_day_and_todays_nudges(db: Session, maria: Profile) -> None:
    view = uc.go_to_step(db, profile=maria, ladder_id=ladder(db, maria).id, number=3, now=T0)
    started = uc.start_try(
        db, profile=maria, ladder_id=view.id, number=3, prediction=CALM, now=T0, today=T0.date()
    )
    assert isinstance(started, uc.TryStarted)
    assert [n.kind for n in uc.nudges(db, profile=maria, now=T0)] == ["finish"]
    with pytest.raises(UnbraceError, match="no answers yet"):
        uc.follow_up(db, profile=maria, attempt_id=started.attempt.id, next_day_pain=3, now=T0)
    uc.finish_try(
        db, profile=maria, attempt_id=started.attempt.id, result=Result(3, Outcome.NO), now=T0
    )
    with pytest.raises(UnbraceError, match="already has its answers"):
        uc.finish_try(
            db, profile=maria, attempt_id=started.attempt.id, result=Result(3, Outcome.NO), now=T0
        )
    assert uc.nudges(db, profile=maria, now=T0 + dt.timedelta(hours=1)) == []
    tomorrow = T0 + dt.timedelta(days=1)
    assert [n.kind for n in uc.nudges(db, profile=maria, now=tomorrow)] == ["follow_up"]
    attempt = uc.follow_up(
        db, profile=maria, attempt_id=started.attempt.id, next_day_pain=2, now=tomorrow
    )
    assert attempt.next_day_pain == 2 and not attempt.follow_up_open
    # two quiet days later the step is gently suggested again
    assert [n.kind for n in uc.nudges(db, profile=maria, now=T0 + dt.timedelta(days=2))] == ["step"]


def test_chosen_days_bring_the_step_to_today(db: Session, maria: Profile) -> None:
    view = ladder(db, maria)
    assert uc.nudges(db, profile=maria, now=T0) == []
    uc.set_days(db, profile=maria, ladder_id=view.id, days=[T0.weekday()], now=T0)
    assert [n.kind for n in uc.nudges(db, profile=maria, now=T0)] == ["step"]
    with pytest.raises(UnbraceError):
        uc.set_days(db, profile=maria, ladder_id=view.id, days=[7], now=T0)


def test_insights_show_the_prediction_error_and_the_hit_rate(db: Session, maria: Profile) -> None:
    view = ladder(db, maria)
    _try(db, maria, view, 3, T0, Result(3, Outcome.NO))
    _try(db, maria, view, 3, T0 + dt.timedelta(days=1), Result(5, Outcome.PARTLY))
    facts = uc.insights(db, profile=maria, now=T0 + dt.timedelta(days=2))
    assert [attempt.error for attempt in facts.attempts] == [-4, -2]
    assert facts.mean_error == -3.0
    assert facts.hit_rate.tries == 2 and facts.hit_rate.partly == 1
    assert "3 points less than you expected" in facts.summary
    assert len(facts.threats) == 5
    assert facts.as_json()["mean_prediction_error"] == -3.0


def test_removing_a_profile_removes_its_ladders(db: Session, maria: Profile) -> None:
    view = ladder(db, maria)
    _try(db, maria, view, 3, T0, Result(3, Outcome.NO))
    assert profile_repo.profile_counts(db, profile=maria)["ladders"] == 1
    profile_repo.remove_profile(db, profile=maria)
    assert db.scalar(select(func.count()).select_from(LadderAttempt)) == 0


def test_someone_elses_ladder_is_not_found(db: Session, maria: Profile) -> None:
    view = ladder(db, maria)
    other = profile_repo.create_profile(db, name="Sam")
    with pytest.raises(UnbraceError):
        uc.get_ladder(db, profile=other, ladder_id=view.id, now=T0)
    with pytest.raises(UnbraceError):
        uc.get_attempt(db, profile=other, attempt_id=1, now=T0)


def test_the_four_weekly_repeat_only_reminds_as_for_sessions(db: Session, maria: Profile) -> None:
    view = ladder(db, maria)
    later = T0 + dt.timedelta(days=40)  # the screen is due again, periodically
    started = uc.start_try(
        db,
        profile=maria,
        ladder_id=view.id,
        number=3,
        prediction=CALM,
        now=later,
        today=later.date(),
    )
    assert isinstance(started, uc.TryStarted)


def test_a_ladder_for_a_new_movement_adds_it_and_keeps_the_easier_step(
    db: Session, maria: Profile
) -> None:
    """A ladder's movement becomes one of the person's feared movements; the ones already
    there keep their easier steps (one rule, for a new ladder and for an import)."""
    profile_repo.set_feared_movement(db, profile=maria, text=None, easier="a small bow")
    uc.new_ladder(db, profile=maria, movement="lifting my grandson", now=T0)
    assert profile_repo.feared_movements(db, profile=maria) == [MOVEMENT, "lifting my grandson"]
    assert profile_repo.personal_for(db, profile=maria).easier_movement == "a small bow"
