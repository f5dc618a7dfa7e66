"""Start `unbrace remind run` at login: a systemd user unit, a LaunchAgent or a Startup script.

``entry_for`` is pure (platform, command, home and environment in; path and text out) so every
platform's file can be generated and checked anywhere. ``install`` writes what ``systemctl --user
enable`` would, without needing systemctl: the unit and its ``default.target.wants`` symlink.
"""

from __future__ import annotations

import plistlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from unbrace.core.errors import UnbraceError
from unbrace.files import write_private

UNIT_NAME = "unbrace-remind.service"
LAUNCH_AGENT_LABEL = "org.unbrace.remind"
STARTUP_NAME = "unbrace-remind.cmd"
# The settings a login session would not otherwise see (see settings.py).
PASSED_THROUGH = ("UNBRACE_HOME", "UNBRACE_DATABASE_URL", "UNBRACE_PROFILE")
# A PostgreSQL URL may carry a password; then the file is readable by its owner only.
SECRET_VARIABLES = frozenset({"UNBRACE_DATABASE_URL"})
HEADER = "Written by `unbrace remind install`; `unbrace remind uninstall` removes it."


@dataclass(frozen=True)
class AutostartEntry:
    path: Path
    content: str
    enable_link: Path | None
    mode: int = 0o644


def entry_for(
    platform: str, *, command: list[str], home: Path, env: Mapping[str, str]
) -> AutostartEntry:
    """The autostart file for ``platform`` (a ``sys.platform`` value) running ``command``."""
    kind = _platform_kind(platform)
    if not command:
        raise UnbraceError("The command to start at login is empty.")
    absolute = PureWindowsPath if kind == "windows" else PurePosixPath
    if not absolute(command[0]).is_absolute():
        raise UnbraceError(
            f"The command to start at login must be an absolute path, not {command[0]!r}."
        )
    passed = {name: env[name] for name in PASSED_THROUGH if env.get(name)}
    mode = 0o600 if SECRET_VARIABLES & passed.keys() else 0o644
    if kind == "linux":
        unit_dir = _xdg_config_home(home, env) / "systemd" / "user"
        return AutostartEntry(
            unit_dir / UNIT_NAME,
            _systemd_unit(command, passed),
            unit_dir / "default.target.wants" / UNIT_NAME,
            mode,
        )
    if kind == "darwin":
        path = home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
        return AutostartEntry(path, _launch_agent(command, passed), None, mode)
    appdata = Path(env["APPDATA"]) if env.get("APPDATA") else home / "AppData" / "Roaming"
    startup = appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
    return AutostartEntry(startup / STARTUP_NAME, _startup_script(command, passed), None, mode)


def install(entry: AutostartEntry) -> None:
    """Write the entry (replacing an older one) and, for systemd, enable it for the next login."""
    entry.path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed over, so a half-written unit never meets the next login.
    write_private(entry.path, entry.content, mode=entry.mode)
    if entry.enable_link is not None:
        entry.enable_link.parent.mkdir(parents=True, exist_ok=True)
        if entry.enable_link.is_symlink() or entry.enable_link.exists():
            entry.enable_link.unlink()
        # An absolute link, as `systemctl --user enable` makes.
        entry.enable_link.symlink_to(entry.path)


def uninstall(entry: AutostartEntry) -> bool:
    """Remove the entry and its enable link; False when neither was there."""
    removed = False
    for path in (entry.enable_link, entry.path):
        if path is not None and (path.is_symlink() or path.exists()):
            path.unlink()
            removed = True
    return removed


# --- the platforms ---------------------------------------------------------------------------


def _platform_kind(platform: str) -> str:
    name = platform.lower()
    if name.startswith("linux"):
        return "linux"
    if name in {"darwin", "macos"}:
        return "darwin"
    if name in {"win32", "windows", "cygwin"}:
        return "windows"
    raise UnbraceError(
        f"Starting reminders at login is not supported on {platform!r}; "
        "add `unbrace remind run` to your session's startup programs instead."
    )


def _xdg_config_home(home: Path, env: Mapping[str, str]) -> Path:
    configured = env.get("XDG_CONFIG_HOME", "")
    # The XDG spec says a relative value is invalid and must be ignored.
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return home / ".config"


SYSTEMD_PLAIN = re.compile(r"^[A-Za-z0-9_@%+=:,./$-]+$")


def _systemd_escape(text: str) -> str:
    """C-style escapes systemd undoes, and its %-specifiers doubled."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\n", "\\n").replace("\t", "\\t")
    return text.replace("%", "%%")


def _systemd_word(word: str) -> str:
    """One ExecStart= argument: systemd also expands $VAR there, so $ is doubled too."""
    escaped = _systemd_escape(word).replace("$", "$$")
    return escaped if SYSTEMD_PLAIN.match(word) else f'"{escaped}"'


def _systemd_unit(command: list[str], passed: Mapping[str, str]) -> str:
    environment = [f'Environment="{_systemd_escape(f"{k}={v}")}"' for k, v in passed.items()]
    lines = [
        f"# {HEADER}",
        "[Unit]",
        "Description=unbrace reminders: daily practice and posture resets",
        "",
        "[Service]",
        "ExecStart=" + " ".join(_systemd_word(word) for word in command),
        *environment,
        "Restart=on-failure",
        # Gentle retries after a crash, and none after exit 2: that is input the person must
        # fix (no profile yet, a bad setting), which restarting cannot.
        "RestartSec=30",
        "RestartPreventExitStatus=2",
        "",
        "[Install]",
        "WantedBy=default.target",
        "",
    ]
    return "\n".join(lines)


def _launch_agent(command: list[str], passed: Mapping[str, str]) -> str:
    agent = {
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        # Ctrl-C or `launchctl stop` means stop; launchd should not bring it back.
        "KeepAlive": False,
        "EnvironmentVariables": dict(passed),
    }
    return plistlib.dumps(agent).decode("utf-8")


def _cmd_text(text: str, what: str) -> str:
    if '"' in text or "\n" in text or "\r" in text:
        # cmd.exe has no way to carry these inside a quoted word.
        raise UnbraceError(f"The {what} {text!r} cannot be written into a Windows startup script.")
    return text.replace("%", "%%")  # batch files expand %NAME% even inside quotes


def _cmd_word(word: str) -> str:
    # Trailing backslashes are doubled so the closing quote is not read as an escaped one.
    stripped = word.rstrip("\\")
    word = stripped + "\\" * (2 * (len(word) - len(stripped)))
    return f'"{_cmd_text(word, "argument")}"'


def _startup_script(command: list[str], passed: Mapping[str, str]) -> str:
    lines = [
        "@echo off",
        f"rem {HEADER}",
        *(f'set "{name}={_cmd_text(value, "setting")}"' for name, value in passed.items()),
        # The empty title keeps `start` from taking the quoted program for the window title.
        'start "" /min ' + " ".join(_cmd_word(word) for word in command),
        "",
    ]
    return "\r\n".join(lines)
