"""Guards for a server that runs on the person's own computer.

- DNS rebinding: a web page elsewhere can point its own host name at 127.0.0.1; requests
  whose Host header is not one of this server's own addresses are refused with 400.
- CSRF: a state-changing request whose Origin (or Referer) is another site is refused with 403.
- Beyond loopback (a phone on the home network) every request needs the per-install token,
  given once as ``?token=`` and then kept in an HttpOnly, SameSite=Strict cookie.
- Security headers on every response: a CSP without inline script, no sniffing, no framing.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
TOKEN_COOKIE = "unbrace_token"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> set[str]:
    names = {"127.0.0.1", "localhost", "[::1]", *extra}
    if host not in {"0.0.0.0", "::"}:
        names.add(host)
    return {f"{name}:{port}" for name in names} | names


class LocalGuard(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, *, hosts: set[str], token: str | None) -> None:
        super().__init__(app)
        self.hosts = hosts
        self.token = token

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        host = request.headers.get("host", "")
        if host not in self.hosts:
            return PlainTextResponse("Unknown host.", status_code=400)
        if request.method not in SAFE_METHODS and not self._same_origin(request, host):
            return PlainTextResponse("Requests from other sites are not accepted.", status_code=403)
        if self.token is not None:
            given = request.query_params.get("token")
            if given is not None and hmac.compare_digest(given, self.token):
                # The link with the token opens the app once; a cookie keeps it open.
                response: Response = RedirectResponse(request.url.remove_query_params("token"))
                response.set_cookie(
                    TOKEN_COOKIE, self.token, httponly=True, samesite="strict", max_age=86400 * 30
                )
                return _secure(response)
            cookie = request.cookies.get(TOKEN_COOKIE, "")
            if not hmac.compare_digest(cookie, self.token):
                return _secure(
                    PlainTextResponse(
                        "Open the link with the access token shown where unbrace is running.",
                        status_code=401,
                    )
                )
        return _secure(await call_next(request))

    @staticmethod
    def _same_origin(request: Request, host: str) -> bool:
        source = request.headers.get("origin") or request.headers.get("referer")
        if not source:
            return True  # non-browser clients (scripts, tests) send neither
        return urlsplit(source).netloc == host


def _secure(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
