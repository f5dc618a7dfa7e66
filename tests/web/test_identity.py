"""`probe`: telling a running unbrace from any other program on a port."""

from __future__ import annotations

from pathlib import Path

from tests.live_server import free_port, other_program, running_app
from unbrace import __version__
from unbrace.web.identity import probe


def test_the_running_app_is_recognised(tmp_path: Path) -> None:
    with running_app(tmp_path / "home") as port:
        found = probe("127.0.0.1", port)
    assert found is not None
    assert found.version == __version__ and not found.needs_token


def test_the_app_in_token_mode_is_recognised_from_its_refusal(tmp_path: Path) -> None:
    with running_app(tmp_path / "home", token="t" * 32) as port:
        found = probe("127.0.0.1", port)
    assert found is not None and found.needs_token


def test_another_web_server_is_not_unbrace() -> None:
    with other_program() as port:
        assert probe("127.0.0.1", port) is None


def test_nothing_listening_is_not_unbrace() -> None:
    assert probe("127.0.0.1", free_port(), timeout=2) is None
