"""The autostart files for each platform, generated into temporary homes."""

from __future__ import annotations

import os
import plistlib
import stat
import sys
from pathlib import Path

import pytest

from unbrace.core.errors import UnbraceError
from unbrace.remind.autostart import AutostartEntry, entry_for, install, uninstall

RUN = ["remind", "run"]


def unit_lines(entry: AutostartEntry) -> list[str]:
    return entry.content.splitlines()


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- Linux: a systemd user unit ----------------------------------------------------------------


def test_linux_unit(tmp_path: Path) -> None:
    home = tmp_path / "home"
    command = ["/usr/local/bin/unbrace", *RUN]

    entry = entry_for("linux", command=command, home=home, env={})

    unit_dir = home / ".config" / "systemd" / "user"
    assert entry.path == unit_dir / "unbrace-remind.service"
    assert entry.enable_link == unit_dir / "default.target.wants" / "unbrace-remind.service"
    assert entry.mode == 0o644
    lines = unit_lines(entry)
    assert lines.index("[Unit]") < lines.index("[Service]") < lines.index("[Install]")
    assert any(line.startswith("Description=") for line in lines)
    assert "ExecStart=/usr/local/bin/unbrace remind run" in lines
    assert "Restart=on-failure" in lines
    assert lines[lines.index("[Install]") + 1] == "WantedBy=default.target"
    assert not any(line.startswith("Environment=") for line in lines)


def test_linux_unit_quotes_the_command_for_systemd(tmp_path: Path) -> None:
    # systemd unquotes with C escapes, expands %-specifiers and $VARIABLES in ExecStart=.
    command = ["/opt/my apps/un%brace", "remind", "run", 'say "hi"', "$HOME", "a\\b"]

    entry = entry_for("linux", command=command, home=tmp_path, env={})

    [exec_start] = [line for line in unit_lines(entry) if line.startswith("ExecStart=")]
    assert exec_start == (
        'ExecStart="/opt/my apps/un%%brace" remind run "say \\"hi\\"" $$HOME "a\\\\b"'
    )


def test_linux_unit_honours_xdg_config_home_and_passes_settings(tmp_path: Path) -> None:
    config = tmp_path / "cfg"
    env = {
        "XDG_CONFIG_HOME": str(config),
        "UNBRACE_HOME": "/home/sam/unbrace data",
        "UNBRACE_PROFILE": "sam",
        "UNRELATED": "not copied",
    }

    entry = entry_for("linux", command=["/usr/bin/unbrace", *RUN], home=tmp_path, env=env)

    assert entry.path == config / "systemd" / "user" / "unbrace-remind.service"
    environment = [line for line in unit_lines(entry) if line.startswith("Environment=")]
    assert environment == [
        'Environment="UNBRACE_HOME=/home/sam/unbrace data"',
        'Environment="UNBRACE_PROFILE=sam"',
    ]
    assert entry.mode == 0o644


