"""The ladder in a real browser: built from the home page with visible links and buttons, a
step tried, the follow-up answered the next day (the server's clock moved with time-machine),
and the prediction gap seen on Insights and in the report; then an accessibility audit and
screenshots of the ladder pages at desktop and phone width under test-artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.web.test_browser import (
    CHROMIUM,
    DESKTOP,
    SCREENSHOTS,
    Server,
    audit,
    browser,
    page,
    server,
    set_up,
)

__all__ = ["browser", "page", "server"]  # fixtures used here

PHONE_390: ViewportSize = {"width": 390, "height": 844}
GAP = "You expected 7 and it was 3; what you feared did not happen."

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


def choose(page: Page, question: str, value: str) -> None:
    """Pick a number on a 0-10 scale, as a person clicks it."""
    group = page.get_by_role("group", name=re.compile(re.escape(question)))
    group.get_by_role("radio", name=value, exact=True).check()


def build_and_try(page: Page) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ladder").click()
    expect(page.get_by_role("heading", name="Visualise, then do")).to_be_visible()
    expect(page.get_by_label("The movement")).to_have_value("bending to load the dishwasher")
    page.get_by_role("button", name="Suggest steps").click()
    expect(page.get_by_role("heading", name="Your suggested steps")).to_be_visible()
    # In the person's own words: step 3 becomes their kitchen.
    page.get_by_label("Step 3", exact=True).fill(
        "bend to the lower rack with a hand on the counter"
    )
    page.get_by_role("button", name="Save step 3").click()
    page.get_by_role("link", name="Next: rate the steps").click()
    for value, field in zip(
        ("10", "25", "55", "70", "90"), page.locator("input[type=number]").all(), strict=True
    ):
        field.fill(value)
    page.get_by_role("button", name="Save the ratings").click()
    expect(page.get_by_text("The steps are in order of your ratings")).to_be_visible()
    expect(page.get_by_text("You are here")).to_be_visible()
    # The first step is imagined; the person chooses to go to step 3.
    page.get_by_text("Choose the step you are on").click()
    page.get_by_label("The step you are on").select_option("3")
    page.get_by_role("button", name="Go to this step").click()
    page.get_by_role("link", name="Try this step").click()
    expect(page.get_by_role("heading", name="bend to the lower rack")).to_be_visible()
    choose(page, "How much pain do you expect", "7")
    page.get_by_label("How likely is it that doing it harms your back?").fill("60")
    choose(page, "How afraid are you", "6")
    page.get_by_label("In your own words, what do you fear will happen?").fill(
        "my back will lock and I won't get up"
    )
    page.get_by_role("button", name="Let's see what happens").click()
    expect(page.get_by_text("Your prediction is saved")).to_be_visible()


def test_build_try_follow_up_and_see_the_gap(page: Page, server: Server) -> None:
    set_up(server)
    build_and_try(page)
    # Later, from Today: how did it go?
    page.get_by_role("link", name="Today").click()
    page.get_by_role("link", name=re.compile("How did it go")).click()
    choose(page, "How much pain was there", "3")
    page.get_by_label("No, it did not happen").check()
    page.get_by_role("group", name=re.compile("new or unusual")).get_by_label("No").check()
    page.get_by_label("One line on what surprised you").fill("It was easier than I thought")
    page.get_by_role("button", name="Save how it went").click()
    expect(page.get_by_text(GAP)).to_be_visible()
    expect(page.get_by_text("Tomorrow, Today will ask")).to_be_visible()
    # The next day: Today asks, and the follow-up completes the try.
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=1), tick=True):
        page.get_by_role("link", name="Today").click()
        page.get_by_role("link", name=re.compile("How is your back today")).click()
        choose(page, "How is your back pain today", "2")
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_text("your back pain was 2 of 10")).to_be_visible()
        page.get_by_role("link", name="Insights").click()
        expect(page.get_by_role("heading", name="Visualise, then do")).to_be_visible()
        expect(page.get_by_text(GAP)).to_be_visible()
        expect(page.get_by_role("img", name=re.compile("Expected and actual pain"))).to_be_visible()
        page.get_by_role("link", name="Open the printable report").click()
        expect(page.get_by_role("heading", name=re.compile("the movement ladder"))).to_be_visible()
        expect(page.get_by_text("1 finished try: on average it hurt 4 points less")).to_be_visible()


def test_ladder_pages_pass_an_audit_and_are_photographed(browser: Browser, server: Server) -> None:
    set_up(server)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE_390)):
        context = browser.new_context(base_url=server.url, viewport=viewport)
        page = context.new_page()
        if size == "desktop":
            page.goto("/ladder")
            problems += audit(page, "ladder-new")
            page.screenshot(path=str(SCREENSHOTS / f"ladder-new-{size}.png"), full_page=True)
            build_and_try(page)
        page.goto("/ladder/1/edit")
        problems += audit(page, f"ladder-edit-{size}")
        page.screenshot(path=str(SCREENSHOTS / f"ladder-edit-{size}.png"), full_page=True)
        page.goto("/ladder/1/rate")
        problems += audit(page, f"ladder-rate-{size}")
        page.screenshot(path=str(SCREENSHOTS / f"ladder-rate-{size}.png"), full_page=True)
        page.goto("/ladder/1/try/3")
        problems += audit(page, f"ladder-try-{size}")
        page.screenshot(path=str(SCREENSHOTS / f"ladder-try-{size}.png"), full_page=True)
        page.goto("/ladder/try/1")
        problems += audit(page, f"ladder-after-form-{size}")
        page.screenshot(path=str(SCREENSHOTS / f"ladder-after-form-{size}.png"), full_page=True)
        if size == "desktop":
            choose(page, "How much pain was there", "3")
            page.get_by_label("No, it did not happen").check()
            page.get_by_role("group", name=re.compile("new or unusual")).get_by_label("No").check()
            page.get_by_role("button", name="Save how it went").click()
        page.goto("/ladder/try/1")
        problems += audit(page, f"ladder-gap-{size}")
        page.screenshot(path=str(SCREENSHOTS / f"ladder-gap-{size}.png"), full_page=True)
        page.goto("/ladder/1")
        problems += audit(page, f"ladder-{size}")
        page.screenshot(path=str(SCREENSHOTS / f"ladder-{size}.png"), full_page=True)
        page.goto("/")
        page.screenshot(path=str(SCREENSHOTS / f"ladder-today-{size}.png"), full_page=True)
        page.goto("/insights")
        problems += audit(page, f"ladder-insights-{size}")
        page.screenshot(path=str(SCREENSHOTS / f"ladder-insights-{size}.png"), full_page=True)
        # Nothing on the page is wider than the screen.
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{size}: the page scrolls sideways"
        context.close()
    assert not problems, problems
