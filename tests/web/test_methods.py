"""Every 405 answer lists, in ``Allow``, the methods the address does take (docs/web.md)."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import TestClient
from unbrace.web.app import PROBED_METHODS


def _addresses(client: TestClient) -> list[str]:
    """Every route's path with its parameters filled in, plus a static file."""
    schema = client.get("/api/v1/openapi.json").json()
    paths = [re.sub(r"\{[^}]+\}", "1", path) for path in schema["paths"]]
    pages = ["/", "/checkin", "/history", "/practices", "/settings", "/insights", "/report"]
    return sorted({*paths, *pages, "/static/app.css", "/sw.js"})


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_405_says_which_methods_are_allowed(maria: TestClient) -> None:
    checked = 0
    for address in _addresses(maria):
        answers = {method: maria.request(method, address) for method in PROBED_METHODS}
        for method, answer in answers.items():
            if answer.status_code != 405:
                continue
            checked += 1
            allowed = [item.strip() for item in answer.headers["Allow"].split(",")]
            assert allowed and all(allowed), (method, address)
            assert method not in allowed, (method, address)
            for other in allowed:
                assert answers[other].status_code != 405, (other, address)
            if method != "HEAD":  # an answer to HEAD has no body
                detail = answer.json()["detail"]
                assert detail == f"This address does not take {method} requests."
    assert checked > 50
