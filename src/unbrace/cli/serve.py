"""`unbrace serve`: the local web app, on this computer only unless asked otherwise."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from unbrace.cli.output import console, note
from unbrace.cli.state import state

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARD = frozenset({"0.0.0.0", "::"})
TOKEN_FILE = "web-token"
TOKEN_BYTES = 24
# A token file shorter than this was truncated or emptied; it is replaced, never trusted.
MIN_TOKEN_LENGTH = 16


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def install_token(path: Path) -> str:
    """The per-install access token, created once and readable by its owner only."""
    import secrets

    from unbrace.store.db import PRIVATE_FILE, ensure_private_dir

    try:
        token = path.read_text(encoding="utf-8").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        token = ""
    if len(token) >= MIN_TOKEN_LENGTH and token.isascii() and token.isprintable():
        path.chmod(PRIVATE_FILE)  # in case it was loosened since
        return token
    ensure_private_dir(path.parent)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    # Written to a new private file and moved into place: never readable by others, even
    # for a moment, and never half-written.
    fresh = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(token)
    os.replace(fresh, path)
    return token


def lan_address() -> str:
    """This computer's address on the home network, for the link shown to a phone."""
    import socket

    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: no packet is sent by a UDP connect
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def shown_host(host: str, lan: str | None = None) -> str:
    """The address to open: 127.0.0.1 on loopback, the network address for a wildcard."""
    if is_loopback(host):
        return "127.0.0.1" if host in {"localhost", "::1"} else host
    if host in WILDCARD:
        return lan or lan_address()
    return host


def link(host: str, port: int, token: str | None = None) -> str:
    """The address to open, with the token when there is one."""
    name = f"[{host}]" if ":" in host else host
    address = f"http://{name}:{port}/"
    return f"{address}?token={token}" if token else address


@dataclass(frozen=True)
class Access:
    address: str  # what to open (with the token beyond loopback)
    token: str | None  # None on loopback: this computer's own user needs none
    extra_hosts: list[str]  # the network address, which the Host guard must also accept


def plan_access(host: str, port: int, token_file: Path, *, lan: str | None = None) -> Access:
    """How the server is reached: on loopback no token (and no token file is made); beyond
    it the per-install token, in the link and required on every request."""
    shown = shown_host(host, lan)
    if is_loopback(host):
        return Access(link(shown, port), None, [])
    token = install_token(token_file)
    return Access(link(shown, port, token), token, [shown])


def serve(
    ctx: typer.Context,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Address to listen on. The default keeps it to this computer; 0.0.0.0 lets "
            "a phone on your home network in, with an access token.",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> None:
    """Start the web app and print the address to open."""
    from unbrace.core.errors import UnbraceError

    if not 0 < port < 65536:
        raise UnbraceError("--port must be between 1 and 65535.")
    import uvicorn

    from unbrace.web.app import create_app

    current = state(ctx)
    current.creates = True
    access = plan_access(host, port, current.settings.home / TOKEN_FILE)
    if access.token:
        note(
            "Warning: unbrace is reachable from other devices on this network. Anyone with "
            "the link below can see and change your health records; share it only with your "
            "own phone, and stop the server (Ctrl-C) when you are done."
        )
    app = create_app(
        current.settings,
        host=host,
        port=port,
        token=access.token,
        extra_hosts=access.extra_hosts,
    )
    address = access.address
    console().print(f"unbrace is running. Open this address in your browser:\n\n  {address}\n")
    if access.token:
        import segno

        console().print("Or scan this code with your phone's camera:")
        segno.make(address, error="m").terminal(compact=True)
    console().print("Press Ctrl-C to stop.")
    uvicorn.run(app, host=host, port=port, log_level="warning")
