"""The warning-sign questions on the web: the screen, the advice after a yes, "I have been seen".

A yes to any question stops practice: pages show the advice instead of a Start button until
the person says a clinician has seen them (as `unbrace safety seen` does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from unbrace.core.safety import RedFlag
from unbrace.usecases import safety as screening
from unbrace.usecases.entities import Profile
from unbrace.usecases.unit_of_work import Db as Session
from unbrace.web import forms
from unbrace.web.deps import SessionDep
from unbrace.web.deps import now as utcnow
from unbrace.web.pages.base import FormDep, PersonDep, local_today, redirect, render

router = APIRouter()
NEXT_PREFIX = "/session/"


@dataclass(frozen=True)
class SafetyState:
    open_flags: list[str]
    urgency: str | None
    questions: list[str]
    advice: str
    last_answered: dt.datetime | None
    due: str | None


def safety_state(db: Session, profile: Profile) -> SafetyState:
    """Any open reminder with its advice, when the questions were last answered, and
    whether they are due again (every four weeks, or after a hard day)."""
    from unbrace.core import safety
    from unbrace.usecases.safety import screen_due

    open_screen = screening.unresolved_flags(db, profile=profile)
    flags = list(open_screen.positive) if open_screen else []
    urgency = open_screen.urgency if open_screen else None
    known = safety.screen()
    last = screening.last_screen(db, profile=profile)
    return SafetyState(
        open_flags=flags,
        urgency=urgency,
        questions=[known.get(flag).question for flag in flags if flag in known.ids()],
        advice=safety.ADVICE[safety.Urgency(urgency)] if urgency else "",
        last_answered=last.taken_at.astimezone() if last else None,
        due=screen_due(db, profile=profile, now=utcnow(), today=local_today()),
    )


def question_labels() -> dict[str, str]:
    from unbrace.core.safety import screen

    return {f"flag-{flag.id}": "Safety questions" for flag in screen().flags}


def summary(errors: dict[str, str]) -> dict[str, str]:
    """The problems for the box at the top of a form: the unanswered safety questions as one
    line (linking to the first of them), so eight questions do not make eight alarms."""
    unanswered = [name for name in errors if name.startswith("flag-")]
    shown = {name: message for name, message in errors.items() if name not in unanswered}
    if unanswered:
        left = len(unanswered)
        shown[unanswered[0]] = (
            "please answer yes or no to each one "
            f"({left} still {'needs' if left == 1 else 'need'} an answer)."
        )
    return shown


@router.get("/safety/advice", response_class=HTMLResponse)
def advice(request: Request, db: SessionDep, profile: PersonDep) -> HTMLResponse:
    return render(request, "advice.html", AdviceView(safety_state(db, profile)))


@router.post("/safety/seen")
def seen(db: SessionDep, profile: PersonDep) -> RedirectResponse:
    screening.confirm_seen(db, profile=profile, now=utcnow())
    return redirect("/?seen=1")


def safe_next(target: str | None) -> str:
    """Where to go after answering: only back to a session page of this app, else ""."""
    if target and target.startswith(NEXT_PREFIX) and "//" not in target and "\\" not in target:
        return target
    return ""


@dataclass(frozen=True)
class ScreenView:
    """Everything safety.html reads: the questions, as asked or sent back with problems."""

    flags: Sequence[RedFlag]
    labels: Mapping[str, str]
    next: str  # the session the gate held back, which follows the answers
    summary: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Any] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AdviceView:
    """What advice.html reads."""

    safety: SafetyState


def screen_context(
    next_page: str,
    *,
    values: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None,
    summary: Mapping[str, str] | None = None,
) -> ScreenView:
    from unbrace.core.safety import screen

    return ScreenView(
        flags=screen().flags,
        labels=question_labels(),
        next=next_page,
        summary=summary or {},
        values=values or {},
        errors=errors or {},
    )


@router.get("/settings/safety", response_class=HTMLResponse)
def screen_form(
    request: Request, profile: PersonDep, next: Annotated[str | None, Query()] = None
) -> HTMLResponse:
    """The questions; with ``next`` (a session the gate held back) the session follows."""
    return render(request, "safety.html", screen_context(safe_next(next)))


@router.post("/settings/safety", response_class=HTMLResponse)
def screen_answer(request: Request, form: FormDep, db: SessionDep, profile: PersonDep) -> Response:
    from unbrace.core.safety import screen

    parsed = forms.parse_screen(form, screen().ids())
    next_page = safe_next(str(form.get("next") or ""))
    if parsed.value is None:
        context = screen_context(
            next_page,
            values=parsed.values,
            errors=parsed.errors,
            summary=summary(parsed.errors),
        )
        return render(request, "safety.html", context, status=422)
    from unbrace.usecases.safety import record_answers, screen_due

    due = screen_due(db, profile=profile, now=utcnow(), today=local_today())
    new = record_answers(
        db, profile=profile, reason=due or "manual", positive=parsed.value, now=utcnow()
    )
    if new:
        return redirect("/safety/advice")
    return redirect(next_page or "/settings?screened=1#safety")
