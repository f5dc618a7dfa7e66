"""The unit of work an edge opens (the pattern of *Architecture Patterns with Python*).

An edge opens the store for its settings once (`open_work`), then one transaction per thing a
person does (``with work.transaction() as db``) and hands ``db`` to the use cases, which never
commit: the block commits when it ends and rolls back on any error, so a refusal part-way
leaves nothing half-written. The edges reach the store only through this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session as Db

from unbrace.store.db import Store as UnitOfWork
from unbrace.store.db import redact, this_host

if TYPE_CHECKING:
    from unbrace.settings import Settings

__all__ = ["Db", "UnitOfWork", "open_work", "redact", "this_host"]


def open_work(settings: Settings) -> UnitOfWork:
    """The store for ``settings``: migrated on first use, read-only when its folder is."""
    from unbrace.store.db import open_store

    return open_store(settings)
