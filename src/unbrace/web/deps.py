"""Request dependencies: one database transaction per request, the current profile, and the
practice library (parsed once, and again only when the person's own practice files change)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, TypeVar

import anyio
from fastapi import Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from unbrace.core.practices import Library, load_library
from unbrace.settings import Settings
from unbrace.usecases import profiles
from unbrace.usecases.entities import Profile
from unbrace.usecases.sessions import close_abandoned as close_silent
from unbrace.usecases.unit_of_work import Db as Session
from unbrace.usecases.unit_of_work import UnitOfWork, this_host
from unbrace.web.views import DataVersion, ViewCache

T = TypeVar("T")

NO_PROFILE = "No profile yet. Set one up first: your name and the safety questions."


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today in the local time zone of the computer the server runs on (as the CLI)."""
    return dt.datetime.now().astimezone().date()


async def get_store(request: Request) -> UnitOfWork:
    store: UnitOfWork = request.app.state.store
    return store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


# How many requests may use the database at once. Each request's work hops between worker
# threads (dependencies, then the route) while its transaction holds a pooled connection, so
# more requests inside than there are threads (or connections) could leave every thread
# waiting for a connection that a request waiting for a thread holds. A few at a time, taken
# in turn, is also faster: threads do not fight over the GIL.
DB_SLOTS = 2
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class Turns:
    """Made in the server's event loop at start-up (app lifespan)."""

    slots: anyio.CapacityLimiter
    # SQLite lets one writer in at a time and makes the others sleep and retry (up to 100 ms
    # a nap); within this server, requests that write queue here instead and go in turn.
    # Other processes (the CLI) still meet SQLite's own busy wait.
    write: anyio.Lock | None


def make_turns(settings: Settings) -> Turns:
    return Turns(anyio.CapacityLimiter(DB_SLOTS), anyio.Lock() if settings.is_sqlite else None)


async def db_turn(request: Request) -> AsyncIterator[None]:
    """Waits in the event loop, holding no thread and no connection, for this request's turn."""
    turns: Turns | None = getattr(request.app.state, "turns", None)
    if turns is None:  # the app's lifespan did not run (a bare ASGI call)
        yield
        return
    async with AsyncExitStack() as stack:
        if turns.write is not None and request.method not in SAFE_METHODS:
            await stack.enter_async_context(turns.write)
        await stack.enter_async_context(turns.slots)
        yield


def lookup_profile(db: Session, settings: Settings) -> Profile | None:
    """The server's profile (``--profile``/``UNBRACE_PROFILE``, else the first), or None."""
    return profiles.server_profile(db, name=settings.profile)


