"""Views computed once per version of the data, not once per visit.

The Today page asks about thirteen questions of the database and the Insights page loads every
record and draws its charts; both change only when something is stored. ``DataVersion`` is a
number that changes whenever anything is committed to the database, by this server or by any
other process (the CLI), and ``ViewCache`` keeps a few computed views under that number.

SQLite gives such a number for free: ``PRAGMA data_version`` on a connection changes whenever
*another* connection commits. One read-only connection of our own that never writes therefore
sees every commit. PostgreSQL has no equivalent; there the views are computed every time.

A request reads the version before its transaction's first read (``deps.get_db``), so a view
computed in that transaction is never older than the version it is kept under: a commit in
between gives a newer view under an older number, which the next request replaces.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class DataVersion:
    """The database's change counter, read through a private read-only SQLite connection."""

    def __init__(self, sqlite_file: Path | None) -> None:
        self.path = sqlite_file
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def current(self) -> int | None:
        """A number that differs after any commit; None when unknown (PostgreSQL, no file)."""
        if self.path is None:
            return None
        with self._lock:
            try:
                if self._connection is None:
                    if not self.path.exists():
                        return None
                    uri = f"{self.path.resolve().as_uri()}?mode=ro"
                    self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
                row = self._connection.execute("PRAGMA data_version").fetchone()
            except sqlite3.Error:
                self.close_locked()
                return None
        return int(row[0])

    def close(self) -> None:
        with self._lock:
            self.close_locked()

    def close_locked(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class ViewCache:
    """The last few views, each kept under the data version it was computed at."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._views: OrderedDict[Hashable, tuple[int, object]] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, key: Hashable, version: int | None) -> tuple[bool, object]:
        """(True, the view) when ``key`` is kept at ``version``, else (False, None)."""
        if version is None:
            return False, None
        with self._lock:
            found = self._views.get(key)
            if found is None or found[0] != version:
                return False, None
            self._views.move_to_end(key)
            return True, found[1]

    def get(self, key: Hashable, version: int | None, compute: Callable[[], T]) -> T:
        """The view for ``key`` at ``version``, computed (outside the lock) when missing."""
        if version is None:
            return compute()
        with self._lock:
            found = self._views.get(key)
            if found is not None and found[0] == version:
                self._views.move_to_end(key)
                return found[1]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            self._views[key] = (version, value)
            self._views.move_to_end(key)
            while len(self._views) > self.size:
                self._views.popitem(last=False)
        return value
