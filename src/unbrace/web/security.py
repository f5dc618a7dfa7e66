"""Guards for a server that runs on the person's own computer.

- DNS rebinding: a web page elsewhere can point its own host name at 127.0.0.1; requests
  whose Host header is not one of this server's own addresses are refused with 400.
- CSRF: a state-changing request whose Origin (or Referer) is another site is refused with 403.
- Beyond loopback (a phone on the home network) every request needs the per-install token,
  given once as ``?token=`` and then kept in an HttpOnly, SameSite=Strict cookie.
- Security headers on every response, refusals included: a CSP without inline script, no
  sniffing, no framing; API answers are never stored in a cache.

A plain ASGI middleware (not Starlette's ``BaseHTTPMiddleware``): it adds no task or copy per
request, and it never touches the request body.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from urllib.parse import quote, urlencode, urlsplit

from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from unbrace import __version__
from unbrace.web.identity import IDENTITY_HEADER

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_COOKIE = "unbrace_token"
TOKEN_MAX_AGE = 86400 * 30
# A token shorter than this is a mistake (an empty or truncated file), never a secret.
MIN_TOKEN_LENGTH = 16
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", "[::]"})
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; worker-src 'self'; "
    "manifest-src 'self'"
)
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)
API_PREFIX = "/api/"


def _host_form(name: str) -> str:
    """How a name appears in a Host header: lower case, IPv6 addresses in brackets."""
    name = name.strip().lower()
    return f"[{name}]" if ":" in name and not name.startswith("[") else name


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> set[str]:
    """The Host header values this server answers to: its loopback names, the address it
    listens on (unless that is a wildcard) and ``extra`` (the LAN address shown to a phone)."""
    names = {"127.0.0.1", "localhost", "::1", *extra}
    if host not in WILDCARD_HOSTS:
        names.add(host)
    forms = {_host_form(name) for name in names if name.strip()}
    allowed = {f"{name}:{port}" for name in forms}
    if port == 80:  # browsers leave the default port out of the Host header
        allowed |= forms
    return allowed


def _same(given: str, expected: str) -> bool:
    """Constant-time comparison that never raises, whatever characters ``given`` has."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


class LocalGuard:
    def __init__(self, app: ASGIApp, *, hosts: set[str], token: str | None) -> None:
        if token is not None and len(token) < MIN_TOKEN_LENGTH:
            raise ValueError("The access token is too short to protect anything.")
        self.app = app
        self.hosts = {host.lower() for host in hosts}
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            # This app has no websockets; refuse any rather than guard them separately.
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "").lower()
        api = str(scope.get("path", "")).startswith(API_PREFIX)
        if host not in self.hosts:
            await _refuse(send, 400, "This address is not one this server answers to.", api)
            return
        if scope["method"] not in SAFE_METHODS and not _same_origin(headers, host):
            await _refuse(send, 403, "Requests from other sites are not accepted.", api)
            return
        if self.token is not None and not await self._token_ok(scope, headers, send, api):
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                _add_headers(MutableHeaders(scope=message), api=api)
            await send(message)

        await self.app(scope, receive, secured)

    async def _token_ok(self, scope: Scope, headers: Headers, send: Send, api: bool) -> bool:
        """True to go on; otherwise the answer (a redirect setting the cookie, or 401) is sent."""
        assert self.token is not None
        query = QueryParams(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("token")
        if given is not None and _same(given, self.token):
            # The link with the token opens the app once; a cookie keeps it open. The redirect
            # is relative and drops the token, so it stays out of history and Referer headers.
            rest = urlencode([(key, value) for key, value in query.multi_items() if key != "token"])
            location = same_site_path(str(scope.get("path", "/"))) + (f"?{rest}" if rest else "")
            cookie = (
                f"{TOKEN_COOKIE}={self.token}; Max-Age={TOKEN_MAX_AGE}; Path=/; HttpOnly; "
                "SameSite=Strict"
            )
            await _answer(
                send,
                303 if scope["method"] in SAFE_METHODS else 307,
                b"",
                "text/plain; charset=utf-8",
                [("Location", location), ("Set-Cookie", cookie), ("Cache-Control", "no-store")],
                api=api,
            )
            return False
        cookie = cookie_parser(headers.get("cookie", "")).get(TOKEN_COOKIE, "")
        if not _same(cookie, self.token):
            await _refuse(
                send,
                401,
                "Open the link with the access token shown where unbrace is running.",
                api,
            )
            return False
        return True


def same_site_path(path: str) -> str:
    """``path`` as a redirect target that stays on this server, in ASCII for the header.

    ``//evil.example/`` would be read as another site (an open redirect) and a character
    outside Latin-1 cannot go in a header at all: the path is percent-encoded (a backslash
    too, which browsers read as a slash) and starts with exactly one slash.
    """
    encoded = path.encode("utf-8", "surrogatepass")
    return "/" + quote(encoded, safe="/:@!$&'()*+,;=-._~").lstrip("/")


def _same_origin(headers: Headers, host: str) -> bool:
    source = headers.get("origin") or headers.get("referer")
    if not source:
        return True  # non-browser clients (scripts, tests) send neither
    try:
        parts = urlsplit(source)
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and parts.netloc.lower() == host


def _add_headers(headers: MutableHeaders, *, api: bool) -> None:
    for name, value in SECURITY_HEADERS:
        if name not in headers:
            headers[name] = value
    # Lets `unbrace serve` tell its own running app from another program on the port.
    headers[IDENTITY_HEADER] = __version__
    if api and "cache-control" not in headers:
        headers["Cache-Control"] = "no-store"  # health records stay out of caches


async def _refuse(send: Send, status: int, detail: str, api: bool) -> None:
    if api:
        body, kind = json.dumps({"detail": detail}).encode(), "application/json"
    else:
        body, kind = detail.encode(), "text/plain; charset=utf-8"
    await _answer(send, status, body, kind, [], api=api)


async def _answer(
    send: Send,
    status: int,
    body: bytes,
    content_type: str,
    extra: list[tuple[str, str]],
    *,
    api: bool,
) -> None:
    message: Message = {"type": "http.response.start", "status": status, "headers": []}
    headers = MutableHeaders(scope=message)
    headers["Content-Type"] = content_type
    headers["Content-Length"] = str(len(body))
    for name, value in extra:
        headers.append(name, value)
    _add_headers(headers, api=api)
    await send(message)
    await send({"type": "http.response.body", "body": body})
