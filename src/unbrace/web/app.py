"""The app factory: `create_app(settings, ...)` wires the store, templates, guards and routes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount

from unbrace import __version__
from unbrace.core.errors import UnbraceError
from unbrace.core.personal import MAX_PERSONAL_WORDS
from unbrace.core.ratings import PEG_DAILY_NOTE
from unbrace.core.words import counted
from unbrace.settings import Settings
from unbrace.web.deps import LibraryCache, make_turns
from unbrace.web.security import LocalGuard, allowed_hosts
from unbrace.web.views import DataVersion, ViewCache

STATIC_MAX_AGE = 3600
WORKER_THREADS = 8


class CachedStatic(StaticFiles):
    """Static files with a cache header: they change only with a new version of unbrace."""

    def file_response(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = f"public, max-age={STATIC_MAX_AGE}"
        return response


def create_app(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    extra_hosts: list[str] | None = None,
) -> FastAPI:
    from unbrace.usecases.unit_of_work import open_work

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        # Route functions are synchronous (the store is) and run in worker threads. A few are
        # plenty for one person's devices; dozens only fight over the GIL and slow them all.
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        app.state.turns = make_turns(settings)
        app.state.library.get()  # parse the practices now, not during the first request
        yield
        app.state.store.close()
        app.state.data_version.close()

    app = FastAPI(
        title="unbrace",
        version=__version__,
        description="Local API of unbrace: practices, sessions, check-ins, profile and coach.",
        lifespan=lifespan,
        # The interactive docs page loads its scripts from a CDN and runs inline script: neither
        # fits a private, offline app under this CSP. The schema is enough (docs/web.md).
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    app.state.store = open_work(settings)
    app.state.library = LibraryCache(settings.practices_dir)
    app.state.data_version = DataVersion(settings.sqlite_file)
    app.state.views = ViewCache()
    app.state.templates = page_templates()
    _setup_errors(app)
    _setup_routes(app)
    _setup_schema(app)
    app.mount(
        "/static",
        CachedStatic(directory=str(resources.files("unbrace.web") / "static")),
        name="static",
    )
    app.add_middleware(LocalGuard, hosts=allowed_hosts(host, port, extra_hosts or ()), token=token)
    return app


def page_templates() -> Jinja2Templates:
    """The pages' templates, as every page renders them."""
    templates = Jinja2Templates(directory=str(resources.files("unbrace.web") / "templates"))
    # The templates ship with the package: parsed once, never checked for changes per page.
    templates.env.auto_reload = False
    # A field the view does not give fails the page instead of showing as an empty string.
    templates.env.undefined = StrictUndefined
    # "1 day", "2 days": the same wording rule as the terminal and the report.
    templates.env.filters["count"] = counted
    templates.env.globals["peg_daily_note"] = PEG_DAILY_NOTE
    # Said beside the person's own words (scene, movement, habit) before they write, not after.
    templates.env.globals["max_personal_words"] = MAX_PERSONAL_WORDS
    return templates


def plain_message(error: Mapping[str, Any]) -> str:
    """One sentence for the first validation error: which field, and what is wrong with it."""
    where = ".".join(
        str(part) for part in error.get("loc", ()) if part not in {"body", "query", "path"}
    )
    kind = str(error.get("type", ""))
    message = str(error.get("msg", "Invalid input")).rstrip(".")
    if kind == "value_error":
        # Our own checks (core/ratings and friends) already say which field, in a sentence.
        return message.removeprefix("Value error, ") + "."
    if kind == "missing":
        return f"{where or 'A value'} is required."
    if kind == "json_invalid":
        return "The request body is not valid JSON."
    if kind == "extra_forbidden":
        return f"{where} is not a field this request takes."
    return f"{where}: {message}." if where else f"{message}."


# The methods a 405 answer may list; OPTIONS is not served by any route here.
PROBED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(app: FastAPI, scope: Mapping[str, Any]) -> list[str]:
    """The methods this request's address takes, for the ``Allow`` header of a 405.

    Each method is tried against the routes as the router itself matches them (included
    routers too), so the header lists exactly what would not be refused.
    """
    found: list[str] = []
    for method in PROBED_METHODS:
        probe = {**scope, "method": method, "root_path": scope.get("app_root_path", "")}
        for route in app.router.routes:
            if isinstance(route, Mount):
                # Static files answer only reads, whatever the mount's own matching says.
                if route.matches(probe)[0] is not Match.NONE and method in ("GET", "HEAD"):
                    found.append(method)
                    break
                continue
            if route.matches(probe)[0] is Match.FULL:
                found.append(method)
                break
    return found


