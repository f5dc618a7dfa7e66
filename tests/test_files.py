"""The one helper for the app's folders and private atomic writes."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from unbrace.files import (
    WriteFailed,
    ensure_private_dir,
    private_file,
    remove_stale_parts,
    tighten,
    write_all_private,
    write_private,
)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """A umask that lets everyone read: the helper must not rely on a careful one."""
    old = os.umask(0)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_folders_are_made_private_all_the_way_down(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    ensure_private_dir(deep)
    assert [mode(p) for p in (tmp_path / "a", tmp_path / "a" / "b", deep)] == [0o700] * 3


def test_existing_folders_are_left_as_they_are(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    ensure_private_dir(tmp_path)
    assert mode(tmp_path) == 0o755


def test_a_written_file_is_owner_only_and_replaces_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    target.chmod(0o644)
    write_private(target, "Ann [/] 💥")
    assert target.read_text(encoding="utf-8") == "Ann [/] 💥"
    assert mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def full_disk(_path: Path) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_leaves_nothing_and_says_so_in_one_sentence(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with pytest.raises(WriteFailed) as caught, private_file(target) as temporary:
        temporary.write_text("half")
        full_disk(temporary)
    assert "disk is full" in str(caught.value) and "\n" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_files_that_belong_together_appear_together_or_not_at_all(tmp_path: Path) -> None:
    audio, captions = tmp_path / "a.wav", tmp_path / "a.vtt"
    with pytest.raises(WriteFailed):
        write_all_private({audio: lambda p: p.write_bytes(b"RIFF"), captions: full_disk})
    assert list(tmp_path.iterdir()) == []
    write_all_private({audio: lambda p: p.write_bytes(b"RIFF"), captions: lambda p: None})
    assert sorted(mode(p) for p in tmp_path.iterdir()) == [0o600, 0o600]


def test_tighten_narrows_and_never_fails(tmp_path: Path) -> None:
    loose = tmp_path / "unbrace.db"
    loose.write_text("")
    loose.chmod(0o644)
    tighten(loose)
    assert mode(loose) == 0o600
    tighten(tmp_path / "missing")  # no error


def test_stale_parts_of_dead_processes_are_removed(tmp_path: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    dead = int(gone.stdout)
    stale = tmp_path / f".unbrace.db.restore-{dead}.part"
    stale_new = tmp_path / f".unbrace.db.{dead}-a1b2c3.part"
    mine = tmp_path / f".unbrace.db.restore-{os.getpid()}.part"
    for path in (stale, stale_new, mine, tmp_path / f".unbrace.db.restore-{dead}.part-wal"):
        path.write_text("")
    assert remove_stale_parts(tmp_path, "unbrace.db") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [mine.name]
