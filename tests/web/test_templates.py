"""The page templates read only what their view gives. Jinja's StrictUndefined makes a missing
field fail the page; each typed view is also checked against every name its template reads in
any branch, not only in the branches a test happens to render."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest
from jinja2 import Environment, StrictUndefined, UndefinedError, meta

from unbrace.web.app import page_templates
from unbrace.web.pages.base import BASE_FIELDS, MissingView
from unbrace.web.pages.coach import CoachView
from unbrace.web.pages.insights import InsightsView
from unbrace.web.pages.ladder import EditView, LadderPage, LaddersView, RateView
from unbrace.web.pages.ladder_trying import AfterView, TryView
from unbrace.web.pages.learn import LessonsView, LessonView
from unbrace.web.pages.practice import PracticesView, SessionPage
from unbrace.web.pages.records import CheckInView, DeleteView, HistoryView, SessionEditView
from unbrace.web.pages.routine import RoutineView
from unbrace.web.pages.safety import AdviceView, ScreenView
from unbrace.web.pages.settings import SettingsView
from unbrace.web.pages.today import TodayPage, WelcomeView

# Each template rendered from a typed view: the view's own fields, or one name holding it.
VIEWS: dict[str, type | tuple[str, type]] = {
    "advice.html": AdviceView,
    "learn.html": LessonsView,
    "lesson.html": LessonView,
    "missing.html": MissingView,
    "practices.html": PracticesView,
    "record_delete.html": DeleteView,
    "safety.html": ScreenView,
    "session_edit.html": SessionEditView,
    "welcome.html": WelcomeView,
    "checkin.html": CheckInView,
    "coach.html": CoachView,
    "history.html": HistoryView,
    "insights.html": InsightsView,
    "ladder.html": LadderPage,
    "ladders.html": LaddersView,
    "ladder_edit.html": EditView,
    "ladder_rate.html": RateView,
    "ladder_try.html": TryView,
    "ladder_after.html": AfterView,
    "routine.html": RoutineView,
    "settings.html": SettingsView,
    "today.html": ("page", TodayPage),
    "session.html": ("page", SessionPage),
}
# Reading nothing of their own.
UNTYPED = {"offline.html", "damaged.html"}
PARTS = {"base.html", "macros.html", "coach_feedback.html"}  # extended, imported or included
IMPORTED = re.compile(r"{%-?\s*from\s+\"[^\"]+\"\s+import\s+(.+?)\s*-?%}")
SHARED = {"base.html", "macros.html"}


@pytest.fixture(scope="module")
def env() -> Environment:
    environment: Environment = page_templates().env
    return environment


def names_read(env: Environment, name: str) -> set[str]:
    """The names a template (and what it includes) reads from its context."""
    assert env.loader is not None
    source = env.loader.get_source(env, name)[0]
    tree = env.parse(source)
    read = set(meta.find_undeclared_variables(tree))
    for imported in IMPORTED.findall(source):  # macros, named or renamed
        read -= {part.split(" as ")[-1].strip() for part in imported.split(",")}
    for included in meta.find_referenced_templates(tree):
        if included and included not in SHARED:
            read |= names_read(env, included)
    return read


def test_the_pages_use_strict_undefined(env: Environment) -> None:
    assert env.undefined is StrictUndefined


@pytest.mark.parametrize("template", sorted(VIEWS))
def test_each_view_gives_every_name_its_template_reads(env: Environment, template: str) -> None:
    view = VIEWS[template]
    given = set(BASE_FIELDS) | set(env.globals)
    if isinstance(view, tuple):
        given.add(view[0])
    else:
        given |= {item.name for item in fields(view)}
    missing = names_read(env, template) - given
    assert not missing, f"{template} reads {sorted(missing)}, which its view does not give"


def test_the_check_finds_a_name_no_view_gives(env: Environment) -> None:
    assert {"saved", "editing", "scales"} <= names_read(env, "checkin.html")
    assert "feedback" in names_read(env, "coach.html")  # through coach_feedback.html too


def test_a_missing_field_fails_the_page(env: Environment) -> None:
    with pytest.raises(UndefinedError, match="'saved' is undefined"):
        env.get_template("checkin.html").render(version="0", path="/checkin", theme="system")


def test_every_template_is_accounted_for(env: Environment) -> None:
    """A new page template gets a typed view too."""
    assert set(env.list_templates()) == set(VIEWS) | UNTYPED | PARTS
