"""The coach's word lists (data/coach/lexicon.toml)."""

from __future__ import annotations

import dataclasses

import pytest

from unbrace.coach.lexicon import CHANNELS, Lexicon, lexicon

SET_FIELDS = [
    field.name
    for field in dataclasses.fields(Lexicon)
    if field.name not in {"window", "senses", "needs_particle", "rules"}
]


def test_lexicon_loads_once() -> None:
    assert isinstance(lexicon(), Lexicon)
    assert lexicon() is lexicon()


@pytest.mark.parametrize("name", SET_FIELDS)
def test_every_list_is_a_non_empty_lower_case_set(name: str) -> None:
    words = getattr(lexicon(), name)
    assert isinstance(words, frozenset)
    assert words
    assert all(word == word.lower() == word.strip() and word for word in words)


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_has_words(channel: str) -> None:
    assert lexicon().senses[channel]


def test_channels_are_the_six_of_the_labels() -> None:
    assert CHANNELS == ("sight", "sound", "touch", "smell", "taste", "body")
    assert set(lexicon().senses) == set(CHANNELS)


def test_window_is_a_positive_number() -> None:
    assert lexicon().window > 0


def test_no_word_is_both_voluntary_and_not_movement() -> None:
    lex = lexicon()
    assert lex.voluntary & lex.not_movement == frozenset()


@pytest.mark.parametrize("word", ["breathe", "relax", "rest", "float", "drift", "lie", "smile"])
def test_stillness_words_are_not_movement(word: str) -> None:
    assert word in lexicon().not_movement
    assert word not in lexicon().voluntary


@pytest.mark.parametrize("word", ["walk", "bend", "reach", "lift", "rinse", "stir", "brush"])
def test_movements_of_the_labels_are_voluntary(word: str) -> None:
    assert word in lexicon().voluntary


def test_particle_verbs_are_voluntary_and_have_particles() -> None:
    lex = lexicon()
    assert lex.needs_particle
    for verb, particles in lex.needs_particle.items():
        assert verb in lex.voluntary
        assert particles


def test_vocabulary_covers_pain_movement_body_and_sense_words() -> None:
    lex = lexicon()
    vocabulary = lex.vocabulary()
    assert lex.pain <= vocabulary
    assert lex.voluntary <= vocabulary
    assert lex.body_parts <= vocabulary
    for channel in CHANNELS:
        assert lex.senses[channel] <= vocabulary


@pytest.mark.parametrize("word", ["pain", "hurt", "ache", "stiff", "twinge", "bother", "tense"])
def test_pain_words_of_the_labels_are_listed(word: str) -> None:
    assert word in lexicon().pain
    assert word in lexicon().vocabulary()


@pytest.mark.parametrize("word", ["no", "not", "never", "without", "nothing", "less", "free"])
def test_negators_are_listed(word: str) -> None:
    assert word in lexicon().negate_before


@pytest.mark.parametrize("name", sorted(lexicon().rules))
def test_every_rule_word_class_is_a_non_empty_lower_case_set(name: str) -> None:
    words = lexicon().rules[name]
    assert isinstance(words, frozenset)
    assert words
    assert all(word == word.lower() == word.strip() and word for word in words)


def test_rule_word_classes_the_modules_read_are_present() -> None:
    for name in ("possessives", "auxiliaries", "feelings", "touch_sources", "empty_fill"):
        assert name in lexicon().rules
