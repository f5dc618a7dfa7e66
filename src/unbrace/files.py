"""The app's folders and the files it writes for a person: owner-only and never half-written.

Everything unbrace writes that holds a person's data (the database, exports, the report, audio
and its captions, the calendar, backups, the web token, caches) goes through here: folders are
created 0700, files 0600, and a file is filled under a temporary name beside its target and
renamed over it only once it is complete. On any failure (a full disk, a killed process) the
temporary file is removed, so nothing partial or readable by others is left behind.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from unbrace.core.errors import UnbraceError

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
# Temporary files end in this, so stale ones left by a killed process can be found.
PART_SUFFIX = ".part"
# SQLite may leave these beside a database file.
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")

_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_READ_ONLY = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


class WriteFailed(UnbraceError):
    """A file could not be written (full disk, read-only folder); nothing partial was left."""


def cache_dir() -> Path:
    """The app's cache folder (the coach's word norms, rendered audio): ``UNBRACE_CACHE``, else
    the platform's user cache folder. Nothing in it is a person's record."""
    from unbrace.settings import ENV_CACHE

    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    from platformdirs import user_cache_path

    return user_cache_path("unbrace", appauthor=False)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents, each readable by its owner only.

    Folders that already exist are left as they are (the person may have chosen otherwise,
    and a read-only folder must stay readable)."""
    missing: list[Path] = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for item in reversed(missing):
        try:
            item.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue  # made by another process a moment ago
        except OSError as exc:
            raise WriteFailed(why_not_written(item, exc)) from None
        os.chmod(item, PRIVATE_DIR)  # mkdir's mode is narrowed by the umask, never widened
    return path


def create_private(path: Path, *, mode: int = PRIVATE_FILE) -> None:
    """Create the empty file ``path`` with ``mode``; fails if it exists."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    try:
        os.fchmod(fd, mode)  # the umask may have narrowed it
    finally:
        os.close(fd)


def temporary_name(target: Path) -> Path:
    """A hidden name beside ``target`` that says which process is writing it."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(3)}{PART_SUFFIX}")


@contextmanager
def private_file(target: Path, *, mode: int = PRIVATE_FILE) -> Iterator[Path]:
    """A new empty private file beside ``target`` for the block to fill; renamed over
    ``target`` when the block succeeds, removed (with any SQLite companions) when it fails.

    An ``OSError`` (full disk, read-only folder) becomes one plain `WriteFailed` sentence."""
    temporary = temporary_name(target)
    try:
        create_private(temporary, mode=mode)
        yield temporary
        _fsync(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        remove_with_companions(temporary)
        raise WriteFailed(why_not_written(target, exc)) from None
    except BaseException:
        remove_with_companions(temporary)
        raise


def write_private(target: Path, data: bytes | str, *, mode: int = PRIVATE_FILE) -> Path:
    """Write ``data`` (text as UTF-8) to ``target``, owner-only, replacing it in one step."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with private_file(target, mode=mode) as temporary, temporary.open("wb") as handle:
        handle.write(payload)
    return target


def write_all_private(writers: Mapping[Path, Callable[[Path], object]]) -> None:
    """Several files that belong together (audio and its captions): each writer fills a
    temporary file, and only when all have succeeded are they renamed into place."""
    temporaries: dict[Path, Path] = {}
    target = next(iter(writers))
    try:
        for target, write in writers.items():
            temporaries[target] = temporary_name(target)
            create_private(temporaries[target])
            write(temporaries[target])
        for target, temporary in temporaries.items():
            _fsync(temporary)
            os.replace(temporary, target)
    except OSError as exc:
        raise WriteFailed(why_not_written(target, exc)) from None
    except RuntimeError as exc:  # soundfile reports its failures as RuntimeError
        raise WriteFailed(f"Could not write {target}: {exc or type(exc).__name__}.") from None
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)


def private_folder(folder: Path) -> Path:
    """A new folder (its parent must exist) or an existing one, for files written into it."""
    if not folder.exists():
        try:
            folder.mkdir(mode=PRIVATE_DIR)
            os.chmod(folder, PRIVATE_DIR)
        except OSError as exc:
            raise WriteFailed(why_not_written(folder, exc)) from None
    return folder


def tighten(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Narrow a file's permissions to ``mode`` when they are wider; a read-only file system
    (or a file owned by someone else) is left as it is: reading must still work."""
    with suppress(OSError):
        if path.stat().st_mode & 0o777 & ~mode:
            os.chmod(path, mode)


def remove_with_companions(path: Path) -> None:
    for suffix in ("", *SQLITE_COMPANIONS):
        with suppress(OSError):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def remove_stale_parts(folder: Path, stem: str) -> int:
    """Remove temporary files named ``.{stem}…-<pid>….part`` whose process has gone
    (a restore or backup that was killed); returns how many were removed."""
    removed = 0
    try:
        candidates = list(folder.glob(f".{stem}*{PART_SUFFIX}"))
    except OSError:
        return 0
    for path in candidates:
        pid = _writer_pid(path.name)
        if pid is None or pid == os.getpid() or _alive(pid):
            continue
        remove_with_companions(path)
        removed += 1
    return removed


def why_not_written(path: Path, exc: OSError) -> str:
    """One plain sentence for an ``OSError`` met while writing ``path``."""
    if exc.errno in _FULL:
        return (
            f"The disk is full, so {path} could not be written (nothing was left behind). "
            "Free some space and try again."
        )
    if exc.errno in _READ_ONLY:
        return (
            f"{path.parent} is read-only for you, so {path.name} cannot be written there. "
            "Choose another place, or make the folder writable."
        )
    return f"Could not write {path}: {exc.strerror or exc}."


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ".{target}.{pid}-{hex}.part" (this module) or ".{target}.restore-{pid}.part" (restore)
_PART_NAME = re.compile(r"\.(?:restore-)?(\d+)(?:-[0-9a-f]{6})?\.part$")


def _writer_pid(name: str) -> int | None:
    found = _PART_NAME.search(name)
    return int(found.group(1)) if found else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
