"""The daily check-in (`/checkin`) and everything logged so far (`/history`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from unbrace.core.counting import NOT_COUNTED, SHORT_MARK, counts
from unbrace.core.errors import UnbraceError
from unbrace.usecases import checkins, sessions
from unbrace.usecases.entities import CheckInRecord, PracticeSession, Profile
from unbrace.usecases.unit_of_work import Db as Session
from unbrace.web import forms
from unbrace.web.deps import FreshSessions, SessionDep, now
from unbrace.web.pages.base import (
    FormDep,
    PersonDep,
    clock,
    local_today,
    not_found,
    redirect,
    render,
)
from unbrace.web.pages.safety import SafetyState, safety_state

if TYPE_CHECKING:
    from unbrace.core.ratings import Scale

router = APIRouter()
# History shows this many days unless asked for everything.
RECENT_DAYS = 14

STATUS_WORDS = {
    "completed": "Completed",
    "stopped": "Stopped early",
    "in_progress": "In progress",
}
FIELD_LABELS = {
    "pain": "Pain",
    "enjoyment": "Enjoyment",
    "activity": "Activity",
    "worst": "Worst pain",
    "stress": "Stress",
    "sleep": "Sleep",
    "habits": "Habits",
    "note": "Note",
    "date": "Day",
}
SAME_DAY = "There is already a check-in for this day. Tick 'Replace it' to save this one instead."


# --- check-in -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInView:
    """Everything checkin.html reads: the form (new, replacing today's, or correcting a day
    from History) or the thank-you after saving."""

    values: Mapping[str, Any]
    replace: bool
    today: dt.date
    habits: Mapping[str, str]
    labels: Mapping[str, str]
    scales: Mapping[str, Scale]
    saved: bool = False
    safety: SafetyState | None = None  # after saving: whether the questions are due
    editing: dt.date | None = None  # correcting that day's check-in from History
    errors: Mapping[str, str] = field(default_factory=dict)


def checkin_context(
    db: Session, profile: Profile, values: Mapping[str, Any], *, saved: bool = False
) -> CheckInView:
    from unbrace.core import ratings
    from unbrace.core.checkins import HABITS

    existing = checkins.saved_answers(db, profile=profile, day=local_today())
    return CheckInView(
        values=values,
        replace=existing is not None,
        saved=saved,
        today=local_today(),
        habits=HABITS,
        labels=FIELD_LABELS,
        scales={
            "pain": ratings.AVERAGE_PAIN,
            "enjoyment": ratings.ENJOYMENT,
            "activity": ratings.ACTIVITY,
            "worst": ratings.WORST,
            "stress": ratings.STRESS,
            "sleep": ratings.SLEEP,
        },
        safety=safety_state(db, profile) if saved else None,
    )


@router.get("/checkin", response_class=HTMLResponse)
def checkin_form(
    request: Request, db: SessionDep, profile: PersonDep, saved: bool = False
) -> HTMLResponse:
    """The form, filled with today's answers when there are some (saving replaces them)."""
    existing = checkins.saved_answers(db, profile=profile, day=local_today())
    values = existing.form_values() if existing is not None else {}
    return render(request, "checkin.html", checkin_context(db, profile, values, saved=saved))


@router.post("/checkin", response_class=HTMLResponse)
def checkin_save(request: Request, form: FormDep, db: SessionDep, profile: PersonDep) -> Response:
    parsed = forms.parse_checkin(form, today=local_today())
    if parsed.value is not None:
        replace = form.get("replace") == "1"
        try:
            checkins.check_in(
                db,
                profile=profile,
                checkin=parsed.value,
                replace=replace,
                now=now(),
                today=local_today(),
            )
        except UnbraceError:
            parsed.errors["form"] = SAME_DAY
        else:
            if form.get("back") == "history":
                return redirect("/history?changed=saved")
            return redirect("/checkin?saved=1")
    context = dataclasses.replace(checkin_context(db, profile, parsed.values), errors=parsed.errors)
    status = 409 if "form" in parsed.errors else 422
    return render(request, "checkin.html", context, status=status)


# --- history --------------------------------------------------------------------------------


