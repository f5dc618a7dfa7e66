"""`unbrace serve` without starting a server: the access token file and the printed link."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.live_server import free_port, other_program, running_app
from unbrace.cli.app import app
from unbrace.cli.serve import MIN_TOKEN_LENGTH, install_token, link, plan_access, shown_host
from unbrace.web.identity import probe


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_token_file_is_private_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "home" / "web-token"
    token = install_token(path)
    assert len(token) >= MIN_TOKEN_LENGTH and token.isascii()
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    assert path.read_text() == token
    assert install_token(path) == token  # one per install
    assert [p.name for p in path.parent.iterdir()] == ["web-token"]  # no temporary file left


def test_a_loosened_token_file_is_made_private_again(tmp_path: Path) -> None:
    path = tmp_path / "web-token"
    token = install_token(path)
    path.chmod(0o644)
    assert install_token(path) == token and mode(path) == 0o600


@pytest.mark.parametrize("content", ["", "   \n", "short", "\x00" * 30])
def test_an_empty_or_damaged_token_file_is_replaced(tmp_path: Path, content: str) -> None:
    path = tmp_path / "web-token"
    path.write_text(content)
    token = install_token(path)
    assert len(token) >= MIN_TOKEN_LENGTH and token != content.strip()
    assert mode(path) == 0o600


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.5"])
def test_on_loopback_the_link_has_no_token(tmp_path: Path, host: str) -> None:
    token_file = tmp_path / "web-token"
    access = plan_access(host, 8000, token_file)
    assert access.token is None and access.extra_hosts == []
    assert "token" not in access.address
    assert access.address.startswith("http://127.0.0.") and access.address.endswith(":8000/")
    assert not token_file.exists()  # nothing to keep when nothing is shared


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_beyond_loopback_the_link_carries_the_token(tmp_path: Path, host: str) -> None:
    token_file = tmp_path / "web-token"
    access = plan_access(host, 8123, token_file, lan="192.168.1.20")
    assert access.token and access.token == token_file.read_text()
    assert access.address == f"http://192.168.1.20:8123/?token={access.token}"
    assert access.extra_hosts == ["192.168.1.20"]
    assert mode(token_file) == 0o600


def test_a_named_network_address_is_shown_as_it_is(tmp_path: Path) -> None:
    access = plan_access("192.168.1.7", 8000, tmp_path / "t")
    assert access.address.startswith("http://192.168.1.7:8000/?token=")
    assert shown_host("0.0.0.0", "10.0.0.3") == "10.0.0.3"
    assert link("fe80::1", 8000) == "http://[fe80::1]:8000/"


@pytest.mark.parametrize("port", ["0", "70000"])
def test_a_port_out_of_range_is_refused(port: str) -> None:
    result = CliRunner().invoke(app, ["serve", "--port", port])
    assert result.exit_code == 2
    assert "--port must be between 1 and 65535" in result.stderr


# --- a port that is already taken, a bad host, --open ------------------------------------------


def fake_browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stands in for the person's browser: records what it was asked to open."""
    opened: list[str] = []

    def open_url(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", open_url)
    return opened


def test_when_unbrace_already_serves_the_port_it_says_where_and_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = fake_browser(monkeypatch)
    with running_app(tmp_path / "running") as port:
        result = CliRunner().invoke(app, ["serve", "--port", str(port), "--open"])
    assert result.exit_code == 0, result.output
    assert "unbrace is already running" in result.stdout
    assert f"http://127.0.0.1:{port}/" in result.stdout
    assert opened == [f"http://127.0.0.1:{port}/"]
    assert result.stderr == ""


def test_when_another_program_holds_the_port_one_line_names_it_and_exits_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened = fake_browser(monkeypatch)
    with other_program() as port:
        result = CliRunner().invoke(app, ["serve", "--port", str(port), "--open"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert f"Port {port} is already used by another program" in result.stderr
    assert f"--port {port + 1}" in result.stderr
    assert opened == [] and result.stdout == ""


@pytest.mark.parametrize(
    ("host", "says"),
    [
        ("nonsense.invalid", "not a name or address this computer knows"),
        ("bad host", "not a name or address this computer knows"),
        ("192.0.2.77", "not an address of this computer"),  # TEST-NET-1: never ours
        ("", "--host is empty"),
    ],
)
def test_a_bad_host_is_one_line_and_exit_2(host: str, says: str) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", host, "--port", str(free_port())])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and says in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_serve_open_starts_the_app_and_opens_the_browser(tmp_path: Path) -> None:
    """The real command in its own process; the BROWSER variable stands in for a browser."""
    import subprocess
    import sys
    import time

    opened = tmp_path / "opened.txt"
    fake_browser = tmp_path / "browser.py"
    fake_browser.write_text(
        f"import sys, pathlib\npathlib.Path({str(opened)!r}).write_text(sys.argv[1])\n"
    )
    port = free_port()
    env = {**os.environ, "BROWSER": f"{sys.executable} {fake_browser} %s"}
    command = [str(Path(sys.executable).with_name("unbrace")), "serve", "--port", str(port)]
    server = subprocess.Popen([*command, "--open"], env=env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert opened.read_text() == f"http://127.0.0.1:{port}/"
        assert probe("127.0.0.1", port) is not None  # and the app really answers there
        again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert again.returncode == 0 and "already running" in again.stdout
    finally:
        server.terminate()
        server.wait(timeout=30)
