"""The map stays true to the house: every module is on ARCHITECTURE.md, every environment
variable the code reads is documented, and the import contracts hold (`lint-imports`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from unbrace.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "unbrace"


def modules() -> list[str]:
    """Every module as ARCHITECTURE.md names it (``core/session.py``); packages' ``__init__``
    and the migration versions (the ``store/migrations/`` line) aside."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if path.name == "__init__.py" or name.startswith("store/migrations/versions/"):
            continue
        found.append(name)
    return found


def test_every_module_is_on_the_map() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = [name for name in modules() if f"`{name}`" not in text]
    assert not missing, f"add a line to ARCHITECTURE.md for: {', '.join(missing)}"
    assert len(modules()) > 100  # the walk found the package


def test_the_map_names_no_module_that_is_gone() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:[a-z_]+/)+[a-z_]+\.py)`", text))
    ours = {name for name in named if (PACKAGE / name.split("/")[0]).is_dir()}
    gone = sorted(name for name in ours if not (PACKAGE / name).exists())
    assert not gone, f"ARCHITECTURE.md names modules that no longer exist: {gone}"


def test_every_environment_variable_read_is_documented() -> None:
    read = set()
    for path in PACKAGE.rglob("*.py"):
        read |= set(re.findall(r"\bUNBRACE_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    assert {"UNBRACE_HOME", "UNBRACE_DATABASE_URL", "UNBRACE_PROFILE"} <= read
    settings_docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in sorted(read):
        assert name in SETTINGS, f"{name} is read in src/ but not in settings.SETTINGS"
        assert f"`{name}`" in settings_docs, f"{name} is not in docs/cli.md (run: make docs)"


def test_the_import_contracts_hold() -> None:
    """The layers of ARCHITECTURE.md, as `make lint` checks them."""
    linter = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert linter is not None, "lint-imports is in the dev lock: make setup"
    result = subprocess.run([linter], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout
