"""What every command shares: the settings, the store and the chosen profile."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from unbrace.core.practices import Library
    from unbrace.settings import Settings
    from unbrace.usecases.entities import Profile
    from unbrace.usecases.today import Reader
    from unbrace.usecases.unit_of_work import Db as Session
    from unbrace.usecases.unit_of_work import UnitOfWork


@dataclass
class State:
    profile_name: str | None = None
    # Only commands that set people up (init, profile add) may create the database.
    creates: bool = False
    _settings: Settings | None = field(default=None, repr=False)
    _store: UnitOfWork | None = field(default=None, repr=False)
    _warned: bool = field(default=False, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from unbrace.settings import Settings

            self._settings = Settings.load(profile=self.profile_name)
        return self._settings

    @property
    def store(self) -> UnitOfWork:
        if self._store is None:
            if not self.creates:
                self.require_data()
            from unbrace.usecases.sessions import close_abandoned
            from unbrace.usecases.unit_of_work import open_work, this_host

            self._store = open_work(self.settings)
            if self._store.read_only:
                return self._store  # nothing can be closed; reading still works
            with self._store.transaction() as db:
                close_abandoned(db, now=now(), host=this_host())
        return self._store

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self.store.transaction() as db:
            yield db

    @contextmanager
    def reading(self) -> Iterator[Reader]:
        """Plain SQL reads (store/plain.py) in one snapshot: on a bare SQLite connection when
        nothing needs doing first, so SQLAlchemy is never imported; otherwise through the full
        store (migrating and closing abandoned sessions as every command does)."""
        from unbrace.usecases.today import Reader, quick_reader

        if self._store is None:
            self.require_data()
            with quick_reader(self.settings.sqlite_file) as quick:
                if quick is not None:
                    yield quick
                    return
        with self.transaction() as db:
            yield Reader.of(db)

    def has_data(self) -> bool:
        """False when the SQLite file was never created: nothing has been stored yet."""
        path = self.settings.sqlite_file
        return path is None or path.exists()

    def require_data(self) -> None:
        """Commands that only read refuse early rather than create an empty database."""
        if not self.has_data():
            from unbrace.core.errors import UnbraceError

            raise UnbraceError("No profile yet. Start with: unbrace init")

    def profile(self, db: Session) -> Profile:
        from unbrace.usecases import profiles

        return profiles.resolve_profile(db, name=self.settings.profile)

    def library(self, *, strict: bool = False) -> Library:
        """Every practice. A broken file of the person's own is skipped with a one-line
        warning, so it cannot stop the built-in practices (listing and adding are strict)."""
        from unbrace.core.practices import load_library

        library = load_library(self.settings.practices_dir, strict=strict)
        if library.problems and not self._warned:
            from unbrace.cli.output import note

            for problem in library.problems:
                note(f"Skipped your practice file {problem}")
            self._warned = True
        return library

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today in the person's local time zone."""
    return dt.datetime.now().astimezone().date()


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State(profile_name=os.environ.get("UNBRACE_PROFILE") or None)
    return root.obj
