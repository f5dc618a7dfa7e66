"""The Ladder pages through the app (SQLite and PostgreSQL): build, rate, try, follow up."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from httpx import Response

from tests.web.conftest import TestClient

FORM = {
    "expected_pain": "7",
    "expected_harm": "60",
    "fear": "6",
    "feared_outcome": "my back [locks] 🙂",
}
AFTER = {
    "actual_pain": "3",
    "outcome": "no",
    "new_symptom": "no",
    "surprise": "how easy <b>it</b> was",
}


def post(client: TestClient, url: str, data: dict[str, str] | None = None) -> Response:
    """A form post, seen as the browser first sees it (before following any redirect)."""
    response: Response = client.post(url, data=data or {}, follow_redirects=False)
    return response


def build(client: TestClient) -> int:
    response = post(client, "/ladder", data={"movement": "bending forward to load the dishwasher"})
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.endswith("/edit?new=1")
    ladder_id = int(re.findall(r"\d+", location)[0])
    rated = post(
        client,
        f"/ladder/{ladder_id}/rate",
        data={f"step-{n}": str(v) for n, v in enumerate((10, 30, 50, 70, 90), start=1)},
    )
    assert rated.status_code == 303
    return ladder_id


def test_the_ladder_page_is_in_the_navigation_and_starts_with_a_form(maria: TestClient) -> None:
    assert 'href="/ladder"' in maria.get("/").text
    page = maria.get("/ladder")
    assert page.status_code == 200 and "Start your ladder" in page.text
    assert 'value="bending forward to load the dishwasher"' in page.text


def test_build_rate_try_and_see_the_gap(maria: TestClient) -> None:
    ladder_id = build(maria)
    edit = maria.get(f"/ladder/{ladder_id}/edit?new=1")
    assert "Your suggested steps" in edit.text and "Move up" in edit.text
    page = maria.get("/ladder").text  # one ladder: shown straight away
    assert "You are here" in page and "Practise this step" in page and "Threat 90" in page
    moved = post(maria, f"/ladder/{ladder_id}/current", data={"step": "3"})
    assert moved.status_code == 303
    page = maria.get(f"/ladder/{ladder_id}").text
    assert f'href="/ladder/{ladder_id}/try/3">Try this step' in page
    form = maria.get(f"/ladder/{ladder_id}/try/3").text
    assert "Let&#39;s see what happens" in form or "Let's see what happens" in form
    started = post(maria, f"/ladder/{ladder_id}/try/3", data=FORM)
    assert started.status_code == 303
    attempt = started.headers["location"].split("?")[0]
    assert "my back [locks] 🙂" in maria.get(attempt).text
    assert "How did it go?" in maria.get("/").text  # Today: the try waits for its answers
    done = post(maria, f"{attempt}/after", data=AFTER)
    assert done.status_code == 303
    shown = maria.get(attempt).text
    assert "You expected 7 and it was 3; what you feared did not happen." in shown
    assert "how easy &lt;b&gt;it&lt;/b&gt; was" in shown
    again = post(maria, f"{attempt}/after", data=AFTER)
    assert again.status_code == 409  # answered once; nothing changes


def test_the_follow_up_the_next_day_from_today(maria: TestClient) -> None:
    ladder_id = build(maria)
    started = post(maria, f"/ladder/{ladder_id}/try/3", data=FORM)
    attempt = started.headers["location"].split("?")[0]
    post(maria, f"{attempt}/after", data=AFTER)
    assert "How is your back today" not in maria.get("/").text
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=1), tick=False):
        today = maria.get("/").text
        assert "How is your back today" in today and f"{attempt}#next-day" in today
        saved = post(maria, f"{attempt}/next-day", data={"next_day_pain": "2"})
        assert saved.status_code == 303
        assert "your back pain was 2 of 10" in maria.get(attempt).text


def test_editing_steps_in_the_browser_forms(maria: TestClient) -> None:
    ladder_id = build(maria)
    added = post(
        maria, f"/ladder/{ladder_id}/steps", data={"text": "unload it too", "kind": "paired"}
    )
    assert added.status_code == 303
    assert post(maria, f"/ladder/{ladder_id}/steps/6", data={"action": "down"}).status_code == 303
    edit = maria.get(f"/ladder/{ladder_id}/edit").text
    # shown as the ladder stands, top step first: step 6 (daily life) above step 5 (unload)
    assert edit.index("bending forward to load the dishwasher, in") < edit.index("unload it too")
    post(maria, f"/ladder/{ladder_id}/steps/5", data={"action": "save", "text": "unload it all"})
    post(maria, f"/ladder/{ladder_id}/steps/5", data={"action": "remove"})
    assert "unload it" not in maria.get(f"/ladder/{ladder_id}/edit").text


def test_bad_input_is_shown_beside_the_field_and_changes_nothing(maria: TestClient) -> None:
    ladder_id = build(maria)
    before = maria.get(f"/ladder/{ladder_id}").text
    bad = post(maria, f"/ladder/{ladder_id}/rate", data={"step-1": "101", "step-2": "x"})
    assert bad.status_code == 422 and "0 to 100" in bad.text
    assert post(maria, f"/ladder/{ladder_id}/try/3", data={**FORM, "fear": "11"}).status_code == 422
    assert (
        post(maria, f"/ladder/{ladder_id}/try/3", data={**FORM, "feared_outcome": " "}).status_code
        == 422
    )
    assert post(maria, f"/ladder/{ladder_id}/steps", data={"text": "{x}"}).status_code == 422
    assert (
        post(
            maria, f"/ladder/{ladder_id}/steps/9", data={"action": "save", "text": "x"}
        ).status_code
        == 422
    )
    assert post(maria, "/ladder", data={"movement": ""}).status_code == 422
    assert maria.get("/ladder/999").status_code == 404
    assert maria.get("/ladder/try/999").status_code == 404
    assert maria.get(f"/ladder/{ladder_id}").text == before


def test_a_new_symptom_pauses_and_an_open_warning_sign_stops(maria: TestClient) -> None:
    ladder_id = build(maria)
    started = post(maria, f"/ladder/{ladder_id}/try/3", data=FORM)
    attempt = started.headers["location"].split("?")[0]
    post(maria, f"{attempt}/after", data={**AFTER, "new_symptom": "yes"})
    assert "Please see a clinician" in maria.get(attempt).text
    assert "This ladder is paused" in maria.get(f"/ladder/{ladder_id}/try/3").text
    assert post(maria, f"/ladder/{ladder_id}/try/3", data=FORM).status_code == 409
    post(maria, f"/ladder/{ladder_id}/resume")
    post(
        maria,
        "/settings/safety",
        data={"flag-leg-weakness": "yes"}
        | {
            f"flag-{flag}": "no"
            for flag in (
                "bladder-bowel",
                "saddle-numbness",
                "injury",
                "fever",
                "cancer",
                "weight-loss",
                "night-pain",
            )
        },
    )
    page = maria.get(f"/ladder/{ladder_id}/try/3").text
    assert "Please see a clinician first" in page and "Let's see what happens</button>" not in page


def test_an_imagery_step_is_practised_as_a_session(maria: TestClient) -> None:
    ladder_id = build(maria)
    response = maria.get(f"/ladder/{ladder_id}/try/1", follow_redirects=False)
    assert (
        response.status_code == 303
        and response.headers["location"] == "/session/movement-rehearsal"
    )


def test_insights_and_the_report_show_the_prediction_gap(maria: TestClient) -> None:
    ladder_id = build(maria)
    for expected, actual in (("7", "3"), ("6", "4")):
        started = post(maria, f"/ladder/{ladder_id}/try/3", data=FORM | {"expected_pain": expected})
        attempt = started.headers["location"].split("?")[0]
        post(maria, f"{attempt}/after", data=AFTER | {"actual_pain": actual})
    insights = maria.get("/insights").text
    assert "Visualise, then do" in insights
    assert "You expected 7 and it was 3; what you feared did not happen." in insights
    assert "2 finished tries: on average it hurt 3 points less than you expected" in insights
    assert "What you expected, and what happened" in insights  # the chart
    report = maria.get("/report").text
    assert "Visualise, then do: the movement ladder" in report
    assert "2 finished tries" in report and "<svg" in report
    assert "does not replace a clinician's graded exposure programme" in report


def test_no_ladder_no_section(maria: TestClient) -> None:
    assert "Visualise, then do" not in maria.get("/insights").text
    assert "movement ladder" not in maria.get("/report").text
