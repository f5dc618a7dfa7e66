"""Fixtures for the web app: the app on the test database (SQLite and PostgreSQL, through
the shared ``settings`` fixture) and a client that talks to it as a browser on this computer.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from unbrace.settings import Settings
from unbrace.web.app import create_app

with warnings.catch_warnings():
    # Starlette asks for the httpx2 package for its test client; httpx works the same here.
    warnings.filterwarnings("ignore", message=".*httpx.*", category=UserWarning)
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

__all__ = ["API", "BASE_URL", "HOST", "MARIA", "FastAPI", "TestClient"]

HOST = "127.0.0.1:8000"
BASE_URL = f"http://{HOST}"
API = "/api/v1"
MARIA: dict[str, Any] = {
    "name": "Maria",
    "movement": "bending forward to load the dishwasher",
    "scene": "a beach at dawn, cool sand under my feet",
    "anchor": "making my morning coffee",
    "red_flags": [],
}


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client on the loopback address, as the browser on this computer is."""
    with TestClient(app, base_url=BASE_URL) as test_client:
        yield test_client


@pytest.fixture
def maria(client: TestClient) -> TestClient:
    """A client whose server has a profile set up (details and a clear safety screen)."""
    response = client.post(f"{API}/profile", json=MARIA)
    assert response.status_code == 201, response.text
    return client