def session_row(record: PracticeSession) -> dict[str, Any]:
    return {
        "id": record.id,
        "title": record.practice_title,
        "when": record.started_at.astimezone(),
        "minutes": record.minutes,
        "practised": clock(record.seconds),
        "status": record.status,
        "status_words": STATUS_WORDS.get(record.status, record.status),
        "flare": record.flare,
        "pain_before": record.pain_before,
        "pain_after": record.pain_after,
        "vivid_visual": record.vivid_visual,
        "vivid_body": record.vivid_body,
        "note": record.note,
        "counted": counts(record.seconds),
    }


@dataclass(frozen=True)
class HistoryView:
    """Everything history.html reads: sessions and check-ins newest first, how far back, and
    what counts as practice (so a short session kept here is not a surprise on Today)."""

    sessions: Sequence[Mapping[str, Any]]
    checkins: Sequence[Mapping[str, Any]]
    everything: bool
    days: int
    changed: str | None  # after a correction or a deletion
    not_counted: str = NOT_COUNTED
    short_mark: str = SHORT_MARK


@router.get("/history", response_class=HTMLResponse, dependencies=[FreshSessions])
def history(
    request: Request,
    db: SessionDep,
    profile: PersonDep,
    everything: bool = False,
    changed: str = "",
) -> HTMLResponse:
    """The last few weeks, newest first; everything on request."""
    from unbrace.core.checkins import HABITS
    from unbrace.core.ratings import peg_score
    from unbrace.usecases.records import day_start

    since = None if everything else local_today() - dt.timedelta(days=RECENT_DAYS - 1)
    found = sessions.list_sessions(db, profile=profile, since=day_start(since))
    session_rows = [session_row(s) for s in found]
    checkin_rows = [
        {
            "id": c.id,
            "date": c.date,
            "pain": c.pain,
            "peg": peg_score(c.pain, c.enjoyment, c.activity),
            "worst": c.worst,
            "stress": c.stress,
            "sleep": c.sleep,
            "habits": [HABITS[h] for h in c.habits if h in HABITS],
            "flare": c.flare,
            "note": c.note,
        }
        for c in checkins.list_checkins(db, profile=profile, since=since)
    ]
    view = HistoryView(
        sessions=session_rows[::-1],
        checkins=checkin_rows[::-1],
        everything=everything,
        days=RECENT_DAYS,
        changed={"saved": "Your correction is saved.", "deleted": "Deleted."}.get(changed),
    )
    return render(request, "history.html", view)


# --- correcting a mistake -------------------------------------------------------------------

RECORD_WORDS = {"session": "session", "checkin": "check-in"}
SESSION_LABELS = {
    "pain_before": "Pain before",
    "pain_after": "Pain after",
    "vivid_visual": "Seeing",
    "vivid_body": "Feeling",
    "note": "Note",
}


def _session_scales() -> dict[str, Any]:
    from unbrace.core import ratings

    return {
        "pain_before": ratings.Scale("pain before", 0, 10, "Your pain before this session"),
        "pain_after": ratings.Scale("pain after", 0, 10, "Your pain after this session"),
        "vivid_visual": ratings.VIVID_VISUAL,
        "vivid_body": ratings.VIVID_BODY,
    }


def _kind(kind: str) -> Any:
    from unbrace.usecases import history as usecase

    if kind not in RECORD_WORDS:
        raise HTTPException(status_code=404, detail="There is no such kind of record.")
    return usecase.Kind(kind)


@dataclass(frozen=True)
class DeleteView:
    """What record_delete.html reads: which record, said in words, before it is deleted."""

    kind: str
    record_id: int
    words: str
    summary: str


@router.get("/history/{kind}/{record_id}/delete", response_class=HTMLResponse)
def delete_page(
    request: Request, kind: str, record_id: int, db: SessionDep, profile: PersonDep
) -> HTMLResponse:
    """Asks before deleting: what the record is, and that deleting cannot be undone."""
    from unbrace.usecases import history as usecase

    try:
        found = usecase.find_record(db, profile=profile, kind=_kind(kind), record_id=record_id)
    except UnbraceError as exc:
        return not_found(request, str(exc))
    view = DeleteView(
        kind=kind,
        record_id=record_id,
        words=RECORD_WORDS[kind],
        summary=found.summary[:1].upper() + found.summary[1:] + ".",
    )
    return render(request, "record_delete.html", view)


