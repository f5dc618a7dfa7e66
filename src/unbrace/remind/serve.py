"""Serving the calendar at http://127.0.0.1:PORT/calendar.ics for a calendar app to subscribe.

A single read-only path on the loopback address, so the standard library's HTTP server is
enough until the web app (which will serve the same path) lands. Requests for any other Host
than the loopback address are refused, so a web page elsewhere cannot read the calendar by
DNS rebinding.
"""

from __future__ import annotations

from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PATH = "/calendar.ics"


def make_handler(calendar: Callable[[], bytes]) -> type[BaseHTTPRequestHandler]:
    class CalendarHandler(BaseHTTPRequestHandler):
        server_version = "unbrace"

        def do_GET(self) -> None:
            port = int(self.server.server_address[1])  # type: ignore[index]
            allowed = {f"127.0.0.1:{port}", f"localhost:{port}", "127.0.0.1", "localhost"}
            if self.headers.get("Host", "") not in allowed:
                self.send_error(400, "Unknown host")
                return
            if self.path.split("?", 1)[0] != PATH:
                self.send_error(404, "Only /calendar.ics is here")
                return
            body = calendar()
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: requests are not worth a line each

    return CalendarHandler


def make_server(calendar: Callable[[], bytes], *, port: int) -> ThreadingHTTPServer:
    from unbrace.core.errors import UnbraceError

    if not 0 <= port < 65536:
        raise UnbraceError("--port must be between 1 and 65535.")
    try:
        return ThreadingHTTPServer(("127.0.0.1", port), make_handler(calendar))
    except OSError as exc:
        raise UnbraceError(
            f"Cannot serve on port {port} ({exc.strerror or exc}); choose another with --port."
        ) from None


def serve_calendar(
    calendar: Callable[[], bytes], *, port: int, announce: Callable[[str], None]
) -> None:
    server = make_server(calendar, port=port)
    announce(
        f"Serving your routine at http://127.0.0.1:{server.server_address[1]}{PATH} "
        "(subscribe to it in your calendar app). Ctrl-C stops it."
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
