"""The app factory: `create_app(settings, ...)` wires the store, templates, guards and routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from unbrace import __version__
from unbrace.core.errors import UnbraceError
from unbrace.settings import Settings
from unbrace.web.security import LocalGuard, allowed_hosts

STATIC_MAX_AGE = 3600


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
    from unbrace.store.db import open_store

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.store.close()

    app = FastAPI(
        title="unbrace",
        version=__version__,
        description="Local API of unbrace: practices, sessions, check-ins, profile and coach.",
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    app.state.store = open_store(settings)
    app.state.templates = Jinja2Templates(
        directory=str(resources.files("unbrace.web") / "templates")
    )
    _setup_errors(app)
    _setup_routes(app)
    app.mount(
        "/static",
        CachedStatic(directory=str(resources.files("unbrace.web") / "static")),
        name="static",
    )
    app.add_middleware(LocalGuard, hosts=allowed_hosts(host, port, extra_hosts or ()), token=token)
    return app


def _setup_errors(app: FastAPI) -> None:
    @app.exception_handler(UnbraceError)
    async def user_error(request: Request, exc: UnbraceError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
        message = first.get("msg", "Invalid input")
        return JSONResponse(
            {"detail": f"{where}: {message}" if where else message, "errors": exc.errors()},
            status_code=422,
        )


def _setup_routes(app: FastAPI) -> None:
    from unbrace.web import api, pages

    app.include_router(api.router, prefix="/api/v1")
    app.include_router(pages.router)
