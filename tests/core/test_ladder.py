"""The ladder's rules: ordering, re-rating, the >20-point change, moving up, hard tries."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unbrace.core import ladder as rules
from unbrace.core.errors import UnbraceError
from unbrace.core.ladder import MoveReason, Outcome, Prediction, Rated, Result, StepKind

NO, PARTLY, YES = Outcome.NO, Outcome.PARTLY, Outcome.YES


def test_steps_are_ordered_least_threatening_first_and_ties_keep_the_persons_order() -> None:
    steps = [Rated(1, 0, (50,)), Rated(2, 1, (10,)), Rated(3, 2, (50,)), Rated(4, 3, ())]
    assert [step.id for step in rules.order_by_threat(steps)] == [2, 1, 3, 4]


def test_the_latest_rating_orders_the_ladder() -> None:
    steps = [Rated(1, 0, (10, 80)), Rated(2, 1, (60, 40))]
    assert [step.id for step in rules.order_by_threat(steps)] == [2, 1]


@given(st.lists(st.lists(st.integers(0, 100), max_size=4), min_size=1, max_size=8))
def test_ordering_is_a_sorted_permutation(threats: list[list[int]]) -> None:
    steps = [Rated(index, index, tuple(values)) for index, values in enumerate(threats)]
    ordered = rules.order_by_threat(steps)
    assert sorted(step.id for step in ordered) == list(range(len(steps)))
    rated = [step.threat for step in ordered if step.threat is not None]
    assert rated == sorted(rated)
    assert all(step.threat is None for step in ordered[len(rated) :])


def test_ratings_are_asked_again_weekly() -> None:
    today = dt.date(2026, 12, 10)
    assert rules.rating_due(None, today)
    assert not rules.rating_due(today - dt.timedelta(days=6), today)
    assert rules.rating_due(today - dt.timedelta(days=7), today)


@pytest.mark.parametrize(
    ("threats", "drop", "meaningful"),
    [((70, 50), 20, False), ((70, 49), 21, True), ((40, 60), -20, False), ((90, 80, 30), 60, True)],
)
def test_a_fall_of_more_than_20_points_is_a_real_change(
    threats: tuple[int, ...], drop: int, meaningful: bool
) -> None:
    change = rules.threat_change(threats)
    assert change is not None and change.drop == drop and change.meaningful is meaningful


def test_one_rating_is_no_change_yet() -> None:
    assert rules.threat_change([50]) is None


def test_move_up_when_threat_fell_by_more_than_20() -> None:
    suggestion = rules.move_up(kind=StepKind.REAL, threats=[70, 45], outcomes=[])
    assert suggestion is not None and suggestion.reason is MoveReason.THREAT_FELL
    assert "70 to 45" in suggestion.sentence
    assert rules.move_up(kind=StepKind.REAL, threats=[70, 50], outcomes=[]) is None


def test_move_up_when_the_feared_outcome_failed_three_times_in_a_row() -> None:
    suggestion = rules.move_up(kind=StepKind.REAL, threats=[], outcomes=[YES, NO, NO, NO])
    assert suggestion is not None and suggestion.reason is MoveReason.OUTCOME_FAILED
    assert rules.move_up(kind=StepKind.REAL, threats=[], outcomes=[NO, NO]) is None
    assert rules.move_up(kind=StepKind.REAL, threats=[], outcomes=[NO, PARTLY, NO]) is None
    assert rules.move_up(kind=StepKind.REAL, threats=[], outcomes=[NO, NO, NO, YES]) is None


def test_moving_up_is_never_driven_by_pain() -> None:
    # The rule has no pain input at all: low pain with unchanged fear suggests nothing.
    assert rules.move_up(kind=StepKind.REAL, threats=[60, 60], outcomes=[PARTLY] * 5) is None


def test_no_move_up_from_the_top_step() -> None:
    assert rules.move_up(kind=StepKind.REAL, threats=[90, 10], outcomes=[], has_next=False) is None


def test_an_imagery_step_moves_up_after_three_rehearsals() -> None:
    assert rules.move_up(kind=StepKind.IMAGERY, threats=[], outcomes=[], rehearsals=2) is None
    suggestion = rules.move_up(kind=StepKind.IMAGERY, threats=[], outcomes=[], rehearsals=3)
    assert suggestion is not None and suggestion.reason is MoveReason.REHEARSED
    assert rules.move_up(kind=StepKind.REAL, threats=[], outcomes=[], rehearsals=9) is None


@pytest.mark.parametrize(
    ("expected", "result", "flare", "hard"),
    [
        (7, Result(3, NO), False, False),
        (7, Result(3, NO), True, True),  # a flare day
        (3, Result(3, YES), False, True),  # the feared outcome happened
        (2, Result(5, NO), False, True),  # 3 points worse than expected
        (2, Result(4, PARTLY), False, False),
        (9, Result(8, NO), False, True),  # high pain
    ],
)
def test_hard_tries(expected: int, result: Result, flare: bool, hard: bool) -> None:
    assert rules.hard_try(expected, result, flare=flare) is hard


def test_stop_rule_on_high_pain_or_a_new_symptom() -> None:
    assert rules.stop_now(Result(8, NO))
    assert rules.stop_now(Result(1, NO, new_symptom=True))
    assert not rules.stop_now(Result(7, YES))


@pytest.mark.parametrize(
    ("expected", "actual", "outcome", "sentence"),
    [
        (7, 3, NO, "You expected 7 and it was 3; what you feared did not happen."),
        (
            2,
            5,
            PARTLY,
            "You expected 2 and it was 5, more than you thought; what you feared happened in part.",
        ),
        (
            4,
            4,
            YES,
            "You expected 4 and it was 4, as you thought; what you feared did happen. "
            "That is worth knowing too.",
        ),
    ],
)
def test_the_gap_is_said_plainly(
    expected: int, actual: int, outcome: Outcome, sentence: str
) -> None:
    assert rules.gap_sentence(expected, actual, outcome) == sentence
    assert rules.prediction_error(expected, actual) == actual - expected


def test_a_prediction_is_checked() -> None:
    assert Prediction(7, 60, 6, "  my back   locks ").feared_outcome == "my back locks"
    for bad in ((11, 0, 0, "x"), (0, 101, 0, "x"), (0, 0, -1, "x"), (0, 0, 0, "  ")):
        with pytest.raises(UnbraceError):
            Prediction(*bad)
    with pytest.raises(UnbraceError):
        Prediction(1, 1, 1, "a\x00b")
    with pytest.raises(UnbraceError):
        Prediction(1, 1, 1, "x" * 201)
    with pytest.raises(UnbraceError):
        Result(True, NO)


@given(st.text(max_size=60))
def test_feared_outcome_words_are_kept_or_refused_in_one_sentence(text: str) -> None:
    try:
        prediction = Prediction(5, 50, 5, text)
    except UnbraceError as exc:
        assert "\n" not in str(exc)
    else:
        assert prediction.feared_outcome == " ".join(text.split())


def test_every_movement_kind_has_a_template_of_four_to_eight_steps() -> None:
    ids = {template.id for template in rules.templates()}
    assert {
        "bending",
        "lifting",
        "twisting",
        "getting-up",
        "sitting-long",
        "walking",
        "carrying",
        "reaching-overhead",
        "any",
    } <= ids
    for template in rules.templates():
        low, high = rules.SUGGESTED_STEPS
        assert low <= len(template.steps) <= high
        assert template.steps[0].kind is StepKind.IMAGERY
        assert template.steps[-1].kind is StepKind.REAL
        for step in rules.propose_steps("lifting the laundry basket 🧺", template):
            assert rules.check_step_text(step.text) == step.text


@pytest.mark.parametrize(
    ("movement", "template"),
    [
        ("bending forward to load the dishwasher", "bending"),
        ("getting out of the car", "getting-up"),
        ("walking the dog", "walking"),
        ("carrying the shopping bags", "carrying"),
        ("reaching up to the top shelf", "reaching-overhead"),
        ("turning to look behind when reversing", "twisting"),
        ("sitting through a film", "sitting-long"),
        ("lifting my grandchild", "lifting"),
        ("hoovering", "any"),
    ],
)
def test_the_template_is_chosen_from_the_persons_words(movement: str, template: str) -> None:
    assert rules.template_for(movement).id == template
    first = rules.propose_steps(movement)[0]
    assert movement in first.text  # the first step uses the person's own words


def test_unknown_names_are_one_clear_sentence() -> None:
    for call in (
        lambda: rules.get_template("juggling"),
        lambda: rules.parse_kind("maybe"),
        lambda: rules.parse_outcome("kind of"),
        lambda: rules.check_step_count(9),
        lambda: rules.check_step_text(" "),
        lambda: rules.check_step_text("{movement}"),
    ):
        with pytest.raises(UnbraceError):
            call()


def test_follow_up_opens_half_a_day_after_and_closes_when_answered() -> None:
    done = dt.datetime(2026, 12, 1, 18, tzinfo=dt.UTC)
    assert not rules.follow_up_open(done, done + dt.timedelta(hours=2), answered=False)
    assert rules.follow_up_open(done, done + dt.timedelta(hours=14), answered=False)
    assert not rules.follow_up_open(done, done + dt.timedelta(hours=14), answered=True)
    assert not rules.follow_up_open(None, done, answered=False)


def test_hit_rate() -> None:
    rate = rules.hit_rate([NO, NO, PARTLY, YES])
    assert (rate.tries, rate.happened, rate.partly, rate.did_not_happen) == (4, 1, 1, 2)
    assert "1 of 4" in rate.sentence()
    assert rules.hit_rate([]).sentence() == "No finished tries yet."


def test_the_routine_adds_the_ladder_step_on_chosen_days_after_the_practice() -> None:
    from dataclasses import replace

    from unbrace.core.routine import Kind, Routine, message_for, reminders_on

    routine = Routine(timezone="Europe/London", anchor_time=dt.time(7, 30), minutes=5)
    monday, tuesday = dt.date(2026, 11, 30), dt.date(2026, 12, 1)
    assert all(r.kind is not Kind.LADDER for r in reminders_on(routine, monday))
    routine = replace(routine, ladder_days=frozenset({0}), ladder_step="bend to the lower rack")
    ladder = [r for r in reminders_on(routine, monday) if r.kind is Kind.LADDER]
    assert [r.local_time for r in ladder] == ["07:35"]
    assert all(r.kind is not Kind.LADDER for r in reminders_on(routine, tuesday))
    title, body = message_for(ladder[0], routine)
    assert "when you feel ready" in title and "bend to the lower rack" in body
    assert "Skipping it today is fine" in body