@router.post("/history/{kind}/{record_id}/delete", response_class=HTMLResponse)
def delete_record(
    request: Request, kind: str, record_id: int, db: SessionDep, profile: PersonDep
) -> Response:
    from unbrace.usecases import history as usecase

    try:
        usecase.delete_record(db, profile=profile, kind=_kind(kind), record_id=record_id)
    except UnbraceError as exc:
        return not_found(request, str(exc))
    return redirect("/history?changed=deleted")


@router.get("/history/checkin/{record_id}/edit", response_class=HTMLResponse)
def checkin_edit(
    request: Request, record_id: int, db: SessionDep, profile: PersonDep
) -> HTMLResponse:
    """The check-in form, filled with that day's answers; saving replaces them."""
    record = db.get(CheckInRecord, record_id)
    if record is None or record.profile_id != profile.id:
        return not_found(request, f"There is no check-in {record_id}.")
    values: dict[str, Any] = {
        key: getattr(record, key)
        for key in ("pain", "enjoyment", "activity", "worst", "stress", "sleep", "note")
    }
    values |= {"habits": list(record.habits), "flare": record.flare}
    view = checkin_context(db, profile, values)
    view = dataclasses.replace(view, replace=True, today=record.date, editing=record.date)
    return render(request, "checkin.html", view)


@router.get("/history/session/{record_id}/edit", response_class=HTMLResponse)
def session_edit(
    request: Request, record_id: int, db: SessionDep, profile: PersonDep
) -> HTMLResponse:
    from unbrace.usecases import history as usecase

    try:
        found = usecase.find_record(
            db, profile=profile, kind=usecase.Kind.SESSION, record_id=record_id
        )
    except UnbraceError as exc:
        return not_found(request, str(exc))
    record = db.get(PracticeSession, record_id)
    assert record is not None
    values = {key: getattr(record, key) for key in SESSION_LABELS}
    return render(request, "session_edit.html", _session_context(record_id, found, values))


@dataclass(frozen=True)
class SessionEditView:
    """Everything session_edit.html reads: a past session's ratings and note, to correct."""

    record_id: int
    summary: str
    values: Mapping[str, Any]
    labels: Mapping[str, str]
    scales: Mapping[str, Scale]
    errors: Mapping[str, str] = field(default_factory=dict)


def _session_context(
    record_id: int,
    found: Any,
    values: Mapping[str, Any],
    errors: Mapping[str, str] | None = None,
) -> SessionEditView:
    return SessionEditView(
        record_id=record_id,
        summary=found.summary[:1].upper() + found.summary[1:] + ".",
        values=values,
        labels=SESSION_LABELS,
        scales=_session_scales(),
        errors=errors or {},
    )


@router.post("/history/session/{record_id}/edit", response_class=HTMLResponse)
def session_save(
    request: Request, record_id: int, form: FormDep, db: SessionDep, profile: PersonDep
) -> Response:
    from unbrace.core import ratings
    from unbrace.usecases import history as usecase

    try:
        found = usecase.find_record(
            db, profile=profile, kind=usecase.Kind.SESSION, record_id=record_id
        )
    except UnbraceError as exc:
        return not_found(request, str(exc))
    read = forms.Reader(form)
    changes = usecase.SessionChanges(
        pain_before=read.rating("pain_before", ratings.PAIN, required=False),
        pain_after=read.rating("pain_after", ratings.PAIN, required=False),
        vivid_visual=read.rating("vivid_visual", ratings.VIVID_VISUAL, required=False),
        vivid_body=read.rating("vivid_body", ratings.VIVID_BODY, required=False),
        note=read.text("note", limit=forms.MAX_NOTE),
    )
    if not read.errors:
        try:
            usecase.edit_session(
                db, profile=profile, record_id=record_id, changes=changes, now=now()
            )
        except UnbraceError as exc:
            read.errors["form"] = str(exc)
        else:
            return redirect("/history?changed=saved")
    context = _session_context(record_id, found, read.values, read.errors)
    return render(request, "session_edit.html", context, status=422)
