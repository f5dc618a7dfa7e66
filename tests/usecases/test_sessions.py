"""Starting and finishing sessions: the gate, the flare rule, the stop rule, ratings kept
as given."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.usecases.conftest import NOW, TODAY, World
from unbrace.core.errors import UnbraceError
from unbrace.core.session import Player, Status
from unbrace.usecases import sessions
from unbrace.usecases.safety_gate import SafetyStop


def start(
    world: World, practice: str = "movement-rehearsal", **options: object
) -> sessions.Started:
    arguments: dict[str, object] = {
        "minutes": None,
        "pain_before": None,
        "now": NOW,
        "today": TODAY,
        "host": "web",
        "pid": None,
    } | options
    return sessions.start_session(
        world.db,
        profile=world.profile,
        practice=world.library.practices[practice],
        **arguments,  # type: ignore[arg-type]
    )


def test_an_ordinary_session_has_its_usual_length(world: World) -> None:
    started = start(world)
    assert not started.gentler and started.gentler_words == ""
    assert started.plan.minutes == world.library.practices["movement-rehearsal"].default_minutes


def test_the_gate_stops_a_session_after_a_hard_day(world: World) -> None:
    world.checkin(pain=9)
    with pytest.raises(SafetyStop):
        start(world)
    from unbrace.store import session_repo

    assert session_repo.list_sessions(world.db, profile=world.profile) == []


def test_a_flare_day_makes_it_gentler(world: World) -> None:
    world.checkin(pain=5, flare=True)
    world.screen(at=NOW + dt.timedelta(minutes=1))
    later = NOW + dt.timedelta(minutes=2)
    started = start(world, now=later)
    practice = world.library.practices["movement-rehearsal"]
    assert started.gentler and started.plan.minutes == practice.flare_minutes
    assert "easier step" in started.gentler_words
    assert start(world, now=later, minutes=6).plan.minutes == 6  # a length given is kept


def test_high_pain_before_makes_it_gentler(world: World) -> None:
    assert start(world, pain_before=8).gentler
    assert not start(world, pain_before=7).gentler


def test_a_gentle_session_chosen_with_an_urgent_sign(world: World) -> None:
    world.screen("night-pain")
    with pytest.raises(SafetyStop):
        start(world)
    assert start(world, gentle_chosen=True).gentler


def test_breath_pace_is_the_persons_own(world: World) -> None:
    from unbrace.core.session import breath_bounds

    assert sessions.breath_pace(world.profile) == breath_bounds().default
    assert sessions.breath_pace(None) == breath_bounds().default
    world.profile.breath_in, world.profile.breath_out = 3.0, 6.0
    assert sessions.breath_pace(world.profile).exhale == 6.0
    assert start(world).plan.pace.exhale == 6.0


def finish(
    world: World, started: sessions.Started, ratings: sessions.Ratings, seconds: float = 0
) -> sessions.Finished:
    player = Player(started.plan)
    player.tick(seconds)
    return sessions.finish_session(
        world.db,
        profile=world.profile,
        session_id=started.id,
        ended=player,
        ratings=ratings,
        now=NOW,
    )


@pytest.mark.parametrize(
    ("before", "after", "advised"),
    [(3, 6, True), (8, 8, True), (None, 8, True), (5, 4, False), (3, 5, False), (5, None, False)],
)
def test_the_stop_rule(world: World, before: int | None, after: int | None, advised: bool) -> None:
    started = start(world, practice="posture-reset", pain_before=before)
    done = finish(world, started, sessions.Ratings(pain_after=after), seconds=60)
    assert done.stop_advised is advised


def test_ratings_not_given_stay_not_given(world: World) -> None:
    started = start(world, practice="posture-reset")
    done = finish(world, started, sessions.Ratings(), seconds=60)
    assert done.status is Status.COMPLETED and done.counted
    record = sessions.own_session(world.db, profile=world.profile, session_id=started.id)
    assert (record.pain_before, record.pain_after, record.vivid_visual, record.vivid_body) == (
        None,
        None,
        None,
        None,
    )
    assert done.summary == "Well done: you practised 1:00."


def test_bad_ratings_change_nothing(world: World) -> None:
    started = start(world, practice="posture-reset")
    for bad in (
        sessions.Ratings(pain_after=11),
        sessions.Ratings(vivid_visual=0),
        sessions.Ratings(vivid_body=6),
        sessions.Ratings(note="x" * 2001),
    ):
        with pytest.raises(UnbraceError):
            finish(world, started, bad)
    record = sessions.own_session(world.db, profile=world.profile, session_id=started.id)
    assert record.status == Status.RUNNING.value


def test_a_short_session_is_kept_but_not_counted(world: World) -> None:
    started = start(world, practice="movement-rehearsal", pain_before=4)
    done = finish(world, started, sessions.Ratings(pain_after=3), seconds=12)
    assert done.status is Status.STOPPED and not done.counted
    assert done.summary == (
        "Saved: you practised 0:12. Sessions shorter than 30 seconds are kept but not counted."
        " Pain 4 → 3."
    )


def test_a_browser_report_ends_a_browser_session_once(world: World) -> None:
    started = start(world, practice="posture-reset")
    report = sessions.Report(Status.COMPLETED, 60.0, [sessions.StepReport(0, 20.0, done=True)])
    done = sessions.finish_session(
        world.db,
        profile=world.profile,
        session_id=started.id,
        ended=report,
        ratings=sessions.Ratings(pain_after=2),
        now=NOW,
    )
    assert done.status is Status.COMPLETED and done.pain_after == 2
    with pytest.raises(sessions.SessionEnded):
        sessions.finish_session(
            world.db,
            profile=world.profile,
            session_id=started.id,
            ended=report,
            ratings=sessions.Ratings(),
            now=NOW,
        )
    with pytest.raises(sessions.NoSuchSession):
        sessions.own_session(world.db, profile=world.profile, session_id=started.id + 99)


def test_a_preview_follows_the_plan_rule_without_the_gate(world: World) -> None:
    """What `unbrace show`, `GET /api/v1/practices/{id}` and a recording without a profile
    give: the flare length and easier step when asked, the person's words and pace."""
    practice = world.library.practices["movement-rehearsal"]
    world.profile.breath_in, world.profile.breath_out = 3.0, 6.0
    world.screen("night-pain")  # an open sign stops a session, not a preview
    usual = sessions.preview(world.db, profile=world.profile, practice=practice, minutes=None)
    assert usual.minutes == practice.default_minutes and usual.pace.exhale == 6.0
    assert "dishwasher" in " ".join(step.text for step in usual.steps)
    gentler = sessions.preview(
        world.db, profile=world.profile, practice=practice, minutes=None, flare=True
    )
    assert gentler.minutes == practice.flare_minutes
    plain = sessions.preview(None, profile=None, practice=practice, minutes=3)
    assert plain.minutes == 3 and "dishwasher" not in " ".join(s.text for s in plain.steps)
    with pytest.raises(UnbraceError):
        sessions.preview(None, profile=None, practice=practice, minutes=21)


