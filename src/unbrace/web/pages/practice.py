"""The practice library (`/practices`) and the session player (`/session/{id}`).

The player page carries the personalised plan in a data attribute, so it can show the script
without JavaScript and start at once with it; the session itself is started, saved and
finished through the JSON API by ``static/player.js``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from unbrace.core.errors import UnbraceError
from unbrace.store import repo
from unbrace.store.models import Profile
from unbrace.web.deps import LibraryDep, SessionDep
from unbrace.web.pages.base import PersonDep, breath_pace, local_today, not_found, render
from unbrace.web.pages.safety import safety_state

if TYPE_CHECKING:
    from unbrace.core.practices import Library, Practice
    from unbrace.core.session import Plan

router = APIRouter()
MAX_SPEED = 10_000.0


def plan_json(plan: Plan) -> dict[str, Any]:
    """The plan in the shape of ``GET /api/v1/practices/{id}``."""
    return {
        "id": plan.practice_id,
        "title": plan.title,
        "minutes": plan.minutes,
        "pace": {"inhale": plan.pace.inhale, "exhale": plan.pace.exhale},
        "steps": [
            {
                "id": step.id,
                "title": step.title,
                "text": step.text,
                "cue": step.cue,
                "breath": step.breath,
                "seconds": round(step.seconds, 2),
            }
            for step in plan.steps
        ],
    }


def practice_plan(
    db: Session, library: Library, profile: Profile, key: str, minutes: int | None
) -> tuple[Practice, Plan, bool]:
    """The practice (or the person's script, ``script:NAME``), its personalised plan for
    ``minutes`` or its usual length, and whether today is a flare day (then shorter, with the
    movement at an easier step)."""
    from unbrace.core.session import validate_minutes
    from unbrace.store.practices import resolve_practice
    from unbrace.store.sessions import flare_day, personal_plan

    if minutes is not None:
        validate_minutes(minutes)
    practice = resolve_practice(db, library=library, profile=profile, practice_id=key)
    flare = flare_day(db, profile=profile, day=local_today())
    plan = personal_plan(db, profile=profile, practice=practice, minutes=minutes, flare=flare)
    return practice, plan, flare


@router.get("/practices", response_class=HTMLResponse)
def practices(
    request: Request, db: SessionDep, library: LibraryDep, profile: PersonDep
) -> HTMLResponse:
    from unbrace.core.session import plan_session

    personal = repo.personal_for(db, profile=profile)
    pace = breath_pace(profile)
    cards = [
        {"practice": item, "plan": plan_session(item, item.default_minutes, personal, pace=pace)}
        for item in library
    ]
    context = {"cards": cards, "scripts": repo.list_scripts(db, profile=profile)}
    return render(request, "practices.html", context)


@router.get("/session/{key}", response_class=HTMLResponse)
def session(
    request: Request,
    key: str,
    db: SessionDep,
    library: LibraryDep,
    profile: PersonDep,
    minutes: int | None = None,
    speed: float = 1.0,
    gentle: bool = False,
) -> HTMLResponse:
    from unbrace.core import ratings

    try:
        practice, plan, flare = practice_plan(db, library, profile, key, minutes)
    except UnbraceError as problem:
        return not_found(request, str(problem))
    safety = safety_state(db, profile)
    # An emergency sign stops practice; an urgent one allows a gentle session once asked.
    blocked = bool(safety.open_flags) and (safety.urgency == "emergency" or not gentle)
    context = {
        "key": key,
        "practice": practice,
        "plan": plan,
        "plan_text": json.dumps(plan_json(plan), ensure_ascii=False),
        "minutes_given": minutes,
        "flare": flare,
        "speed": speed if 0 < speed <= MAX_SPEED else 1.0,
        "safety": safety,
        "blocked": blocked,
        "vivid_visual": ratings.VIVID_VISUAL,
        "vivid_body": ratings.VIVID_BODY,
    }
    return render(request, "session.html", context)
