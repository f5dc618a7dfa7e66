"""`unbrace serve`: the local web app, on this computer only unless asked otherwise."""

from __future__ import annotations

import socket
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

    from unbrace.files import ensure_private_dir, tighten, write_private

    try:
        token = path.read_text(encoding="utf-8").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        token = ""
    if len(token) >= MIN_TOKEN_LENGTH and token.isascii() and token.isprintable():
        tighten(path)  # in case it was loosened since
        return token
    ensure_private_dir(path.parent)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    # Never readable by others, even for a moment, and never half-written.
    write_private(path, token)
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
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the app in your browser once it is running.")
    ] = False,
) -> None:
    """Start the web app and print the address to open."""
    from unbrace.cli.listen import PortInUse, listen

    check_port(port)
    try:
        sock = listen(host, port)
    except PortInUse:
        already_running(host, port, open_browser=open_browser)
        return
    with sock:
        run_app(ctx, sock, host, port, open_browser=open_browser)


def check_port(port: int) -> None:
    from unbrace.core.errors import UnbraceError

    if not 0 < port < 65536:
        raise UnbraceError("--port must be between 1 and 65535.")


def already_running(host: str, port: int, *, open_browser: bool) -> None:
    """The port is taken: by unbrace itself (say where; exit 0) or by another program (exit 2)."""
    from unbrace.core.errors import UnbraceError
    from unbrace.web.identity import probe

    asked = "127.0.0.1" if is_loopback(host) or host in WILDCARD else host
    running = probe(asked, port)
    if running is None:
        other = port + 1 if port < 65535 else 8000
        raise UnbraceError(
            f"Port {port} is already used by another program. Choose another port: "
            f"unbrace serve --port {other} (or make run PORT={other})."
        )
    address = link(shown_host(asked), port)
    console().print(
        f"unbrace is already running here. Open this address in your browser:\n\n  {address}\n"
    )
    if running.needs_token:
        console().print(
            "It was started for your home network: open the link with the access token, "
            "shown where it was started."
        )
    if open_browser:
        show_in_browser(address)


def show_in_browser(address: str) -> None:
    """Open the address in the person's browser (the BROWSER variable chooses which)."""
    import webbrowser

    if not webbrowser.open(address):
        note("No browser could be opened here; open the address above yourself.")


def run_app(
    ctx: typer.Context, sock: socket.socket, host: str, port: int, *, open_browser: bool
) -> None:
    """Serve on the socket already bound, so nothing else can take the port in between."""
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
    if open_browser:
        # The socket already listens: the browser's request waits until the app answers.
        show_in_browser(address)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    server.run(sockets=[sock])
