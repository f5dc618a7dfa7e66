"""The warning-sign screen: its questions, typed answers, and when to ask again."""

from __future__ import annotations

import datetime as dt

import pytest

from unbrace.core.errors import UnbraceError
from unbrace.core.safety import (
    ADVICE,
    DISCLAIMER,
    DueReason,
    Urgency,
    most_urgent,
    parse_flag_list,
    screen,
    screen_due,
)

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
FLAG_IDS = [
    "bladder-bowel",
    "saddle-numbness",
    "leg-weakness",
    "injury",
    "fever",
    "cancer",
    "weight-loss",
    "night-pain",
]
EMERGENCIES = {"bladder-bowel", "saddle-numbness", "leg-weakness", "injury"}


def test_screen_has_eight_flags_with_unique_ids() -> None:
    loaded = screen()
    assert len(loaded.flags) == 8
    assert loaded.ids() == FLAG_IDS
    assert len(set(loaded.ids())) == 8


def test_screen_uses_both_urgencies() -> None:
    flags = screen().flags
    assert {flag.urgency for flag in flags} == {Urgency.EMERGENCY, Urgency.URGENT}
    assert {flag.id for flag in flags if flag.urgency is Urgency.EMERGENCY} == EMERGENCIES


def test_every_flag_asks_a_question() -> None:
    for flag in screen().flags:
        assert flag.question.endswith("?")


def test_screen_repeats_every_28_days() -> None:
    assert screen().repeat_days == 28


def test_screen_get() -> None:
    assert screen().get("fever").urgency is Urgency.URGENT
    with pytest.raises(UnbraceError, match="Unknown warning sign 'rash'"):
        screen().get("rash")


@pytest.mark.parametrize("text", ["none", " none ", "none,", ",none"])
def test_parse_flag_list_none_is_empty(text: str) -> None:
    assert parse_flag_list(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fever", ["fever"]),
        ("night-pain,fever", ["fever", "night-pain"]),
        (" cancer , injury ", ["injury", "cancer"]),
        ("fever,fever", ["fever"]),
        ("fever,,weight-loss", ["fever", "weight-loss"]),
        (",".join(reversed(FLAG_IDS)), FLAG_IDS),
    ],
)
def test_parse_flag_list_comma_lists_in_screen_order(text: str, expected: list[str]) -> None:
    assert parse_flag_list(text) == expected


@pytest.mark.parametrize("text", ["", " ", ",", "none,fever", "fever,none", "none,none"])
def test_parse_flag_list_rejects_empty_or_mixed_none(text: str) -> None:
    with pytest.raises(UnbraceError, match="'none' or a comma list"):
        parse_flag_list(text)


@pytest.mark.parametrize("text", ["rash", "fever,rash", "no", "FEVER"])
def test_parse_flag_list_rejects_unknown_ids(text: str) -> None:
    with pytest.raises(UnbraceError, match="Unknown warning sign"):
        parse_flag_list(text)


@pytest.mark.parametrize(
    ("positive", "expected"),
    [
        ([], None),
        (["fever"], Urgency.URGENT),
        (["cancer", "night-pain"], Urgency.URGENT),
        (["injury"], Urgency.EMERGENCY),
        (["fever", "bladder-bowel"], Urgency.EMERGENCY),
        (FLAG_IDS, Urgency.EMERGENCY),
    ],
)
def test_most_urgent(positive: list[str], expected: Urgency | None) -> None:
    assert most_urgent(positive) == expected


def test_most_urgent_accepts_any_iterable() -> None:
    assert most_urgent(flag for flag in ["fever", "leg-weakness"]) is Urgency.EMERGENCY


def test_most_urgent_rejects_unknown_ids() -> None:
    with pytest.raises(UnbraceError):
        most_urgent(["rash"])


def test_advice_for_every_urgency_and_a_disclaimer() -> None:
    assert set(ADVICE) == set(Urgency)
    assert "emergency" in ADVICE[Urgency.EMERGENCY]
    assert "within the next few days" in ADVICE[Urgency.URGENT]
    assert "does not diagnose" in DISCLAIMER


def test_screen_due_when_never_taken() -> None:
    assert screen_due(last_screen=None, now=NOW, worrying_since_last=False) is DueReason.NEVER
    assert screen_due(last_screen=None, now=NOW, worrying_since_last=True) is DueReason.NEVER


@pytest.mark.parametrize(
    "age", [dt.timedelta(days=28), dt.timedelta(days=28, seconds=1), dt.timedelta(days=400)]
)
def test_screen_due_periodically(age: dt.timedelta) -> None:
    due = screen_due(last_screen=NOW - age, now=NOW, worrying_since_last=False)
    assert due is DueReason.PERIODIC


@pytest.mark.parametrize(
    "age", [dt.timedelta(0), dt.timedelta(days=1), dt.timedelta(days=27, hours=23, minutes=59)]
)
def test_screen_not_due_within_the_period(age: dt.timedelta) -> None:
    assert screen_due(last_screen=NOW - age, now=NOW, worrying_since_last=False) is None


@pytest.mark.parametrize("age", [dt.timedelta(hours=1), dt.timedelta(days=40)])
def test_screen_due_after_a_worrying_checkin(age: dt.timedelta) -> None:
    due = screen_due(last_screen=NOW - age, now=NOW, worrying_since_last=True)
    assert due is DueReason.WORRYING_CHECKIN


def test_screen_due_compares_across_time_zones() -> None:
    later_zone = dt.timezone(dt.timedelta(hours=5))
    last = (NOW - dt.timedelta(days=28)).astimezone(later_zone)
    assert screen_due(last_screen=last, now=NOW, worrying_since_last=False) is DueReason.PERIODIC


def test_due_reason_values() -> None:
    assert [reason.value for reason in DueReason] == ["never", "periodic", "worrying_checkin"]
    assert [urgency.value for urgency in Urgency] == ["emergency", "urgent"]
