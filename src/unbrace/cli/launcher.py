"""`unbrace open` (the web app in the browser, started in the background when needed) and
`unbrace install-launcher` (a desktop entry with unbrace's icon that runs it)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from unbrace.cli.output import console
from unbrace.cli.state import state

PortOption = Annotated[int, typer.Option("--port", help="The port the web app uses.")]
LOG_FILE = "web.log"
# How long a background start may take on a slow or busy computer before giving up.
START_SECONDS = 60.0


def open_app(
    ctx: typer.Context,
    port: PortOption = 8000,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Only make sure it is running (used at login).")
    ] = False,
) -> None:
    """Open the web app in your browser, starting it in the background if it is not running."""
    from unbrace.cli.listen import PortInUse, listen
    from unbrace.cli.serve import check_port, link, show_in_browser
    from unbrace.core.errors import UnbraceError
    from unbrace.web.identity import probe

    check_port(port)
    address = link("127.0.0.1", port)
    if probe("127.0.0.1", port) is None:
        try:
            listen("127.0.0.1", port).close()  # free: start it there
        except PortInUse:
            # The probe may simply have come too early for an unbrace that is starting.
            if probe("127.0.0.1", port) is None:
                raise UnbraceError(
                    f"Port {port} is already used by another program. Choose another port: "
                    f"unbrace open --port {port + 1 if port < 65535 else 8000}."
                ) from None
        else:
            start_in_background(state(ctx).settings.home, port)
            console().print(f"unbrace is running in the background at {address}")
    else:
        console().print(f"unbrace is already running at {address}")
    if not no_browser:
        show_in_browser(address)


def start_in_background(home: Path, port: int) -> None:
    """`unbrace serve` in its own session (it outlives this command and the launcher), its
    output in a private log file; returns once it answers."""
    from unbrace.core.errors import UnbraceError
    from unbrace.files import PRIVATE_FILE, ensure_private_dir
    from unbrace.web.identity import probe

    ensure_private_dir(home)
    log = home / LOG_FILE
    descriptor = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
    os.chmod(log, PRIVATE_FILE)
    with os.fdopen(descriptor, "ab") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "unbrace", "serve", "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=output,
            start_new_session=True,
        )
    deadline = time.monotonic() + START_SECONDS
    while probe("127.0.0.1", port, timeout=2) is None:
        if server.poll() is not None or time.monotonic() > deadline:
            raise UnbraceError(f"unbrace did not start; see {log} for why.")
        time.sleep(0.2)


def install_launcher(
    at_login: Annotated[
        bool,
        typer.Option("--at-login", help="Also start the web app (in the background) at login."),
    ] = False,
    remove: Annotated[
        bool, typer.Option("--remove", help="Remove the launcher and the login entry.")
    ] = False,
) -> None:
    """Add unbrace to your desktop's applications menu, with its icon.

    The launcher opens the web app in your browser, starting it in the background first if it
    is not running. Linux desktops (freedesktop); see docs/web.md for macOS and Windows.
    """
    from unbrace import desktop
    from unbrace.core.errors import UnbraceError

    if sys.platform != "linux" and not sys.platform.startswith("freebsd"):
        raise UnbraceError(
            "install-launcher writes Linux desktop entries; on macOS and Windows see "
            "docs/web.md, 'A launcher on your desktop'."
        )
    home, env = Path.home(), dict(os.environ)
    if remove:
        removed = desktop.remove(desktop.all_paths(home=home, env=env))
        for path in removed:
            console().print(f"Removed {path}", soft_wrap=True)
        if not removed:
            console().print("There was no unbrace launcher to remove.")
        return
    # This install's interpreter, as invoked (a virtual environment's python is found by its
    # own path, so it is not resolved to the interpreter it links to).
    command = [str(Path(sys.executable).absolute()), "-m", "unbrace"]
    files = desktop.plan(command=command, home=home, env=env, at_login=at_login)
    changed = desktop.install(files)
    entry = files[1].path
    if not at_login:
        # Asked without --at-login: a login entry from an earlier install is taken away.
        login = desktop.plan(command=command, home=home, env=env, at_login=True)[-1].path
        for path in desktop.remove([login]):
            console().print(f"Removed {path} (no start at login)", soft_wrap=True)
    for path in changed:
        console().print(f"Wrote {path}", soft_wrap=True)
    console().print(
        f"unbrace is in your applications menu ({entry.name}). It opens the app in your "
        "browser and starts it first when needed."
    )
    if at_login:
        console().print("It also starts in the background when you log in.")