BUG = "Something went wrong on our side; nothing was changed."


def _wants_page(request: Request) -> bool:
    """A person's page, not the JSON API: errors are a calm page with a way home."""
    path = request.url.path
    return not (path.startswith("/api/") or path.startswith("/static/") or path == "/sw.js")


def _calm_page(request: Request, status: int, what: str) -> Response:
    from unbrace.web.pages.base import MissingView, render

    try:
        return render(request, "missing.html", MissingView(what, status), status=status)
    except Exception:  # the page itself cannot be drawn: one plain sentence still
        return JSONResponse({"detail": what}, status_code=status)


def _setup_errors(app: FastAPI) -> None:
    from sqlalchemy.exc import DatabaseError, DataError, IntegrityError, OperationalError

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405:
            # Starlette lists only the methods of the first route with this path; list all.
            allowed = allowed_methods(app, request.scope)
            return JSONResponse(
                {"detail": f"This address does not take {request.method} requests."},
                status_code=405,
                headers={"Allow": ", ".join(allowed)},
            )
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            return JSONResponse({"detail": "The request body is not valid JSON."}, 422)
        if exc.status_code == 404 and _wants_page(request):
            return _calm_page(request, 404, "There is no page at this address.")
        return await http_exception_handler(request, exc)

    @app.exception_handler(UnbraceError)
    async def user_error(request: Request, exc: UnbraceError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        detail = plain_message(errors[0]) if errors else "The request is not valid."
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(DataError)
    async def unstorable(request: Request, exc: DataError) -> JSONResponse:
        return JSONResponse(
            {"detail": "A value is out of range or in a form the database cannot keep."},
            status_code=422,
        )

    @app.exception_handler(IntegrityError)
    async def clash(request: Request, exc: IntegrityError) -> JSONResponse:
        # Two requests writing the same record at once: the later one changed nothing.
        return JSONResponse(
            {"detail": "That record was changed at the same moment; please try again."},
            status_code=409,
        )

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        if _wants_page(request):
            return _calm_page(
                request, 500, "Something went wrong on our side; nothing was changed."
            )
        return JSONResponse(
            {"detail": BUG},
            status_code=500,
        )

    @app.exception_handler(DatabaseError)
    async def damaged(request: Request, exc: DatabaseError) -> Response:
        # Not an ordinary failure: SQLite found the file damaged. Say so, and what to do.
        if not is_damage(exc):
            return await bug(request, exc)
        if wants_page(request):
            from unbrace.web.pages.base import render

            return render(request, "damaged.html", status=503)
        return JSONResponse({"detail": DAMAGED}, status_code=503)

    @app.exception_handler(OperationalError)
    async def busy(request: Request, exc: OperationalError) -> Response:
        if is_damage(exc):
            return await damaged(request, exc)
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return JSONResponse(
            {"detail": f"The database could not be used just now ({reason}); please try again."},
            status_code=503,
            headers={"Retry-After": "1"},
        )


DAMAGED = (
    "The file that keeps your records is damaged, so they cannot be read; run unbrace doctor, "
    "then put your latest backup back with unbrace restore."
)


def is_damage(exc: Exception) -> bool:
    reason = str(getattr(exc, "orig", None) or exc)
    return "malformed" in reason or "not a database" in reason


def wants_page(request: Request) -> bool:
    """A person's browser asking for a page (not the JSON API, not a script)."""
    if request.url.path.startswith("/api/"):
        return False
    return "text/html" in request.headers.get("accept", "")


ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"type": "string", "title": "Detail"}},
    "required": ["detail"],
    "description": "Every error: one plain sentence saying what to change.",
}


def _setup_schema(app: FastAPI) -> None:
    """The schema describes the errors as they are: ``{"detail": "one sentence"}``, also for
    422 (FastAPI's default documents a list of validation errors there)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas["HTTPValidationError"] = ERROR_SCHEMA
            schemas.pop("ValidationError", None)
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]


def _setup_routes(app: FastAPI) -> None:
    from unbrace.web import api, pages

    # Today (`/`) first: it is the page opened most, and FastAPI tries the routes in order
    # (every API route's pattern before it otherwise). No other address overlaps it.
    app.include_router(pages.home_router)
    app.include_router(api.router, prefix="/api/v1")
    app.include_router(api.root_router)
    app.include_router(pages.router)
