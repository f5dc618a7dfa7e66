"""`unbrace install-launcher` and `unbrace open` through the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tests.live_server import free_port, other_program, running_app
from unbrace.web.identity import probe


@pytest.fixture
def desktop_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "desktop-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return home


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stands in for the browser: records what it was asked to open."""
    urls: list[str] = []

    def open_url(url: str, *args: object, **kwargs: object) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", open_url)
    return urls


def test_install_and_remove_the_launcher(cli: Cli, desktop_home: Path) -> None:
    entry = desktop_home / ".local/share/applications/unbrace.desktop"
    login = desktop_home / ".config/autostart/unbrace.desktop"
    result = cli.ok("install-launcher", "--at-login")
    assert f"Wrote {entry}" in result.stdout and entry.exists() and login.exists()
    assert f"{Path(sys.executable).absolute()} -m unbrace open" in entry.read_text()
    again = cli.ok("install-launcher", "--at-login")
    assert "Wrote" not in again.stdout  # nothing to change
    cli.ok("install-launcher")  # without --at-login: the login entry goes
    assert entry.exists() and not login.exists()
    removed = cli.ok("install-launcher", "--remove").stdout
    assert f"Removed {entry}" in removed and not entry.exists()
    assert "no unbrace launcher" in cli.ok("install-launcher", "--remove").stdout


def test_open_uses_the_running_app(cli: Cli, tmp_path: Path, opened: list[str]) -> None:
    with running_app(tmp_path / "running") as port:
        result = cli.ok("open", "--port", str(port))
    assert f"already running at http://127.0.0.1:{port}/" in result.stdout
    assert opened == [f"http://127.0.0.1:{port}/"]


def test_open_with_another_program_on_the_port_is_one_line(cli: Cli, opened: list[str]) -> None:
    with other_program() as port:
        result = cli.bad("open", "--port", str(port))
    assert f"Port {port} is already used by another program" in result.stderr
    assert opened == []


@pytest.mark.slow
def test_open_starts_the_app_in_the_background(tmp_path: Path) -> None:
    """The real command: unbrace is started in its own session, answers, and the browser (the
    BROWSER variable's stand-in) is given its address; the server outlives the command."""
    opened = tmp_path / "opened.txt"
    fake_browser = tmp_path / "browser.py"
    fake_browser.write_text(
        f"import sys, pathlib\npathlib.Path({str(opened)!r}).write_text(sys.argv[1])\n"
    )
    port = free_port()
    env = {**os.environ, "BROWSER": f"{sys.executable} {fake_browser} %s"}
    command = [sys.executable, "-m", "unbrace", "open", "--port", str(port)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    try:
        assert result.returncode == 0, result.stderr
        assert "running in the background" in result.stdout
        assert probe("127.0.0.1", port) is not None
        deadline = time.monotonic() + 30
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert opened.read_text() == f"http://127.0.0.1:{port}/"
        log = Path(os.environ["UNBRACE_HOME"]) / "web.log"
        assert log.stat().st_mode & 0o777 == 0o600
    finally:
        for pid in serving(port):
            os.kill(pid, 15)


def serving(port: int) -> list[int]:
    """The background `unbrace serve --port PORT` this test started (found in /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in argv and str(port).encode() in argv and b"unbrace" in argv:
            found.append(int(entry.name))
    return found
