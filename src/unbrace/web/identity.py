"""How a running unbrace web app can be told apart from any other program on a port.

Every answer the app gives (pages, files, refusals alike) carries the ``X-Unbrace`` header with
its version; `probe` asks a port for a tiny static file and reads it. This module imports only
the standard library, so the CLI can ask "is unbrace already there?" without loading the web app.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass

IDENTITY_HEADER = "X-Unbrace"
# Small, static and served without touching the database.
PROBE_PATH = "/static/icon.svg"
# Generous: an unbrace that is still starting (or a busy computer) answers late, not never.
PROBE_SECONDS = 10.0


@dataclass(frozen=True)
class Running:
    """An unbrace web app that answered on the port."""

    version: str
    needs_token: bool  # started for the home network: the link with its token opens it


def probe(host: str, port: int, *, timeout: float = PROBE_SECONDS) -> Running | None:
    """The unbrace app answering at ``host:port``, or None (nothing there, or another program).

    Proxies from the environment are ignored: the question is about this computer only.
    """
    name = f"[{host}]" if ":" in host else host
    request = urllib.request.Request(f"http://{name}:{port}{PROBE_PATH}", method="HEAD")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=timeout) as answer:
            status, version = answer.status, answer.headers.get(IDENTITY_HEADER)
    except urllib.error.HTTPError as refused:  # a 401 or 400 from the guard still says who
        status, version = refused.code, refused.headers.get(IDENTITY_HEADER)
    except (OSError, http.client.HTTPException, ValueError):
        return None
    if not version:
        return None
    return Running(version=version, needs_token=status == 401)
