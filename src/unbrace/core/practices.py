"""Practices: guided imagery scripts stored as TOML data files and validated here.

A practice is a list of steps. Each step has text to read (or hear) and a share of
whatever time is left once every step's text has been given a calm reading pace.
Steps marked ``breath`` fill that spare time with paced breathing, so a longer
session is slower and roomier, never a faster read of the same words.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from unbrace.core.errors import UnbraceError
from unbrace.core.personal import (
    DEFAULT_PERSONAL,
    MAX_PERSONAL_WORDS,
    PLACEHOLDERS,
    Personal,
    check_personal_text,
    personalise,
)
from unbrace.core.session import MAX_MINUTES, MIN_MINUTES, validate_minutes

__all__ = [
    "DEFAULT_PERSONAL",
    "MAX_MINUTES",
    "MAX_PERSONAL_WORDS",
    "MIN_MINUTES",
    "PLACEHOLDERS",
    "Library",
    "Personal",
    "Practice",
    "Step",
    "check_personal_text",
    "load_library",
    "parse_practice",
    "personalise",
    "validate_minutes",
]

SCHEMA_VERSION = 1
DEFAULT_MINUTES = 5
DEFAULT_FLARE_MINUTES = 3


@dataclass(frozen=True, kw_only=True)
class Step:
    """One step of a practice."""

    id: str
    title: str
    text: str
    share: float = 1.0
    breath: bool = False
    cue: str | None = None
    min_minutes: int = MIN_MINUTES

    def __post_init__(self) -> None:
        check_placeholders(self.text)
        if self.cue is not None:
            check_placeholders(self.cue)


@dataclass(frozen=True, kw_only=True)
class Practice:
    """A practice as written in its data file (checked by ``core/practice_file.py``)."""

    schema_version: int = SCHEMA_VERSION
    id: str
    title: str
    summary: str
    when: str
    default_minutes: int = DEFAULT_MINUTES
    flare_minutes: int = DEFAULT_FLARE_MINUTES
    tags: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    steps: list[Step]

    @classmethod
    def of(cls, data: dict[str, Any]) -> Practice:
        """A practice from a file's table that has passed the full check (or a shipped one:
        a test puts every shipped file through the full check)."""
        return cls(
            schema_version=data["schema_version"],
            id=data["id"],
            title=data["title"],
            summary=data["summary"],
            when=data["when"],
            default_minutes=data.get("default_minutes", DEFAULT_MINUTES),
            flare_minutes=data.get("flare_minutes", DEFAULT_FLARE_MINUTES),
            tags=list(data.get("tags", [])),
            sources=list(data.get("sources", [])),
            steps=[
                Step(
                    id=step["id"],
                    title=step["title"],
                    text=step["text"],
                    share=float(step.get("share", 1.0)),
                    breath=step.get("breath", False),
                    cue=step.get("cue"),
                    min_minutes=step.get("min_minutes", MIN_MINUTES),
                )
                for step in data["steps"]
            ],
        )


def check_placeholders(text: str) -> None:
    """Raise ValueError when ``text`` uses a placeholder the profile cannot fill."""
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            raise ValueError(f"unknown placeholder {{{name}}}; use one of {known}")


def parse_practice(text: str, *, source: str) -> Practice:
    """Parse and check one practice file; errors name the line and field."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UnbraceError(f"{source}: not valid TOML ({exc}).") from None
    from unbrace.core.practice_file import FileProblem, checked

    try:
        return Practice.of(checked(raw))
    except FileProblem as problem:
        line = _line_of(text, problem.loc)
        at = f" (line {line})" if line else ""
        raise UnbraceError(
            f"{source}{at}: {_field_path(problem.loc)}: {problem.message}."
        ) from None


def parse_shipped(text: str) -> Practice:
    """A practice file shipped inside the package: read without the full check (pydantic,
    several times ``python -c pass`` to import) because a test puts every shipped file
    through it."""
    return Practice.of(tomllib.loads(text))


def _field_path(loc: Iterable[int | str]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1] = f"{parts[-1]}[{part + 1}]" if parts else f"[{part + 1}]"
        else:
            parts.append(part)
    return ".".join(parts) or "file"


def _line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """Best-effort line number of the field a validation error points at.

    tomllib keeps no positions, so we walk the text: find the n-th ``[[steps]]``
    table when the error is inside a step, then the key within it.
    """
    lines = text.splitlines()
    tables = [i for i, line in enumerate(lines) if line.strip().startswith("[")]
    keys = [part for part in loc if isinstance(part, str)]
    start, end, header = 0, (tables[0] if tables else len(lines)), None
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        steps = [i for i in tables if lines[i].strip() == "[[steps]]"]
        if loc[1] >= len(steps):
            return None
        start = header = steps[loc[1]]
        end = next((i for i in tables if i > start), len(lines))
        keys = keys[1:]
    if keys:
        pattern = re.compile(rf"^\s*{re.escape(keys[-1])}\s*=")
        for index in range(start, end):
            if pattern.match(lines[index]):
                return index + 1
    # A missing key: point at its table's header, if it has one.
    return header + 1 if header is not None else None


@dataclass
class Library:
    """Every practice a person can use: the shipped ones plus their own files."""

    practices: dict[str, Practice] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def get(self, practice_id: str) -> Practice:
        try:
            return self.practices[practice_id]
        except KeyError:
            raise UnbraceError(
                f"No practice called {practice_id!r}. See the list with: unbrace practices"
            ) from None

    def __iter__(self) -> Iterator[Practice]:
        return iter(self.practices.values())

    def add(self, practice: Practice, origin: str) -> None:
        self.practices[practice.id] = practice
        self.origins[practice.id] = origin

    def add_own(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.__class__.__name__
            raise UnbraceError(f"{path}: cannot be read as UTF-8 text ({reason}).") from None
        practice = parse_practice(text, source=str(path))
        if practice.id in self.origins:
            other = self.origins[practice.id]
            where = "a built-in practice" if other == "builtin" else f"used by {other}"
            raise UnbraceError(f"{path}: id {practice.id!r} is already {where}.")
        self.add(practice, str(path))


def builtin_files() -> list[tuple[str, str]]:
    """(name, text) of every practice file shipped inside the package."""
    folder = resources.files("unbrace.data") / "practices"
    return sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


def load_library(user_dir: Path | None = None, *, strict: bool = True) -> Library:
    """Load shipped practices, then the person's own (which may not reuse a shipped id).

    With ``strict=False`` a broken file of the person's own is left out and described in
    ``problems`` instead of stopping everything, including the built-in practices.
    """
    library = Library()
    for _, text in builtin_files():
        library.add(parse_shipped(text), "builtin")
    if user_dir is not None and user_dir.is_dir():
        for path in sorted(user_dir.glob("*.toml")):
            try:
                library.add_own(path)
            except UnbraceError as problem:
                if strict:
                    raise
                library.problems.append(str(problem))
    return library
