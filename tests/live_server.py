"""The real web app in a thread on a free port, for tests that need something to answer."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from unbrace.settings import Settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_app(
    home: Path,
    *,
    port: int | None = None,
    token: str | None = None,
    settings: Settings | None = None,
) -> Iterator[int]:
    """The unbrace app served on 127.0.0.1 (on SQLite in ``home`` unless ``settings`` says
    otherwise); yields its port and stops it afterwards."""
    import uvicorn

    from unbrace.web.app import create_app

    settings = settings or Settings(home=home, database_url=f"sqlite:///{home / 'unbrace.db'}")
    port = port or free_port()
    app = create_app(settings, port=port, token=token)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@contextmanager
def other_program() -> Iterator[int]:
    """A web server that is not unbrace, holding a port."""
    from http.server import HTTPServer, SimpleHTTPRequestHandler

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(httpd.server_address[1])
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=15)
