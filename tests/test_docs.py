"""The docs stay in step with the code: generated pages are current, settings are documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from unbrace.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("script", ["gen_practice_docs.py", "gen_cli_docs.py"])
def test_generated_docs_are_current(script: str) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr + "\nrun: make docs"


def test_every_setting_is_documented() -> None:
    text = (ROOT / "README.md").read_text() + (ROOT / "docs" / "cli.md").read_text()
    for name in SETTINGS:
        assert name in text


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "GPL-3.0-or-later" in readme


def test_every_docs_page_is_linked_from_the_index() -> None:
    index = (ROOT / "docs" / "index.md").read_text()
    for page in (ROOT / "docs").glob("*.md"):
        if page.name != "index.md":
            assert page.name in index, page.name


def test_no_page_says_enter_means_no_at_the_warning_sign_questions() -> None:
    """The warning-sign questions need an explicit answer; Enter alone asks again."""
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        assert "enter for no" not in page.read_text(encoding="utf-8").lower(), page.name


def test_the_docs_say_the_peg_is_asked_daily_and_how_weeks_are_formed() -> None:
    from unbrace.core.ratings import PEG_DAILY_NOTE

    for name in ("getting-started.md", "data.md", "insights.md"):
        text = " ".join((ROOT / "docs" / name).read_text(encoding="utf-8").split())
        assert "past week" in text and "Krebs" in text, name
        assert "in the past-week form" not in text and "average pain in the past week" not in text
    assert "past week" in PEG_DAILY_NOTE and "average of the days" in PEG_DAILY_NOTE
