"""The web app end to end in a real browser: Debian's Chromium driven by Playwright.

The server runs in a thread on a free loopback port with its own data folder. The tests go
through onboarding, a whole session with the clock sped up, a tab closed mid-session, a
check-in and the coach; then every page is audited with axe-core (no serious or critical
problems) and photographed at desktop and phone sizes under test-artifacts/screenshots/.
Never `playwright install`: the browser is the system's own.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    ViewportSize,
    expect,
    sync_playwright,
)

from unbrace.settings import Settings
from unbrace.store.db import Store, open_store
from unbrace.store.models import PracticeSession

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 375, "height": 740}
SERIOUS = {"serious", "critical"}
CONTROLLED = "() => !!(navigator.serviceWorker && navigator.serviceWorker.controller)"
NO = "no"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]

T = TypeVar("T")


@dataclass
class Server:
    url: str
    settings: Settings
    store: Store

    def records(self, read: Callable[[Any], T]) -> T:
        with self.store.transaction() as db:
            return read(db)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """`unbrace serve` in a thread: the app on 127.0.0.1 and a port of its own."""
    import uvicorn

    from unbrace.web.app import create_app

    home = tmp_path / "browser-home"
    settings = Settings(home=home, database_url=f"sqlite:///{home / 'unbrace.db'}")
    port = free_port()
    app = create_app(settings, port=port)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    store = open_store(settings)
    try:
        yield Server(f"http://127.0.0.1:{port}", settings, store)
    finally:
        store.close()
        running.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(base_url=server.url, viewport=DESKTOP)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda message: _console(message, problems))
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield opened
    context.close()
    # A refused inline style or script (the CSP) or a script error shows up here.
    assert not problems, problems


def _console(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type == "error" and "Failed to load resource" not in message.text:
        problems.append(message.text)


def set_up(server: Server, *, name: str = "Maria", positive: list[str] | None = None) -> None:
    """A profile made as the welcome page makes it, straight through the store."""
    from unbrace.store.models import utcnow
    from unbrace.usecases.profiles import onboard

    with server.store.transaction() as db:
        onboard(
            db,
            name=name,
            movements=["bending to load the dishwasher"],
            scene="a beach at dawn, cool sand under my feet",
            anchor="making my morning coffee",
            positive=positive or [],
            now=utcnow(),
        )


def sessions(server: Server) -> list[PracticeSession]:
    from sqlalchemy import select

    def read(db: Any) -> list[PracticeSession]:
        return list(db.scalars(select(PracticeSession).order_by(PracticeSession.id)))

    return server.records(read)


def rate(page: Page, field: str, value: int) -> None:
    """Choose a number on a rating scale, as a person clicks it."""
    page.locator(f"#field-{field} label.scale-option").filter(
        has_text=re.compile(rf"^\s*{value}\s*$")
    ).click()


def answer_all(page: Page, answer: str) -> None:
    for radio in page.locator(f"input[type=radio][value={answer}]").all():
        radio.check()


# --- the journeys ----------------------------------------------------------------------------


def test_onboarding_through_the_page(page: Page, server: Server) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", name="Welcome to unbrace")).to_be_visible()
    page.get_by_label("What shall we call you?").fill("Maria <3")
    page.get_by_label("A movement you have come to avoid").fill("bending to load the dishwasher")
    page.get_by_role("button", name="Save and continue").click()
    # Every safety question needs an explicit answer: nothing is saved yet.
    expect(page.locator(".error-summary")).to_be_visible()
    assert server.records(lambda db: db.scalar(_count_profiles()) or 0) == 0
    answer_all(page, NO)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maria <3")
    expect(page.get_by_role("link", name="Start", exact=True)).to_be_visible()
    expect(page.get_by_text("All set.")).to_be_visible()


def test_a_yes_shows_the_clinician_advice_and_stops(page: Page, server: Server) -> None:
    page.goto("/")
    page.get_by_label("What shall we call you?").fill("Sam")
    answer_all(page, NO)
    page.locator("input[name='flag-fever'][value='yes']").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Please see a clinician first")).to_be_visible()
    expect(page.get_by_text("fever", exact=False).first).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("link", name="Start", exact=True)).to_have_count(0)
    page.get_by_role("button", name="I have been seen by a clinician").click()
    expect(page.get_by_role("link", name="Start", exact=True)).to_be_visible()


def test_a_whole_session_with_the_clock_sped_up(page: Page, server: Server) -> None:
    set_up(server)
    page.goto("/session/breath-anchor?minutes=1&speed=60")
    rate(page, "pain_before", 6)
    page.get_by_role("button", name="Begin", exact=True).click()
    expect(page.locator("#stage-after")).to_be_visible(timeout=20_000)
    rate(page, "pain_after", 4)
    page.locator("#field-vivid_visual label.scale-option").filter(has_text="4").click()
    page.locator("#field-vivid_body label.scale-option").filter(has_text="3").click()
    page.get_by_label("A note for yourself").fill("Shoulders <soft>")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#end-summary")).to_contain_text("You practised 1:00")
    expect(page.locator("#end-summary")).not_to_contain_text("Well done")  # the heading says it
    expect(page.locator("#end-summary")).to_contain_text("Pain 6 → 4")

    page.goto("/history")
    record = page.locator(".session-record").first
    expect(record).to_contain_text("Completed")
    expect(record).to_contain_text("6 before, 4 after")
    expect(record).to_contain_text("Seeing")
    expect(record).to_contain_text("Shoulders <soft>")
    stored = sessions(server)[-1]
    assert (stored.status, stored.pain_before, stored.pain_after) == ("completed", 6, 4)
    assert (stored.vivid_visual, stored.vivid_body) == (4, 3)
    assert stored.seconds == pytest.approx(60, abs=1)


def test_closing_the_tab_keeps_what_was_practised(browser: Browser, server: Server) -> None:
    set_up(server)
    context = browser.new_context(base_url=server.url, viewport=DESKTOP)
    page = context.new_page()
    page.goto("/session/movement-rehearsal?minutes=5&speed=20")
    page.get_by_role("button", name="Begin without rating my pain").click()
    expect(page.locator("#stage-play")).to_be_visible()
    expect(page.locator("#step-count")).to_have_text(re.compile("Step [2-9]"), timeout=20_000)
    time.sleep(0.5)
    page.close(run_before_unload=True)
    context.close()

    def partial() -> PracticeSession | None:
        found = sessions(server)
        record = found[-1] if found else None
        return record if record is not None and record.seconds > 0 else None

    record = wait_for(partial)
    assert record.status in {"in_progress", "stopped"}
    assert 0 < record.seconds < 300


def test_a_check_in(page: Page, server: Server) -> None:
    set_up(server)
    page.goto("/checkin")
    for name, value in (("pain", 4), ("enjoyment", 3), ("activity", 2)):
        page.locator(f"#field-{name} label.scale-option").filter(
            has_text=re.compile(rf"^\s*{value}\s*$")
        ).click()
    page.get_by_label("Went for a walk").check()
    page.get_by_label("A note").fill("Gardening went well")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    page.goto("/history")
    expect(page.locator(".checkin-record").first).to_contain_text("4 of 10")
    expect(page.locator(".checkin-record").first).to_contain_text("Went for a walk")


def test_the_coach_reads_along(page: Page, server: Server) -> None:
    set_up(server)
    page.goto("/coach")
    page.get_by_label("Your imagery script").press_sequentially(
        "No pain. My back doesn't hurt.", delay=5
    )
    mark = page.locator("#feedback mark.flag-negation").first
    expect(mark).to_be_visible(timeout=10_000)
    expect(mark).to_contain_text("[no pain]")
    expect(page.locator("#feedback .suggestions li").first).to_be_visible()
    expect(page.locator("#coach-status")).to_contain_text("Score")
    page.get_by_label("Name for your script").fill("kitchen bend")
    page.get_by_role("button", name="Save as my script").click()
    expect(page.get_by_role("status").filter(has_text="Saved “kitchen bend”")).to_be_visible()


def test_the_coach_flags_no_pain_i_feel_better(page: Page, server: Server) -> None:
    """One "no pain" with only a feeling beside it: negation and vague, with the words."""
    set_up(server)
    page.goto("/")
    page.get_by_role("link", name="Coach").first.click()
    page.get_by_label("Your imagery script").press_sequentially("No pain. I feel better.", delay=5)
    mark = page.locator("#feedback mark.flag-negation")
    expect(mark).to_have_count(1, timeout=10_000)
    expect(mark).to_contain_text("No pain")
    checks = page.locator("#feedback .checks")
    expect(checks).to_contain_text("Built on 'no pain'")
    expect(checks).to_contain_text("Too vague")


def test_offline_pages_keep_working_and_saves_wait(browser: Browser, server: Server) -> None:
    """Once opened, a page works without the connection, and a check-in made offline waits
    in the service worker's outbox until the connection returns."""
    from unbrace.store import checkin_repo, profile_repo

    set_up(server)
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    page.goto("/checkin")
    page.wait_for_function(CONTROLLED)
    page.reload()  # now a copy of this page is kept
    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="Check in")).to_be_visible()
    for name in ("pain", "enjoyment", "activity"):
        page.locator(f"input[name={name}][value='5']").check()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.locator("#checkin-status")).to_contain_text("Saved on this device")

    def stored() -> Any:
        return server.records(
            lambda db: checkin_repo.get_checkin(
                db, profile=profile_repo.resolve_profile(db, name=None), date=dt.date.today()
            )
        )

    assert stored() is None
    context.set_offline(False)
    record = wait_for(stored)
    assert (record.pain, record.enjoyment, record.activity) == (5, 5, 5)
    context.close()


