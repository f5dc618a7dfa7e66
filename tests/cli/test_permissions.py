"""Every file and folder unbrace creates in a full run is readable by its owner only.

The run uses a careless umask (022), as many systems have, and touches everything that writes:
the data folder and database, a session, check-ins, exports in every format, the report, audio
with its captions and the render cache, the calendar, a backup and a restore, a practice file,
and the web access token."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import INIT, Cli


@pytest.fixture(autouse=True)
def careless_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


PRACTICE = """\
id = "my-walk"
title = "My walk"
summary = "A short walk, imagined."
default_minutes = 3
flare_minutes = 2

[[steps]]
id = "walk"
text = "Picture an easy walk."
weight = 1
"""


def everything_under(*folders: Path) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        found.append(folder)
        found.extend(folder.rglob("*"))
    return found


def test_a_full_run_leaves_nothing_others_can_read(
    cli: Cli, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from unbrace.cli.serve import install_token

    cache = tmp_path / "cache"
    monkeypatch.setenv("UNBRACE_CACHE", str(cache))
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    cli.ok(*INIT)
    cli.ok("checkin", "--pain", "3", "--enjoyment", "2", "--activity", "4", "--no-input")
    cli.ok("session", "posture-reset", "--minutes", "1", "--no-input", "--speed", "600")
    cli.ok("export", "--out", str(out / "data.json"))
    cli.ok("export", "--format", "fhir", "--out", str(out / "data.fhir.json"))
    cli.ok("export", "--format", "csv", "--out", str(out / "data.zip"))
    cli.ok("export", "--format", "csv", "--out", str(out / "tables"))
    cli.ok("report", "--out", str(out / "report.html"))
    espeak = ("--voice", "espeak")
    cli.ok("audio", "posture-reset", "-m", "1", "--out", str(out / "reset.wav"), *espeak)
    cli.ok("remind", "ics", "--out", str(out / "routine.ics"))
    cli.ok("backup", "--out", str(out / "copy.db"))
    cli.ok("restore", str(out / "copy.db"), "--yes")
    practice = tmp_path / "walk.toml"
    practice.write_text(PRACTICE)
    cli("practice", "add", str(practice))
    install_token(isolated_home / "web-token")

    made = everything_under(isolated_home, cache, out)
    names = {path.name for path in made}
    for expected in ("unbrace.db", "data.json", "data.zip", "tables", "report.html", "reset.wav",
                     "reset.vtt", "routine.ics", "copy.db", "web-token", "audio"):  # fmt: skip
        assert expected in names, expected
    assert any(name.startswith("unbrace.db.before-restore-") for name in names)
    loose = [
        f"{path} {stat.S_IMODE(path.stat().st_mode):o}"
        for path in made
        if stat.S_IMODE(path.stat().st_mode) != (0o700 if path.is_dir() else 0o600)
    ]
    assert loose == []
