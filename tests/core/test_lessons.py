"""Lessons: the shipped set, lookup, and front-matter parsing."""

from __future__ import annotations

import pytest

from unbrace.core.errors import UnbraceError
from unbrace.core.lessons import Lesson, get_lesson, lessons, parse_lesson

LESSON_IDS = [
    "why-imagery",
    "pain-alarm",
    "pain-not-damage",
    "four-mistakes",
    "routine",
    "everyday-tweaks",
    "see-a-clinician",
]

GOOD = """+++
id = "tiny"
title = "A tiny lesson"
order = 9
sources = ["Someone 2020, A Journal"]
+++
Body text here.
"""


def test_seven_lessons_sorted_by_order() -> None:
    found = lessons()
    assert [lesson.id for lesson in found] == LESSON_IDS
    orders = [lesson.order for lesson in found]
    assert orders == sorted(orders)
    assert len(set(orders)) == len(orders)


def test_lesson_ids_are_unique() -> None:
    assert len({lesson.id for lesson in lessons()}) == 7


def test_lessons_are_loaded_once() -> None:
    assert lessons() is lessons()


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_lesson_has_sources_and_a_short_body(lesson_id: str) -> None:
    lesson = get_lesson(lesson_id)
    assert lesson.id == lesson_id
    assert lesson.title
    assert lesson.sources and all(source.strip() for source in lesson.sources)
    assert lesson.minutes >= 1
    assert 250 <= len(lesson.body.split()) <= 450
    assert "+++" not in lesson.body
    assert lesson.body == lesson.body.strip()


@pytest.mark.parametrize("lesson_id", ["", "why", "WHY-IMAGERY", "lesson-8"])
def test_get_lesson_unknown_raises(lesson_id: str) -> None:
    with pytest.raises(UnbraceError, match="No lesson called"):
        get_lesson(lesson_id)


def test_parse_lesson_reads_front_matter_and_body() -> None:
    lesson = parse_lesson(GOOD, source="tiny.md")
    assert lesson == Lesson(
        id="tiny",
        title="A tiny lesson",
        order=9,
        minutes=2,
        sources=("Someone 2020, A Journal",),
        body="Body text here.",
    )


def test_parse_lesson_minutes_can_be_set() -> None:
    text = GOOD.replace("order = 9\n", "order = 9\nminutes = 4\n")
    assert parse_lesson(text, source="tiny.md").minutes == 4


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Just a body, no front matter.\n",
        'id = "tiny"\n+++\nBody.\n',
        "Intro first.\n" + GOOD,
        GOOD.replace("+++\n", "---\n"),
    ],
)
def test_parse_lesson_without_front_matter_raises(text: str) -> None:
    with pytest.raises(UnbraceError, match=r"^tiny\.md: a lesson starts with front matter"):
        parse_lesson(text, source="tiny.md")


@pytest.mark.parametrize(
    "text",
    [
        GOOD.replace('id = "tiny"\n', ""),
        GOOD.replace('title = "A tiny lesson"\n', ""),
        GOOD.replace('sources = ["Someone 2020, A Journal"]\n', ""),
        GOOD.replace("order = 9", 'order = "first"'),
        GOOD.replace("order = 9", "order = ["),
        GOOD.replace("order = 9", "sources = []"),
    ],
)
def test_parse_lesson_incomplete_front_matter_raises(text: str) -> None:
    with pytest.raises(UnbraceError, match=r"^tiny\.md: front matter is incomplete") as caught:
        parse_lesson(text, source="tiny.md")
    assert caught.value.__cause__ is None
