"""The web app and a damaged database file: a calm page or one JSON sentence, never a 500."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_faults import damage
from tests.web.conftest import API, BASE_URL, MARIA, TestClient
from unbrace.settings import Settings
from unbrace.web.app import create_app


@pytest.fixture
def sqlite_settings(isolated_home: Path) -> Settings:
    return Settings(home=isolated_home, database_url=f"sqlite:///{isolated_home / 'unbrace.db'}")


def test_a_damaged_database_gets_a_calm_answer(sqlite_settings: Settings) -> None:
    with TestClient(create_app(sqlite_settings), base_url=BASE_URL) as client:
        assert client.post(f"{API}/profile", json=MARIA).status_code == 201
        for day in ("2026-11-01", "2026-11-02"):
            body = {"date": day, "pain": 3, "enjoyment": 3, "activity": 3}
            assert client.post(f"{API}/checkins", json=body).status_code == 201
    assert sqlite_settings.sqlite_file is not None
    damage(sqlite_settings.sqlite_file)
    with TestClient(create_app(sqlite_settings), base_url=BASE_URL) as client:
        page = client.get("/history?everything=true", headers={"Accept": "text/html"})
        assert page.status_code == 503
        assert "text/html" in page.headers["content-type"]
        assert "Your records cannot be read" in page.text and "unbrace restore" in page.text
        answer = client.get(f"{API}/checkins")
        assert answer.status_code == 503
        assert set(answer.json()) == {"detail"} and "damaged" in answer.json()["detail"]
