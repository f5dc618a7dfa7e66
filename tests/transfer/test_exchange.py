"""Export and import of one profile, on SQLite and PostgreSQL (each test runs on both)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.sample_records import START, fill_profile
from unbrace.core.checkins import CheckIn
from unbrace.core.errors import UnbraceError
from unbrace.store import checkin_repo, profile_repo, session_repo
from unbrace.store.db import Store
from unbrace.transfer.exchange import KINDS, export_profile, import_profile

NOTHING_ADDED = {**dict.fromkeys(KINDS, 0), "conflicts": 0}


def _export(store: Store, name: str = "Maria") -> dict[str, Any]:
    with store.transaction() as db:
        return export_profile(db, profile=profile_repo.resolve_profile(db, name=name))


def _import(store: Store, document: Any, name: str) -> dict[str, int]:
    with store.transaction() as db:
        profile = profile_repo.find_profile(db, name=name) or profile_repo.create_profile(
            db, name=name
        )
        return import_profile(db, document=document, profile=profile)


def _without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


def _counts(store: Store, name: str) -> dict[str, int]:
    with store.transaction() as db:
        profile = profile_repo.find_profile(db, name=name)
        return profile_repo.profile_counts(db, profile=profile) if profile else {}


def test_export_holds_every_record_in_plain_json(store: Store) -> None:
    fill_profile(store)
    document = _export(store)
    assert json.loads(json.dumps(document)) == document  # plain JSON types only
    assert list(document) == [
        "format",
        "version",
        "exported_at",
        "profile",
        "personal",
        "feared_movements",
        "sessions",
        "checkins",
        "safety_screens",
        "scripts",
        "ladders",
    ]
    assert (document["format"], document["version"]) == ("unbrace-export", 1)
    assert document["profile"] == {
        "name": "Maria",
        "breath_in": 4.5,
        "breath_out": 6.5,
        "streaks": True,
    }
    assert [m["text"] for m in document["feared_movements"]] == [
        "lifting the laundry basket",
        "getting out of the car",
    ]
    assert [s["status"] for s in document["sessions"]] == ["completed", "stopped", "in_progress"]
    assert all(s["steps"] for s in document["sessions"])
    assert document["sessions"][0]["started_at"] == "2026-10-01T09:30:12.345678+00:00"
    assert [c["date"] for c in document["checkins"]][:2] == ["2026-10-01", "2026-10-02"]
    assert document["checkins"][1]["note"].startswith('a long, "quoted" day; ünïcode ✓')
    assert [s["urgency"] for s in document["safety_screens"]] == [None, "urgent"]
    assert [(s["name"], s["version"]) for s in document["scripts"]] == [
        ("laundry lift", 1),
        ("laundry lift", 2),
    ]
    assert "host" not in document["sessions"][0] and "id" not in document["sessions"][0]


def test_round_trip_into_an_empty_profile_is_exact(store: Store) -> None:
    fill_profile(store)
    first = _export(store)
    with store.transaction() as db:
        profile_repo.remove_profile(db, profile=profile_repo.resolve_profile(db, name="Maria"))
        profile_repo.create_profile(db, name="Maria")
    counts = _import(store, first, "Maria")
    assert counts == {
        "checkins": 6,
        "sessions": 3,
        "safety_screens": 2,
        "scripts": 2,
        "feared_movements": 2,
        "ladders": 0,
        "personal": 1,
        "preferences": 1,
        "conflicts": 0,
    }
    assert _without_time(_export(store)) == _without_time(first)


def test_import_into_a_second_profile_leaves_the_first_alone(store: Store) -> None:
    fill_profile(store)
    first = _export(store)
    _import(store, first, "Sam")
    second = _export(store, "Sam")
    assert second["profile"]["name"] == "Sam"
    second["profile"]["name"] = "Maria"
    assert _without_time(second) == _without_time(first)
    assert _without_time(_export(store)) == _without_time(first)


def test_importing_the_same_file_twice_adds_nothing(store: Store) -> None:
    fill_profile(store)
    document = _export(store)
    _import(store, document, "Sam")
    before = _counts(store, "Sam")
    assert _import(store, document, "Sam") == NOTHING_ADDED
    assert _import(store, document, "Maria") == NOTHING_ADDED  # its own export
    assert _counts(store, "Sam") == before


def test_a_different_checkin_for_the_same_day_is_kept_and_counted(store: Store) -> None:
    fill_profile(store, days=2)
    document = _export(store)
    day = dt.date.fromisoformat(document["checkins"][0]["date"])
    with store.transaction() as db:
        sam = profile_repo.create_profile(db, name="Sam")
        mine = CheckIn(date=day, pain=1, enjoyment=1, activity=1, note="mine")
        checkin_repo.save_checkin(db, profile=sam, checkin=mine, replace=False, now=START)
        profile_repo.set_breath(db, profile=sam, inhale=3.0, exhale=5.0)
    counts = _import(store, document, "Sam")
    assert counts["checkins"] == 1 and counts["preferences"] == 0
    assert counts["conflicts"] == 2  # the day's answers, and the breath pacer
    with store.transaction() as db:
        sam = profile_repo.resolve_profile(db, name="Sam")
        kept = checkin_repo.get_checkin(db, profile=sam, date=day)
        assert kept is not None and (kept.pain, kept.note) == (1, "mine")
        assert (sam.breath_in, sam.breath_out) == (3.0, 5.0)


def test_same_answers_saved_at_another_time_are_not_a_conflict(store: Store) -> None:
    fill_profile(store, days=1)
    document = _export(store)
    later = copy.deepcopy(document)
    later["checkins"][0]["updated_at"] = "2026-12-01T08:00:00+00:00"
    _import(store, document, "Sam")
    assert _import(store, later, "Sam") == NOTHING_ADDED


def test_imports_add_to_what_is_there(store: Store) -> None:
    fill_profile(store, days=3)
    document = _export(store)
    with store.transaction() as db:
        sam = profile_repo.create_profile(db, name="Sam")
        profile_repo.set_personal(db, profile=sam, movements=["getting out of the car", "twisting"])
    counts = _import(store, document, "Sam")
    assert counts["feared_movements"] == 1 and counts["personal"] == 1
    with store.transaction() as db:
        sam = profile_repo.resolve_profile(db, name="Sam")
        assert profile_repo.feared_movements(db, profile=sam) == [
            "getting out of the car",
            "twisting",
            "lifting the laundry basket",
        ]
        assert (
            profile_repo.personal_for(db, profile=sam).scene
            == "a pine path, the sun warm on my back"
        )


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to one field of a document, addressed like sessions.0.steps.1.seconds."""

    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        del node[last]

    return change


