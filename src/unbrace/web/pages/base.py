"""What every page shares: rendering, the form reader, and the person using the app."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData

from unbrace import __version__
from unbrace.usecases import safety as screening
from unbrace.usecases.entities import Profile
from unbrace.usecases.unit_of_work import Db as Session
from unbrace.web.deps import OptionalProfileDep, SessionDep

THEME_COOKIE = "unbrace_theme"
THEMES = ("system", "light", "dark")


def local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def local_today() -> dt.date:
    """Today where the server runs, as the CLI counts days."""
    return local_now().date()


def clock(seconds: float) -> str:
    """3:05 for 185 seconds; a dash for a duration that cannot be (stored by an older unbrace)."""
    if not math.isfinite(seconds):
        return "–"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


# --- rendering ------------------------------------------------------------------------------

# What every page is given besides its view (and `request`, which the template response adds).
BASE_FIELDS = frozenset({"theme", "version", "path", "errors", "values", "request"})


def view_fields(view: object) -> dict[str, Any]:
    """A typed page view (a dataclass holding every field its template reads) as the
    template's names, one level deep: nested values stay the objects they are."""
    assert is_dataclass(view) and not isinstance(view, type)
    return {item.name: getattr(view, item.name) for item in fields(view)}


def theme(request: Request) -> str:
    """The colour theme the person chose on this device (a cookie), or the system's."""
    chosen = request.cookies.get(THEME_COOKIE, "system")
    return chosen if chosen in THEMES else "system"


def render(
    request: Request,
    name: str,
    context: Mapping[str, Any] | object | None = None,
    *,
    status: int = 200,
) -> HTMLResponse:
    """The page from its template. The templates use Jinja's StrictUndefined: a name the
    context does not give fails the page (and its test) rather than showing as nothing."""
    base = {
        "theme": theme(request),
        "version": __version__,
        "path": request.url.path,
        "errors": {},
        "values": {},
    }
    given = view_fields(context) if is_dataclass(context) else dict(context or {})  # type: ignore[call-overload]
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, base | given, status_code=status
    )
    return response


def redirect(location: str) -> RedirectResponse:
    """After a form is saved: see the result with a GET, so reloading never saves twice."""
    return RedirectResponse(location, status_code=303)


@dataclass(frozen=True)
class MissingView:
    """What missing.html reads: what was not found (or went wrong), and the status."""

    what: str
    status: int = 404


def not_found(request: Request, what: str) -> HTMLResponse:
    return render(request, "missing.html", MissingView(what), status=404)


async def read_form(request: Request) -> FormData:
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]


# --- the person -----------------------------------------------------------------------------


def onboarded(db: Session, profile: Profile | None) -> bool:
    """Set up means the safety questions have been answered once (as in the terminal)."""
    return profile is not None and screening.last_screen(db, profile=profile) is not None


def page_profile(db: SessionDep, profile: OptionalProfileDep) -> Profile:
    """The person, once set up; before that every page leads to the welcome form at `/`."""
    if profile is None or not onboarded(db, profile):
        raise HTTPException(303, headers={"Location": "/"})
    return profile


PersonDep = Annotated[Profile, Depends(page_profile)]