def test_a_recording_passes_the_gate_as_a_session_does(world: World) -> None:
    practice = world.library.practices["movement-rehearsal"]
    arguments = {"practice": practice, "minutes": None, "now": NOW, "today": TODAY}
    planned = sessions.plan_for_audio(world.db, profile=world.profile, **arguments)  # type: ignore[arg-type]
    assert planned.minutes == practice.default_minutes
    world.screen("night-pain")
    with pytest.raises(SafetyStop):
        sessions.plan_for_audio(world.db, profile=world.profile, **arguments)  # type: ignore[arg-type]
    # Before anyone is set up there is no one to screen: the plain practice.
    assert sessions.plan_for_audio(world.db, profile=None, **arguments).steps  # type: ignore[arg-type]


def test_preferences_show_the_breath_pace_sessions_use(world: World) -> None:
    from unbrace.usecases.profiles import preferences

    default = sessions.breath_pace(None)
    shown = preferences(world.db, profile=world.profile)
    assert (shown.breath_in, shown.breath_out) == (default.inhale, default.exhale)
    world.profile.breath_in, world.profile.breath_out = 3.0, 6.0
    shown = preferences(world.db, profile=world.profile)
    assert (
        (shown.breath_in, shown.breath_out)
        == (3.0, 6.0)
        == tuple(vars(sessions.breath_pace(world.profile)).values())
    )
    assert shown.as_json()["name"] == "Maria"


def test_the_practices_cards_follow_the_flare_rule(world: World) -> None:
    practice = world.library.practices["movement-rehearsal"]
    world.profile.breath_in, world.profile.breath_out = 3.0, 6.0
    (usual,) = sessions.previews(world.db, profile=world.profile, practices=[practice], flare=False)
    (gentler,) = sessions.previews(
        world.db, profile=world.profile, practices=[practice], flare=True
    )
    assert usual.minutes == practice.default_minutes and gentler.minutes == practice.flare_minutes
    assert gentler == sessions.preview(
        world.db, profile=world.profile, practice=practice, minutes=None, flare=True
    )
    assert usual.pace.exhale == 6.0
