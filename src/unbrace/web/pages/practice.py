"""The practice library (`/practices`) and the session player (`/session/{id}`).

The player page carries the personalised plan in a data attribute, so it can show the script
without JavaScript and start at once with it; the session itself is started, saved and
finished through the JSON API by ``static/player.js``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from unbrace.core.errors import UnbraceError
from unbrace.core.practices import Practice
from unbrace.core.ratings import Scale
from unbrace.core.session import Plan
from unbrace.settings import ENV_TEST_PLAYER_SPEED
from unbrace.usecases import scripts
from unbrace.usecases.entities import PersonalScript
from unbrace.usecases.safety_gate import Stop
from unbrace.web.deps import LibraryDep, SessionDep
from unbrace.web.deps import now as utcnow
from unbrace.web.pages.base import PersonDep, local_today, not_found, redirect, render
from unbrace.web.pages.safety import SafetyState, safety_state

router = APIRouter()
MAX_SPEED = 10_000.0
TEST_SPEED_ENV = ENV_TEST_PLAYER_SPEED


@dataclass(frozen=True)
class PracticeCard:
    """One practice on the Practices page, with its preview at its usual length."""

    practice: Practice
    minutes: int  # the length its picker starts at
    plan: Plan


@dataclass(frozen=True)
class PracticesView:
    """What practices.html reads: the library's cards and the person's own scripts."""

    cards: Sequence[PracticeCard]
    scripts: Sequence[PersonalScript]
    flare: bool = False  # today's check-in marks a flare: the lengths start shorter


@router.get("/practices", response_class=HTMLResponse)
def practices(
    request: Request, db: SessionDep, library: LibraryDep, profile: PersonDep
) -> HTMLResponse:
    from unbrace.usecases.sessions import flare_today, previews

    flare = flare_today(db, profile=profile, today=local_today())
    # On a flare day each length starts at the practice's shorter flare length (the flare rule).
    items = list(library)
    plans = previews(db, profile=profile, practices=items, flare=flare)
    cards = [
        PracticeCard(item, plan.minutes, plan) for item, plan in zip(items, plans, strict=True)
    ]
    view = PracticesView(cards, scripts.list_scripts(db, profile=profile), flare=flare)
    return render(request, "practices.html", view)


def player_speed(asked: float) -> float:
    """How many times faster the player's clock runs: ``?speed=`` or, for the browser journey
    tests, ``UNBRACE_TEST_PLAYER_SPEED`` (never shown to a person); 1 otherwise."""
    import os

    chosen = asked
    with suppress(ValueError):
        chosen = float(os.environ.get(TEST_SPEED_ENV, "") or asked)
    return chosen if 0 < chosen <= MAX_SPEED else 1.0


@dataclass(frozen=True)
class SessionPage:
    """What the player page shows."""

    key: str
    practice: Practice
    plan: Plan
    plan_text: str
    minutes_given: int | None
    gentler_words: str
    speed: float
    safety: SafetyState
    blocked: bool
    gentle: bool
    pain: Scale
    vivid_visual: Scale
    vivid_body: Scale
    stop_pain_after: int
    stop_pain_rise: int
    stop_advice: str


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
) -> Response:
    """The player. The warning-sign gate decides first: questions due after a hard day are
    asked before the player shows (and lead back here); an open sign shows its advice."""
    from unbrace.core import ratings, safety
    from unbrace.usecases import sessions
    from unbrace.usecases.practices import resolve_practice

    try:
        practice = resolve_practice(db, library=library, profile=profile, practice_id=key)
        ready = sessions.prepare(
            db,
            profile=profile,
            practice=practice,
            minutes=minutes,
            now=utcnow(),
            today=local_today(),
            gentle_chosen=gentle,
        )
    except UnbraceError as problem:
        return not_found(request, str(problem))
    if ready.gate.stop is Stop.SCREEN_FIRST:
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return redirect(f"/settings/safety?{urlencode({'next': here})}")
    view = SessionPage(
        key=key,
        practice=practice,
        plan=ready.plan,
        plan_text=json.dumps(ready.plan.as_json(), ensure_ascii=False),
        minutes_given=minutes,
        gentler_words=ready.gentler_words,
        speed=player_speed(speed),
        safety=safety_state(db, profile),
        blocked=not ready.gate.allows,
        gentle=ready.gate.gentle,
        pain=ratings.PAIN,
        vivid_visual=ratings.VIVID_VISUAL,
        vivid_body=ratings.VIVID_BODY,
        stop_pain_after=safety.STOP_PAIN_AFTER,
        stop_pain_rise=safety.STOP_PAIN_RISE,
        stop_advice=safety.STOP_ADVICE,
    )
    return render(request, "session.html", {"page": view})
