"""Ladders in the export: JSON round trip exact, import without duplicates, CSV and FHIR
(on SQLite and PostgreSQL)."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from unbrace.core.errors import UnbraceError
from unbrace.core.ladder import Outcome, Prediction, Result
from unbrace.store import profile_repo, screen_repo
from unbrace.store.db import Store
from unbrace.transfer.document import parse_document
from unbrace.transfer.exchange import export_profile, import_profile
from unbrace.transfer.exports import csv_tables, write_export
from unbrace.transfer.fhir import fhir_json
from unbrace.usecases import ladder as uc

T0 = dt.datetime(2026, 11, 2, 8, 30, 15, 123456, tzinfo=dt.UTC)


def fill(store: Store) -> None:
    with store.transaction() as db:
        maria = profile_repo.create_profile(db, name="Maria")
        screen_repo.record_screen(
            db, profile=maria, reason="onboarding", positive=[], urgency=None, now=T0
        )
        view = uc.new_ladder(db, profile=maria, movement="bending [to] the 🧺", now=T0)
        view = uc.rate(db, profile=maria, ladder_id=view.id, threats={1: 5, 2: 20, 3: 50}, now=T0)
        uc.edit_step(
            db,
            profile=maria,
            ladder_id=view.id,
            number=3,
            text="bend “low” {ok}".replace("{ok}", "ok"),
            now=T0,
        )
        uc.go_to_step(db, profile=maria, ladder_id=view.id, number=3, now=T0)
        uc.set_days(db, profile=maria, ladder_id=view.id, days=[0, 3], now=T0)
        for day, (expected, actual, outcome) in enumerate(((7, 3, "no"), (6, 6, "partly"))):
            when = T0 + dt.timedelta(days=day + 1)
            started = uc.start_try(
                db,
                profile=maria,
                ladder_id=view.id,
                number=3,
                prediction=Prediction(expected, 60, 6, "my back <locks>"),
                now=when,
                today=when.date(),
            )
            assert isinstance(started, uc.TryStarted)
            uc.finish_try(
                db,
                profile=maria,
                attempt_id=started.attempt.id,
                result=Result(actual, Outcome(outcome), "easier 🙂"),
                now=when,
            )
        uc.follow_up(
            db, profile=maria, attempt_id=1, next_day_pain=2, now=T0 + dt.timedelta(days=2)
        )
        uc.start_try(  # one try still waiting for its answers
            db,
            profile=maria,
            ladder_id=view.id,
            number=3,
            prediction=Prediction(5, 40, 4, "x"),
            now=T0 + dt.timedelta(days=5),
            today=(T0 + dt.timedelta(days=5)).date(),
        )
        uc.rate(
            db, profile=maria, ladder_id=view.id, threats={3: 25}, now=T0 + dt.timedelta(days=7)
        )
        uc.new_ladder(db, profile=maria, movement="walking the dog", now=T0)


def export(store: Store, name: str = "Maria") -> dict[str, Any]:
    with store.transaction() as db:
        return export_profile(db, profile=profile_repo.resolve_profile(db, name=name), now=T0)


def test_the_round_trip_is_exact(store: Store) -> None:
    fill(store)
    first = export(store)
    assert [ladder["movement"] for ladder in first["ladders"]] == [
        "bending [to] the 🧺",
        "walking the dog",
    ]
    bending = first["ladders"][0]
    assert bending["days"] == [0, 3] and [s["current"] for s in bending["steps"]].count(True) == 1
    attempts = bending["steps"][2]["attempts"]
    assert [a["next_day_pain"] for a in attempts] == [2, None, None]
    assert attempts[2]["done_at"] is None
    with store.transaction() as db:
        sam = profile_repo.create_profile(db, name="Sam")
        counts = import_profile(db, document=copy.deepcopy(first), profile=sam)
    assert counts["ladders"] == 2 and counts["conflicts"] == 0
    second = export(store, "Sam")
    assert second["ladders"] == first["ladders"]
    assert second["feared_movements"] == first["feared_movements"]
    # and again: nothing new, nothing clashing
    with store.transaction() as db:
        again = import_profile(
            db, document=first, profile=profile_repo.resolve_profile(db, name="Sam")
        )
    assert again["ladders"] == 0 and again["conflicts"] == 0
    with store.transaction() as db:
        view = uc.list_ladders(db, profile=profile_repo.resolve_profile(db, name="Sam"), now=T0)[0]
    assert view.current is not None and view.current.number == 3


def test_a_different_ladder_for_a_known_movement_is_a_conflict(store: Store) -> None:
    fill(store)
    document = export(store)
    document["ladders"][0]["steps"][0]["ratings"][0]["threat"] = 99
    with store.transaction() as db:
        counts = import_profile(
            db, document=document, profile=profile_repo.resolve_profile(db, name="Maria")
        )
    assert counts["ladders"] == 0 and counts["conflicts"] == 1
    assert export(store)["ladders"][0]["steps"][0]["ratings"][0]["threat"] == 5


def test_an_export_without_ladders_still_imports(store: Store) -> None:
    fill(store)
    document = export(store)
    del document["ladders"]
    assert parse_document(document).ladders == []


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["ladders"][0]["steps"][0].update(current=True), "exactly one current step"),
        (lambda d: d["ladders"][0]["steps"][0]["ratings"][0].update(threat=101), "at most 100"),
        (lambda d: d["ladders"][0]["steps"][2]["attempts"][0].update(outcome="maybe"), "outcome"),
        (lambda d: d["ladders"][0]["steps"][2]["attempts"][0].update(actual_pain=None), "partly"),
        (lambda d: d["ladders"][0]["steps"][2]["attempts"][2].update(next_day_pain=3), "one of"),
        (lambda d: d["ladders"][0]["steps"][0].update(kind="dream"), "kind"),
        (lambda d: d["ladders"][0]["steps"][0].update(text="{x}"), "curly braces"),
        (lambda d: d["ladders"][0].update(days=[7]), "at most 6"),
        (lambda d: d["ladders"][1].update(movement=d["ladders"][0]["movement"]), "two ladders"),
        (lambda d: d["ladders"][0].update(steps=[]), "ladders"),
    ],
)
def test_a_broken_ladder_is_refused_in_one_line_and_nothing_is_written(
    store: Store, change: Any, words: str
) -> None:
    fill(store)
    document = export(store)
    change(document)
    with store.transaction() as db:
        profile_repo.create_profile(db, name="Sam")
    with pytest.raises(UnbraceError, match=words) as caught, store.transaction() as db:
        import_profile(db, document=document, profile=profile_repo.resolve_profile(db, name="Sam"))
    assert "\n" not in str(caught.value)
    with store.transaction() as db:
        assert (
            profile_repo.profile_counts(db, profile=profile_repo.resolve_profile(db, name="Sam"))[
                "ladders"
            ]
            == 0
        )


def test_csv_tables_hold_steps_ratings_and_tries(store: Store, tmp_path: Path) -> None:
    fill(store)
    tables = csv_tables(parse_document(export(store)))
    assert tables["ladder_steps.csv"].splitlines()[0].startswith("ladder,movement,step,text,kind")
    attempts = tables["ladder_attempts.csv"].splitlines()
    assert len(attempts) == 4 and ",-4," in attempts[1]  # the prediction error, 3 - 7
    assert "my back <locks>" in attempts[1]
    assert len(tables["threat_ratings.csv"].splitlines()) == 1 + 3 + 1  # header, first, re-rating
    written = write_export(export(store), fmt="csv", out=tmp_path / "me.zip")
    with zipfile.ZipFile(io.BytesIO(written[0].read_bytes())) as archive:
        assert "ladder_attempts.csv" in archive.namelist()


def test_fhir_tries_are_observations_with_components(store: Store) -> None:
    fill(store)
    bundle = json.loads(fhir_json(parse_document(export(store))))
    tries = [
        entry["resource"]
        for entry in bundle["entry"]
        if entry["resource"].get("code", {}).get("text")
        == "Ladder step tried: prediction and outcome"
    ]
    assert [item["status"] for item in tries] == ["final", "final", "preliminary"]
    first = {c["code"]["text"]: c for c in tries[0]["component"]}
    assert first["Expected pain (0-10)"]["valueQuantity"]["value"] == 7
    assert first["Pain during the step"]["code"]["coding"][0]["code"] == "72514-3"
    assert first["Prediction error (pain minus expected pain)"]["valueQuantity"]["value"] == -4
    assert first["Feared outcome happened (no, partly, yes)"]["valueString"] == "no"
    assert first["Pain the next day"]["valueQuantity"]["value"] == 2
    threats = [
        entry
        for entry in bundle["entry"]
        if entry["resource"].get("code", {}).get("text") == "Threat rating of a ladder step (0-100)"
    ]
    assert len(threats) == 4
