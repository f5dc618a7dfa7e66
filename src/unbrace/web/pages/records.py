"""The daily check-in (`/checkin`) and everything logged so far (`/history`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from unbrace.core.errors import UnbraceError
from unbrace.store import repo
from unbrace.store.models import PracticeSession, Profile, utcnow
from unbrace.web import forms
from unbrace.web.deps import SessionDep
from unbrace.web.pages.base import FormDep, PersonDep, clock, local_today, redirect, render
from unbrace.web.pages.safety import safety_state

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


def checkin_context(
    db: Session, profile: Profile, values: dict[str, Any], *, saved: bool = False
) -> dict[str, Any]:
    from unbrace.core import ratings
    from unbrace.core.checkins import HABITS

    existing = repo.get_checkin(db, profile=profile, date=local_today())
    return {
        "values": values,
        "replace": existing is not None,
        "saved": saved,
        "today": local_today(),
        "habits": HABITS,
        "labels": FIELD_LABELS,
        "scales": {
            "pain": ratings.AVERAGE_PAIN,
            "enjoyment": ratings.ENJOYMENT,
            "activity": ratings.ACTIVITY,
            "worst": ratings.WORST,
            "stress": ratings.STRESS,
            "sleep": ratings.SLEEP,
        },
        "safety": safety_state(db, profile) if saved else None,
    }


@router.get("/checkin", response_class=HTMLResponse)
def checkin_form(
    request: Request, db: SessionDep, profile: PersonDep, saved: bool = False
) -> HTMLResponse:
    """The form, filled with today's answers when there are some (saving replaces them)."""
    existing = repo.get_checkin(db, profile=profile, date=local_today())
    values: dict[str, Any] = {}
    if existing is not None:
        values = {
            key: getattr(existing, key)
            for key in ("pain", "enjoyment", "activity", "worst", "stress", "sleep", "note")
        }
        values |= {"habits": list(existing.habits), "flare": existing.flare}
    return render(request, "checkin.html", checkin_context(db, profile, values, saved=saved))


@router.post("/checkin", response_class=HTMLResponse)
def checkin_save(request: Request, form: FormDep, db: SessionDep, profile: PersonDep) -> Response:
    parsed = forms.parse_checkin(form, today=local_today())
    if parsed.value is not None:
        replace = form.get("replace") == "1"
        try:
            repo.save_checkin(
                db, profile=profile, checkin=parsed.value, replace=replace, now=utcnow()
            )
        except UnbraceError:
            parsed.errors["form"] = SAME_DAY
        else:
            return redirect("/checkin?saved=1")
    context = checkin_context(db, profile, parsed.values)
    context["errors"] = parsed.errors
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
    }


@router.get("/history", response_class=HTMLResponse)
def history(
    request: Request, db: SessionDep, profile: PersonDep, everything: bool = False
) -> HTMLResponse:
    """The last few weeks, newest first; everything on request."""
    from unbrace.core.checkins import HABITS
    from unbrace.core.ratings import peg_score
    from unbrace.store.records import day_start

    since = None if everything else local_today() - dt.timedelta(days=RECENT_DAYS - 1)
    found = repo.list_sessions(db, profile=profile, since=day_start(since))
    sessions = [session_row(s) for s in found]
    checkins = [
        {
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
        for c in repo.list_checkins(db, profile=profile, since=since)
    ]
    context = {
        "sessions": sessions[::-1],
        "checkins": checkins[::-1],
        "everything": everything,
        "days": RECENT_DAYS,
    }
    return render(request, "history.html", context)