INVALID = {
    "pain above 10": (_set("checkins.5.pain", 11), "checkins[5].pain should be at most 10"),
    "negative pain": (_set("checkins.0.enjoyment", -1), "should be at least 0"),
    "pain as text": (_set("checkins.0.pain", "4"), "should be a whole number"),
    "pain as a fraction": (_set("checkins.0.pain", 4.5), "should be a whole number"),
    "flare as 1": (_set("checkins.0.flare", 1), "should be true or false"),
    "vividness 0": (_set("sessions.0.vivid_visual", 0), "should be at least 1"),
    "vividness 6": (_set("sessions.0.vivid_body", 6), "should be at most 5"),
    "unknown status": (_set("sessions.1.status", "paused"), "'in_progress', 'completed'"),
    "day in another form": (_set("checkins.0.date", "01/10/2026"), "YYYY-MM-DD"),
    "day as a number": (_set("checkins.0.date", 20261001), "YYYY-MM-DD"),
    "time without offset": (_set("sessions.0.started_at", "2026-10-01T09:30:00"), "offset"),
    "time as a number": (_set("safety_screens.0.taken_at", 1_700_000_000), "date and time"),
    "unknown habit": (_set("checkins.0.habits", ["juggling"]), "unknown habit 'juggling'"),
    "unknown sign": (_set("safety_screens.1.positive", ["headache"]), "unknown warning sign"),
    "urgency not matching": (_set("safety_screens.1.urgency", "emergency"), "does not match"),
    "missing field": (_drop("checkins.2.activity"), "checkins[2].activity is missing"),
    "extra field": (_set("sessions.0.colour", "blue"), "colour is not part of"),
    "two check-ins one day": (_set("checkins.1.date", "2026-10-01"), "two check-ins on"),
    "breath out of range": (
        _set("profile.breath_in", 30.0),
        "breath pacer out of range: the inhale",
    ),
    "foreign format": (_set("format", "someone-else"), "not an unbrace export"),
    "newer version": (_set("version", 2), "from a newer unbrace"),
    "version as text": (_set("version", "1"), "does not know"),
    "not an object": (lambda document: document.clear(), "not an unbrace export"),
}


@pytest.mark.parametrize("name", list(INVALID))
def test_invalid_documents_are_refused_and_change_nothing(store: Store, name: str) -> None:
    fill_profile(store)
    document = _export(store)
    _import(store, _export(store), "Sam")
    change, message = INVALID[name]
    broken = copy.deepcopy(document)
    change(broken)
    before = (_counts(store, "Sam"), _export(store, "Sam")["checkins"])
    # Into a new, empty profile too: it would take everything the file offers.
    with pytest.raises(UnbraceError) as caught, store.transaction() as db:
        fresh = profile_repo.create_profile(db, name="Ann")
        import_profile(db, document=broken, profile=fresh)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert (_counts(store, "Sam"), _export(store, "Sam")["checkins"]) == before
    assert _counts(store, "Ann") == {}  # the whole transaction was rolled back


def test_a_top_level_list_is_refused(store: Store) -> None:
    with store.transaction() as db:
        profile = profile_repo.create_profile(db, name="Ann")
        with pytest.raises(UnbraceError, match="no JSON object"):
            import_profile(db, document=[1, 2], profile=profile)  # type: ignore[arg-type]


def test_an_imported_running_session_is_closed_by_the_next_command(store: Store) -> None:
    fill_profile(store)
    document = _export(store)
    _import(store, document, "Sam")
    with store.transaction() as db:
        closed = session_repo.close_abandoned_sessions(
            db, now=dt.datetime.now(dt.UTC), host="anywhere"
        )
    assert closed == 2  # Maria's own (its process is long gone) and Sam's imported copy
