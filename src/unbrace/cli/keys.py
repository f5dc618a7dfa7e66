"""Single key presses without Enter, with a timeout, for the terminal player.

Written by hand because the small key-reading libraries (readchar, getkey) block until
a key arrives, and the player must keep its clock and breath pacer moving meanwhile.
"""

from __future__ import annotations

import os
import select
import sys
from collections.abc import Iterator
from contextlib import contextmanager


class KeyReader:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def read(self, timeout: float) -> str | None:
        """One key, or None when no key came within ``timeout`` seconds."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self.fd, 8)
        if not data:
            return None
        if data.startswith(b"\x1b[C"):
            return "right"
        if data == b"\x1b":
            return "escape"
        return data[:1].decode(errors="ignore").lower()


@contextmanager
def raw_keys() -> Iterator[KeyReader | None]:
    """Key presses from the terminal, or None where stdin is not an interactive POSIX tty."""
    if not sys.stdin.isatty() or os.name != "posix":
        yield None
        return
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield KeyReader(fd)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
