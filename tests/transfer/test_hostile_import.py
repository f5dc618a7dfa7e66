"""Property tests: import files with one value replaced by a hostile one, on SQLite and
PostgreSQL. Each file is imported whole and read back exactly, or refused with one line and
nothing written (tests/contract.py)."""

from __future__ import annotations

import copy
import itertools
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.contract import as_json, count, json_values
from tests.sample_records import fill_profile
from unbrace.core.errors import UnbraceError
from unbrace.store import profile_repo
from unbrace.store.db import Store
from unbrace.transfer.document import read_document
from unbrace.transfer.exchange import export_profile, import_profile

NAMES = itertools.count()


@pytest.fixture
def good(store: Store) -> dict[str, Any]:
    fill_profile(store)
    with store.transaction() as db:
        return export_profile(db, profile=profile_repo.resolve_profile(db, name="Maria"))


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(node, list):
        return [leaf for i, value in enumerate(node) for leaf in _leaves(value, (*path, i))]
    return [path]


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


def _without_times(document: dict[str, Any]) -> dict[str, Any]:
    shown = {key: value for key, value in document.items() if key != "exported_at"}
    shown["profile"] = {**shown["profile"], "name": "-"}
    return shown


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(choice=st.integers(min_value=0), value=json_values)
def test_an_import_is_stored_exactly_or_refused_whole(
    store: Store, good: dict[str, Any], choice: int, value: Any
) -> None:
    document = copy.deepcopy(good)
    leaves = _leaves(document)
    path = leaves[choice % len(leaves)]
    _at(document, path[:-1])[path[-1]] = value
    raw = json.dumps(document).encode("utf-8")  # Infinity, NaN and \ud800 written as JSON can
    name = f"p{next(NAMES)}"  # a fresh profile for each file
    with store.transaction() as db:
        profile_repo.create_profile(db, name=name)
    with store.transaction() as db:
        before = export_profile(db, profile=profile_repo.resolve_profile(db, name=name))
    try:
        with store.transaction() as db:
            import_profile(
                db, document=read_document(raw), profile=profile_repo.resolve_profile(db, name=name)
            )
    except UnbraceError as refused:
        assert "\n" not in str(refused)
        with store.transaction() as db:
            after = export_profile(db, profile=profile_repo.resolve_profile(db, name=name))
        assert _without_times(after) == _without_times(before)
        count("import file", accepted=False)
        return
    with store.transaction() as db:
        imported = export_profile(db, profile=profile_repo.resolve_profile(db, name=name))
    # Records are kept in their own order (a step's position, a session's start), so the value
    # is looked for in the same field of any record of its kind.
    shape = tuple(None if isinstance(key, int) else key for key in path)
    same_field = [
        _at(imported, leaf)
        for leaf in _leaves(imported)
        if tuple(None if isinstance(key, int) else key for key in leaf) == shape
    ]
    meant = as_json(value)  # what the file says the value is
    shown = " ".join(meant.split()) if isinstance(meant, str) else meant
    if path not in (("exported_at",), ("profile", "name")):
        assert meant in same_field or shown in same_field, (path, value)
    count("import file", accepted=True)


def test_a_surrogate_pair_escaped_in_a_file_is_read_as_the_one_character_it_means(
    store: Store, good: dict[str, Any]
) -> None:
    document = copy.deepcopy(good)
    document["checkins"][0]["note"] = "\ud800\udc00"  # json.dumps writes it as two escapes
    with store.transaction() as db:
        profile_repo.create_profile(db, name="Pair")
    with store.transaction() as db:
        import_profile(
            db,
            document=read_document(json.dumps(document).encode("utf-8")),
            profile=profile_repo.resolve_profile(db, name="Pair"),
        )
    with store.transaction() as db:
        imported = export_profile(db, profile=profile_repo.resolve_profile(db, name="Pair"))
    assert "\U00010000" in {checkin["note"] for checkin in imported["checkins"]}
