"""The server-rendered pages with FastAPI's test client: every page renders, every form checks
what it is given and works without JavaScript, and people's own words are always escaped."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pytest

from tests.web.conftest import API, BASE_URL, TestClient
from unbrace.core.safety import ADVICE, Urgency, screen

if TYPE_CHECKING:
    from fastapi import FastAPI

FLAGS = screen().ids()
PAGES = [
    "/",
    "/practices",
    "/session/movement-rehearsal",
    "/session/posture-reset?minutes=1&speed=60",
    "/checkin",
    "/checkin?saved=1",
    "/history",
    "/history?everything=1",
    "/coach",
    "/learn",
    "/learn/why-imagery",
    "/settings",
    "/settings/safety",
    "/safety/advice",
    "/insights",
    "/routine",
    "/offline",
]


def answers(**overrides: str) -> dict[str, str]:
    """The welcome form filled in, with "no" to every safety question unless told."""
    form = {
        "name": "Maria",
        "movement": "bending to load the dishwasher",
        "scene": "a beach at dawn",
        "anchor": "making my morning coffee",
    }
    form |= {f"flag-{flag}": "no" for flag in FLAGS}
    return form | overrides


@pytest.fixture
def person(client: TestClient) -> TestClient:
    response = client.post("/welcome", data=answers(), follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


# --- welcome ----------------------------------------------------------------------------------


def test_the_welcome_form_comes_first(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Welcome to unbrace" in page.text
    for flag in screen().flags:
        assert flag.question in page.text
    # Nothing else opens before someone is set up.
    response = client.get("/practices", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/")


def test_the_welcome_form_creates_the_profile(client: TestClient) -> None:
    response = client.post("/welcome", data=answers(), follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/?welcome=1")
    today = client.get("/?welcome=1")
    assert "Maria." in today.text and "All set." in today.text
    assert 'class="button primary large"' in today.text  # the one Start button
    profile = client.get(f"{API}/profile").json()
    assert profile["movement"] == "bending to load the dishwasher"
    assert profile["anchor"] == "making my morning coffee"
    assert profile["safety"]["open_flags"] == []


def test_someone_added_in_the_terminal_keeps_their_name(app: FastAPI, client: TestClient) -> None:
    from unbrace.store import profile_repo

    with app.state.store.transaction() as db:
        profile_repo.create_profile(db, name="Ravi")
    page = client.get("/").text
    assert "Welcome to unbrace" in page and 'value="Ravi" readonly' in page
    client.post("/welcome", data=answers(name="Someone else"))
    assert "Ravi." in client.get("/").text


def test_each_safety_question_needs_a_yes_or_a_no(client: TestClient) -> None:
    form = answers()
    del form[f"flag-{FLAGS[0]}"]
    form[f"flag-{FLAGS[1]}"] = "maybe"
    response = client.post("/welcome", data=form)
    assert response.status_code == 422
    assert response.text.count("Please answer yes or no.") == 2  # beside each question
    assert "please answer yes or no to each one (2 still need an answer)" in response.text
    assert 'value="bending to load the dishwasher"' in response.text  # what was typed stays
    assert client.get(f"{API}/profile").status_code == 409  # nothing was saved


def test_the_welcome_form_checks_the_name_and_words(client: TestClient) -> None:
    response = client.post("/welcome", data=answers(name="  ", movement="{bad}"))
    assert response.status_code == 422
    assert "Please tell us what to call you." in response.text
    assert "cannot contain curly braces" in response.text


def test_a_yes_shows_the_advice_and_stops_practice(client: TestClient) -> None:
    response = client.post(
        "/welcome", data=answers(**{"flag-leg-weakness": "yes"}), follow_redirects=False
    )
    assert response.headers["location"] == "/safety/advice"
    advice = client.get("/safety/advice").text
    assert "Please see a clinician first" in advice
    assert ADVICE[Urgency.EMERGENCY] in advice
    today = client.get("/").text
    assert 'class="button primary large"' not in today  # no Start
    assert "I have been seen by a clinician" in today
    session = client.get("/session/movement-rehearsal").text
    assert 'id="before-form"' not in session and "Please see a clinician first" in session
    client.post("/safety/seen")
    assert 'class="button primary large"' in client.get("/").text


def test_an_urgent_sign_allows_a_gentle_session_once_asked(client: TestClient) -> None:
    client.post("/welcome", data=answers(**{"flag-fever": "yes"}))
    assert 'id="before-form"' not in client.get("/session/downshift").text
    assert "start a gentle session" in client.get("/").text
    assert 'id="before-form"' in client.get("/session/downshift?gentle=1").text


# --- every page -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders(person: TestClient, path: str) -> None:
    response = person.get(path)
    assert response.status_code == 200, response.text
    html = response.text
    assert '<main id="main"' in html and 'class="skip-link" href="#main"' in html
    assert "unbrace supports your practice; it does not diagnose or cure." in html
    # The CSP allows no inline script, handlers or styles: none are written.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert not re.search(r"\sstyle=", html)
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]


def test_unknown_things_are_kind_404s(person: TestClient) -> None:
    for path in ("/learn/nothing-here", "/session/no-such-practice", "/session/script:nobody"):
        response = person.get(path)
        assert response.status_code == 404
        assert "We could not find that" in response.text


def test_a_session_length_out_of_range_is_refused(person: TestClient) -> None:
    response = person.get("/session/body-scan?minutes=25")
    assert response.status_code == 404
    assert "between 1 and 20 minutes" in response.text


def test_the_player_carries_the_personal_plan(person: TestClient) -> None:
    html = person.get("/session/movement-rehearsal?minutes=3&speed=60").text
    found = re.search(r'data-plan="([^"]*)"', html)
    assert found is not None
    from html import unescape

    plan: dict[str, Any] = json.loads(unescape(found.group(1)))
    assert plan["minutes"] == 3 and plan["pace"] == {"inhale": 4.0, "exhale": 6.0}
    assert sum(step["seconds"] for step in plan["steps"]) == pytest.approx(180, abs=0.5)
    assert any("load the dishwasher" in step["text"] for step in plan["steps"])
    assert 'data-speed="60.0"' in html
    assert 'aria-live="polite"' in html  # step changes are announced


def test_practices_show_a_personal_preview_and_a_length_picker(person: TestClient) -> None:
    html = person.get("/practices").text
    assert html.count('<option value="20"') >= 10
    assert "bending to load the dishwasher" in html
    assert 'action="/session/movement-rehearsal"' in html


# --- check-in without JavaScript -------------------------------------------------------------


def checkin(**fields: Any) -> dict[str, Any]:
    return {"pain": "4", "enjoyment": "3", "activity": "2", "note": "A good walk"} | fields


def test_a_check_in_without_javascript(person: TestClient) -> None:
    form = checkin(habits=["walking", "hydration"], flare="on", stress="6")
    response = person.post("/checkin", data=form, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/checkin?saved=1")
    assert "Your check-in for today is saved." in person.get("/checkin?saved=1").text
    [stored] = person.get(f"{API}/checkins").json()
    assert (stored["pain"], stored["stress"], stored["flare"]) == (4, 6, True)
    assert stored["habits"] == ["walking", "hydration"]
    history = person.get("/history").text
    assert "4 of 10" in history and "Went for a walk" in history
    # Opening the form again shows today's answers, and saving replaces them.
    again = person.get("/checkin").text
    assert "Saving again replaces that check-in" in again
    assert re.search(r'name="pain" value="4" checked', again)
    person.post("/checkin", data=checkin(pain="2", replace="1"))
    assert [c["pain"] for c in person.get(f"{API}/checkins").json()] == [2]


def test_check_in_problems_are_shown_beside_their_fields(person: TestClient) -> None:
    form = checkin(pain="", enjoyment="11", worst="x", habits=["juggling"])
    response = person.post("/checkin", data=form)
    assert response.status_code == 422
    html = response.text
    assert 'id="error-pain"' in html and "Please choose a number from 0 to 10." in html
    assert 'id="error-enjoyment"' in html and 'id="error-worst"' in html
    assert "Please choose habits from the list." in html
    assert 'value="A good walk"' not in html and "A good walk</textarea>" in html
    assert person.get(f"{API}/checkins").json() == []


def test_a_second_check_in_the_same_day_asks_before_replacing(person: TestClient) -> None:
    person.post("/checkin", data=checkin())
    response = person.post("/checkin", data=checkin(pain="7"))
    assert response.status_code == 409
    assert "Replace it" in response.text
    assert [c["pain"] for c in person.get(f"{API}/checkins").json()] == [4]


def test_a_hard_day_brings_the_safety_questions(person: TestClient) -> None:
    person.post("/checkin", data=checkin(pain="9"))
    assert "That sounds like a hard day" in person.get("/checkin?saved=1").text


# --- people's own words are escaped ------------------------------------------------------------


def test_pages_escape_what_people_type(client: TestClient) -> None:
    evil = "<script>alert(1)</script>"
    client.post("/welcome", data=answers(name="Eve <b>", scene=f"sea {evil}"))
    client.post("/checkin", data=checkin(note=evil))
    client.post("/coach", data={"text": f"I bend {evil}", "name": "mine", "action": "save"})
    for path in ("/", "/settings", "/history", "/coach", "/coach?script=mine", "/practices"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<b>" not in html, path
    assert "Eve &lt;b&gt;" in client.get("/").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/history").text


def test_lessons_render_markdown_safely(person: TestClient) -> None:
    from unbrace.web.pages.learn import markdown

    html = person.get("/learn/why-imagery").text
    assert "<h2>" in html and "Sources" in html
    unsafe = str(markdown("<img src=x onerror=alert(1)> [link](javascript:alert(1)) **ok**"))
    assert "<img" not in unsafe and "&lt;img" in unsafe
    assert 'href="javascript' not in unsafe and "<strong>ok</strong>" in unsafe


# --- the coach, settings, safety and routine forms -------------------------------------------


def test_the_coach_works_without_javascript(person: TestClient) -> None:
    html = person.post("/coach", data={"text": "No pain. My back doesn't hurt."}).text
    assert '<mark class="flag-negation">No pain' in html
    assert "[no pain]" in html  # marked in words as well as colour
    assert "out of 100" in html and 'class="suggestions"' in html
    empty = person.post("/coach", data={"text": "   "})
    assert empty.status_code == 422 and "Write a few sentences first" in empty.text
    saved = person.post(
        "/coach",
        data={"text": "I bend in my kitchen.", "name": "kitchen bend", "action": "save"},
        follow_redirects=False,
    )
    assert saved.headers["location"] == "/coach?saved=kitchen%20bend"
    assert "Saved “kitchen bend”" in person.get(saved.headers["location"]).text
    assert "Your own scripts" in person.get("/practices").text
    assert person.get("/session/script:kitchen bend").status_code == 200
    bad = person.post("/coach", data={"text": "x", "name": "a/b", "action": "save"})
    assert bad.status_code == 422 and "without slashes" in bad.text


def test_the_coach_page_flags_no_pain_i_feel_better(person: TestClient) -> None:
    html = person.post("/coach", data={"text": "No pain. I feel better."}).text
    assert '<mark class="flag-negation">No pain' in html
    assert "Built on &#39;no pain&#39;" in html or "Built on 'no pain'" in html
    assert "Too vague" in html


def test_settings_change_details_breath_and_theme(person: TestClient) -> None:
    form = {"movement": "lifting my grandson", "easier": "lifting a cushion"}
    form |= {"scene": "", "anchor": ""}
    response = person.post("/settings/details", data=form, follow_redirects=False)
    assert response.status_code == 303
    profile = person.get(f"{API}/profile").json()
    assert (profile["movement"], profile["easier"]) == ("lifting my grandson", "lifting a cushion")
    bad = person.post("/settings/breath", data={"inhale": "1", "exhale": "six"})
    assert bad.status_code == 422
    assert bad.text.count("Please give a number of seconds from 2 to 10.") >= 2
    person.post("/settings/breath", data={"inhale": "5", "exhale": "7.5"})
    assert person.get(f"{API}/profile").json()["breath_out"] == 7.5
    person.post("/settings/theme", data={"theme": "dark"})
    assert '<html lang="en" data-theme="dark">' in person.get("/settings").text
    person.post("/settings/theme", data={"theme": "purple"})
    assert 'data-theme="system"' in person.get("/settings").text


def test_the_safety_questions_again(person: TestClient) -> None:
    assert person.post("/settings/safety", data={}).status_code == 422
    form = {f"flag-{flag}": "no" for flag in FLAGS}
    response = person.post("/settings/safety", data=form, follow_redirects=False)
    assert response.headers["location"] == "/settings?screened=1#safety"
    response = person.post(
        "/settings/safety", data=form | {"flag-night-pain": "yes"}, follow_redirects=False
    )
    assert response.headers["location"] == "/safety/advice"
    assert "Please see a doctor or physiotherapist soon" in person.get("/settings").text


def test_the_routine_form(person: TestClient) -> None:
    form = {
        "anchor_time": "07:15",
        "anchor": "making tea",
        "practice": "body-scan",
        "minutes": "4",
        "work_days": ["mon", "tue", "thu"],
        "work_start": "08:30",
        "work_end": "16:00",
        "reset_every": "90",
        "quiet_start": "22:00",
        "quiet_end": "06:30",
        "downshift": "19:00",
        "intention": "",
        "timezone": "Europe/London",
    }
    response = person.post("/routine", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    routine = person.get(f"{API}/routine").json()
    assert routine["work_days"] == "mon,tue,thu" and routine["downshift"] == "19:00"
    assert "After making tea, I will do 4 minutes of body scan." in person.get("/routine").text
    bad = form | {"anchor_time": "7.15", "work_end": "08:00", "timezone": "Mars/Base"}
    response = person.post("/routine", data=bad)
    assert response.status_code == 422
    assert "HH:MM" in response.text and "must end after they start" in response.text
    assert "Unknown time zone" in response.text
    assert 'href="/calendar.ics"' in response.text


# --- working offline, and the report ----------------------------------------------------------


def test_the_service_worker_and_manifest(client: TestClient) -> None:
    from unbrace import __version__

    worker = client.get("/sw.js")
    assert worker.headers["service-worker-allowed"] == "/"
    assert worker.headers["content-type"].startswith("text/javascript")
    assert f'"{__version__}"' in worker.text and "__VERSION__" not in worker.text
    manifest = client.get("/static/manifest.webmanifest").json()
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200
    assert "max-age" in client.get("/static/app.css").headers["cache-control"]
    assert client.get("/offline").status_code == 200


def test_the_report_page_prints_and_leads_back(person: TestClient) -> None:
    response = person.get("/report")
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    # Only its own Print script, from this app; nothing inline.
    assert "default-src 'none'" in policy and "script-src 'self';" in policy
    assert re.findall(r"<script[^>]*>", response.text) == ['<script src="/static/report.js" defer>']
    assert '<button type="button" id="print-report">Print</button>' in response.text
    assert '<a href="/insights">Back to Insights</a>' in response.text


def test_unknown_addresses_get_a_calm_page_and_the_api_json(person: TestClient) -> None:
    page = person.get("/no/such/page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "We could not find that" in page.text and '<a href="/">Back to today</a>' in page.text
    api = person.get(f"{API}/no-such-thing")
    assert api.status_code == 404 and api.json() == {"detail": "Not Found"}


def test_a_page_error_is_a_calm_page(app: FastAPI) -> None:
    from fastapi import APIRouter

    broken = APIRouter()

    @broken.get("/broken")
    def fail() -> None:
        raise RuntimeError("a bug")

    app.include_router(broken)
    with TestClient(app, base_url=BASE_URL, raise_server_exceptions=False) as client:
        response = client.get("/broken")
    assert response.status_code == 500 and "Something went wrong" in response.text
    assert '<a href="/">Back to today</a>' in response.text


def test_routine_is_in_the_navigation(person: TestClient) -> None:
    nav = person.get("/").text.split('<nav class="site-nav"')[1].split("</nav>")[0]
    assert '<a href="/routine">Routine</a>' in nav


def test_an_anchor_typed_with_after_reads_once_and_counts_agree(client: TestClient) -> None:
    response = client.post(
        "/welcome", data=answers(anchor="After brushing my teeth."), follow_redirects=False
    )
    assert response.status_code == 303, response.text
    today = client.get("/").text
    assert "after after" not in today.lower()
    assert client.get(f"{API}/profile").json()["anchor"] == "brushing my teeth"
    routine = client.get("/routine").text
    assert 'value="brushing my teeth"' in routine
    form = {
        "anchor_time": "07:15", "anchor": "after after my coffee", "practice": "body-scan",
        "minutes": "1", "work_days": ["mon"], "work_start": "08:30", "work_end": "16:00",
        "reset_every": "90", "quiet_start": "22:00", "quiet_end": "06:30", "downshift": "",
        "intention": "", "timezone": "Europe/London",
    }  # fmt: skip
    assert client.post("/routine", data=form, follow_redirects=False).status_code == 303
    assert "After my coffee, I will do 1 minute of body scan." in client.get("/routine").text


def test_the_check_in_page_says_it_asks_about_today(person: TestClient) -> None:
    from unbrace.core.ratings import PEG_DAILY_NOTE

    assert PEG_DAILY_NOTE in person.get("/checkin").text


def test_history_says_what_counts_and_marks_a_short_session(person: TestClient) -> None:
    from unbrace.core.counting import NOT_COUNTED, SHORT_MARK

    sessions = []
    for seconds in (12, 95):
        started = person.post(f"{API}/sessions", json={"practice": "posture-reset"})
        assert started.status_code == 201, started.text
        sessions.append(started.json()["id"])
        finished = person.post(
            f"{API}/sessions/{sessions[-1]}/finish", json={"status": "stopped", "seconds": seconds}
        )
        assert finished.status_code == 200, finished.text
    page = person.get("/history").text
    assert NOT_COUNTED in page
    records = page.split('class="record session-record"')[1:]
    assert [SHORT_MARK in record for record in records] == [False, True]  # newest first
    assert NOT_COUNTED in person.get("/insights").text


def test_pain_before_says_in_a_sentence_that_it_is_up_to_the_person(person: TestClient) -> None:
    page = person.get("/session/movement-rehearsal").text
    before = page.split('id="field-pain_before"')[1].split("</fieldset>")[0]
    assert "(optional)" not in before  # said once, as a sentence under the question
    assert 'id="hint-pain_before">If you like.' in before
    assert 'aria-describedby="hint-pain_before ends-pain_before"' in page
    after = page.split('id="after-form"')[1].split('<div class="field">')[0]
    assert "(optional)" not in after and "Answer only what you want to" in after


def test_every_page_renders_with_months_of_records(app: FastAPI, person: TestClient) -> None:
    """StrictUndefined bites on the branches that only data reaches: months of check-ins and
    sessions (with flares, habits and notes), a saved script, a short session, a ladder."""
    import datetime as dt

    from unbrace.store.profile_repo import resolve_profile
    from unbrace.usecases.demo import add_demo

    with app.state.store.transaction() as db:
        profile = resolve_profile(db, name=None)
        add_demo(db, profile=profile, days=120, seed=5, end=dt.date.today(), tz=dt.UTC, force=True)
    script = {
        "text": "I walk on the beach; the sand is warm and I hear the waves.",
        "name": "beach",
    }
    assert person.post("/coach", data=script | {"action": "save"}).status_code == 200
    started = person.post(f"{API}/sessions", json={"practice": "posture-reset"}).json()
    person.post(f"{API}/sessions/{started['id']}/finish", json={"status": "stopped", "seconds": 5})
    ladder = person.post(
        "/ladder",
        data={"movement": "bending to load the dishwasher", "template": "bending"},
        follow_redirects=False,
    )
    assert ladder.status_code == 303, ladder.text
    ladder_page = ladder.headers["location"].split("?")[0].removesuffix("/edit")
    history = person.get("/history?everything=1").text
    session_id = re.search(r"/history/session/(\d+)/edit", history)
    checkin_id = re.search(r"/history/checkin/(\d+)/edit", history)
    assert session_id and checkin_id
    pages = [
        *PAGES,
        "/report",
        "/coach?script=beach",
        "/session/script:beach",
        f"/history/session/{session_id[1]}/edit",
        f"/history/session/{session_id[1]}/delete",
        f"/history/checkin/{checkin_id[1]}/edit",
        f"/history/checkin/{checkin_id[1]}/delete",
        "/ladder",
        ladder_page,
        f"{ladder_page}/edit",
        f"{ladder_page}/rate",
    ]
    for path in pages:
        response = person.get(path)
        assert response.status_code == 200, (path, response.text[-600:])
    insights = person.get("/insights").text
    assert insights.count('<figure class="chart">') >= 3


def test_on_a_flare_day_practices_start_at_their_shorter_length(person: TestClient) -> None:
    checkin = {"pain": "4", "enjoyment": "5", "activity": "5", "flare": "on"}
    assert person.post("/checkin", data=checkin, follow_redirects=False).status_code == 303
    page = person.get("/practices").text
    assert "A flare day: each practice starts at its shorter length." in page
    scan = page.split('id="minutes-body-scan"')[1].split("</select>")[0]
    assert '<option value="3" selected>' in scan
