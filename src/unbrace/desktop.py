"""The desktop launcher: a freedesktop `.desktop` entry with unbrace's icon, and an optional
one in the XDG autostart folder that starts the web app at login.

``plan`` is pure (command, home and environment in; the files to write out), so every file can
be generated and checked anywhere; ``install`` and ``remove`` write and delete them. The entry
runs `unbrace open`, which starts the web app in the background when it is not running yet and
opens it in the browser.

Specifications: the Desktop Entry Specification 1.5 (keys, the Exec field's quoting and its
``%`` codes) and the XDG Base Directory and Desktop Application Autostart specifications.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from unbrace.core.errors import UnbraceError

ENTRY_NAME = "unbrace.desktop"
ICON_NAME = "unbrace.svg"
# The settings a desktop session would not otherwise see (as for the reminders' autostart).
PASSED_THROUGH = ("UNBRACE_HOME", "UNBRACE_DATABASE_URL", "UNBRACE_PROFILE")
# A PostgreSQL URL may carry a password; then the entries are readable by their owner only.
SECRET_VARIABLES = frozenset({"UNBRACE_DATABASE_URL"})
HEADER = "# Written by `unbrace install-launcher`; `unbrace install-launcher --remove` removes it."
# Characters the Exec field's quoting rules say must be escaped inside double quotes.
EXEC_ESCAPED = ("\\", '"', "`", "$")  # the backslash first: it escapes the others
# Characters that make an Exec argument need quoting at all.
EXEC_RESERVED = frozenset(" \"'\\><~|&;$*?#()`")


@dataclass(frozen=True)
class DesktopFile:
    path: Path
    content: bytes
    mode: int


def xdg_dir(env: Mapping[str, str], name: str, fallback: Path) -> Path:
    """``$XDG_DATA_HOME`` or ``$XDG_CONFIG_HOME``; a relative value is invalid and ignored."""
    configured = env.get(name, "")
    return Path(configured) if configured and Path(configured).is_absolute() else fallback


def icon_svg() -> bytes:
    return (resources.files("unbrace.data") / "icons" / ICON_NAME).read_bytes()


def exec_word(word: str) -> str:
    """One Exec argument, quoted and escaped as the Desktop Entry Specification asks."""
    if any(ord(char) < 32 or ord(char) == 127 for char in word):
        raise UnbraceError(f"The launcher cannot run a command with control characters: {word!r}")
    if word and not EXEC_RESERVED & set(word):
        quoted = word
    else:
        escaped = word
        for char in EXEC_ESCAPED:
            escaped = escaped.replace(char, "\\" + char)
        quoted = f'"{escaped}"'
    # Field codes start with %; a literal one is doubled. Then the whole value is a "string"
    # whose own escapes (\\ for a backslash) are applied when it is read: backslashes double.
    return quoted.replace("%", "%%").replace("\\", "\\\\")


def exec_line(command: list[str], passed: Mapping[str, str]) -> str:
    """The Exec value: ``env NAME=value ...`` first when settings must be passed through."""
    words = ["env", *(f"{name}={value}" for name, value in passed.items())] if passed else []
    return " ".join(exec_word(word) for word in [*words, *command])


def _entry(lines: list[str]) -> bytes:
    return ("\n".join([HEADER, "[Desktop Entry]", *lines]) + "\n").encode("utf-8")


def plan(
    *, command: list[str], home: Path, env: Mapping[str, str], at_login: bool
) -> list[DesktopFile]:
    """The files `install-launcher` writes: the icon, the menu entry and (with ``at_login``)
    the autostart entry. ``command`` is the absolute command that runs `unbrace`."""
    if not command or not Path(command[0]).is_absolute():
        raise UnbraceError("The launcher's command must start with an absolute path.")
    data = xdg_dir(env, "XDG_DATA_HOME", home / ".local" / "share")
    config = xdg_dir(env, "XDG_CONFIG_HOME", home / ".config")
    passed = {name: env[name] for name in PASSED_THROUGH if env.get(name)}
    mode = 0o600 if SECRET_VARIABLES & passed.keys() else 0o644
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / ICON_NAME
    files = [
        DesktopFile(icon, icon_svg(), 0o644),
        DesktopFile(
            data / "applications" / ENTRY_NAME,
            _entry(
                [
                    "Type=Application",
                    "Version=1.5",
                    "Name=unbrace",
                    "GenericName=Imagery practice for back pain",
                    "Comment=Open your daily practice in the browser; it starts unbrace first "
                    "if needed",
                    f"Exec={exec_line([*command, 'open'], passed)}",
                    f"Icon={icon}",
                    "Terminal=false",
                    "Categories=Utility;",
                    "Keywords=back;pain;imagery;practice;",
                    "StartupNotify=false",
                ]
            ),
            mode,
        ),
    ]
    if at_login:
        files.append(
            DesktopFile(
                config / "autostart" / ENTRY_NAME,
                _entry(
                    [
                        "Type=Application",
                        "Version=1.5",
                        "Name=unbrace",
                        "Comment=Start unbrace's web app in the background when you log in",
                        f"Exec={exec_line([*command, 'open', '--no-browser'], passed)}",
                        f"Icon={icon}",
                        "Terminal=false",
                        "NoDisplay=true",
                        "X-GNOME-Autostart-enabled=true",
                    ]
                ),
                mode,
            )
        )
    return files


def all_paths(*, home: Path, env: Mapping[str, str]) -> list[Path]:
    """Every file `install-launcher` may have written, autostart included (for --remove)."""
    return [file.path for file in plan(command=["/"], home=home, env={**env}, at_login=True)]


def install(files: list[DesktopFile]) -> list[Path]:
    """Write each file (replacing an older one, never half-written); returns what changed."""
    from unbrace.files import write_private

    changed: list[Path] = []
    for file in files:
        try:
            same = file.path.read_bytes() == file.content
        except OSError:
            same = False
        if same and (file.path.stat().st_mode & 0o777) == file.mode:
            continue
        file.path.parent.mkdir(parents=True, exist_ok=True)
        write_private(file.path, file.content, mode=file.mode)  # one rename, never half-written
        changed.append(file.path)
    return changed


def remove(paths: list[Path]) -> list[Path]:
    """Delete the files that are there; returns those removed."""
    removed = []
    for path in paths:
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
    return removed
