"""The score and the suggestions, written from the person's own words."""

from __future__ import annotations

import pytest

from unbrace.coach import analyse, coach
from unbrace.coach.advice import DEFAULT_MOVEMENT, score, suggestions

RICH = (
    "I walk to the bakery, hear the bell ring, feel the cold air on my face, "
    "smell fresh bread and see the red awning."
)
RICH_STIRRING = (
    "I stir the pot of tomato soup, the steam warm on my face and the basil smelling sweet; "
    "the spoon clinks on the rim and I feel my shoulders loose and heavy."
)


# --- score ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [RICH, RICH_STIRRING])
def test_rich_good_script_scores_100(text: str) -> None:
    result = coach(text)
    assert not any(result.flags.values())
    assert result.score == 100


def test_repeated_no_pain_scores_low() -> None:
    assert coach("No pain. No pain.").score <= 10


def test_adding_a_sense_raises_the_score() -> None:
    steps = [
        "I walk to the bakery.",
        "I walk to the bakery and hear the bell ring.",
        "I walk to the bakery, hear the bell ring and feel the cold air on my face.",
        "I walk to the bakery, hear the bell ring, feel the cold air on my face "
        "and smell fresh bread.",
        RICH,
    ]
    scores = [coach(text).score for text in steps]
    assert scores == sorted(scores)
    assert len(set(scores)) == len(scores)


def test_adding_a_movement_raises_the_score() -> None:
    still = coach("I lie on the warm sand and hear the waves.").score
    moving = coach("I walk on the warm sand and hear the waves.").score
    assert moving > still


def test_incidental_negation_costs_a_little() -> None:
    incidental = RICH_STIRRING.replace("tomato soup,", "tomato soup without pain,")
    result = coach(incidental)
    assert not result.flags["negation"]
    assert 50 < result.score < coach(RICH_STIRRING).score


@pytest.mark.parametrize(
    "text",
    ["", "I feel calm.", "No pain. No pain.", "My back doesn't hurt.", RICH, RICH_STIRRING],
)
def test_score_is_between_0_and_100(text: str) -> None:
    assert 0 <= coach(text).score <= 100


def test_score_function_matches_coach() -> None:
    text = "I walk to the bakery and hear the bell ring."
    assert score(analyse(text)) == coach(text).score


# --- suggestions ---------------------------------------------------------------------------


def test_suggestion_quotes_the_negated_phrase_with_its_body_part() -> None:
    tips = coach("My back doesn't hurt.").suggestions
    tip = next(tip for tip in tips if tip.startswith("Instead of"))
    assert "My back doesn't hurt" in tip
    assert '"my back feels long and warm"' in tip


def test_each_negated_phrase_gets_its_own_positive_rewrite() -> None:
    tips = " ".join(coach("My neck isn't stiff and my back doesn't hurt.").suggestions)
    assert '"My neck isn\'t stiff"' in tips
    assert '"my neck feels loose and supple"' in tips
    assert '"my back doesn\'t hurt"' in tips
    assert '"my back feels long and warm"' in tips


def test_second_person_script_gets_second_person_rewrites() -> None:
    tips = coach("Your back doesn't hurt and your neck isn't stiff.").suggestions
    joined = " ".join(tips)
    assert '"your back feels long and warm"' in joined
    assert '"your neck feels loose and supple"' in joined
    assert "your back long and easy" in joined
    assert '"my back' not in joined


def test_second_person_script_has_no_first_person_examples() -> None:
    tips = coach("You feel calm and safe.").suggestions
    assert not any("I picture myself" in tip for tip in tips)


def test_plural_body_part_rewrite_is_grammatical() -> None:
    joined = " ".join(coach("I walk to the shop and my knees don't ache.").suggestions)
    assert '"my knees feel long and warm"' in joined


def test_movement_argument_is_used_in_the_movement_suggestion() -> None:
    result = coach(
        "I lie on the warm sand and hear the waves.", movement="lifting a laundry basket"
    )
    assert result.flags["no_movement"]
    assert any("lifting a laundry basket" in tip for tip in result.suggestions)
    assert not any(DEFAULT_MOVEMENT in tip for tip in result.suggestions)


def test_default_movement_is_used_without_the_argument() -> None:
    tips = coach("I lie on the warm sand and hear the waves.").suggestions
    assert any(DEFAULT_MOVEMENT in tip for tip in tips)


def test_vague_suggestion_uses_the_movement_too() -> None:
    result = coach("I feel calm.", movement="getting out of the car")
    assert result.flags["vague"]
    assert sum("getting out of the car" in tip for tip in result.suggestions) == 2


def test_missing_senses_are_named() -> None:
    result = coach("I walk to the bakery and hear the bell ring.")
    assert result.flags["low_sensory"]
    joined = " ".join(result.suggestions)
    assert "Add something on your skin" in joined
    assert "Add a smell" in joined
    assert "Add a sound" not in joined


def test_missing_sense_suggestion_names_the_sense_with_an_example() -> None:
    tips = coach("I walk to the bakery.").suggestions
    assert any(tip.startswith("Add a sound, such as") for tip in tips)


@pytest.mark.parametrize("text", [RICH, RICH_STIRRING])
def test_good_script_gets_encouragement_only(text: str) -> None:
    tips = coach(text).suggestions
    assert len(tips) == 1
    assert not tips[0].startswith(("Add ", "Instead of", "Name "))
    assert "Strong script" in tips[0] or "practise daily" in tips[0]


def test_good_script_with_two_senses_is_offered_one_more() -> None:
    result = coach("I walk to the bakery, hear the bell ring and feel the cold air on my face.")
    assert not any(result.flags.values())
    assert len(result.suggestions) == 1
    assert result.suggestions[0].startswith("Strong script.")


def test_incidental_negation_gets_an_optional_rewrite() -> None:
    text = RICH_STIRRING.replace("tomato soup,", "tomato soup without pain,")
    tips = coach(text).suggestions
    assert tips[0].startswith('Optional: "without pain" is fine here')
    assert not any(tip.startswith("Instead of") for tip in tips)


def test_flagged_negation_explains_why() -> None:
    tips = coach("No pain. No pain.").suggestions
    assert any("keeps it in focus" in tip for tip in tips)


def test_suggestions_function_matches_coach() -> None:
    text = "My back doesn't hurt."
    assert (
        suggestions(analyse(text), movement="rolling over in bed")
        == coach(text, movement="rolling over in bed").suggestions
    )
