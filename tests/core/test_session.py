"""Session timing: the breath pacer, laying a practice out in time, and the player's clock."""

from __future__ import annotations

from itertools import pairwise

import pytest

from unbrace.core.errors import UnbraceError
from unbrace.core.practices import Personal, Practice, Step, load_library
from unbrace.core.session import (
    WORDS_PER_SECOND,
    BreathPace,
    Phase,
    Plan,
    Player,
    Status,
    TimedStep,
    breath_bounds,
    breath_phase,
    plan_session,
    reading_seconds,
)

DEFAULT_PACE = BreathPace(4.0, 6.0)


def timed(index: int, seconds: float) -> TimedStep:
    return TimedStep(
        index=index,
        id=f"step-{index + 1}",
        title=f"Step {index + 1}",
        text="Some words.",
        cue=None,
        breath=index == 1,
        seconds=seconds,
        read_seconds=1.0,
    )


def small_plan(*seconds: float) -> Plan:
    """A plan with steps of the given lengths (default 10, 20 and 30 seconds)."""
    lengths = seconds or (10.0, 20.0, 30.0)
    steps = tuple(timed(index, length) for index, length in enumerate(lengths))
    return Plan("test", "Test", 1, DEFAULT_PACE, steps)


def words(count: int) -> str:
    return " ".join(["calm"] * count)


def practice_with(first_step_words: int) -> Practice:
    return Practice(
        schema_version=1,
        id="wordy",
        title="Wordy",
        summary="Too much to say.",
        when="Never.",
        steps=[
            Step(id="long", title="Long", text=words(first_step_words)),
            Step(id="end", title="End", text=words(2)),
        ],
    )


# --- Breath pacer ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "phase", "fraction"),
    [
        (0.0, Phase.INHALE, 0.0),
        (2.0, Phase.INHALE, 0.5),
        (4.0, Phase.EXHALE, 0.0),
        (7.0, Phase.EXHALE, 0.5),
        (10.0, Phase.INHALE, 0.0),
        (13.0, Phase.INHALE, 0.75),
        (-3.0, Phase.INHALE, 0.0),
    ],
)
def test_breath_phase_with_the_default_pace(seconds: float, phase: Phase, fraction: float) -> None:
    got_phase, got_fraction = breath_phase(breath_bounds().default, seconds)
    assert got_phase is phase
    assert got_fraction == pytest.approx(fraction)


def test_breath_phase_fraction_stays_in_range() -> None:
    pace = breath_bounds().default
    for tenth in range(0, 300):
        _, fraction = breath_phase(pace, tenth / 10)
        assert 0.0 <= fraction < 1.0


def test_default_breath_pace_is_four_in_six_out() -> None:
    bounds = breath_bounds()
    assert bounds.default == DEFAULT_PACE
    assert bounds.default.cycle == 10.0
    assert bounds.default.per_minute == pytest.approx(6.0)
    assert bounds.default.exhale > bounds.default.inhale
    assert (bounds.low, bounds.high) == (2.0, 10.0)


@pytest.mark.parametrize(("inhale", "exhale"), [(2.0, 10.0), (10.0, 2.0), (5.0, 7.5), (4, 6)])
def test_breath_bounds_accept_paces_inside_the_bounds(inhale: float, exhale: float) -> None:
    assert breath_bounds().check(inhale, exhale) == BreathPace(inhale, exhale)


@pytest.mark.parametrize(
    ("inhale", "exhale", "label"),
    [
        (1.9, 6.0, "inhale"),
        (0.0, 6.0, "inhale"),
        (10.5, 6.0, "inhale"),
        (4.0, 1.0, "exhale"),
        (4.0, 12.0, "exhale"),
        (float("nan"), 6.0, "inhale"),
    ],
)
def test_breath_bounds_reject_paces_outside(inhale: float, exhale: float, label: str) -> None:
    with pytest.raises(UnbraceError, match=f"The {label} must last between 2 and 10 seconds"):
        breath_bounds().check(inhale, exhale)


def test_a_custom_pace_is_kept_in_the_plan() -> None:
    pace = BreathPace(3.0, 5.0)
    plan = plan_session(load_library().get("breath-anchor"), 3, pace=pace)
    assert plan.pace is pace
    assert Player(plan).breath() == (Phase.INHALE, 0.0)


# --- Plans ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "seconds"), [("", 0.0), ("one", 0.5), ("a b c d", 2.0)])
def test_reading_seconds_at_a_calm_pace(text: str, seconds: float) -> None:
    assert WORDS_PER_SECOND == 2.0
    assert reading_seconds(text) == seconds