def test_a_session_that_loses_the_connection_is_sent_later(
    browser: Browser, server: Server
) -> None:
    set_up(server)
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    page.goto("/session/posture-reset?minutes=1&speed=10")
    page.wait_for_function(CONTROLLED)
    page.get_by_role("button", name="Begin without rating my pain").click()
    expect(page.locator("#stage-play")).to_be_visible()
    context.set_offline(True)
    expect(page.locator("#stage-after")).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="Skip the questions").click()
    expect(page.locator("#end-summary")).to_contain_text("kept on this device")
    assert sessions(server)[-1].status == "in_progress"
    context.set_offline(False)
    record = wait_for(
        lambda: next((s for s in sessions(server) if s.status != "in_progress"), None)
    )
    assert record.status == "completed" and record.seconds == pytest.approx(60, abs=1)
    context.close()


def test_the_preview_follows_the_length(page: Page, server: Server) -> None:
    set_up(server)
    page.goto("/practices")
    card = page.locator("#practice-movement-rehearsal")
    card.get_by_text("Preview the script").click()
    expect(card.locator(".preview-length")).to_contain_text("The 5-minute version")
    card.get_by_label("Length").select_option("1")
    expect(card.locator(".preview-length")).to_contain_text("The 1-minute version")
    expect(card.locator(".steps")).to_contain_text("bending to load the dishwasher")
    card.get_by_role("button", name="Start").click()
    expect(page).to_have_url(re.compile(r"/session/movement-rehearsal\?minutes=1$"))