def get_db(
    request: Request,
    _turn: Annotated[None, Depends(db_turn, scope="function")],
    store: Annotated[UnitOfWork, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> Iterator[Session]:
    """One unit of work per request: committed at the end, rolled back on any error.

    The profile is looked up in the same step (one trip to a worker thread, not two). The data
    version is read first, before the transaction reads anything (see ``web/views.py``)."""
    with unit_of_work(request, store, settings) as db:
        yield db


@contextmanager
def unit_of_work(request: Request, store: UnitOfWork, settings: Settings) -> Iterator[Session]:
    """``get_db``'s transaction: the data version read first, the profile in the same step."""
    versions: DataVersion | None = getattr(request.app.state, "data_version", None)
    request.state.data_version = versions.current() if versions is not None else None
    with store.transaction() as db:
        if request.method in SAFE_METHODS:
            request.state.profile = known_profile(request, db, settings)
        else:  # a write finds the profile in its own transaction
            request.state.profile = lookup_profile(db, settings)
        yield db


async def in_transaction(request: Request, work: Callable[[Session], T]) -> T:
    """What ``SessionDep`` gives a route, for a route that first looks for its answer in
    memory (`kept`): the request's turn, then ``work(db)`` in a worker thread in one
    transaction, committed before the answer."""
    store: UnitOfWork = request.app.state.store
    settings: Settings = request.app.state.settings

    def run() -> T:
        with unit_of_work(request, store, settings) as db:
            return work(db)

    turns: Turns | None = getattr(request.app.state, "turns", None)
    if turns is None:
        return await run_in_threadpool(run)
    async with turns.slots:
        return await run_in_threadpool(run)


def kept(request: Request, key: tuple[object, ...]) -> tuple[bool, object]:
    """A view kept for ``key`` at the data version now, without a transaction or a worker
    thread: (True, the view) or (False, None). Reads the version (one PRAGMA on the private
    read-only connection), so a hit is as fresh as a view served through ``cached_view``."""
    views: ViewCache | None = getattr(request.app.state, "views", None)
    versions: DataVersion | None = getattr(request.app.state, "data_version", None)
    if views is None or versions is None:
        return False, None
    return views.peek(key, versions.current())


def known_profile(request: Request, db: Session, settings: Settings) -> Profile | None:
    """``lookup_profile`` read once per version of the data (see ``web/views.py``): its
    columns are kept, and each request gets its own copy in its own session without a query
    (SQLAlchemy's ``merge(load=False)``, made for objects kept in a cache)."""
    from sqlalchemy import inspect
    from sqlalchemy.orm import make_transient_to_detached

    def columns() -> dict[str, object] | None:
        found = lookup_profile(db, settings)
        if found is None:
            return None
        return {column.key: getattr(found, column.key) for column in inspect(Profile).columns}

    values = cached_view(request, ("profile", settings.profile), columns)
    if values is None:
        return None
    copy = Profile(**values)
    make_transient_to_detached(copy)
    return db.merge(copy, load=False)


# Scope "function": the transaction commits when the route function returns and before the
# answer is sent, so a failed commit is never answered with success, and the next request
# (the browser's next progress report) always sees what this one wrote.
SessionDep = Annotated[Session, Depends(get_db, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]


async def find_profile(request: Request, db: SessionDep) -> Profile | None:
    """The server's profile, or None before anyone is set up."""
    profile: Profile | None = request.state.profile
    return profile


async def get_profile(
    profile: Annotated[Profile | None, Depends(find_profile)], settings: SettingsDep
) -> Profile:
    """The profile, or 409 when nobody has been set up yet."""
    if profile is None:
        detail = NO_PROFILE
        if settings.profile:
            detail = f"No profile called {settings.profile!r} yet. Set it up first."
        raise HTTPException(status_code=409, detail=detail)
    return profile


OptionalProfileDep = Annotated[Profile | None, Depends(find_profile)]
ProfileDep = Annotated[Profile, Depends(get_profile)]


# Sessions go silent for two minutes before they count as abandoned, so looking once every
# little while is as good as looking at every request, and much cheaper.
CLOSE_EVERY = dt.timedelta(seconds=15)


async def close_abandoned(request: Request, db: SessionDep) -> None:
    """Close sessions whose player went silent (a closed tab, a killed terminal) as stopped,
    as every CLI command does before it reads sessions."""
    if request.app.state.store.read_only:
        return  # nothing can be saved; the pages still show what is there
    moment = now()
    last: dt.datetime | None = getattr(request.app.state, "closed_abandoned_at", None)
    if last is not None and last <= moment < last + CLOSE_EVERY:
        return
    await run_in_threadpool(close_silent, db, now=moment, host=this_host())
    request.app.state.closed_abandoned_at = moment


FreshSessions = Depends(close_abandoned)


class LibraryCache:
    """The practice library, re-read only when a file in the person's folder changes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._key: tuple[tuple[str, int, int], ...] | None = None
        self._library: Library | None = None

    def _signature(self) -> tuple[tuple[str, int, int], ...]:
        try:
            entries = sorted(self.folder.glob("*.toml"))
        except OSError:
            return ()
        found = []
        for path in entries:
            try:
                stat = path.stat()
            except OSError:
                continue
            found.append((path.name, stat.st_mtime_ns, stat.st_size))
        return tuple(found)

    def get(self) -> Library:
        key = self._signature() if self.folder.is_dir() else ()
        with self._lock:
            if self._library is None or key != self._key:
                # A broken file of the person's own is skipped, as in the CLI.
                self._library = load_library(self.folder, strict=False)
                self._key = key
            return self._library


async def get_library(request: Request) -> Library:
    cache: LibraryCache = request.app.state.library
    return cache.get()


LibraryDep = Annotated[Library, Depends(get_library)]


def not_found(detail: str) -> HTTPException:
    return HTTPException(status_code=404, detail=detail)


def conflict(detail: str) -> HTTPException:
    return HTTPException(status_code=409, detail=detail)


def cached_view(request: Request, key: tuple[object, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave earlier for ``key`` at this request's data version."""
    views: ViewCache | None = getattr(request.app.state, "views", None)
    version: int | None = getattr(request.state, "data_version", None)
    if views is None:
        return compute()
    return views.get(key, version, compute)
