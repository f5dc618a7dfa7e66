"""`counted` and `plural`: "1 day", never "1 days" or "1 day(s)"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unbrace.core.words import counted, plural


@pytest.mark.parametrize(
    ("number", "word", "expected"),
    [
        (1, "day", "1 day"),
        (0, "day", "0 days"),
        (2, "check-in", "2 check-ins"),
        (1, "daily check-in", "1 daily check-in"),
        (1200, "minute", "1,200 minutes"),
        (1.0, "minute", "1 minute"),
        (2.5, "minute", "2.5 minutes"),
        (-1, "point", "-1 points"),
    ],
)
def test_counted(number: float, word: str, expected: str) -> None:
    assert counted(number, word) == expected


def test_an_irregular_plural_is_given() -> None:
    assert counted(3, "person", "people") == "3 people"
    assert plural("person", 1, "people") == "person"


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["day", "minute", "session"]))
def test_the_singular_only_for_exactly_one(number: int, word: str) -> None:
    text = counted(number, word)
    assert text.endswith(f" {word}") == (number == 1)
    assert "(s)" not in text
