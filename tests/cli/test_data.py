"""`unbrace export|import|backup|restore` through the command line."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from tests.cli.conftest import Cli

FAST = ("--no-input", "--speed", "600")


@pytest.fixture
def recorded(onboarded: Cli) -> Cli:
    """Maria with two sessions and three check-ins, made with the usual commands."""
    onboarded.ok(
        "session",
        "movement-rehearsal",
        "--minutes",
        "2",
        *FAST,
        "--pain-before",
        "6",
        "--pain-after",
        "4",
        "--vivid-visual",
        "4",
        "--vivid-body",
        "3",
        "--note",
        "easier than I thought",
    )
    onboarded.ok("session", "posture-reset", *FAST, "--pain-before", "5")
    for day, pain in (("2026-11-01", "5"), ("2026-11-02", "4"), ("2026-11-03", "3")):
        onboarded.ok(
            "checkin",
            "--pain",
            pain,
            "--enjoyment",
            "4",
            "--activity",
            "6",
            "--habit",
            "walking",
            "--no-input",
            "--date",
            day,
        )
    return onboarded


def _without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


def _history(cli: Cli, *profile: str) -> Any:
    history = cli.json(*profile, "history")
    for record in history["sessions"] + history["checkins"]:
        record.pop("id")  # the database's own number, not part of the record
    return history


def test_export_json_holds_the_profile(recorded: Cli, tmp_path: Path) -> None:
    out = tmp_path / "maria.json"
    result = recorded.ok("export", "--format", "json", "--out", str(out))
    assert "Saved Maria's records (3 check-ins, 2 sessions, 1 safety screen)" in result.stdout
    assert "private" in result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "unbrace-export" and document["profile"]["name"] == "Maria"
    assert len(document["sessions"]) == 2 and len(document["checkins"]) == 3


def test_export_csv_as_zip_and_folder(recorded: Cli, tmp_path: Path) -> None:
    recorded.ok("export", "--format", "csv", "--out", str(tmp_path / "maria.zip"))
    with zipfile.ZipFile(tmp_path / "maria.zip") as archive:
        text = archive.read("checkins.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["pain"] for row in rows] == ["5", "4", "3"]
    recorded.ok("export", "--format", "csv", "--out", str(tmp_path / "tables"))
    steps = (tmp_path / "tables" / "session_steps.csv").read_text(encoding="utf-8")
    assert steps.startswith("session,position,step_id,planned_seconds,seconds,done,skipped")


def test_export_fhir_is_a_valid_bundle(recorded: Cli, tmp_path: Path) -> None:
    out = tmp_path / "maria.fhir.json"
    recorded.ok("export", "--format", "fhir", "--out", str(out))
    bundle = Bundle.model_validate_json(out.read_text(encoding="utf-8"))
    assert bundle.type == "collection"
    assert bundle.entry is not None and len(bundle.entry) == 1 + 2 * 3 + 2


def test_export_with_a_bad_format_or_place_is_refused(recorded: Cli, tmp_path: Path) -> None:
    result = recorded.bad("export", "--format", "xml", "--out", str(tmp_path / "x.xml"))
    assert "csv, json or fhir" in result.stderr
    recorded.bad("export", "--out", str(tmp_path / "missing" / "maria.json"))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["home"]


def test_import_round_trip_into_a_second_profile(recorded: Cli, tmp_path: Path) -> None:
    out = tmp_path / "maria.json"
    recorded.ok("export", "--out", str(out))
    result = recorded.ok("--profile", "Sam", "import", str(out))
    assert "Made a new profile, Sam." in result.stdout
    assert "Imported into Sam: 3 check-ins, 2 sessions, 1 safety screen" in result.stdout
    assert _history(recorded, "--profile", "Sam") == _history(recorded)
    again = tmp_path / "sam.json"
    recorded.ok("--profile", "Sam", "export", "--out", str(again))
    maria = json.loads(out.read_text(encoding="utf-8"))
    sam = json.loads(again.read_text(encoding="utf-8"))
    assert sam["profile"].pop("name") == "Sam" and maria["profile"].pop("name") == "Maria"
    assert _without_time(sam) == _without_time(maria)


def test_importing_twice_adds_nothing_and_json_gives_counts(recorded: Cli, tmp_path: Path) -> None:
    out = tmp_path / "maria.json"
    recorded.ok("export", "--out", str(out))
    first = recorded.json("--profile", "Sam", "import", str(out))
    assert first["checkins"] == 3 and first["sessions"] == 2 and first["conflicts"] == 0
    second = recorded.json("--profile", "Sam", "import", str(out))
    assert set(second.values()) == {0}
    result = recorded.ok("--profile", "Sam", "import", str(out))
    assert "Nothing new to import" in result.stdout


def test_import_into_a_new_computer_uses_the_name_in_the_file(
    recorded: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "maria.json"
    recorded.ok("export", "--out", str(out))
    monkeypatch.setenv("UNBRACE_HOME", str(tmp_path / "new-computer"))
    recorded.ok("import", str(out))
    assert [p["name"] for p in recorded.json("profile", "list")] == ["Maria"]
    assert len(recorded.json("history")["checkins"]) == 3


def test_a_different_checkin_on_the_same_day_is_kept(recorded: Cli, tmp_path: Path) -> None:
    out = tmp_path / "maria.json"
    recorded.ok("export", "--out", str(out))
    recorded.ok("profile", "add", "Sam")
    recorded.ok(
        "--profile",
        "Sam",
        "checkin",
        *("--pain", "9", "--enjoyment", "9", "--activity", "9"),
        *("--no-input", "--date", "2026-11-02"),
    )
    result = recorded.ok("--profile", "Sam", "import", str(out))
    assert "1 record in the file differed" in result.stdout
    days = {c["date"]: c["pain"] for c in recorded.json("--profile", "Sam", "history")["checkins"]}
    assert days == {"2026-11-01": 5, "2026-11-02": 9, "2026-11-03": 3}


def _broken_files(good: str, folder: Path) -> dict[str, Path]:
    files = {
        "truncated": good[: len(good) // 2],
        "cut at a value": good[: good.index('"pain": 5') + 8],
        "damaged": good.replace('"pain": 5,', '"pain": 5,,', 1),
        "foreign": json.dumps({"name": "Maria", "steps": 10_000}),
        "pain 11": good.replace('"pain": 5,', '"pain": 11,', 1),
        "empty": "",
        "fhir": json.dumps({"resourceType": "Bundle", "type": "collection"}),
        "notes": "my notes [draft] 🌿 for the physio",  # the wrong file picked: not cut short
    }
    # Values an earlier unbrace accepted and that then broke reports, exports and insights.
    session_seconds = re.compile(r'("practice_title": "[^"]*",\n.*?"seconds": )[0-9.]+', re.S)
    files |= {
        "seconds Infinity": session_seconds.sub(r"\g<1>Infinity", good, count=1),
        "seconds NaN": session_seconds.sub(r"\g<1>NaN", good, count=1),
        "seconds 1e400": session_seconds.sub(r"\g<1>1e400", good, count=1),
        "year 1": good.replace('"date": "2026-11-01"', '"date": "0001-01-01"', 1),
        "year 1899": good.replace('"date": "2026-11-01"', '"date": "1899-12-31"', 1),
        "year 2999": good.replace('"date": "2026-11-01"', '"date": "2999-01-01"', 1),
        "2**63": good.replace('"pain": 5,', f'"pain": {2**63},', 1),
        "5000 digits": good.replace('"pain": 5,', f'"pain": {"9" * 5000},', 1),
        "lone surrogate": good.replace('"note": "', '"note": "\\ud800', 1),
        "bidi override": good.replace('"name": "Maria"', '"name": "Maria\\u202e"', 1),
        "long note": good.replace('"note": "', '"note": "' + "x" * 2001, 1),
        "1000 deep": good.replace('"habits": [', '"habits": [' + "[" * 1000 + "]" * 1000 + ",", 1),
        "50 deep": good.replace('"habits": [', '"habits": [' + "[" * 50 + "]" * 50 + ",", 1),
    }
    paths = {}
    for name, text in files.items():
        assert text != good, name
        path = folder / f"{name.replace(' ', '-')}.json"
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    binary = folder / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not json")
    paths["binary"] = binary
    return paths


EXPECTED = {
    "truncated": "stops part-way",
    "cut at a value": "stops part-way",
    "damaged": "is not valid JSON (line",
    "notes": "is not an unbrace export: an export is the JSON file made by unbrace export",
    "foreign": 'is not an unbrace export: it has no "format"',
    "pain 11": "checkins[0].pain should be at most 10 (it is 11)",
    "empty": "is empty",
    "fhir": "is a FHIR bundle",
    "binary": "is not a text file",
    "seconds Infinity": "holds the value Infinity, which no unbrace export has",
    "seconds NaN": "holds the value NaN",
    "seconds 1e400": "holds the number 1e400, too big to use",
    "year 1": "the day 0001-01-01 is too long ago",
    "year 1899": "the day 1899-12-31 is too long ago",
    "year 2999": "the day 2999-01-01 is a day that has not come yet",
    "2**63": "holds the whole number 9223372036854775808, too big to use",
    "5000 digits": "(5000 digits), too big to use",
    "lone surrogate": "not valid text (a broken encoding)",
    "bidi override": "changes the direction of the text (U+202E)",
    "long note": "please keep the note to 2,000 characters",
    "1000 deep": "nested far too deeply",
    "50 deep": "nested more deeply than an unbrace export is",
}


def test_an_import_file_over_the_size_limit_is_refused_unread(
    recorded: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 200 MB note: the size is checked before the file is read (a small limit stands in)."""
    from unbrace.core import limits

    out = tmp_path / "maria.json"
    recorded.ok("export", "--out", str(out))
    before = recorded.json("history")
    monkeypatch.setattr(limits, "MAX_IMPORT_BYTES", out.stat().st_size - 1)
    result = recorded.bad("import", str(out))
    assert "more than an unbrace export holds" in result.stderr
    assert recorded.json("history") == before


