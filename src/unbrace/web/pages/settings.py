"""Settings (`/settings`): the person's own words, breath pace, colours, spoken guidance,
the safety questions, and a copy of their records to download. Spoken guidance is kept in the
browser (voices differ by device)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from unbrace.usecases import profiles
from unbrace.usecases.entities import Profile
from unbrace.usecases.sessions import breath_pace
from unbrace.usecases.unit_of_work import Db as Session
from unbrace.web import forms
from unbrace.web.deps import SessionDep
from unbrace.web.pages.base import (
    THEME_COOKIE,
    THEMES,
    FormDep,
    PersonDep,
    redirect,
    render,
)
from unbrace.web.pages.safety import SafetyState, safety_state

if TYPE_CHECKING:
    from unbrace.core.session import BreathBounds

router = APIRouter()
ONE_YEAR = 365 * 86400


@dataclass(frozen=True)
class SettingsView:
    """Everything settings.html reads. `section` names the form shown again with its problems
    (its `values` and `errors`); the other forms show what is stored."""

    details: Mapping[str, str]
    breath: Mapping[str, str]
    bounds: BreathBounds
    safety: SafetyState
    name: str
    section: str | None = None
    saved: str | None = None
    screened: bool = False
    values: Mapping[str, Any] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)
    imported: int | None = None  # records added from a file just read in


def settings_context(
    db: Session,
    profile: Profile,
    *,
    section: str | None = None,
    saved: str | None = None,
    screened: bool = False,
    values: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None,
    imported: int | None = None,
) -> SettingsView:
    from unbrace.core.session import breath_bounds

    personal = profiles.personal_for(db, profile=profile)
    pace = breath_pace(profile)
    return SettingsView(
        details={
            "movement": personal.movement,
            "easier": personal.easier_movement,
            "scene": personal.scene,
            "anchor": personal.anchor,
        },
        breath={"inhale": f"{pace.inhale:g}", "exhale": f"{pace.exhale:g}"},
        bounds=breath_bounds(),
        safety=safety_state(db, profile),
        name=profile.name,
        section=section,
        saved=saved,
        screened=screened,
        values=values or {},
        errors=errors or {},
        imported=imported,
    )


@router.get("/settings", response_class=HTMLResponse)
def settings_page(
    request: Request,
    db: SessionDep,
    profile: PersonDep,
    saved: str | None = None,
    screened: bool = False,
    imported: int | None = None,
) -> HTMLResponse:
    context = settings_context(db, profile, saved=saved, screened=screened, imported=imported)
    return render(request, "settings.html", context)


@router.post("/settings/details", response_class=HTMLResponse)
def save_details(request: Request, form: FormDep, db: SessionDep, profile: PersonDep) -> Response:
    parsed = forms.parse_details(form)
    if parsed.value is None:
        context = settings_context(
            db, profile, section="details", values=parsed.values, errors=parsed.errors
        )
        return render(request, "settings.html", context, status=422)
    from unbrace.usecases.profiles import update_preferences

    details = parsed.value
    # The first movement (the one practices use) changes; any others are kept.
    has_movement = bool(details.movement or profiles.feared_movements(db, profile=profile))
    update_preferences(
        db,
        profile=profile,
        movement=details.movement if has_movement else None,
        easier=details.easier if has_movement else None,
        scene=details.scene,
        anchor=details.anchor,
    )
    return redirect("/settings?saved=details#details")


@router.post("/settings/breath", response_class=HTMLResponse)
def save_breath(request: Request, form: FormDep, db: SessionDep, profile: PersonDep) -> Response:
    parsed = forms.parse_breath(form)
    if parsed.value is None:
        context = settings_context(
            db, profile, section="breath", values=parsed.values, errors=parsed.errors
        )
        return render(request, "settings.html", context, status=422)
    from unbrace.usecases.profiles import update_preferences

    inhale, exhale = parsed.value
    update_preferences(db, profile=profile, breath_in=inhale, breath_out=exhale)
    return redirect("/settings?saved=breath#breath")


@router.post("/settings/theme")
def save_theme(form: FormDep, profile: PersonDep) -> RedirectResponse:
    """Light, dark or the device's own choice: a cookie, so even the first paint is right."""
    theme = str(form.get("theme", "system"))
    response = redirect("/settings?saved=theme#theme")
    response.set_cookie(
        THEME_COOKIE,
        theme if theme in THEMES else "system",
        max_age=ONE_YEAR,
        samesite="lax",
        httponly=True,
    )
    return response


# --- your records, to keep or to move ------------------------------------------------------

EXPORTS = {  # the address's ending: the file's media type
    "json": "application/json",
    "zip": "application/zip",
}


@router.get("/settings/export.{kind}")
def export_records(kind: str, db: SessionDep, profile: PersonDep) -> Response:
    """Every record of this profile as a download: JSON (what import reads back) or the CSV
    tables in one zip, the same files as `unbrace export --format json|csv`."""
    from unbrace.transfer import exports
    from unbrace.transfer.exchange import build_document

    if kind not in EXPORTS:
        raise HTTPException(status_code=404, detail="There is no such download.")
    document = build_document(db, profile=profile)
    if kind == "json":
        body = exports.json_bytes(document.model_dump(mode="json"))
    else:
        stamp = document.exported_at
        when = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
        body = exports.zip_bytes(exports.csv_tables(document), stamp=when)
    filename = f"unbrace-{document.exported_at.date().isoformat()}.{kind}"
    return Response(
        body,
        media_type=EXPORTS[kind],
        headers={
            "Cache-Control": "no-store",
            "Content-Disposition": f'attachment; filename="{filename}"',
        },
    )


@router.post("/settings/import", response_class=HTMLResponse)
def import_records(request: Request, form: FormDep, db: SessionDep, profile: PersonDep) -> Response:
    """A JSON export read back into this profile (`unbrace import`): the whole file is checked
    before anything is added, records already here are kept, and nothing is overwritten."""
    from starlette.datastructures import UploadFile

    from unbrace.core import limits
    from unbrace.core.errors import UnbraceError
    from unbrace.transfer.document import read_document
    from unbrace.transfer.importing import import_profile

    upload = form.get("file")
    raw, name = b"", ""
    if isinstance(upload, UploadFile):
        try:
            raw, name = upload.file.read(limits.MAX_IMPORT_BYTES + 1), upload.filename or ""
        finally:
            upload.file.close()  # the form's spooled copy, read once
    try:
        if not name:
            raise UnbraceError("Please choose a file made by unbrace's download (a .json file).")
        document = read_document(raw, source=name)
        counts = import_profile(db, document=document, profile=profile)
    except UnbraceError as exc:
        context = settings_context(db, profile, section="records", errors={"file": str(exc)})
        return render(request, "settings.html", context, status=422)
    added = sum(count for kind, count in counts.items() if kind != "conflicts")
    return redirect(f"/settings?imported={added}#records")
