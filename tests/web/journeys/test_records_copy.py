"""Taking a copy of one's records from the browser, with no terminal: Settings offers the JSON
file that `unbrace import` reads back, and the CSV tables in a zip."""

from __future__ import annotations

import io
import json
import zipfile

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
