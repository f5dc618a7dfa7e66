"""Tokens with offsets, contractions, British spelling, de-inflection and typo correction."""

from __future__ import annotations

import pytest

from unbrace.coach.lexicon import lexicon
from unbrace.coach.norms import load_norms
from unbrace.coach.text import clause_bounds, correct, forms, tokenize


def known(word: str) -> bool:
    """What the analysis treats as a real word: in the norms or in the coach's lists."""
    vocabulary = lexicon().vocabulary()
    return any(load_norms().known(form) or form in vocabulary for form in forms(word))


def fix(word: str) -> str | None:
    return correct(word, known, lexicon().vocabulary())


# --- tokenize ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I bend forward, slowly.",
        "My back doesn't hurt; I'm fine.",
        "Your back doesn’t hurt — you’re walking.",
        "  Two spaces,\nnew line and 3.5 km!",
        "",
    ],
)
def test_token_offsets_point_into_the_text(text: str) -> None:
    tokens = tokenize(text)
    for position, token in enumerate(tokens):
        assert token.index == position
        assert text[token.start : token.end].replace("’", "'") == token.raw
    starts = [token.start for token in tokens]
    assert starts == sorted(starts)


def test_tokens_are_lower_case_words_and_punctuation() -> None:
    tokens = tokenize("I Walk, slowly.")
    assert [token.word for token in tokens] == ["i", "walk", ",", "slowly", "."]
    assert [token.is_word for token in tokens] == [True, True, False, True, False]


@pytest.mark.parametrize(
    ("raw", "word", "negated"),
    [
        ("doesn't", "does", True),
        ("isn't", "is", True),
        ("won't", "will", True),
        ("can't", "can", True),
        ("cannot", "can", True),
        ("Don’t", "do", True),
        ("doesnt", "does", True),
        ("isnt", "is", True),
        ("wont", "will", True),
        ("cant", "can", True),
        ("I'm", "i", False),
        ("you're", "you", False),
        ("daughter's", "daughter", False),
        ("walk", "walk", False),
    ],
)
def test_contractions(raw: str, word: str, negated: bool) -> None:
    (token,) = tokenize(raw)
    assert (token.word, token.negated) == (word, negated)
    assert (token.start, token.end) == (0, len(raw))


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("colour", "color"),
        ("Colour", "color"),
        ("colours", "colors"),
        ("grey", "gray"),
        ("Grey", "gray"),
        ("favourite", "favorite"),
        ("flavour", "flavor"),
        ("centre", "center"),
        ("cosy", "cozy"),
    ],
)
def test_british_spelling_becomes_american(british: str, american: str) -> None:
    (token,) = tokenize(british)
    assert token.word == american
    assert token.raw == british


def test_clause_bounds_stop_at_breaks() -> None:
    tokens = tokenize("I walk slowly, and my back is long.")
    back = next(token.index for token in tokens if token.word == "back")
    start, end = clause_bounds(tokens, back)
    assert [token.word for token in tokens[start : end + 1]] == ["my", "back", "is", "long"]


# --- forms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("walking", "walk"),
        ("walks", "walk"),
        ("walked", "walk"),
        ("carried", "carry"),
        ("carries", "carry"),
        ("swimming", "swim"),
        ("stopped", "stop"),
        ("swinging", "swing"),
        ("bending", "bend"),
        ("lying", "lie"),
        ("colours", "color"),
        ("realise", "realize"),
    ],
)
def test_forms_include_the_base_form(word: str, base: str) -> None:
    assert base in forms(word)


@pytest.mark.parametrize("word", ["walking", "back", "grey", "hurt"])
def test_forms_start_with_the_word_itself(word: str) -> None:
    assert forms(word)[0] == word


# --- correct -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "meant"),
    [("walkng", "walking"), ("spnie", "spine"), ("strech", "stretch")],
)
def test_correct_fixes_typos(typo: str, meant: str) -> None:
    assert fix(typo) == meant


def test_correct_recovers_the_body_part_in_shouldres() -> None:
    fixed = fix("shouldres")
    assert fixed is not None
    assert "shoulder" in forms(fixed)


def test_correct_prefers_a_real_word_for_shouldres() -> None:
    assert fix("shouldres") == "shoulders"


@pytest.mark.parametrize("word", ["barrow", "kitchen", "shoulder", "hammock", "colour"])
def test_correct_leaves_real_words_alone(word: str) -> None:
    assert fix(word) is None


def test_correct_leaves_dictionary_words_the_lists_lack_alone() -> None:
    # Even when nothing else knows the word, a real English word is not a typo.
    assert correct("barrow", lambda word: False, lexicon().vocabulary()) is None


@pytest.mark.parametrize("word", ["wlak", "bnd", "hipz", "bak"])
def test_correct_leaves_short_words_alone(word: str) -> None:
    assert correct(word, lambda word: False, lexicon().vocabulary()) is None


def test_correct_returns_none_without_a_close_lexicon_word() -> None:
    assert fix("zzxqvw") is None
