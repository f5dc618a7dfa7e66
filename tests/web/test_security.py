"""The guards of a server on the person's own computer: DNS rebinding, CSRF, the access
token beyond loopback, and the security headers on every answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.web.conftest import API, BASE_URL, MARIA, FastAPI, TestClient
from unbrace.settings import Settings
from unbrace.web.app import create_app
from unbrace.web.security import TOKEN_COOKIE, LocalGuard, allowed_hosts, same_site_path

TOKEN = "k3Xq9vT0sLrZ2mWb7YpN4cHd"
LAN = "192.168.1.20"
CHECKIN = {"pain": 5, "enjoyment": 4, "activity": 3}


# --- Host header (DNS rebinding) -------------------------------------------------------------


@pytest.mark.parametrize(
    "host", ["evil.example:8000", "evil.example", "127.0.0.1:9999", "127.0.0.1", "", "[::2]:8000"]
)
@pytest.mark.parametrize("path", ["/", f"{API}/practices", "/static/app.css", "/calendar.ics"])
def test_a_foreign_host_is_refused_with_400(client: TestClient, host: str, path: str) -> None:
    response = client.get(path, headers={"Host": host})
    assert response.status_code == 400
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_foreign_host_gets_json_under_the_api(client: TestClient) -> None:
    response = client.get(f"{API}/practices", headers={"Host": "evil.example:8000"})
    assert response.json() == {"detail": "This address is not one this server answers to."}


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"]
)
def test_the_servers_own_names_are_accepted(client: TestClient, host: str) -> None:
    assert client.get(f"{API}/practices", headers={"Host": host}).status_code == 200


def test_allowed_hosts() -> None:
    assert allowed_hosts("127.0.0.1", 8000) == {
        "127.0.0.1:8000",
        "localhost:8000",
        "[::1]:8000",
    }
    wide = allowed_hosts("0.0.0.0", 8001, [LAN])
    assert f"{LAN}:8001" in wide and "0.0.0.0:8001" not in wide
    assert "[fe80::1]:8000" in allowed_hosts("fe80::1", 8000)
    assert "localhost" in allowed_hosts("127.0.0.1", 80)  # port 80 is left out by browsers


# --- Origin and Referer (CSRF) -------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1:8000.evil.example"},
        {"Origin": "http://127.0.0.1:9000"},
        {"Origin": "null"},
        {"Referer": "http://evil.example/page"},
        {"Referer": "http://user@127.0.0.1:8000/"},
        {"Origin": "file://"},
    ],
)
def test_a_post_from_another_site_is_refused_with_403(
    maria: TestClient, headers: dict[str, str]
) -> None:
    response = maria.post(f"{API}/checkins", json=CHECKIN, headers=headers)
    assert response.status_code == 403
    assert response.json() == {"detail": "Requests from other sites are not accepted."}
    assert maria.get(f"{API}/checkins").json() == []  # nothing was saved
    put = maria.put(f"{API}/profile", json={"streaks": True}, headers=headers)
    assert put.status_code == 403


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": BASE_URL},
        {"Referer": f"{BASE_URL}/checkin"},
        {"Origin": "http://localhost:8000", "Host": "localhost:8000"},
        {},  # scripts and tests send neither
    ],
)
def test_a_post_from_the_app_itself_is_accepted(maria: TestClient, headers: dict[str, str]) -> None:
    response = maria.post(f"{API}/checkins", json=CHECKIN, headers=headers)
    assert response.status_code == 201, response.text


def test_reading_needs_no_origin_check(maria: TestClient) -> None:
    # A cross-site GET cannot read the answer (no CORS); a page may link here.
    response = maria.get(f"{API}/practices", headers={"Origin": "http://evil.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


# --- the access token beyond loopback ------------------------------------------------------


@pytest.fixture
def wide_app(settings: Settings) -> FastAPI:
    return create_app(settings, host="0.0.0.0", port=8000, token=TOKEN, extra_hosts=[LAN])


@pytest.fixture
def phone(wide_app: FastAPI) -> Iterator[TestClient]:
    """A client on another device of the home network."""
    with TestClient(wide_app, base_url=f"http://{LAN}:8000", follow_redirects=False) as c:
        yield c


def test_without_the_token_nothing_is_served(phone: TestClient) -> None:
    for path in ("/", f"{API}/practices", "/static/app.css"):
        response = phone.get(path)
        assert response.status_code == 401, path
        assert "access token" in response.text
        assert TOKEN not in response.text
    assert phone.get(f"{API}/practices").json()["detail"].startswith("Open the link")
    assert phone.post(f"{API}/profile", json=MARIA).status_code == 401


@pytest.mark.parametrize("wrong", ["nope", TOKEN[:-1], TOKEN + "x", "ü" * 24, ""])
def test_a_wrong_token_is_401(phone: TestClient, wrong: str) -> None:
    assert phone.get("/", params={"token": wrong}).status_code == 401
    # Sent as raw bytes: a token that is not ASCII is refused, never an error.
    cookie = f"{TOKEN_COOKIE}={wrong}".encode()
    assert phone.get(f"{API}/practices", headers={"Cookie": cookie}).status_code == 401


def test_the_token_link_sets_a_cookie_and_redirects(phone: TestClient) -> None:
    response = phone.get("/practices", params={"token": TOKEN, "minutes": "3"})
    assert response.status_code == 303
    assert response.headers["location"] == "/practices?minutes=3"  # the token is gone
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{TOKEN_COOKIE}={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert response.headers["Cache-Control"] == "no-store"
    # From now on the cookie opens everything.
    assert phone.get(f"{API}/practices").status_code == 200
    assert phone.post(f"{API}/profile", json=MARIA).status_code == 201
    assert phone.get(f"{API}/today").status_code == 200


def test_token_mode_still_guards_host_and_origin(phone: TestClient) -> None:
    phone.cookies.set(TOKEN_COOKIE, TOKEN)
    assert phone.get(f"{API}/practices", headers={"Host": "evil.example:8000"}).status_code == 400
    post = phone.post(f"{API}/profile", json=MARIA, headers={"Origin": "http://evil.example"})
    assert post.status_code == 403
    same = phone.post(f"{API}/profile", json=MARIA, headers={"Origin": f"http://{LAN}:8000"})
    assert same.status_code == 201


def test_a_short_token_is_refused() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:  # pragma: no cover
        pass

    with pytest.raises(ValueError):
        LocalGuard(app, hosts={"127.0.0.1:8000"}, token="")
    with pytest.raises(ValueError):
        LocalGuard(app, hosts={"127.0.0.1:8000"}, token="short")


# --- headers -------------------------------------------------------------------------------


def csp(response: Any) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in (item.strip() for item in policy.split(";"))
        if part
    }


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", f"{API}/practices", 200),
        ("GET", f"{API}/today", 409),
        ("GET", f"{API}/practices/yoga", 404),
        ("GET", f"{API}/nothing-here", 404),
        ("POST", f"{API}/coach", 422),
        ("GET", "/api/v1/openapi.json", 200),
    ],
)
def test_security_headers_on_every_answer(
    client: TestClient, method: str, path: str, status: int
) -> None:
    response = client.request(method, path, json={} if method == "POST" else None)
    assert response.status_code == status
    policy = csp(response)
    assert policy["script-src"] == "'self'" and "unsafe-inline" not in policy["script-src"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert policy["default-src"] == "'self'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_refusals_carry_the_headers_too(client: TestClient) -> None:
    foreign = client.get("/", headers={"Host": "evil.example"})
    cross = client.post(f"{API}/checkins", json=CHECKIN, headers={"Origin": "http://evil.example"})
    for response in (foreign, cross):
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_api_answers_are_not_cached(maria: TestClient) -> None:
    assert maria.get(f"{API}/today").headers["Cache-Control"] == "no-store"
    assert maria.get(f"{API}/profile").headers["Cache-Control"] == "no-store"


def test_no_interactive_docs_page_loading_scripts_from_elsewhere(client: TestClient) -> None:
    assert client.get("/api/docs").status_code == 404
    assert client.get("/docs").status_code == 404


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("//evil.example/", "/evil.example/"),
        ("///evil.example/x", "/evil.example/x"),
        ("/\\evil.example/", "/%5Cevil.example/"),
        ("/café/中", "/caf%C3%A9/%E4%B8%AD"),
    ],
)
def test_the_token_redirect_never_leaves_this_server(path: str, location: str) -> None:
    """An open redirect (``//evil.example/?token=...``) and a 500 for a non-Latin-1 path."""
    import asyncio

    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode("utf-8"),
        "query_string": f"token={TOKEN}".encode(),
        "headers": [(b"host", f"{LAN}:8000".encode())],
        "root_path": "",
        "scheme": "http",
        "server": (LAN, 8000),
        "client": (LAN, 5000),
        "http_version": "1.1",
        "asgi": {"version": "3.0"},
    }

    async def never(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the token link is answered by the guard itself")

    guard = LocalGuard(never, hosts={f"{LAN}:8000"}, token=TOKEN)
    asyncio.run(guard(scope, receive, send))
    start = sent[0]
    assert start["status"] == 303
    headers = {key.decode(): value.decode("latin-1") for key, value in start["headers"]}
    assert headers["location"] == location
    assert not headers["location"].startswith("//")


@given(path=st.text(min_size=1).map(lambda text: "/" + text))
def test_same_site_path_is_one_slash_and_ascii(path: str) -> None:
    from urllib.parse import unquote, urlsplit

    shown = same_site_path(path)
    assert shown.isascii() and shown.startswith("/") and not shown.startswith("//")
    assert urlsplit(shown).netloc == ""
    assert unquote(shown) == "/" + path.lstrip("/")