def test_the_breath_guide_waits_for_the_words_the_plan_gives_time_for(
    browser: Browser, server: Server
) -> None:
    """The player reads each step's ``read_seconds`` from the plan (derives nothing): a step
    of words says "Read slowly." until then, and counts breaths after."""
    set_up(server)
    context = browser.new_context(base_url=server.url, reduced_motion="reduce")
    page = context.new_page()
    page.goto("/session/posture-reset?minutes=1&speed=4")
    plan = json.loads(page.locator("#player").get_attribute("data-plan") or "{}")
    first = plan["steps"][0]
    assert not first["breath"] and 0 < first["read_seconds"] < first["seconds"]
    page.get_by_role("button", name="Begin without rating my pain").click()
    expect(page.locator("#breath-count")).to_contain_text("Read slowly.")
    expect(page.locator("#breath-count")).to_contain_text(
        re.compile("in…|out…"), timeout=int(first["read_seconds"] / 4 * 1000) + 5_000
    )
    expect(page.locator("#step-count")).to_contain_text("Step 1")
    context.close()


def test_reduced_motion_counts_in_words(browser: Browser, server: Server) -> None:
    set_up(server)
    context = browser.new_context(base_url=server.url, reduced_motion="reduce")
    page = context.new_page()
    page.goto("/session/breath-anchor?minutes=3&speed=2")
    page.get_by_role("button", name="Begin without rating my pain").click()
    expect(page.locator("#breath-circle")).to_be_hidden()
    expect(page.locator("#breath-count")).to_contain_text(re.compile("in…|out…|Read"))
    page.get_by_role("button", name="Pause").click()
    expect(page.locator("#pause")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Space")  # the focused Pause button answers: going on again
    expect(page.locator("#pause")).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("s")
    expect(page.locator("#step-count")).to_contain_text("Step 2")
    page.keyboard.press("Escape")
    expect(page.locator("#stage-after")).to_be_visible()
    expect(page.locator("#after-title")).to_be_focused()
    context.close()


# --- every page: an accessibility audit and screenshots ---------------------------------------


def fill_for_tour(server: Server) -> None:
    """A month of made-up records, so every page has something on it."""
    from unbrace.core.demo import generate
    from unbrace.store import checkin_repo, profile_repo, session_repo

    set_up(server)
    checkins, demo = generate(days=42, seed=3, end=dt.date.today(), tz=dt.UTC)
    with server.store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        checkin_repo.add_checkins(db, profile=profile, checkins=checkins[:-1])
        session_repo.add_demo_sessions(db, profile=profile, sessions=demo)


TOUR = [
    ("today", "/"),
    ("practices", "/practices"),
    ("session", "/session/movement-rehearsal?minutes=3"),
    ("checkin", "/checkin"),
    ("history", "/history"),
    ("coach", "/coach"),
    ("learn", "/learn"),
    ("lesson", "/learn/why-imagery"),
    ("settings", "/settings"),
    ("safety", "/settings/safety"),
    ("insights", "/insights"),
    ("routine", "/routine"),
    ("offline", "/offline"),
    ("report", "/report"),
]


def audit(page: Page, label: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    result = Axe().run(page)
    return [
        f"{label}: {item['id']} ({item['impact']}): {item['help']} - "
        + "; ".join(node["target"][0] for node in item["nodes"][:3])
        for item in result.response["violations"]
        if item.get("impact") in SERIOUS
    ]


def test_every_page_passes_an_accessibility_audit(browser: Browser, server: Server) -> None:
    fill_for_tour(server)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(base_url=server.url, viewport=viewport)
        page = context.new_page()
        for name, path in TOUR:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{size}.png"), full_page=True)
            problems += audit(page, f"{name} ({size})")
            if size == "phone" and name != "report":
                problems += too_wide(page, name)
        # The player while it runs, and the coach with its feedback showing.
        page.goto("/session/movement-rehearsal?minutes=3&speed=5")
        page.get_by_role("button", name="Begin without rating my pain").click()
        expect(page.locator("#stage-play")).to_be_visible()
        page.wait_for_timeout(600)
        page.screenshot(path=str(SCREENSHOTS / f"player-{size}.png"), full_page=True)
        problems += audit(page, f"player ({size})")
        page.locator("#stop").click()
        page.screenshot(path=str(SCREENSHOTS / f"after-{size}.png"), full_page=True)
        problems += audit(page, f"after ({size})")
        page.goto("/coach")
        page.get_by_label("Your imagery script").fill(
            "No pain. My back does not hurt. I feel better."
        )
        page.get_by_role("button", name="Get feedback").click()
        page.screenshot(path=str(SCREENSHOTS / f"coach-feedback-{size}.png"), full_page=True)
        problems += audit(page, f"coach feedback ({size})")
        context.close()
    assert not problems, "\n".join(problems)


def test_the_welcome_advice_and_missing_pages_pass_too(browser: Browser, server: Server) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(base_url=server.url, viewport=viewport)
        page = context.new_page()
        page.goto("/")
        page.screenshot(path=str(SCREENSHOTS / f"welcome-{size}.png"), full_page=True)
        problems += audit(page, f"welcome ({size})")
        page.get_by_role("button", name="Save and continue").click()
        expect(page.locator(".error-summary")).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / f"welcome-errors-{size}.png"), full_page=True)
        problems += audit(page, f"welcome with errors ({size})")
        context.close()
    set_up(server, positive=["fever"])
    context = browser.new_context(base_url=server.url, viewport=PHONE)
    page = context.new_page()
    for name, path in (
        ("advice", "/safety/advice"),
        ("today-reminder", "/"),
        ("missing", "/learn/nothing"),
    ):
        page.goto(path)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
        problems += audit(page, name)
    context.close()
    assert not problems, "\n".join(problems)


