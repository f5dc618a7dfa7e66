"""Arguments that are not UTF-8 (``--note $'caf\\xe9'``) are refused before anything is written.

They once gave a traceback, and on ``session`` a half-finished record: stored as completed
with the pain after, the vividness and the note lost. These run a real process, as a shell
passes raw bytes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import INIT, Cli

UNBRACE = os.fsencode(Path(sys.executable).with_name("unbrace"))
BAD = b"caf\xe9"

RATED = [b"--pain-before", b"5", b"--pain-after", b"3", b"--vivid-visual", b"4"]
COMMANDS = {
    "checkin": [
        b"checkin",
        b"--pain",
        b"3",
        b"--enjoyment",
        b"3",
        b"--activity",
        b"3",
        b"--no-input",
        b"--note",
        BAD,
    ],
    "session": [
        b"session",
        b"posture-reset",
        b"--no-input",
        b"--speed",
        b"600",
        *RATED,
        b"--note",
        BAD,
    ],
    "init": [b"init", b"--name", BAD, b"--red-flags", b"none", b"--no-input"],
    "profile add": [b"profile", b"add", BAD],
    "settings set": [b"settings", b"set", b"scene", BAD],
    "script new": [b"script", b"new", b"--movement", b"bending", b"--name", BAD, b"--no-input"],
    "routine set": [b"routine", b"set", b"--intention", BAD],
    "--profile": [b"--profile", BAD, b"today"],
    "coach": [b"coach", BAD],
}


def run(args: list[bytes], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [UNBRACE, *args], capture_output=True, timeout=120, env=env or dict(os.environ)
    )


def snapshot(home: Path) -> str:
    """Everything stored, as a digest (the database and its write-ahead log)."""
    digest = hashlib.sha256()
    for path in sorted(home.glob("unbrace.db*")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_non_utf8_argument_is_refused_with_one_line(
    command: str, cli: Cli, isolated_home: Path
) -> None:
    cli.ok(*INIT)
    before = snapshot(isolated_home)
    result = run(COMMANDS[command])
    assert result.returncode == 2, result.stderr
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines
    assert "UTF-8" in lines[0] and "caf\ufffd" in lines[0]
    assert snapshot(isolated_home) == before
    assert cli.json("history") == {"sessions": [], "checkins": []}


def test_non_utf8_profile_setting_is_refused(cli: Cli, isolated_home: Path) -> None:
    cli.ok(*INIT)
    env = dict(os.environ)
    env.pop("UNBRACE_PROFILE", None)
    raw = {key.encode(): value.encode() for key, value in env.items()}
    raw[b"UNBRACE_PROFILE"] = BAD
    result = subprocess.run([UNBRACE, b"today"], capture_output=True, timeout=120, env=raw)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("Error: UNBRACE_PROFILE is not UTF-8")


def test_a_failed_finish_leaves_the_session_unfinished_not_half_written(cli: Cli) -> None:
    """Progress saves never mark a session ended: a finish that fails writes nothing."""
    from unbrace.cli.state import State
    from unbrace.core.errors import UnbraceError
    from unbrace.core.session import Player, plan_session
    from unbrace.store import session_repo
    from unbrace.store.models import utcnow

    cli.ok(*INIT)
    current = State(profile_name=None)
    practice = current.library().get("posture-reset")
    player = Player(plan_session(practice, 1))
    with current.transaction() as db:
        session_id = session_repo.start_session(
            db,
            profile=current.profile(db),
            plan=player.plan,
            pain_before=5,
            flare=False,
            now=utcnow(),
        ).id
    player.tick(10_000)
    assert player.finished
    with current.transaction() as db:
        session_repo.save_progress(db, session_id=session_id, player=player, now=utcnow())
    with pytest.raises(UnbraceError), current.transaction() as db:
        session_repo.finish_session(
            db,
            session_id=session_id,
            player=player,
            now=utcnow(),
            pain_after=3,
            vivid_visual=4,
            note="x" * 2001,
        )
    current.close()
    stored = cli.json("history")["sessions"][0]
    assert stored["status"] == "in_progress"
    assert stored["pain_after"] is None and stored["seconds"] == pytest.approx(60, abs=0.1)
