"""The anchor habit is kept without its leading "after", so sentences never say "after after"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unbrace.core.errors import UnbraceError
from unbrace.core.personal import Personal, anchor_phrase, check_anchor
from unbrace.core.plan import suggest
from unbrace.core.practices import load_library
from unbrace.core.routine import Routine


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("after brushing my teeth", "brushing my teeth"),
        ("After my morning coffee.", "my morning coffee"),
        ("AFTER   after making coffee", "making coffee"),
        ("right after lunch,", "lunch"),
        ("when I get up", "I get up"),
        ("making my morning coffee", "making my morning coffee"),
        ("afternoon tea", "afternoon tea"),  # a word that starts like "after" stays
        ("after", ""),
        ("", ""),
    ],
)
def test_anchor_phrase(typed: str, kept: str) -> None:
    assert anchor_phrase(typed) == kept


@pytest.mark.parametrize("typed", [":", "after", "After...", " right after , "])
def test_an_anchor_with_no_habit_in_it_is_refused_not_stored_empty(typed: str) -> None:
    with pytest.raises(UnbraceError, match="name the habit"):
        check_anchor(typed)
    assert check_anchor("") == ""  # leaving it empty stays allowed


def test_check_anchor_also_checks_length() -> None:
    assert check_anchor("After  brushing my teeth") == "brushing my teeth"
    with pytest.raises(UnbraceError):
        check_anchor("word " * 40)


def test_stored_values_from_older_versions_read_back_plain() -> None:
    assert Personal(anchor="after brushing my teeth").anchor == "brushing my teeth"
    routine = Routine(timezone="UTC", anchor="After after my morning coffee")
    assert routine.intention_or_default().startswith("After my morning coffee, I will do")


def test_the_plan_says_after_once() -> None:
    import datetime as dt

    personal = Personal(movement="lifting", anchor="after brushing my teeth")
    found = suggest(
        load_library(), at=dt.datetime(2026, 3, 2, 8, 0), personal=personal, flare=False
    )
    reasons = " ".join(s.reason for s in found)
    assert "after brushing my teeth" in reasons and "after after" not in reasons.lower()


@given(st.text(max_size=60))
def test_never_starts_with_after(text: str) -> None:
    assert not anchor_phrase(text).lower().startswith("after ")
    assert anchor_phrase(anchor_phrase(text)) == anchor_phrase(text)
