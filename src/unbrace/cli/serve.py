"""`unbrace serve`: the local web app, on this computer only unless asked otherwise."""

from __future__ import annotations

import secrets
from typing import Annotated

import typer

from unbrace.cli.output import console, note
from unbrace.cli.state import state

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def install_token(home_token_file: object) -> str:
    """The per-install access token, created once and kept private in the data folder."""
    from pathlib import Path

    from unbrace.store.db import PRIVATE_FILE, ensure_private_dir

    path = Path(str(home_token_file))
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    ensure_private_dir(path.parent)
    token = secrets.token_urlsafe(24)
    path.write_text(token, encoding="utf-8")
    path.chmod(PRIVATE_FILE)
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


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> None:
    """Start the web app and print the address to open."""
    import uvicorn

    from unbrace.web.app import create_app

    current = state(ctx)
    current.creates = True
    token = None
    shown = host if host not in {"0.0.0.0", "::"} else lan_address()
    address = f"http://{'127.0.0.1' if host in LOOPBACK else shown}:{port}/"
    extra: list[str] = []
    if host not in LOOPBACK:
        token = install_token(current.settings.home / "web-token")
        extra = [shown]
        address += f"?token={token}"
        note(
            "Warning: unbrace is reachable from other devices on this network. Anyone with "
            "the link below can see your health records; share it only with your own phone."
        )
    app = create_app(current.settings, host=host, port=port, token=token, extra_hosts=extra)
    console().print(f"unbrace is running. Open this address in your browser:\n\n  {address}\n")
    if token:
        import segno

        segno.make(address, error="m").terminal(compact=True)
    console().print("Press Ctrl-C to stop.")
    uvicorn.run(app, host=host, port=port, log_level="warning")
