"""Short lessons: Markdown files with TOML front matter between ``+++`` lines."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from unbrace.core.errors import UnbraceError

FENCE = "+++"


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    order: int
    minutes: int
    sources: tuple[str, ...]
    body: str


def parse_lesson(text: str, *, source: str) -> Lesson:
    parts = text.replace("\r\n", "\n").split(FENCE + "\n", 2)
    if len(parts) != 3 or parts[0].strip():
        raise UnbraceError(f"{source}: a lesson starts with front matter between +++ lines.")
    try:
        meta = tomllib.loads(parts[1])
        return Lesson(
            id=str(meta["id"]),
            title=str(meta["title"]),
            order=int(meta["order"]),
            minutes=int(meta.get("minutes", 2)),
            sources=_sources(meta["sources"]),
            body=parts[2].strip(),
        )
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise UnbraceError(f"{source}: front matter is incomplete ({exc}).") from None


@cache
def lessons() -> tuple[Lesson, ...]:
    folder = resources.files("unbrace.data") / "lessons"
    found = [
        parse_lesson(entry.read_text(encoding="utf-8"), source=entry.name)
        for entry in folder.iterdir()
        if entry.name.endswith(".md")
    ]
    return tuple(sorted(found, key=lambda lesson: lesson.order))


def _sources(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError("sources must be a non-empty list of strings")
    return tuple(str(item) for item in value)


def get_lesson(lesson_id: str) -> Lesson:
    for lesson in lessons():
        if lesson.id == lesson_id:
            return lesson
    raise UnbraceError(f"No lesson called {lesson_id!r}. See the list with: unbrace learn")