def test_the_dark_theme_passes_too(browser: Browser, server: Server) -> None:
    fill_for_tour(server)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(base_url=server.url, viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    problems: list[str] = []
    for name, path in TOUR[:-1]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        if name in {"today", "checkin", "coach", "settings"}:
            page.screenshot(path=str(SCREENSHOTS / f"{name}-dark.png"), full_page=True)
        problems += audit(page, f"{name} (dark)")
    context.close()
    assert not problems, "\n".join(problems)


# --- helpers ------------------------------------------------------------------------------------


def too_wide(page: Page, name: str) -> list[str]:
    """Nothing may need sideways scrolling on the narrowest phones (360 px), nor when the
    text is twice its size on a 720 px window (text resized to 200 %)."""
    found = []
    for width, zoom in ((360, "100%"), (720, "200%")):
        page.set_viewport_size({"width": width, "height": 740})
        page.evaluate("(zoom) => { document.documentElement.style.fontSize = zoom; }", zoom)
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        if wide > width:
            found.append(f"{name}: {wide} px wide at {width} px with text at {zoom}")
        page.evaluate("() => { document.documentElement.style.fontSize = ''; }")
    page.set_viewport_size(PHONE)
    return found


def _count_profiles() -> Any:
    from sqlalchemy import func, select

    from unbrace.store.models import Profile

    return select(func.count()).select_from(Profile)


def wait_for(probe: Callable[[], T | None], seconds: float = 30) -> T:
    # Generous: a loaded CI machine is slow, and this waits for behaviour, it does not time it.
    deadline = time.monotonic() + seconds
    while True:
        found = probe()
        if found is not None:
            return found
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.2)


