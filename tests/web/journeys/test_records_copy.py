"""Taking a copy of one's records from the browser, with no terminal: Settings offers the JSON
file that `unbrace import` reads back, and the CSV tables in a zip."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from tests.web.journeys.conftest import ACTIVITY, ENJOYMENT, PAIN_TODAY, Person, welcome


def test_a_copy_of_the_records_from_settings(person: Person) -> None:
    page = person.page
    welcome(person, name="Zoë 🌿")
    person.link("A one-minute check-in")
    person.choose(PAIN_TODAY, "6")
    person.choose(ENJOYMENT, "5")
    person.choose(ACTIVITY, "4")
    person.button("Save check-in")
    person.heading("Thank you")
    person.link("Back to today")
    person.nav("Settings")
    person.heading("Your records")
    person.snap("settings-records")
    with page.expect_download() as download:
        person.link("Download a copy of your records")
    assert download.value.suggested_filename.startswith("unbrace-")
    assert download.value.suggested_filename.endswith(".json")
    document = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert document["profile"]["name"] == "Zoë 🌿"
    assert [(c["pain"], c["enjoyment"], c["activity"]) for c in document["checkins"]] == [(6, 5, 4)]
    with page.expect_download() as download:
        person.link("Download them as spreadsheet tables")
    assert download.value.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes())) as archive:
        checkins = archive.read("checkins.csv").decode("utf-8").splitlines()
    assert len(checkins) == 2 and checkins[1].split(",")[1:4] == ["6", "5", "4"]


def test_a_copy_read_back_in_from_settings(person: Person, tmp_path: Path) -> None:
    """The copy taken from Settings brings a deleted check-in back; a file that is not a copy
    is refused beside the box with one sentence, and nothing changes."""
    page = person.page
    welcome(person)
    person.link("A one-minute check-in")
    person.choose(PAIN_TODAY, "6")
    person.choose(ENJOYMENT, "5")
    person.choose(ACTIVITY, "4")
    person.button("Save check-in")
    person.heading("Thank you")
    person.link("Back to today")
    person.nav("Settings")
    with page.expect_download() as download:
        person.link("Download a copy of your records")
    copy = tmp_path / "my-records.json"
    download.value.save_as(copy)

    person.nav("History")
    page.locator(".checkin-record").first.get_by_role("link", name="Delete").click()
    person.button("Delete this check-in")
    expect(page.locator(".checkin-record")).to_have_count(0)

    person.nav("Settings")
    not_a_copy = tmp_path / "notes.json"
    not_a_copy.write_text("my notes [draft] 🌿", encoding="utf-8")
    page.get_by_label("Bring records back in").set_input_files(not_a_copy)
    person.expected = {422}
    person.button("Read in the file")
    expect(page.get_by_text("notes.json is not an unbrace export").first).to_be_visible()
    expect(page.get_by_label("Bring records back in")).to_have_attribute("aria-invalid", "true")
    person.snap("import-refused")
    person.expected = set()
    page.get_by_label("Bring records back in").set_input_files(copy)
    person.button("Read in the file")
    expect(page.get_by_role("status").filter(has_text="Added")).to_be_visible()
    person.snap("import-done")
    person.nav("History")
    expect(page.locator(".checkin-record")).to_have_count(1)
    page.get_by_text("6 of 10").first.wait_for()


def test_read_in_with_no_file_chosen_says_so(person: Person) -> None:
    welcome(person)
    person.nav("Settings")
    person.expected = {422}
    person.button("Read in the file")
    expect(person.page.get_by_text("Please choose a file").first).to_be_visible()
