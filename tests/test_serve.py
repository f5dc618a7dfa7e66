"""`unbrace serve` without starting a server: the access token file and the printed link."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unbrace.cli.app import app
from unbrace.cli.serve import MIN_TOKEN_LENGTH, install_token, link, plan_access, shown_host


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
