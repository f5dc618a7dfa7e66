"""Today (`/`): a greeting, one practice for now, the check-in, and the week so far.
Before anyone is set up, the same address shows the short welcome form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from unbrace.core.plan import Suggestion
from unbrace.core.practices import Library
from unbrace.core.safety import RedFlag
from unbrace.settings import Settings
from unbrace.usecases.entities import Profile
from unbrace.usecases.unit_of_work import Db as Session
from unbrace.web import forms
from unbrace.web.deps import (
    LibraryDep,
    OptionalProfileDep,
    SessionDep,
    SettingsDep,
    cached_view,
    in_transaction,
    kept,
)
from unbrace.web.deps import now as utcnow
from unbrace.web.pages.base import FormDep, local_now, onboarded, redirect, render, theme
from unbrace.web.pages.safety import SafetyState, question_labels, safety_state, summary

router = APIRouter()


def greeting(at: dt.datetime) -> str:
    return "Good morning" if at.hour < 12 else "Good afternoon" if at.hour < 18 else "Good evening"


@dataclass(frozen=True)
class DayMark:
    name: str  # Mon
    long: str  # Monday
    practised: bool
    today: bool
    future: bool


@dataclass(frozen=True)
class LadderLink:
    """A gentle line for a ladder step that is due or a follow-up that is open."""

    kind: str
    sentence: str
    href: str


@dataclass(frozen=True)
class TodayPage:
    """What the Today page shows: a greeting, one practice for now, the week."""

    greeting: str
    name: str
    flare: bool
    suggestion: Suggestion | None
    checked_in: bool
    days: tuple[DayMark, ...]
    days_practised: int
    minutes: int
    not_counted: str
    safety: SafetyState
    streak: int | None
    welcome: bool = False  # just set up: a word of welcome
    ladder: tuple[LadderLink, ...] = ()

    def start_link(self, *, gentle: bool = False) -> str:
        """The address that opens the suggested practice at the suggested length."""
        if self.suggestion is None:
            return "/practices"
        query = {"minutes": str(self.suggestion.minutes)} | ({"gentle": "1"} if gentle else {})
        return f"/session/{quote(self.suggestion.practice_id)}?{urlencode(query)}"


def today_view(db: Session, library: Library, profile: Profile) -> TodayPage:
    """What `unbrace today` shows, arranged for the page: one suggestion, the week as days."""
    from unbrace.core.counting import NOT_COUNTED
    from unbrace.usecases.today import today_plan

    now = local_now()
    plan = today_plan(db, profile=profile, library=library, day=now.date(), at=now)
    last = plan.last_checkin
    days = tuple(
        DayMark(
            name=day.date.strftime("%a"),
            long=day.date.strftime("%A"),
            practised=day.practised,
            today=day.date == now.date(),
            future=day.date > now.date(),
        )
        for day in plan.days
    )
    return TodayPage(
        greeting=greeting(now),
        name=profile.name,
        flare=plan.flare,
        suggestion=plan.suggestions[0] if plan.suggestions else None,
        checked_in=bool(last and last.date == plan.date),
        days=days,
        days_practised=plan.days_practised,
        minutes=plan.week_minutes,
        not_counted=NOT_COUNTED,
        safety=safety_state(db, profile),
        streak=plan.streak,
    )


def ladder_nudges(db: Session, profile: Profile) -> tuple[LadderLink, ...]:
    """A gentle line for each ladder step that is due or follow-up that is open, with a link."""
    from unbrace.usecases.ladder import nudges

    links = {
        "follow_up": "/ladder/try/{attempt}#next-day",
        "finish": "/ladder/try/{attempt}",
        "step": "/ladder/{ladder}",
        "rate": "/ladder/{ladder}/rate",
    }
    return tuple(
        LadderLink(
            kind=nudge.kind,
            sentence=nudge.sentence,
            href=links[nudge.kind].format(ladder=nudge.ladder_id, attempt=nudge.attempt_id),
        )
        for nudge in nudges(db, profile=profile, now=utcnow())
    )


@dataclass(frozen=True)
class WelcomeView:
    """Everything welcome.html reads: the first visit's form, as given or sent back."""

    values: Mapping[str, Any]
    errors: Mapping[str, str]
    labels: Mapping[str, str]
    summary: Mapping[str, str]  # the problems for the box at the top
    flags: Sequence[RedFlag]
    disclaimer: str
    name_fixed: bool  # a name given in the terminal (or by UNBRACE_PROFILE) is kept


def welcome_context(
    values: Mapping[str, Any], errors: dict[str, str] | None = None, *, name_fixed: bool = False
) -> WelcomeView:
    from unbrace.core.safety import DISCLAIMER, screen

    labels = {"name": "Your name", "movement": "Movement", "scene": "Place", "anchor": "Habit"}
    return WelcomeView(
        values=values,
        errors=errors or {},
        labels=labels | question_labels(),
        summary=summary(errors or {}),
        flags=screen().flags,
        disclaimer=DISCLAIMER,
        name_fixed=name_fixed,
    )


@router.get("/", response_class=HTMLResponse)
async def today(
    request: Request, settings: SettingsDep, library: LibraryDep, welcome: bool = False
) -> HTMLResponse:
    """The page kept for this version of the data, minute and look, served straight from
    memory (the most visited page: no transaction, no worker thread); else made in one."""
    now = local_now()
    found, values = kept(request, ("profile", settings.profile))
    if found and isinstance(values, dict):
        key = today_key(values["id"], now, library)
        found, page = kept(request, page_key(request, key, now, welcome))
        if found and isinstance(page, bytes):
            return HTMLResponse(page)
    return await in_transaction(
        request, lambda db: today_page(request, db, settings, library, now, welcome)
    )


def today_key(profile_id: int, now: dt.datetime, library: Library) -> tuple[object, ...]:
    """The same data, hour and practices give the same view."""
    return ("today", profile_id, now.date(), now.hour, id(library))


def page_key(
    request: Request, key: tuple[object, ...], now: dt.datetime, welcome: bool
) -> tuple[object, ...]:
    """The page itself, for the minute, the theme and the welcome line it was made for."""
    return (*key, "page", now.replace(second=0, microsecond=0), theme(request), welcome)


def today_page(
    request: Request,
    db: Session,
    settings: Settings,
    library: Library,
    now: dt.datetime,
    welcome: bool,
) -> HTMLResponse:
    profile: Profile | None = request.state.profile
    # Whether the person is set up changes only with the data, as the view below does.
    if profile is None or not cached_view(
        request, ("onboarded", profile.id), lambda: onboarded(db, profile)
    ):
        # Someone added in the terminal (or named by UNBRACE_PROFILE) keeps that name.
        name = profile.name if profile else (settings.profile or "")
        context = welcome_context({"name": name}, name_fixed=bool(name))
        return render(request, "welcome.html", context)
    key = today_key(profile.id, now, library)

    def page() -> bytes:
        view = cached_view(request, key, lambda: today_view(db, library, profile))
        # Ladder nudges depend on the time as well as the data (a next-day question opens
        # half a day after a try), so they are worked out again every minute.
        page = replace(view, welcome=welcome, ladder=ladder_nudges(db, profile))
        return bytes(render(request, "today.html", {"page": page}).body)

    return HTMLResponse(cached_view(request, page_key(request, key, now, welcome), page))


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
    from unbrace.usecases.profiles import onboard

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
