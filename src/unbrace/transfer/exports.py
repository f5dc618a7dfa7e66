"""Export files in open formats: CSV tables, the JSON document, and a FHIR R4 Bundle.

All three are written from the document of ``transfer/exchange.export_profile``, so they always
agree with each other. Files hold private health data: each is created readable by its owner
only (0600), and replaces any earlier file in one step so a reader never sees half of one.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from unbrace.core.errors import UnbraceError
from unbrace.core.ratings import peg_score
from unbrace.files import private_folder, write_private
from unbrace.transfer.document import ExportDocument

FORMATS = ("csv", "json", "fhir")

# Each table's columns, in order. Sessions are numbered 1, 2, ... in the export so that
# session_steps.csv can point at them without the database's own ids.
TABLES: dict[str, tuple[str, ...]] = {
    "profile.csv": ("name", "breath_in", "breath_out", "streaks", "scene", "anchor"),
    "checkins.csv": (
        "date",
        "pain",
        "enjoyment",
        "activity",
        "peg",
        "worst",
        "stress",
        "sleep",
        "habits",
        "flare",
        "note",
        "created_at",
        "updated_at",
    ),
    "sessions.csv": (
        "session",
        "practice_id",
        "practice_title",
        "minutes",
        "started_at",
        "ended_at",
        "updated_at",
        "seconds",
        "status",
        "flare",
        "pain_before",
        "pain_after",
        "vivid_visual",
        "vivid_body",
        "note",
    ),
    "session_steps.csv": (
        "session",
        "position",
        "step_id",
        "planned_seconds",
        "seconds",
        "done",
        "skipped",
    ),
    "safety_screens.csv": ("taken_at", "reason", "positive", "urgency", "seen_clinician_at"),
    "scripts.csv": ("name", "version", "score", "created_at", "text"),
    "feared_movements.csv": ("rank", "text", "easier"),
    # The ladder: one row per step (with its ladder), per threat rating and per try; "ladder"
    # and "step" number them as in the export, gentlest step first.
    "ladder_steps.csv": (
        "ladder",
        "movement",
        "step",
        "text",
        "kind",
        "current",
        "created_at",
        "days",
        "paused_at",
    ),
    "threat_ratings.csv": ("ladder", "step", "rated_at", "threat"),
    "ladder_attempts.csv": (
        "ladder",
        "step",
        "started_at",
        "flare",
        "expected_pain",
        "expected_harm",
        "fear",
        "feared_outcome",
        "done_at",
        "actual_pain",
        "prediction_error",
        "outcome",
        "new_symptom",
        "surprise",
        "followed_up_at",
        "next_day_pain",
    ),
}


def write_export(document: Mapping[str, Any], *, fmt: str, out: Path) -> list[Path]:
    """Write ``document`` as ``fmt`` to ``out``; returns the files written."""
    if fmt not in FORMATS:
        raise UnbraceError(f"Choose a format: csv, json or fhir (not {fmt!r}).")
    if fmt == "json":
        _check_file_target(out, example="my-data.json")
        write_private(out, json_bytes(document))
        return [out]
    parsed = ExportDocument.model_validate(document)
    if fmt == "fhir":
        from unbrace.transfer.fhir import fhir_json

        _check_file_target(out, example="my-data.fhir.json")
        write_private(out, fhir_json(parsed).encode("utf-8"))
        return [out]
    tables = csv_tables(parsed)
    if out.suffix.lower() == ".zip":
        _check_file_target(out, example="my-data.zip")
        stamp = parsed.exported_at
        when = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
        write_private(out, zip_bytes(tables, stamp=when))
        return [out]
    return write_folder(tables, out)


def json_bytes(document: Mapping[str, Any]) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# --- CSV ------------------------------------------------------------------------------


def csv_tables(document: ExportDocument) -> dict[str, str]:
    """Each table as CSV text: a header row, then plain values (see ``cell``)."""
    personal = document.personal
    profile = {
        **document.profile.model_dump(mode="json"),
        "scene": personal.scene if personal else "",
        "anchor": personal.anchor if personal else "",
    }
    checkins = [
        {
            **item.model_dump(mode="json"),
            "peg": peg_score(item.pain, item.enjoyment, item.activity),
        }
        for item in document.checkins
    ]
    sessions = [
        {"session": number, **item.model_dump(mode="json", exclude={"steps"})}
        for number, item in enumerate(document.sessions, start=1)
    ]
    steps = [
        {"session": number, **step.model_dump(mode="json")}
        for number, item in enumerate(document.sessions, start=1)
        for step in item.steps
    ]
    rows: dict[str, Iterable[Mapping[str, Any]]] = {
        "profile.csv": [profile],
        "checkins.csv": checkins,
        "sessions.csv": sessions,
        "session_steps.csv": steps,
        "safety_screens.csv": [item.model_dump(mode="json") for item in document.safety_screens],
        "scripts.csv": [item.model_dump(mode="json") for item in document.scripts],
        "feared_movements.csv": [
            {"rank": rank, **item.model_dump(mode="json")}
            for rank, item in enumerate(document.feared_movements, start=1)
        ],
    }
    rows.update(ladder_rows(document))
    return {name: _csv_text(TABLES[name], rows[name]) for name in TABLES}


def ladder_rows(document: ExportDocument) -> dict[str, list[dict[str, Any]]]:
    steps, ratings, attempts = [], [], []
    for number, ladder in enumerate(document.ladders, start=1):
        for position, step in enumerate(ladder.steps, start=1):
            keys = {"ladder": number, "step": position}
            steps.append(
                {
                    **keys,
                    "movement": ladder.movement,
                    **step.model_dump(mode="json", exclude={"ratings", "attempts"}),
                    "days": ladder.days,
                    "paused_at": ladder.paused_at.isoformat() if ladder.paused_at else None,
                }
            )
            ratings += [{**keys, **item.model_dump(mode="json")} for item in step.ratings]
            for item in step.attempts:
                error = None if item.actual_pain is None else item.actual_pain - item.expected_pain
                attempts.append({**keys, **item.model_dump(mode="json"), "prediction_error": error})
    return {
        "ladder_steps.csv": steps,
        "threat_ratings.csv": ratings,
        "ladder_attempts.csv": attempts,
    }


# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV Injection":
# =, +, -, @, tab and carriage return). defusedcsv was judged and not used: it leaves tab and
# carriage return alone and rewrites every "|" inside the text, changing a person's words.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def cell(value: Any) -> str:
    """A plain CSV value: empty for missing, true/false, lists joined with ';'.

    Numbers are written as numbers (a negative one too). Text that a spreadsheet would run as
    a formula gets a leading apostrophe, which spreadsheets show as plain text; the JSON
    export keeps every word exactly.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return neutralise(";".join(str(item) for item in value))
    return neutralise(str(value))


def neutralise(text: str) -> str:
    """Text a spreadsheet will show, never run: ``'=HYPERLINK(...)`` instead of a link."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row[column]) for column in columns])
    return buffer.getvalue()


def zip_bytes(tables: Mapping[str, str], *, stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """The tables in one zip; every entry dated at the export time, so one export is one file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in tables.items():
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            archive.writestr(entry, text.encode("utf-8"))
    return buffer.getvalue()


def write_folder(tables: Mapping[str, str], folder: Path) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise UnbraceError(
            f"{folder} is a file. For CSV, give a folder, or a file name ending in .zip."
        )
    if not folder.exists():
        if not folder.parent.is_dir():
            raise UnbraceError(f"There is no folder {folder.parent} to put {folder.name} in.")
        private_folder(folder)
    written = []
    for name, text in tables.items():
        write_private(folder / name, text.encode("utf-8"))
        written.append(folder / name)
    return written


# --- files ----------------------------------------------------------------------------


def _check_file_target(out: Path, *, example: str) -> None:
    if out.is_dir():
        raise UnbraceError(f"{out} is a folder; give a file name, like {example}.")
    if not out.parent.is_dir():
        raise UnbraceError(f"There is no folder {out.parent} to save {out.name} in.")
