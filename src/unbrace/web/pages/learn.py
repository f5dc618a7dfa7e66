"""The short lessons (`/learn`), written in Markdown and shipped with the package."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from unbrace.web.pages.base import PersonDep, not_found, render

if TYPE_CHECKING:
    from unbrace.core.lessons import Lesson

router = APIRouter()


def markdown(text: str) -> Markup:
    """Lesson Markdown as HTML. Any HTML inside the text is shown as text, not run, and
    links other than http(s), mailto and relative ones are refused by markdown-it."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return Markup(renderer.render(text))


@dataclass(frozen=True)
class LessonsView:
    """What learn.html reads."""

    lessons: Sequence[Lesson]


@dataclass(frozen=True)
class LessonView:
    """What lesson.html reads: one lesson, its body as safe HTML, and its neighbours."""

    lesson: Lesson
    body: Markup
    previous: Lesson | None
    next: Lesson | None


@router.get("/learn", response_class=HTMLResponse)
def learn(request: Request, profile: PersonDep) -> HTMLResponse:
    from unbrace.core.lessons import lessons

    return render(request, "learn.html", LessonsView(lessons=list(lessons())))


@router.get("/learn/{lesson_id}", response_class=HTMLResponse)
def lesson(request: Request, lesson_id: str, profile: PersonDep) -> HTMLResponse:
    from unbrace.core.lessons import lessons

    found = list(lessons())
    index = next((i for i, item in enumerate(found) if item.id == lesson_id), None)
    if index is None:
        return not_found(request, "There is no lesson by that name.")
    view = LessonView(
        lesson=found[index],
        body=markdown(found[index].body),
        previous=found[index - 1] if index > 0 else None,
        next=found[index + 1] if index + 1 < len(found) else None,
    )
    return render(request, "lesson.html", view)
