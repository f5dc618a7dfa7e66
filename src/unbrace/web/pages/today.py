"""Today (`/`): a greeting, one practice for now, the check-in, and the week so far.
Before anyone is set up, the same address shows the short welcome form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from unbrace.core.practices import Library
from unbrace.store.models import Profile, utcnow
from unbrace.web import forms
from unbrace.web.deps import (
    LibraryDep,
    OptionalProfileDep,
    SessionDep,
    SettingsDep,
    cached_view,
)
from unbrace.web.pages.base import FormDep, local_now, onboarded, redirect, render
from unbrace.web.pages.safety import question_labels, safety_state, summary

router = APIRouter()


def greeting(at: dt.datetime) -> str:
    return "Good morning" if at.hour < 12 else "Good afternoon" if at.hour < 18 else "Good evening"


def today_view(db: Session, library: Library, profile: Profile) -> dict[str, Any]:
    """What `unbrace today` shows, arranged for the page: one suggestion, the week as days."""
    from unbrace.store.today import today_data

    now = local_now()
    data = today_data(db, profile=profile, library=library, day=now.date(), at=now)
    last = data["last_checkin"]
    week = data["week"]
    days = []
    for item in week["days"]:
        day = dt.date.fromisoformat(item["date"])
        days.append(
            {
                "name": day.strftime("%a"),
                "long": day.strftime("%A"),
                "practised": item["practised"],
                "today": day == now.date(),
                "future": day > now.date(),
            }
        )
    return {
        "greeting": greeting(now),
        "name": profile.name,
        "flare": data["flare"],
        "suggestion": data["suggestions"][0] if data["suggestions"] else None,
        "checked_in": bool(last and last["date"] == data["date"]),
        "days": days,
        "days_practised": week["days_practised"],
        "minutes": round(week["minutes"]),
        "safety": safety_state(db, profile),
        "streak": data.get("streak"),
    }


def ladder_nudges(db: Session, profile: Profile) -> list[dict[str, str]]:
    """A gentle line for each ladder step that is due or follow-up that is open, with a link."""
    from unbrace.usecases.ladder import nudges

    links = {
        "follow_up": "/ladder/try/{attempt}#next-day",
        "finish": "/ladder/try/{attempt}",
        "step": "/ladder/{ladder}",
        "rate": "/ladder/{ladder}/rate",
    }
    return [
        {
            "kind": nudge.kind,
            "sentence": nudge.sentence,
            "href": links[nudge.kind].format(ladder=nudge.ladder_id, attempt=nudge.attempt_id),
        }
        for nudge in nudges(db, profile=profile, now=utcnow())
    ]


def welcome_context(
    values: dict[str, Any], errors: dict[str, str] | None = None, *, name_fixed: bool = False
) -> dict[str, Any]:
    from unbrace.core.safety import DISCLAIMER, screen

    labels = {"name": "Your name", "movement": "Movement", "scene": "Place", "anchor": "Habit"}
    return {
        "values": values,
        "errors": errors or {},
        "labels": labels | question_labels(),
        "summary": summary(errors or {}),
        "flags": screen().flags,
        "disclaimer": DISCLAIMER,
        "name_fixed": name_fixed,
    }


@router.get("/", response_class=HTMLResponse)
def today(
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    library: LibraryDep,
    profile: OptionalProfileDep,
    welcome: bool = False,
) -> HTMLResponse:
    # Whether the person is set up changes only with the data, as the view below does.
    if profile is None or not cached_view(
        request, ("onboarded", profile.id), lambda: onboarded(db, profile)
    ):
        # Someone added in the terminal (or named by UNBRACE_PROFILE) keeps that name.
        name = profile.name if profile else (settings.profile or "")
        context = welcome_context({"name": name}, name_fixed=bool(name))
        return render(request, "welcome.html", context)
    # The same data, hour and practices give the same view: computed once per change.
    now = local_now()
    key = ("today", profile.id, now.date(), now.hour, id(library))
    context = cached_view(request, key, lambda: today_view(db, library, profile))
    # Ladder nudges depend on the time as well as the data (a next-day question opens half a
    # day after a try), so they are worked out on every visit.
    ladder = ladder_nudges(db, profile)
    return render(request, "today.html", context | {"welcome": welcome, "ladder": ladder})


@router.post("/welcome", response_class=HTMLResponse)
def welcome(
    request: Request,
    form: FormDep,
    db: SessionDep,
    settings: SettingsDep,
    profile: OptionalProfileDep,
) -> Response:
    """Create the profile with the person's words and answers; any yes stops at the advice."""
    from unbrace.core.safety import screen
    from unbrace.store.profiles import onboard

    fixed = profile.name if profile else settings.profile
    parsed = forms.parse_onboarding(form, screen().ids(), name=fixed)
    if parsed.value is None:
        context = welcome_context(parsed.values, parsed.errors, name_fixed=bool(fixed))
        return render(request, "welcome.html", context, status=422)
    answers = parsed.value
    onboard(
        db,
        name=answers.name,
        movements=[answers.movement] if answers.movement else None,
        scene=answers.scene or None,
        anchor=answers.anchor or None,
        positive=answers.positive,
        now=utcnow(),
    )
    return redirect("/safety/advice" if answers.positive else "/?welcome=1")
