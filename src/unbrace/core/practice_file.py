"""The full check of a practice file (pydantic models of its tables).

Kept apart from `core/practices.py`, so that reading the shipped practices (checked by a test)
does not import pydantic; a person's own files and `practice add` go through here.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from unbrace.core import limits
from unbrace.core.errors import UnbraceError
from unbrace.core.practices import check_placeholders
from unbrace.core.session import MAX_MINUTES, MIN_MINUTES

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Minutes = Annotated[int, Field(ge=MIN_MINUTES, le=MAX_MINUTES)]


class StepFile(BaseModel):
    """One step of a practice, as its file must write it."""

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


class PracticeFile(BaseModel):
    """A practice file's top table."""

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
    steps: Annotated[list[StepFile], Field(min_length=2)]

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
    def _unique_step_ids(cls, steps: list[StepFile]) -> list[StepFile]:
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


class FileProblem(ValueError):
    """The first problem of a practice file: where (``loc``, keys and step indexes) and what."""

    def __init__(self, loc: tuple[int | str, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message


def checked(raw: dict[str, Any]) -> dict[str, Any]:
    """A file's table as the full check leaves it (numbers as their types, defaults filled);
    raises ``FileProblem`` for the first problem."""
    try:
        return PracticeFile.model_validate(raw).model_dump()
    except ValidationError as exc:
        error = exc.errors()[0]
        raise FileProblem(tuple(error["loc"]), error["msg"].removeprefix("Value error, ")) from None
