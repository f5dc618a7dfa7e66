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
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from unbrace.core import limits
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

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Minutes = Annotated[int, Field(ge=MIN_MINUTES, le=MAX_MINUTES)]


class Step(BaseModel):
    """One step of a practice."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    title: Annotated[str, Field(min_length=1, max_length=60)]
    text: Annotated[str, Field(min_length=1, max_length=2000)]
    share: Annotated[float, Field(gt=0, le=100)] = 1.0
    breath: bool = False
    cue: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    min_minutes: Minutes = MIN_MINUTES

    @field_validator("title")
    @classmethod
    def _plain_title(cls, value: str) -> str:
        return _limited(limits.PRACTICE_TITLE, value)

    @field_validator("text", "cue")
    @classmethod
    def _known_placeholders(cls, value: str | None) -> str | None:
        if value is not None:
            check_placeholders(value)
        return value


class Practice(BaseModel):
    """A practice as written in its data file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    id: Slug
    title: Annotated[str, Field(min_length=1, max_length=80)]
    summary: Annotated[str, Field(min_length=1, max_length=200)]
    when: Annotated[str, Field(min_length=1, max_length=300)]
    default_minutes: Minutes = 5
    flare_minutes: Minutes = 3
    tags: list[Slug] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    steps: Annotated[list[Step], Field(min_length=2)]

    @field_validator("title")
    @classmethod
    def _plain_title(cls, value: str) -> str:
        return _limited(limits.PRACTICE_TITLE, value)

    @field_validator("summary", "when")
    @classmethod
    def _plain_words(cls, value: str) -> str:
        return _limited(limits.PRACTICE_WORDS, value)

    @field_validator("steps")
    @classmethod
    def _unique_step_ids(cls, steps: list[Step]) -> list[Step]:
        seen: set[str] = set()
        for step in steps:
            if step.id in seen:
                raise ValueError(f"step id {step.id!r} is used twice")
            seen.add(step.id)
        if not any(step.min_minutes == MIN_MINUTES for step in steps):
            raise ValueError("at least one step must be part of the one-minute version")
        return steps


def _limited(limit: limits.TextLimit, value: str, *, label: str | None = None) -> str:
    """The core limits' check for titles (no hidden direction controls), as a ValueError."""
    try:
        return limit.check(value, label=label)
    except UnbraceError as exc:
        raise ValueError(str(exc).rstrip(".")) from None


def check_placeholders(text: str) -> None:
    """Raise ValueError when ``text`` uses a placeholder the profile cannot fill."""
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            raise ValueError(f"unknown placeholder {{{name}}}; use one of {known}")


def parse_practice(text: str, *, source: str) -> Practice:
    """Parse and validate one practice file; errors name the line and field."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UnbraceError(f"{source}: not valid TOML ({exc}).") from None
    try:
        return Practice.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = _field_path(error["loc"])
        line = _line_of(text, error["loc"])
        at = f" (line {line})" if line else ""
        message = error["msg"].removeprefix("Value error, ")
        raise UnbraceError(f"{source}{at}: {where}: {message}.") from None


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
    for name, text in builtin_files():
        library.add(parse_practice(text, source=name), "builtin")
    if user_dir is not None and user_dir.is_dir():
        for path in sorted(user_dir.glob("*.toml")):
            try:
                library.add_own(path)
            except UnbraceError as problem:
                if strict:
                    raise
                library.problems.append(str(problem))
    return library