def test_plan_total_and_step_starts() -> None:
    plan = small_plan()
    assert plan.total_seconds == 60.0
    assert plan.step_starts() == [0.0, 10.0, 30.0]


def test_too_many_words_for_the_length_raises() -> None:
    practice = practice_with(200)
    with pytest.raises(UnbraceError, match="'wordy' has too many words for 1 minute"):
        plan_session(practice, 1, strict=True)
    assert plan_session(practice, 5, strict=True).total_seconds == pytest.approx(300.0)


def test_three_quarters_of_the_time_may_be_words() -> None:
    # 88 + 2 words = 45 s of reading: exactly three quarters of a minute fits ...
    plan = plan_session(practice_with(88), 1, strict=True)
    assert sum(step.read_seconds for step in plan.steps) == 45.0
    assert plan.total_seconds == pytest.approx(60.0)
    # ... and one more word does not.
    with pytest.raises(UnbraceError):
        plan_session(practice_with(89), 1, strict=True)


def test_long_personal_words_never_stop_a_session() -> None:
    practice = load_library().get("movement-rehearsal")
    personal = Personal(movement=words(40))
    with pytest.raises(UnbraceError, match="too many words"):
        plan_session(practice, 1, personal, strict=True)
    plan = plan_session(practice, 1, personal)
    assert plan.total_seconds == pytest.approx(60.0)
    assert plan_session(practice, 5, personal).total_seconds == pytest.approx(300.0)


# --- Player -----------------------------------------------------------------------------


def test_new_player_starts_at_the_beginning() -> None:
    player = Player(small_plan())
    assert player.status is Status.RUNNING
    assert not player.finished and not player.paused
    assert player.current == 0
    assert player.step.id == "step-1"
    assert player.practised_seconds == 0.0
    assert player.fraction_done() == 0.0
    assert [item.planned_seconds for item in player.progress] == [10.0, 20.0, 30.0]


def test_tick_within_a_step() -> None:
    player = Player(small_plan())
    assert player.tick(4.0) == []
    assert player.current == 0
    assert player.into_step == 4.0
    assert player.breath() == (Phase.EXHALE, 0.0)


def test_tick_across_steps_returns_ended_indexes() -> None:
    player = Player(small_plan())
    assert player.tick(5.0) == []
    assert player.tick(10.0) == [0]
    assert (player.current, player.into_step) == (1, 5.0)
    assert player.step.id == "step-2"
    assert player.tick(100.0) == [1, 2]
    assert player.status is Status.COMPLETED
    assert player.finished
    assert player.practised_seconds == pytest.approx(player.plan.total_seconds)
    assert all(item.done and not item.skipped for item in player.progress)
    assert player.fraction_done() == 1.0


def test_tick_landing_exactly_on_a_boundary_ends_the_step() -> None:
    player = Player(small_plan())
    assert player.tick(10.0) == [0]
    assert (player.current, player.into_step) == (1, 0.0)


def test_one_big_tick_can_end_several_steps() -> None:
    player = Player(small_plan())
    assert player.tick(35.0) == [0, 1]
    assert (player.current, player.into_step) == (2, 5.0)


@pytest.mark.parametrize("seconds", [0.0, -5.0])
def test_zero_or_negative_tick_changes_nothing(seconds: float) -> None:
    player = Player(small_plan())
    assert player.tick(seconds) == []
    assert player.practised_seconds == 0.0


def test_tick_after_the_end_does_nothing() -> None:
    player = Player(small_plan())
    player.tick(60.0)
    assert player.tick(10.0) == []
    assert player.practised_seconds == pytest.approx(60.0)
    assert player.step.id == "step-3"


def test_real_practice_runs_to_completion() -> None:
    plan = plan_session(load_library().get("body-scan"), 5)
    player = Player(plan)
    ended: list[int] = []
    while not player.finished:
        ended += player.tick(0.25)
    assert ended == list(range(len(plan.steps)))
    assert player.status is Status.COMPLETED
    assert player.practised_seconds == pytest.approx(plan.total_seconds, abs=1e-6)
    assert player.practised_seconds == pytest.approx(300.0, abs=1e-6)


def test_pause_stops_time_counting() -> None:
    player = Player(small_plan())
    player.tick(3.0)
    player.toggle_pause()
    assert player.paused
    assert player.tick(50.0) == []
    assert player.practised_seconds == 3.0
    assert player.fraction_done() == pytest.approx(3.0 / 60.0)
    player.toggle_pause()
    assert not player.paused
    assert player.tick(7.0) == [0]
    assert player.practised_seconds == pytest.approx(10.0)


