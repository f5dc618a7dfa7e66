"""Sessions played in the browser: start, progress, finish; and the list of all sessions
(the terminal's too: one store)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.routing import APIRoute

from unbrace.core.errors import UnbraceError
from unbrace.core.session import Status
from unbrace.usecases import sessions as usecase
from unbrace.usecases.practices import find_practice
from unbrace.usecases.records import session_json, sessions_json
from unbrace.usecases.safety_gate import SafetyStop
from unbrace.web.api.models import (
    Finish,
    Progress,
    ProgressSaved,
    SessionFinished,
    SessionId,
    SessionRecord,
    SessionStart,
    SessionStarted,
    SinceDay,
    StepProgress,
)
from unbrace.web.api.practices import plan_json
from unbrace.web.deps import (
    FreshSessions,
    LibraryDep,
    ProfileDep,
    SessionDep,
    conflict,
    not_found,
    now,
    today,
)

router = APIRouter(tags=["sessions"])


class BeaconRoute(APIRoute):
    """`navigator.sendBeacon` posts its JSON as text/plain (a type it may send anywhere
    without asking first); read such a body as the JSON it is."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind == "text/plain":
                headers = [(k, v) for k, v in request.scope["headers"] if k != b"content-type"]
                request.scope["headers"] = [*headers, (b"content-type", b"application/json")]
                request = Request(request.scope, request.receive)
            return await handler(request)

        return route


beacon = APIRouter(tags=["sessions"], route_class=BeaconRoute)
# The same body may come as text/plain; document it beside application/json.
BEACON_BODY: dict[str, Any] = {
    "requestBody": {
        "content": {"text/plain": {"schema": {"$ref": "#/components/schemas/Progress"}}}
    }
}


def _updates(steps: list[StepProgress]) -> list[usecase.StepReport]:
    return [usecase.StepReport(s.index, s.seconds, s.skipped, s.done) for s in steps]


@contextmanager
def _session_errors() -> Iterator[None]:
    """The use cases' named errors as the API's answers."""
    try:
        yield
    except usecase.NoSuchSession as exc:
        raise not_found(str(exc)) from None
    except (usecase.SessionElsewhere, usecase.SessionEnded, SafetyStop) as exc:
        raise conflict(str(exc)) from None


@router.post(
    "/sessions",
    status_code=201,
    dependencies=[FreshSessions],
    responses={409: {"description": "The warning-sign gate stops it (the sentence says why)."}},
)
def start_session(
    body: SessionStart, db: SessionDep, profile: ProfileDep, library: LibraryDep
) -> SessionStarted:
    """Start a session: a flare check-in today, or pain before of 8 or more, makes it the
    shorter, gentler flare version. An open warning sign, or the safety questions due after a
    hard day, stop it (409); ``gentle`` is the person's choice of a gentle session while an
    urgent (not an emergency) sign is open."""
    practice = find_practice(db, library=library, profile=profile, practice_id=body.practice)
    if practice is None:
        raise UnbraceError(f"There is no practice called {body.practice!r}.")
    with _session_errors():
        started = usecase.start_session(
            db,
            profile=profile,
            practice=practice,
            minutes=body.minutes,
            pain_before=body.pain_before,
            now=now(),
            today=today(),
            host=usecase.WEB_HOST,
            pid=None,
            gentle_chosen=body.gentle,
        )
    return SessionStarted(
        id=started.id,
        status="in_progress",
        flare=started.gentler,
        plan=plan_json(started.plan, body.practice),
    )


@beacon.post(
    "/sessions/{session_id}/progress",
    openapi_extra=BEACON_BODY,
    responses={404: {"description": "No such session."}},
)
def save_progress(
    session_id: SessionId, body: Progress, db: SessionDep, profile: ProfileDep
) -> ProgressSaved:
    """What has been practised so far (every ~10 s, and on leaving the page). Time only moves
    forward, and a report after the session ended changes nothing."""
    with _session_errors():
        record = usecase.record_browser_progress(
            db,
            profile=profile,
            session_id=session_id,
            seconds=body.seconds,
            steps=_updates(body.steps),
            now=now(),
        )
    return ProgressSaved.model_validate(
        {"id": record.id, "status": record.status, "seconds": round(record.seconds, 1)}
    )


@router.post(
    "/sessions/{session_id}/finish",
    responses={404: {"description": "No such session."}, 409: {"description": "Finished."}},
)
def finish_session(
    session_id: SessionId, body: Finish, db: SessionDep, profile: ProfileDep
) -> SessionFinished:
    """End the session with its ratings (a rating left out is stored as not given). A session
    closed for silence can still be finished; a completed one cannot be finished again (409).
    ``stop_advised`` is the stop rule (pain clearly higher after), ``counted`` whether it was
    long enough to count as practice, ``summary`` the closing line."""
    report = usecase.Report(
        status=Status(body.status),
        seconds=body.seconds,
        steps=_updates(body.steps),
    )
    ratings = usecase.Ratings(
        pain_after=body.pain_after,
        vivid_visual=body.vivid_visual,
        vivid_body=body.vivid_body,
        note=body.note or "",
    )
    with _session_errors():
        finished = usecase.finish_session(
            db, profile=profile, session_id=session_id, ended=report, ratings=ratings, now=now()
        )
    record = usecase.own_session(db, profile=profile, session_id=session_id)
    return SessionFinished.model_validate(
        session_json(record)
        | {
            "counted": finished.counted,
            "stop_advised": finished.stop_advised,
            "summary": finished.summary,
        }
    )


@router.get("/sessions", dependencies=[FreshSessions])
def list_sessions(
    db: SessionDep,
    profile: ProfileDep,
    since: Annotated[SinceDay | None, Query(description="From this day on, YYYY-MM-DD.")] = None,
) -> list[SessionRecord]:
    """Every session, the terminal's and the browser's, oldest first."""
    return [
        SessionRecord.model_validate(item)
        for item in sessions_json(db, profile=profile, since=since)
    ]


router.include_router(beacon)
