"""Moving one profile's records out as a JSON document, and back in without duplicates.

``export_profile`` writes everything recorded for a person in the format of
``transfer/document.py``. ``import_profile`` checks a whole document first and only then
writes, adding only what is not already stored: a record is the same when its natural key
matches (a check-in's day, a session's start and practice, a screen's time, a script's name and
version, a feared movement's words). When the stored record under that key differs from the
file's, the stored one is kept and counted as a conflict, so an import never overwrites.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy.orm import Session

from unbrace.store import checkin_repo, profile_repo, screen_repo, script_repo, session_repo
from unbrace.store import ladder_repo as ladders
from unbrace.store.models import (
    Profile,
    utcnow,
)
from unbrace.transfer.document import (
    FORMAT,
    VERSION,
    ExportDocument,
    ProfileData,
    describe,
)
from unbrace.transfer.importing import KINDS as KINDS
from unbrace.transfer.importing import import_profile as import_profile
from unbrace.transfer.rows import (
    checkin_data,
    ladder_data,
    movement_data,
    personal_data,
    screen_data,
    script_data,
    session_data,
)

Row = TypeVar("Row")
Data = TypeVar("Data")


def export_profile(
    db: Session,
    *,
    profile: Profile,
    now: dt.datetime | None = None,
    left_out: list[str] | None = None,
) -> dict[str, Any]:
    """Every record of ``profile`` as a JSON-ready document (times in UTC, ISO 8601).

    A stored record that the export format refuses (an infinite duration or a day in year 1,
    let in by an older unbrace) is left out, and described in ``left_out`` when it is given:
    the rest still exports, and the file imports again.
    """
    return build_document(db, profile=profile, now=now, left_out=left_out).model_dump(mode="json")


def _sound(
    rows: Iterable[Row], convert: Callable[[Row], Data], what: str, left_out: list[str] | None
) -> list[Data]:
    kept: list[Data] = []
    for row in rows:
        try:
            kept.append(convert(row))
        except ValidationError as exc:
            if left_out is not None:
                left_out.append(f"{what}: its {describe(exc)}")
    return kept


def build_document(
    db: Session,
    *,
    profile: Profile,
    now: dt.datetime | None = None,
    left_out: list[str] | None = None,
) -> ExportDocument:
    # The profile's own creation time is left out: it decides which profile is the default
    # on this computer, and an import must not change that on another one.
    details = profile_repo.details_of(db, profile=profile)
    return ExportDocument(
        format=FORMAT,
        version=VERSION,
        exported_at=now or utcnow(),
        profile=ProfileData(
            name=profile.name,
            breath_in=profile.breath_in,
            breath_out=profile.breath_out,
            streaks=profile.streaks,
        ),
        personal=next(
            iter(_sound([details] if details else [], personal_data, "your details", left_out)),
            None,
        ),
        feared_movements=_sound(
            profile_repo.movement_rows(db, profile=profile),
            movement_data,
            "a feared movement",
            left_out,
        ),
        sessions=_sound(
            session_repo.sessions_with_steps(db, profile=profile),
            session_data,
            "a session",
            left_out,
        ),
        checkins=_sound(
            checkin_repo.list_checkins(db, profile=profile), checkin_data, "a check-in", left_out
        ),
        safety_screens=_sound(
            screen_repo.all_screens(db, profile=profile), screen_data, "a safety screen", left_out
        ),
        scripts=_sound(
            script_repo.all_versions(db, profile=profile), script_data, "a script", left_out
        ),
        ladders=_sound(
            ladders.list_ladders(db, profile=profile), ladder_data, "a ladder", left_out
        ),
    )