def test_pause_does_nothing_once_finished() -> None:
    player = Player(small_plan())
    player.stop()
    player.toggle_pause()
    assert not player.paused


def test_skip_marks_the_step_and_moves_on() -> None:
    player = Player(small_plan())
    player.tick(4.0)
    assert player.skip() == 0
    first = player.progress[0]
    assert first.skipped and not first.done
    assert first.seconds == 4.0
    assert (player.current, player.into_step) == (1, 0.0)
    assert player.status is Status.RUNNING
    assert player.fraction_done() == pytest.approx(10.0 / 60.0)
    assert player.tick(20.0) == [1]
    assert player.practised_seconds == pytest.approx(24.0)


def test_skipping_the_last_step_ends_the_session_as_stopped() -> None:
    """Skipping to the end is not practising to the end: it must not count as completed."""
    player = Player(small_plan())
    player.tick(35.0)
    assert player.skip() == 2
    assert player.progress[2].skipped
    assert player.status is Status.STOPPED
    assert player.practised_seconds == pytest.approx(35.0)


def test_skipping_every_step_is_stopped() -> None:
    player = Player(small_plan())
    for _ in range(5):
        player.skip()
    assert player.status is Status.STOPPED and player.practised_seconds == 0


def test_skip_after_the_end_changes_nothing() -> None:
    player = Player(small_plan())
    player.stop()
    player.skip()
    assert player.current == 0
    assert not any(item.skipped for item in player.progress)


def test_stop_keeps_the_partial_time() -> None:
    player = Player(small_plan())
    player.tick(15.0)
    player.stop()
    assert player.status is Status.STOPPED
    assert player.finished
    assert player.practised_seconds == 15.0
    assert player.tick(10.0) == []
    assert player.practised_seconds == 15.0
    assert [item.done for item in player.progress] == [True, False, False]


def test_stop_after_completion_keeps_completed() -> None:
    player = Player(small_plan())
    player.tick(60.0)
    player.stop()
    assert player.status is Status.COMPLETED


def test_fraction_done_rises_from_zero_to_one() -> None:
    player = Player(small_plan(7.3, 12.1, 3.9))
    fractions = [player.fraction_done()]
    while not player.finished:
        player.tick(0.7)
        fractions.append(player.fraction_done())
    assert fractions[0] == 0.0
    assert fractions[-1] == 1.0
    assert all(0.0 <= value <= 1.0 for value in fractions)
    assert all(later >= earlier for earlier, later in pairwise(fractions))


def test_fraction_done_with_skips_and_pauses_is_monotonic() -> None:
    player = Player(small_plan())
    fractions = [player.fraction_done()]
    for action in ["tick", "skip", "pause", "tick", "pause", "tick", "tick", "skip", "tick"]:
        if action == "tick":
            player.tick(6.0)
        elif action == "skip":
            player.skip()
        else:
            player.toggle_pause()
        fractions.append(player.fraction_done())
    assert all(later >= earlier for earlier, later in pairwise(fractions))
    assert 0.0 <= fractions[-1] <= 1.0


def test_status_values_are_stored_words() -> None:
    assert [status.value for status in Status] == ["in_progress", "completed", "stopped"]
    assert [phase.value for phase in Phase] == ["in", "out"]


def test_the_words_are_given_their_reading_time_and_at_most_four_fifths_of_a_step() -> None:
    from unbrace.core.session import READ_AT_MOST_SHARE, reading_seconds

    plan = plan_session(load_library().practices["movement-rehearsal"], 4)
    for step in plan.steps:
        assert step.reading == min(reading_seconds(step.text), step.seconds * READ_AT_MOST_SHARE)
    # Words that fill a whole session still leave the last fifth of each step for breath.
    crowded = plan_session(load_library().practices["body-scan"], 1)
    assert any(step.read_seconds > step.reading for step in crowded.steps)
    assert all(
        step.reading == pytest.approx(step.seconds * 0.8)
        for step in crowded.steps
        if step.read_seconds > step.reading
    )


def test_one_serialiser_carries_what_a_player_needs() -> None:
    plan = plan_session(load_library().practices["posture-reset"], 1)
    shown = plan.as_json()
    assert shown["id"] == "posture-reset" and plan.as_json("script:mine")["id"] == "script:mine"
    assert shown["pace"] == {"inhale": plan.pace.inhale, "exhale": plan.pace.exhale}
    for step, data in zip(plan.steps, shown["steps"], strict=True):
        assert data["seconds"] == round(step.seconds, 2)
        assert data["read_seconds"] == round(step.reading, 2)
