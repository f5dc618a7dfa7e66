"""Opening text in the person's editor ($VISUAL or $EDITOR) and reading it back.

Written by hand because Typer's bundled copy of Click leaves out Click's `edit()` helper.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from unbrace.core.errors import UnbraceError
from unbrace.files import write_private


def editor_command() -> list[str]:
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("nano", "vi", "notepad"):
        if shutil.which(fallback):
            return [fallback]
    raise UnbraceError("No text editor found; set the EDITOR environment variable.")


def edit_text(text: str, *, suffix: str = ".txt") -> str | None:
    """The edited text, or None when the editor exits with an error."""
    command = editor_command()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"unbrace-script{suffix}"
        write_private(path, text)
        try:
            result = subprocess.run([*command, str(path)], check=False)
        except OSError:
            raise UnbraceError(f"Could not start the editor {command[0]!r}.") from None
        if result.returncode != 0:
            return None
        return path.read_text(encoding="utf-8")
