"""Working offline: the service worker (served from the root, so it may look after every
page) and the page it shows for an address never opened before."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from unbrace import __version__
from unbrace.web.pages.base import render

router = APIRouter()


@cache
def service_worker_source() -> str:
    source = (resources.files("unbrace.web") / "static" / "sw.js").read_text(encoding="utf-8")
    # A new version of unbrace is a new worker, which clears the old saved copies.
    return source.replace("__VERSION__", __version__)


@router.get("/sw.js")
def service_worker() -> Response:
    return Response(
        service_worker_source(),
        media_type="text/javascript; charset=utf-8",
        headers={"Service-Worker-Allowed": "/", "Cache-Control": "no-cache"},
    )


@router.get("/offline", response_class=HTMLResponse)
def offline(request: Request) -> HTMLResponse:
    return render(request, "offline.html")
