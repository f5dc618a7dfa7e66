"""Faults a person may meet: data from a newer unbrace, a read-only folder, a full disk, a
damaged database, a killed restore. Each gets one line and exit 2 (doctor: a problem), and
nothing stored changes. Mounts (read-only, a tiny full disk) are made in a private mount
namespace of the command under test, so they are real and vanish with it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import INIT, Cli
from tests.live_server import free_port

UNBRACE = str(Path(sys.executable).with_name("unbrace"))
CHECKIN = ["checkin", "--pain", "3", "--enjoyment", "2", "--activity", "4", "--no-input"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def can_unshare() -> list[str] | None:
    """How to start a command in its own mount namespace here, or None."""
    if not shutil.which("unshare"):
        return None
    for prefix in (["unshare", "-m"], ["unshare", "-rm"]):
        probe = subprocess.run([*prefix, "true"], capture_output=True)
        if probe.returncode == 0:
            return prefix
    return None


UNSHARE = can_unshare()
needs_mounts = pytest.mark.skipif(UNSHARE is None, reason="no mount namespace here")


def in_namespace(setup: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``unbrace ARGS`` after the shell lines ``setup``, in a private mount namespace."""
    assert UNSHARE is not None
    script = f'set -e\n{setup}\nexec "$@"'
    return subprocess.run(
        [*UNSHARE, "sh", "-c", script, "sh", UNBRACE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ,
    )


# --- a database from a newer unbrace ---------------------------------------------------------


def test_a_newer_database_is_refused_plainly_by_every_command(
    cli: Cli, isolated_home: Path
) -> None:
    cli.ok(*INIT)
    cli.ok(*CHECKIN)
    database = isolated_home / "unbrace.db"
    with sqlite3.connect(database) as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
    db.close()
    before = digest(database)
    for command in (
        ["today"],
        [],
        ["history"],
        ["insights"],
        [*CHECKIN, "--replace"],
        ["session", "body-scan", "--minutes", "3", "--no-input"],
        ["export", "--out", str(isolated_home.parent / "x.json")],
        ["profile", "list"],
        # A port nothing listens on: with another unbrace on it, serve would (rightly) point there.
        ["serve", "--port", str(free_port())],
    ):
        result = cli.bad(*command)
        assert "newer unbrace" in result.stderr and "update" in result.stderr, command
    assert digest(database) == before
    doctor = cli("doctor")
    assert doctor.exit_code == 1 and "newer unbrace" in doctor.output


# --- a read-only data folder ----------------------------------------------------------------


def read_only(folder: Path) -> str:
    """Shell lines making ``folder`` read-only (a read-only mount: root ignores modes)."""
    return f"mount --bind -o ro {folder} {folder}"


@needs_mounts
def test_a_read_only_folder_can_be_read_and_refuses_writes_plainly(
    cli: Cli, isolated_home: Path, tmp_path: Path
) -> None:
    cli.ok(*INIT)
    cli.ok(*CHECKIN)
    database = isolated_home / "unbrace.db"
    before = digest(database)
    ro = read_only(isolated_home)
    listed = in_namespace(ro, "history", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [c["pain"] for c in json.loads(listed.stdout)["checkins"]] == [3]
    for command in (["today"], ["insights"], ["doctor"]):
        assert in_namespace(ro, *command).returncode == 0, command
    out = tmp_path / "elsewhere.json"
    assert in_namespace(ro, "export", "--out", str(out)).returncode == 0
    assert json.loads(out.read_text())["profile"]["name"] == "Maria"
    for command in ([*CHECKIN, "--replace"], ["export", "--out", str(isolated_home / "x.json")]):
        line = one_line(in_namespace(ro, *command))
        assert "read-only" in line, command
    assert digest(database) == before


# --- a full disk ----------------------------------------------------------------------------


def full_disk(folder: Path) -> str:
    """A tiny file system at ``folder``, filled up: the next write meets ENOSPC."""
    return (
        f"mount -t tmpfs -o size=256k tmpfs {folder}\n"
        f"dd if=/dev/zero of={folder}/filler bs=4k 2>/dev/null || true"
    )


@needs_mounts
def test_writing_to_a_full_disk_leaves_nothing_and_says_so(
    cli: Cli, tmp_path: Path, isolated_home: Path
) -> None:
    cli.ok(*INIT)
    cli.ok(*CHECKIN)
    disk = tmp_path / "usb"
    disk.mkdir()
    listing = f"; ls -A {disk} > {tmp_path}/left.txt"
    for command in (
        ["export", "--out", f"{disk}/data.json"],
        ["export", "--format", "csv", "--out", f"{disk}/data.zip"],
        ["report", "--out", f"{disk}/report.html"],
        ["backup", "--out", f"{disk}/copy.db"],
        ["remind", "ics", "--out", f"{disk}/routine.ics"],
    ):
        script = f"{full_disk(disk)}\n" + '"$@" || code=$?' + listing + "; exit ${code:-0}"
        result = subprocess.run(
            [*(UNSHARE or []), "sh", "-c", script, "sh", UNBRACE, *command],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert "disk is full" in one_line(result), command
        assert (tmp_path / "left.txt").read_text().split() == ["filler"], command


@needs_mounts
def test_a_restore_onto_a_full_disk_changes_nothing(
    cli: Cli, tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok(*INIT)
    cli.ok(*CHECKIN)
    backup = tmp_path / "copy.db"
    cli.ok("backup", "--out", str(backup))
    # The data folder lives on a small disk that is full: its database fits, a copy does not.
    disk = tmp_path / "disk"
    disk.mkdir()
    saved = tmp_path / "saved"
    shutil.copytree(isolated_home, saved)
    setup = (
        f"mount -t tmpfs -o size=200k tmpfs {disk}\n"
        f"cp -a {saved}/. {disk}/\n"
        f"dd if=/dev/zero of={disk}/filler bs=4k 2>/dev/null || true"
    )
    script = (
        f"{setup}\n"
        '"$@" || code=$?\n'
        f"ls -A {disk} > {tmp_path}/left.txt\n"
        f"sha256sum {disk}/unbrace.db > {tmp_path}/sum.txt\n"
        "exit ${code:-0}"
    )
    env = {**os.environ, "UNBRACE_HOME": str(disk)}
    result = subprocess.run(
        [*(UNSHARE or []), "sh", "-c", script, "sh", UNBRACE, "restore", str(backup), "--yes"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert "disk is full" in one_line(result)
    left = {name for name in (tmp_path / "left.txt").read_text().split()}
    assert left - {"unbrace.db-wal", "unbrace.db-shm"} == {"filler", "unbrace.db"}
    assert (tmp_path / "sum.txt").read_text().split()[0] == digest(saved / "unbrace.db")


# --- a damaged database ---------------------------------------------------------------------


def damage(database: Path) -> None:
    """Break the cell pointers of the check-ins' page, as a failing disk might: SQLite copies
    the page as it is, and its own checks (and any read of check-ins) find it malformed."""
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode=DELETE")
        (root,) = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'checkins'"
        ).fetchone()
        (size,) = db.execute("PRAGMA page_size").fetchone()
    db.close()
    with database.open("r+b") as handle:
        handle.seek((root - 1) * size + 8)
        handle.write(b"\xff" * 8)


def test_backup_of_a_damaged_database_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.ok(*INIT)
    cli.ok(*CHECKIN)
    damage(Path(os.environ["UNBRACE_HOME"]) / "unbrace.db")
    out = tmp_path / "copy.db"
    result = cli.bad("backup", "--out", str(out))
    assert "damaged" in result.stderr or "could not be read" in result.stderr
    assert not out.exists() and list(tmp_path.glob(".copy.db*")) == []


def test_doctor_finds_a_damaged_database(cli: Cli, isolated_home: Path) -> None:
    cli.ok(*INIT)
    cli.ok(*CHECKIN)
    damage(isolated_home / "unbrace.db")
    result = cli("doctor", "--json")
    assert result.exit_code == 1
    database = next(c for c in json.loads(result.stdout)["checks"] if c["name"] == "database")
    assert not database["ok"] and "restore" in database["fix"]
    assert "damaged" in cli.bad("history").stderr


def test_a_killed_restore_leaves_no_copy_for_long(cli: Cli, isolated_home: Path) -> None:
    cli.ok(*INIT)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = isolated_home / f".unbrace.db.restore-{int(gone.stdout)}.part"
    stale.write_bytes(b"SQLite format 3\x00half")
    cli.ok("history")
    assert not stale.exists()


# --- odd numbers ----------------------------------------------------------------------------


def test_odd_numbers_are_one_line(cli: Cli) -> None:
    cli.ok(*INIT)
    assert "--seed" in cli.bad("demo", "--seed", "-1").stderr
    assert "--port" in cli.bad("remind", "ics", "--serve", "--port", "70000").stderr