# --- the recorded voice -------------------------------------------------------------------------

PLAYING_OR_SPOKEN = """() => {
  const audio = document.querySelector('#player audio');
  const note = document.getElementById('audio-status').textContent;
  return (audio && audio.currentTime > 2) || note.includes('instead');
}"""


def test_the_recorded_voice_is_prepared_then_played(
    page: Page, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.audio.sound import FakeVoice
    from unbrace.audio import voice as voices

    class HeldVoice(FakeVoice):
        """A quick stand-in voice that waits to be let go, so the waiting can be seen."""

        go = threading.Event()

        def prepare(self) -> None:
            self.go.wait(timeout=15)

    held = HeldVoice(per_word=0.1)
    monkeypatch.setenv("UNBRACE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(voices, "choose_voice", lambda name: held)
    set_up(server)
    page.goto("/session/posture-reset?minutes=1")
    page.get_by_label("Play the calm recorded voice instead").check()
    page.get_by_role("button", name="Begin without rating my pain").click()
    expect(page.locator("#audio-progress")).to_be_visible()
    expect(page.locator("#audio-preparing-text")).to_have_text("Preparing the audio…")
    held.go.set()
    expect(page.locator("#stage-play")).to_be_visible(timeout=20_000)
    page.wait_for_function(PLAYING_OR_SPOKEN, timeout=20_000)
    note = page.locator("#audio-status").text_content() or ""
    if "instead" not in note:  # this browser plays audio: the captions are the step text
        caption = re.compile("^(" + "|".join(map(re.escape, held.spoken)) + ")$")
        expect(page.locator("#step-text")).to_have_text(caption, timeout=10_000)
        page.get_by_role("button", name="Pause").click()
        assert page.evaluate("() => document.querySelector('#player audio').paused")
        page.get_by_role("button", name="Go on").click()
        expect(page.locator("#pause")).to_have_attribute("aria-pressed", "false")
    page.get_by_role("button", name="Stop").click()
    expect(page.locator("#stage-after")).to_be_visible()
    assert page.evaluate(
        "() => !document.querySelector('#player audio') || "
        "document.querySelector('#player audio').paused"
    )
    # The choice is remembered.
    page.goto("/session/posture-reset?minutes=1")
    expect(page.get_by_label("Play the calm recorded voice instead")).to_be_checked()


def test_without_a_voice_the_browser_speaks_instead(
    page: Page, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    from unbrace.audio import voice as voices

    monkeypatch.setattr(voices, "joe_model", lambda: None)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    set_up(server)
    page.goto("/session/posture-reset?minutes=1&speed=20")
    page.get_by_label("Play the calm recorded voice instead").check()
    page.get_by_role("button", name="Begin without rating my pain").click()
    expect(page.locator("#stage-play")).to_be_visible()
    expect(page.locator("#audio-status")).to_contain_text("The recorded voice is not available.")
    expect(page.locator("#stage-after")).to_be_visible(timeout=20_000)


def test_a_wrong_check_in_is_corrected_and_a_session_deleted(page: Page, server: Server) -> None:
    """From the home page to History, by the links' names: correct one check-in, delete one
    session (asked first), and the records are what was chosen."""
    from sqlalchemy import select

    from unbrace.core.checkins import CheckIn
    from unbrace.core.session import Player, plan_session
    from unbrace.store import checkin_repo, profile_repo, session_repo
    from unbrace.store.models import CheckInRecord, utcnow

    set_up(server)
    with server.store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        day = dt.date.today() - dt.timedelta(days=1)
        entry = CheckIn(date=day, pain=9, enjoyment=2, activity=3)
        checkin_repo.save_checkin(db, profile=profile, checkin=entry, replace=False, now=utcnow())
        from unbrace.core.practices import load_library

        practice = load_library().practices["posture-reset"]
        player = Player(plan_session(practice, 1))
        started = session_repo.start_session(
            db, profile=profile, plan=player.plan, pain_before=4, flare=False, now=utcnow()
        )
        session_repo.finish_session(db, session_id=started.id, player=player, now=utcnow())
    page.goto("/")
    page.get_by_role("link", name="History").first.click()
    page.get_by_role("link", name=f"Correct the check-in of {day:%d %B}").click()
    expect(page.get_by_role("heading", name=re.compile("Correct your check-in"))).to_be_visible()
    page.locator("#field-pain label.scale-option").filter(has_text=re.compile(r"^\s*4\s*$")).click()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Your correction is saved.")).to_be_visible()
    page.get_by_role("link", name="Delete this session").click()
    expect(page.get_by_role("heading", name="Delete this session?")).to_be_visible()
    page.get_by_role("button", name="Delete this session").click()
    expect(page.get_by_text("Deleted. Your insights")).to_be_visible()
    expect(page.locator(".session-record")).to_have_count(0)
    kept = server.records(lambda db: [c.pain for c in db.scalars(select(CheckInRecord))])
    assert kept == [4] and sessions(server) == []
