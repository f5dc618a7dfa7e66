"""Practices a person can play: the library's, and their own saved scripts as ``script:NAME``.

Shared by the CLI (`unbrace session`, `show`) and the web app, so both find the same things.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from unbrace.core.errors import UnbraceError
from unbrace.store import script_repo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.core.practices import Library, Practice
    from unbrace.store.models import Profile

SCRIPT_PREFIX = "script:"


def find_practice(
    db: Session | None, *, library: Library, profile: Profile | None, practice_id: str
) -> Practice | None:
    """A practice from the library, or a saved script by name (also as script:NAME); None
    when there is neither. Without a store (``db`` or ``profile`` None) only the library."""
    from unbrace.core.scripts import practice_from_script

    name = practice_id.removeprefix(SCRIPT_PREFIX)
    if name == practice_id and practice_id in library.practices:
        return library.practices[practice_id]
    if db is not None and profile is not None and name:
        script = script_repo.get_script(db, profile=profile, name=name)
        if script is not None:
            return practice_from_script(script.name, script.text)
    return None


def resolve_practice(
    db: Session | None, *, library: Library, profile: Profile | None, practice_id: str
) -> Practice:
    """Like `find_practice`, with a clear error for an unknown id or script name."""
    practice = find_practice(db, library=library, profile=profile, practice_id=practice_id)
    if practice is not None:
        return practice
    name = practice_id.removeprefix(SCRIPT_PREFIX)
    if name != practice_id:
        raise UnbraceError(f"No script called {name!r}. See yours with: unbrace script list")
    return library.get(practice_id)  # the library's own clear error


@dataclass(frozen=True)
class Choice:
    """One playable practice, under the id to ask for it by."""

    id: str
    practice: Practice


def choices(db: Session, *, library: Library, profile: Profile | None) -> list[Choice]:
    """Every library practice, then the person's saved scripts (latest versions) by name."""
    from unbrace.core.scripts import practice_from_script

    found = [Choice(practice.id, practice) for practice in library]
    if profile is not None:
        found += [
            Choice(SCRIPT_PREFIX + script.name, practice_from_script(script.name, script.text))
            for script in script_repo.list_scripts(db, profile=profile)
        ]
    return found
