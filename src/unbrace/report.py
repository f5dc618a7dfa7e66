"""The printable report (filled in below)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def render_report(result: Any, facts: dict[str, Any], *, since: Any, today: Any) -> str:
    raise NotImplementedError


def write_pdf(html: Path, pdf: Path) -> str:
    raise NotImplementedError
