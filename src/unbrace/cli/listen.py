"""Claiming the web app's port before anything else starts, with one clear line when it can't."""

from __future__ import annotations

import errno
import socket

from unbrace.core.errors import UnbraceError

BACKLOG = 128


class PortInUse(Exception):
    """Another program (perhaps unbrace itself) already listens on the port."""


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` and listening, as uvicorn would make it.

    Raises `PortInUse` when the port is taken, and `UnbraceError` (one line) for a host that
    is not an address of this computer or a port that needs administrator rights.
    """
    if not host.strip():
        # An empty host would mean every address, which nobody asking for it intends.
        raise UnbraceError("--host is empty; use 127.0.0.1 (this computer only).")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        # As uvicorn does: a port left in TIME_WAIT by the last run can be taken again at once;
        # a port another program is listening on still cannot.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except socket.gaierror as exc:
        sock.close()
        raise UnbraceError(
            f"--host {host!r} is not a name or address this computer knows; use 127.0.0.1 "
            "(this computer only) or 0.0.0.0 (your home network)."
        ) from exc
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(port) from exc
        if exc.errno == errno.EADDRNOTAVAIL:
            raise UnbraceError(
                f"--host {host} is not an address of this computer; use 127.0.0.1 (this "
                "computer only) or 0.0.0.0 (your home network)."
            ) from exc
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise UnbraceError(
                f"Port {port} needs administrator rights; choose one above 1023 with --port."
            ) from exc
        raise UnbraceError(f"Cannot listen on {host} port {port}: {exc.strerror}.") from exc
    except (UnicodeError, ValueError, OverflowError) as exc:  # e.g. an empty or odd host name
        sock.close()
        raise UnbraceError(
            f"--host {host!r} is not a name or address this computer knows; use 127.0.0.1 "
            "(this computer only) or 0.0.0.0 (your home network)."
        ) from exc
    return sock
