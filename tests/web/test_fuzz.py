"""Fuzzing the API from its own OpenAPI schema with schemathesis: no input, however odd,
gets a server error, and every answer matches the schema. SQLite only (it is about the
app's input handling, not the database).

The schema is loaded when this module is imported (schemathesis parametrizes tests at
collection), so the app gets its own folder here rather than the per-test one.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.web.conftest import API, HOST, MARIA, TestClient
from unbrace.settings import Settings
from unbrace.web.app import create_app

HOME = Path(tempfile.mkdtemp(prefix="unbrace-fuzz-"))
atexit.register(shutil.rmtree, HOME, ignore_errors=True)
APP = create_app(Settings(home=HOME, database_url=f"sqlite:///{HOME / 'fuzz.db'}"))
schema = schemathesis.openapi.from_asgi(f"{API}/openapi.json", APP, headers={"Host": HOST})


@pytest.fixture(scope="module", autouse=True)
def records() -> Iterator[None]:
    """A profile with a session, so the fuzzer reaches past "No profile yet"."""
    with TestClient(APP, base_url=f"http://{HOST}") as client:
        if client.get(f"{API}/profile").status_code == 409:
            assert client.post(f"{API}/profile", json=MARIA).status_code == 201
        started = client.post(f"{API}/sessions", json={"practice": "posture-reset"})
        assert started.status_code == 201
        yield


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case: schemathesis.Case[Any]) -> None:
    response = case.call(headers={"Host": HOST})
    assert response.status_code < 500, (case.method, case.path, response.text)
    # Every other check holds: status codes and bodies as documented, invalid input refused.
    # Not "schema-valid input is accepted": rules beyond the schema refuse some of it on
    # purpose (a check-in for tomorrow, an unknown time zone, 22:00-09:00 as work hours).
    case.validate_response(response, excluded_checks=[schemathesis.checks.positive_data_acceptance])
