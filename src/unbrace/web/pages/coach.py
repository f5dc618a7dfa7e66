"""The imagery coach (`/coach`): feedback on the person's own script, and saving it.

Without JavaScript, "Get feedback" posts the form and the page answers with the feedback;
with it, ``static/coach.js`` asks the coach API as the person types.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from unbrace.usecases import profiles, scripts
from unbrace.usecases.entities import PersonalScript, Profile
from unbrace.usecases.unit_of_work import Db as Session
from unbrace.web import forms
from unbrace.web.deps import SessionDep
from unbrace.web.deps import now as utcnow
from unbrace.web.pages.base import FormDep, PersonDep, redirect, render

router = APIRouter()

# Each check: what it says when fine, when not, and the short word that marks its words.
CHECKS = {
    "vague": ("Concrete", "Too vague: no real place, object or action yet", "vague"),
    "negation": ("Positive wording", "Built on 'no pain': it keeps pain in focus", "no pain"),
    "low_sensory": ("Several senses", "Few senses: fewer than two are named", "few senses"),
    "no_movement": ("A movement", "No movement: nothing of the body moves yet", "no movement"),
}


def highlight(text: str, evidence: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The text cut into pieces, each marked with the check whose words it holds (or None)."""
    spans = sorted(
        (item["start"], item["end"], flag)
        for flag, items in evidence.items()
        for item in items
        if item.get("start") is not None and item.get("end") is not None
    )
    pieces: list[dict[str, Any]] = []
    at = 0
    for start, end, flag in spans:
        if start < at or end <= start:
            continue  # overlapping words: the first check keeps them
        if start > at:
            pieces.append({"text": text[at:start], "flag": None})
        pieces.append({"text": text[start:end], "flag": flag, "tag": CHECKS[flag][2]})
        at = end
    if at < len(text):
        pieces.append({"text": text[at:], "flag": None})
    return pieces


def feedback(text: str, movement: str) -> dict[str, Any]:
    from unbrace.coach import coach

    result = coach(text, movement=movement)
    flags = result.flags
    evidence = {flag: [item.as_json() for item in items] for flag, items in result.evidence.items()}
    return {
        "score": result.score,
        "suggestions": result.suggestions,
        "senses": result.senses,
        "movements": result.movements,
        "checks": [
            {
                "flag": flag,
                "ok": not flags.get(flag, False),
                "good": good,
                "bad": bad,
                "words": [e.text for e in result.evidence.get(flag, []) if e.start is not None],
            }
            for flag, (good, bad, _tag) in CHECKS.items()
        ],
        "pieces": highlight(text, {f: e for f, e in evidence.items() if flags.get(f)}),
    }


@dataclass(frozen=True)
class CoachView:
    """Everything coach.html reads: the script being written, its feedback, the saved ones."""

    text: str
    feedback: dict[str, Any] | None
    scripts: Sequence[PersonalScript]
    checks_text: str  # the checks' words, as JSON for coach.js
    saved: str | None = None  # the name just saved
    values: Mapping[str, Any] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)


def coach_context(
    db: Session,
    profile: Profile,
    text: str,
    *,
    saved: str | None = None,
    values: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None,
) -> CoachView:
    movement = profiles.personal_for(db, profile=profile).movement
    checks = {flag: {"good": g, "bad": b, "tag": t} for flag, (g, b, t) in CHECKS.items()}
    return CoachView(
        text=text,
        feedback=feedback(text, movement) if text.strip() else None,
        scripts=scripts.list_scripts(db, profile=profile),
        checks_text=json.dumps(checks),
        saved=saved,
        values=values or {},
        errors=errors or {},
    )


@router.get("/coach", response_class=HTMLResponse)
def coach_page(
    request: Request,
    db: SessionDep,
    profile: PersonDep,
    script: str | None = None,
    saved: str | None = None,
) -> HTMLResponse:
    found = scripts.get_script(db, profile=profile, name=script) if script else None
    text, name = (found.text, found.name) if found else ("", "")
    context = coach_context(db, profile, text, saved=saved, values={"name": name})
    return render(request, "coach.html", context)


@router.post("/coach", response_class=HTMLResponse)
def coach_post(request: Request, form: FormDep, db: SessionDep, profile: PersonDep) -> Response:
    """ "Get feedback" shows the feedback; "Save as my script" keeps a new version."""

    saving = form.get("action") == "save"
    parsed = forms.parse_script(form, need_name=saving)
    if parsed.value is not None and saving:
        name, script = parsed.value
        scripts.save_script(db, profile=profile, name=name, text=script, now=utcnow())
        return redirect(f"/coach?saved={quote(name)}")
    text = "" if "text" in parsed.errors else str(form.get("text", ""))
    context = coach_context(db, profile, text, values=parsed.values, errors=parsed.errors)
    return render(request, "coach.html", context, status=422 if parsed.errors else 200)