def test_a_relative_xdg_config_home_is_ignored(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": "relative/cfg"}
    entry = entry_for("linux", command=["/usr/bin/unbrace", *RUN], home=tmp_path, env=env)
    assert entry.path == tmp_path / ".config" / "systemd" / "user" / "unbrace-remind.service"


def test_a_database_url_keeps_the_file_private(tmp_path: Path) -> None:
    env = {"UNBRACE_DATABASE_URL": "postgresql://sam:s3cret%21@db/unbrace"}

    entry = entry_for("linux", command=["/usr/bin/unbrace", *RUN], home=tmp_path, env=env)

    assert entry.mode == 0o600
    assert 'Environment="UNBRACE_DATABASE_URL=postgresql://sam:s3cret%%21@db/unbrace"' in (
        unit_lines(entry)
    )
    if sys.platform != "win32":
        install(entry)
        assert mode_of(entry.path) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks and modes")
def test_install_enables_and_uninstall_removes(tmp_path: Path) -> None:
    entry = entry_for("linux", command=["/usr/bin/unbrace", *RUN], home=tmp_path, env={})

    install(entry)

    assert entry.path.read_text() == entry.content
    assert mode_of(entry.path) == 0o644
    assert entry.enable_link is not None
    # What `systemctl --user enable` makes: an absolute symlink to the unit.
    assert entry.enable_link.is_symlink()
    assert os.readlink(entry.enable_link) == str(entry.path)
    assert entry.enable_link.resolve() == entry.path.resolve()
    assert not list(entry.path.parent.glob("*.partial"))

    install(entry)  # again: replaces both, no error
    assert entry.enable_link.is_symlink()

    assert uninstall(entry) is True
    assert not entry.path.exists()
    assert not entry.enable_link.is_symlink()
    assert uninstall(entry) is False


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_uninstall_removes_a_dangling_enable_link(tmp_path: Path) -> None:
    entry = entry_for("linux", command=["/usr/bin/unbrace", *RUN], home=tmp_path, env={})
    install(entry)
    entry.path.unlink()  # the unit removed by hand; the link now points nowhere

    assert uninstall(entry) is True
    assert entry.enable_link is not None
    assert not entry.enable_link.is_symlink()
    assert uninstall(entry) is False


# --- macOS: a LaunchAgent ----------------------------------------------------------------------


def test_macos_launch_agent(tmp_path: Path) -> None:
    home = tmp_path / "Users" / "sam"
    command = ["/Users/sam/.local/bin/unbrace", *RUN]
    env = {"UNBRACE_PROFILE": "sam", "PATH": "/usr/bin"}

    entry = entry_for("darwin", command=command, home=home, env=env)

    assert entry.path == home / "Library" / "LaunchAgents" / "org.unbrace.remind.plist"
    assert entry.enable_link is None
    assert plistlib.loads(entry.content.encode()) == {
        "Label": "org.unbrace.remind",
        "ProgramArguments": command,
        "RunAtLoad": True,
        "KeepAlive": False,
        "EnvironmentVariables": {"UNBRACE_PROFILE": "sam"},
    }

    install(entry)
    assert plistlib.loads(entry.path.read_bytes())["Label"] == "org.unbrace.remind"
    if sys.platform != "win32":
        assert mode_of(entry.path) == 0o644
    assert uninstall(entry) is True
    assert not entry.path.exists()
    assert uninstall(entry) is False


# --- Windows: a Startup-folder script ----------------------------------------------------------


def test_windows_startup_script(tmp_path: Path) -> None:
    appdata = tmp_path / "AppData" / "Roaming"
    command = ["C:\\Program Files\\unbrace\\unbrace.exe", *RUN]
    env = {"APPDATA": str(appdata), "UNBRACE_HOME": "D:\\100% mine\\unbrace"}

    entry = entry_for("win32", command=command, home=tmp_path, env=env)

    startup = appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
    assert entry.path == startup / "unbrace-remind.cmd"
    assert entry.enable_link is None
    assert "\r\n" in entry.content
    assert "\n" not in entry.content.replace("\r\n", "")
    lines = entry.content.split("\r\n")
    assert lines[0] == "@echo off"
    assert 'set "UNBRACE_HOME=D:\\100%% mine\\unbrace"' in lines
    assert 'start "" /min "C:\\Program Files\\unbrace\\unbrace.exe" "remind" "run"' in lines

    install(entry)
    assert entry.path.read_bytes() == entry.content.encode()  # line endings kept
    assert uninstall(entry) is True
    assert uninstall(entry) is False


def test_windows_defaults_to_the_roaming_app_data(tmp_path: Path) -> None:
    entry = entry_for("win32", command=["C:\\u\\unbrace.exe", *RUN], home=tmp_path, env={})
    assert entry.path.parent.parent.parent.parent.parent.parent == tmp_path / "AppData" / "Roaming"


def test_windows_trailing_backslash_does_not_eat_the_quote(tmp_path: Path) -> None:
    entry = entry_for(
        "win32", command=["C:\\u\\unbrace.exe", "--dir", "C:\\data\\"], home=tmp_path, env={}
    )
    assert '"--dir" "C:\\data\\\\"' in entry.content


# --- what is refused ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "command"),
    [
        ("linux", ["unbrace", *RUN]),  # not absolute
        ("darwin", ["bin/unbrace", *RUN]),
        ("win32", ["unbrace.exe", *RUN]),
        ("win32", ["C:\\u\\unbrace.exe", 'say "hi"']),  # cmd.exe cannot quote a quote
        ("linux", []),
        ("sunos5", ["/usr/bin/unbrace", *RUN]),
    ],
)
def test_refused(platform: str, command: list[str], tmp_path: Path) -> None:
    with pytest.raises(UnbraceError):
        entry_for(platform, command=command, home=tmp_path, env={})
