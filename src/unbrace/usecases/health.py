"""`unbrace doctor`'s look at the database: reachable, intact, its schema brought up to date."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unbrace.settings import Settings


@dataclass(frozen=True)
class DatabaseHealth:
    where: str  # the database's address, without a password
    damage: str | None = None  # what SQLite's quick check found
    revision: str | None = None  # the schema's revision, after any update
    stuck: bool = False  # needs an update, and its folder is read-only
    read_only: bool = False  # reading works, saving does not
    error: str | None = None  # the first line of what stopped opening it


def database_health(settings: Settings) -> DatabaseHealth:
    """Open the database once: damage first, then the schema (updated when it can be)."""
    from unbrace.store.db import (
        HEAD_REVISION,
        current_revision,
        is_read_only,
        make_engine,
        migrate,
        quick_check,
        redact,
    )

    where = redact(settings.database_url)
    try:
        engine = make_engine(settings)
        try:
            damage = quick_check(engine)
            if damage:
                return DatabaseHealth(where, damage=damage)
            revision = current_revision(engine)
            if revision != HEAD_REVISION and is_read_only(engine):
                return DatabaseHealth(where, revision=revision, stuck=True)
            if revision != HEAD_REVISION:
                migrate(engine)
                revision = current_revision(engine)
            return DatabaseHealth(where, revision=revision, read_only=is_read_only(engine))
        finally:
            engine.dispose()
    except Exception as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return DatabaseHealth(where, error=reason)
