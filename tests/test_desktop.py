"""The desktop launcher's files, read back with a real parser: keys, the Exec command as a
desktop would run it, the icon, permissions, XDG folders, idempotence and removal."""

from __future__ import annotations

import configparser
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unbrace import desktop
from unbrace.core.errors import UnbraceError

COMMAND = ["/opt/unbrace env/bin/python", "-m", "unbrace"]


def read_entry(path: Path) -> dict[str, str]:
    """A desktop entry as a desktop reads it: case-sensitive keys, no interpolation."""
    parser = configparser.ConfigParser(interpolation=None, strict=True, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def unescape_string(value: str) -> str:
    """The Desktop Entry "string" escapes (\\s \\n \\t \\r \\\\), applied first."""
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[following])
        else:
            out.append(char)
    return "".join(out)


def exec_argv(value: str) -> list[str]:
    """The Exec value split into arguments by the specification's quoting rules."""
    text = unescape_string(value)
    args: list[str] = []
    current, quoted, started, index = [], False, False, 0
    while index < len(text):
        char = text[index]
        if quoted:
            if char == "\\" and text[index + 1] in '"`$\\':
                current.append(text[index + 1])
                index += 1
            elif char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == '"':
            quoted, started = True, True
        elif char == " ":
            if current or started:
                args.append("".join(current))
            current, started = [], False
        elif char == "%":
            assert text[index + 1] == "%", "no field codes are used"
            current.append("%")
            index += 1
        else:
            current.append(char)
        index += 1
    assert not quoted
    if current or started:
        args.append("".join(current))
    return [arg.replace("%%", "%") for arg in args]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_the_menu_entry_runs_unbrace_open_with_the_icon(home: Path) -> None:
    files = desktop.plan(command=COMMAND, home=home, env={}, at_login=False)
    assert desktop.install(files) == [file.path for file in files]
    icon, entry = (file.path for file in files)
    assert entry == home / ".local/share/applications/unbrace.desktop"
    assert icon == home / ".local/share/icons/hicolor/scalable/apps/unbrace.svg"
    keys = read_entry(entry)
    assert keys["Type"] == "Application" and keys["Name"] == "unbrace"
    assert keys["Terminal"] == "false" and keys["Categories"].endswith(";")
    assert exec_argv(keys["Exec"]) == [*COMMAND, "open"]
    assert keys["Icon"] == str(icon)
    root = ET.fromstring(icon.read_bytes())  # a well-formed SVG
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert mode(entry) == 0o644 and mode(icon) == 0o644
    assert not (home / ".config/autostart").exists()


def test_at_login_adds_an_autostart_entry_that_opens_no_browser(home: Path) -> None:
    files = desktop.plan(command=COMMAND, home=home, env={}, at_login=True)
    desktop.install(files)
    login = home / ".config/autostart/unbrace.desktop"
    keys = read_entry(login)
    assert exec_argv(keys["Exec"]) == [*COMMAND, "open", "--no-browser"]
    assert keys["NoDisplay"] == "true"


def test_xdg_folders_are_respected_and_relative_ones_ignored(home: Path, tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "conf")}
    paths = [f.path for f in desktop.plan(command=COMMAND, home=home, env=env, at_login=True)]
    assert paths[1] == tmp_path / "data/applications/unbrace.desktop"
    assert paths[2] == tmp_path / "conf/autostart/unbrace.desktop"
    relative = {"XDG_DATA_HOME": "data", "XDG_CONFIG_HOME": "conf"}
    paths = [f.path for f in desktop.plan(command=COMMAND, home=home, env=relative, at_login=True)]
    assert paths[1].is_relative_to(home / ".local/share")
    assert paths[2].is_relative_to(home / ".config")


def test_settings_are_passed_and_a_database_url_keeps_the_files_private(home: Path) -> None:
    env = {
        "UNBRACE_HOME": "/data/my unbrace",
        "UNBRACE_DATABASE_URL": "postgresql://sam:s3cr%t$@db/unbrace",
        "PATH": "/usr/bin",
    }
    files = desktop.plan(command=COMMAND, home=home, env=env, at_login=True)
    desktop.install(files)
    entry, login = files[1].path, files[2].path
    argv = exec_argv(read_entry(entry)["Exec"])
    assert argv[:3] == [
        "env",
        "UNBRACE_HOME=/data/my unbrace",
        "UNBRACE_DATABASE_URL=postgresql://sam:s3cr%t$@db/unbrace",
    ]
    assert argv[3:] == [*COMMAND, "open"]
    assert mode(entry) == 0o600 and mode(login) == 0o600
    assert "PATH" not in entry.read_text()


def test_installing_again_changes_nothing_and_remove_takes_everything(home: Path) -> None:
    files = desktop.plan(command=COMMAND, home=home, env={}, at_login=True)
    desktop.install(files)
    before = {f.path: (f.path.read_bytes(), f.path.stat().st_mtime_ns) for f in files}
    assert desktop.install(files) == []  # idempotent: nothing rewritten
    assert before == {f.path: (f.path.read_bytes(), f.path.stat().st_mtime_ns) for f in files}
    files[1].path.chmod(0o666)
    assert desktop.install(files) == [files[1].path] and mode(files[1].path) == 0o644
    removed = desktop.remove(desktop.all_paths(home=home, env={}))
    assert sorted(removed) == sorted(f.path for f in files)
    assert not any(f.path.exists() for f in files)
    assert desktop.remove(desktop.all_paths(home=home, env={})) == []
    leftovers = [p for p in home.rglob("*") if p.is_file()]
    assert leftovers == []  # no partial files either


def test_the_command_must_be_absolute(home: Path) -> None:
    with pytest.raises(UnbraceError):
        desktop.plan(command=["python", "-m", "unbrace"], home=home, env={}, at_login=False)


def test_control_characters_are_refused() -> None:
    with pytest.raises(UnbraceError):
        desktop.exec_word("a\nb")


@given(st.text(alphabet=st.characters(min_codepoint=32, exclude_characters="\x7f"), min_size=1))
def test_any_argument_survives_the_exec_quoting(word: str) -> None:
    assert exec_argv(desktop.exec_line(["/bin/x", word], {})) == ["/bin/x", word]