def test_broken_files_change_nothing(recorded: Cli, tmp_path: Path) -> None:
    out = tmp_path / "maria.json"
    recorded.ok("export", "--out", str(out))
    good = out.read_text(encoding="utf-8")
    before = (recorded.json("history"), recorded.json("profile", "list"))
    for name, path in _broken_files(good, tmp_path).items():
        for profile in ((), ("--profile", "Sam")):
            result = recorded.bad(*profile, "import", str(path))
            assert EXPECTED[name] in result.stderr, (name, result.stderr)
            assert str(path) in result.stderr
    recorded.bad("import", str(tmp_path / "missing.json"))
    assert (recorded.json("history"), recorded.json("profile", "list")) == before


def test_backup_is_named_by_time_in_the_current_folder(
    recorded: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = recorded.ok("backup")
    (made,) = tmp_path.glob("unbrace-backup-*.db")
    assert len(made.stem) == len("unbrace-backup-20261125-093000")
    assert f"Backed up to {made.name}" in result.stdout
    assert "profiles: Maria; 2 sessions, 3 check-ins" in result.stdout
    recorded.bad("backup", "--out", made.name)  # never overwritten


def test_backup_without_a_database_is_refused(cli: Cli, tmp_path: Path) -> None:
    result = cli.bad("backup", "--out", str(tmp_path / "b.db"))
    assert "no database yet" in result.stderr


def test_restore_asks_then_swaps_the_backup_in(recorded: Cli, tmp_path: Path) -> None:
    backup = tmp_path / "before.db"
    recorded.ok("backup", "--out", str(backup))
    before = recorded.json("history")
    recorded.ok(
        "checkin",
        *("--pain", "2", "--enjoyment", "2", "--activity", "2", "--no-input"),
        *("--date", "2026-11-04"),
    )
    no = recorded("restore", str(backup), input="n\n")
    assert no.exit_code == 1
    assert "It replaces the database at" in no.stdout and "4 check-ins" in no.stdout
    assert len(recorded.json("history")["checkins"]) == 4
    yes = recorded.ok("restore", str(backup), input="y\n")
    assert "Restored profiles: Maria; 2 sessions, 3 check-ins." in yes.stdout
    assert "kept as" in yes.stdout
    assert recorded.json("history") == before
    (safety,) = (tmp_path / "home").glob("unbrace.db.before-restore-*")
    assert safety.stat().st_size > 0


def test_restore_refuses_files_that_are_not_backups(recorded: Cli, tmp_path: Path) -> None:
    out = tmp_path / "maria.json"
    recorded.ok("export", "--out", str(out))
    before = recorded.json("history")
    result = recorded.bad("restore", str(out), "--yes")
    assert "is not a SQLite database" in result.stderr
    assert recorded.json("history") == before


def test_restore_into_an_empty_home(
    recorded: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = tmp_path / "b.db"
    recorded.ok("backup", "--out", str(backup))
    monkeypatch.setenv("UNBRACE_HOME", str(tmp_path / "new-computer"))
    recorded.ok("restore", str(backup), "--yes")
    assert len(recorded.json("history")["checkins"]) == 3
    assert [p["name"] for p in recorded.json("profile", "list")] == ["Maria"]


def test_a_broken_file_on_a_new_computer_creates_nothing(
    cli: Cli, tmp_path: Path, isolated_home: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "unbrace-export", "version": 1}', encoding="utf-8")
    result = cli.bad("import", str(broken))
    assert "exported_at is missing" in result.stderr
    assert not isolated_home.exists()
