"""The journey suite: the web app walked as a person walks it, in Debian's Chromium.

Every journey starts at `/` with a fresh data folder (on SQLite and on PostgreSQL, through the
shared ``settings`` fixture) and moves only by what a person sees: links and buttons found by
their accessible names, never an address typed in. Any console error, page error or answer of
400 or more that the journey did not say it expects fails it. The player's clock runs fast
through ``UNBRACE_TEST_PLAYER_SPEED``, a switch read by the player page that no person sees.
Screenshots of each step, at desktop and phone width, light and dark, go to
test-artifacts/journeys/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, Page, Response, ViewportSize, expect

from tests.live_server import running_app
from tests.web import test_browser
from unbrace.settings import Settings
from unbrace.store.db import Store, open_store
from unbrace.store.models import PracticeSession

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "journeys"
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}
CHROMIUM = test_browser.CHROMIUM
browser = test_browser.browser  # the same module-scoped Chromium fixture as the browser tests
SPEED = "600"  # a five-minute practice in half a second

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)


@dataclass
class Person:
    """A browser tab driven as a person drives it, watching for anything going wrong."""

    page: Page
    store: Store
    journey: str
    shots: bool
    problems: list[str] = field(default_factory=list)
    expected: set[int] = field(default_factory=set)  # statuses the next step expects
    step: int = 0
    scheme: Literal["light", "dark"] = "light"

    def watch(self) -> None:
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("response", self._response)

    def _console(self, message: object) -> None:
        kind = getattr(message, "type", "")
        text = str(getattr(message, "text", ""))
        # A failed response is already judged by its status below.
        if kind == "error" and "Failed to load resource" not in text:
            self.problems.append(f"console: {text}")

    def _response(self, response: Response) -> None:
        if response.status >= 400 and response.status not in self.expected:
            self.problems.append(f"{response.status} {response.request.method} {response.url}")

    # --- moving about ---------------------------------------------------------------------

    def link(self, name: str, *, exact: bool = True) -> None:
        self.page.get_by_role("link", name=name, exact=exact).first.click()

    def nav(self, name: str) -> None:
        self.page.get_by_role("navigation", name="Main").get_by_role(
            "link", name=name, exact=True
        ).click()

    def button(self, name: str, *, exact: bool = True) -> None:
        self.page.get_by_role("button", name=name, exact=exact).click()

    def choose(self, group: str, answer: str) -> None:
        """A radio answer in a group (a fieldset) named by its question."""
        self.page.get_by_role("group", name=group).get_by_role(
            "radio", name=answer, exact=True
        ).check()

    def heading(self, name: str | re.Pattern[str], *, timeout: float = 10_000) -> None:
        expect(self.page.get_by_role("heading", name=name).first).to_be_visible(timeout=timeout)

    def answer_safety_questions(self, answer: str = "No") -> None:
        from unbrace.core.safety import screen

        for flag in screen().flags:
            self.choose(flag.question, answer)

    def fits_the_width(self, where: str) -> None:
        """Nothing sticks out sideways: no page that scrolls left and right on a phone."""
        wider = self.page.evaluate(
            """() => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return null;
              const out = [...document.querySelectorAll("body *")].filter(
                (e) => e.getBoundingClientRect().right > width + 1);
              const e = out[out.length - 1];
              return e ? `${e.tagName.toLowerCase()}.${e.className} ${e.textContent.slice(0, 40)}`
                       : "?";
            }"""
        )
        if wider:
            self.problems.append(f"wider than the screen, {where}: {wider}")

    def snap(self, name: str) -> None:
        """The page as it is now, at desktop and phone width, in light and dark colours."""
        if not self.shots:
            return
        self.step += 1
        folder = ARTIFACTS / self.journey
        folder.mkdir(parents=True, exist_ok=True)
        size = self.page.viewport_size or DESKTOP
        stem = f"{self.step:02d}-{name}"
        for scheme in ("light", "dark"):
            self.page.emulate_media(color_scheme=scheme)
            for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                self.page.set_viewport_size(viewport)
                self.fits_the_width(f"{stem} at {label} width")
                path = folder / f"{stem}-{label}-{scheme}.png"
                self.page.screenshot(path=str(path), full_page=True, animations="disabled")
        self.page.emulate_media(color_scheme=self.scheme)
        self.page.set_viewport_size(size)


def stored_sessions(store: Store) -> list[PracticeSession]:
    """The sessions in the database, oldest first (to check what a journey stored)."""
    from sqlalchemy import select

    with store.transaction() as db:
        found = list(db.scalars(select(PracticeSession).order_by(PracticeSession.id)))
        db.expunge_all()
    return found


# --- steps every journey shares ----------------------------------------------------------

PAIN_NOW = "How strong is your back pain right now?"
PAIN_TODAY = "Your average back pain today?"
ENJOYMENT = "Today, how much did pain get in the way of enjoying life?"
ACTIVITY = "Today, how much did pain get in the way of your general activity?"


def welcome(person: Person, name: str = "Maria") -> None:
    """The first visit: the welcome form, every safety question answered, then Today."""
    person.page.goto("/")
    person.heading("Welcome to unbrace")
    person.page.get_by_label("What shall we call you?").fill(name)
    person.page.get_by_label("A movement you have come to avoid").fill(
        "bending to load the dishwasher"
    )
    person.answer_safety_questions("No")
    person.snap("welcome")
    person.button("Save and continue")
    person.heading(re.compile(name))


@dataclass
class Server:
    url: str
    settings: Settings
    store: Store


@pytest.fixture
def server(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """The web app on a free loopback port, on a fresh database (SQLite or PostgreSQL)."""
    monkeypatch.setenv("UNBRACE_TEST_PLAYER_SPEED", SPEED)
    monkeypatch.setenv("UNBRACE_CACHE", str(tmp_path / "cache"))
    with running_app(settings.home, settings=settings) as port:
        store = open_store(settings)
        try:
            yield Server(f"http://127.0.0.1:{port}", settings, store)
        finally:
            store.close()


def name_of(request: pytest.FixtureRequest) -> str:
    return str(request.node.originalname)


def open_person(
    browser: Browser,
    server: Server,
    request: pytest.FixtureRequest,
    *,
    viewport: ViewportSize = DESKTOP,
    dark: bool = False,
) -> Iterator[Person]:
    context = browser.new_context(
        base_url=server.url, viewport=viewport, color_scheme="dark" if dark else "light"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    backend = "postgresql" if "postgresql" in server.settings.database_url else "sqlite"
    # One folder per journey and per variant of it ("test_x-today"), the same on either database.
    variant = re.sub(
        r"^\[?(sqlite|postgresql)-?|\]$", "", request.node.name[len(name_of(request)) :]
    )
    name = name_of(request) + (f"-{variant}" if variant else "")
    # Pictures once, from SQLite: the pages look the same on either database.
    scheme: Literal["light", "dark"] = "dark" if dark else "light"
    person = Person(page, server.store, journey=name, shots=backend == "sqlite", scheme=scheme)
    person.watch()
    try:
        yield person
    finally:
        context.close()
    assert not person.problems, person.problems


@pytest.fixture
def person(browser: Browser, server: Server, request: pytest.FixtureRequest) -> Iterator[Person]:
    yield from open_person(browser, server, request)
