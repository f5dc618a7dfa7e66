"""The printable report: one safe self-contained file, its contents, the PDF, and the command."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from typer.testing import CliRunner

from tests.cli.conftest import INIT, Cli
from tests.demo_records import TODAY, demo_insights, demo_records
from unbrace.core.insights import compute
from unbrace.report import page as report
from unbrace.report.page import paper_size, render_report, write_pdf

SCREEN = {
    "taken_at": "2026-06-20T09:30:00+00:00",
    "positive": ["night-pain"],
    "urgency": "urgent",
    "seen_clinician_at": None,
}


def facts(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "Maria",
        "streaks": False,
        "movements": ["bending forward to load the dishwasher"],
        "last_screen": SCREEN,
        "days": [],
        "sessions": [],
    }
    return base | changes


@pytest.fixture(scope="module")
def demo() -> tuple[Any, dict[str, Any], str]:
    result, sessions = demo_insights(90)
    the_facts = facts(sessions=sessions)
    return result, the_facts, render_report(result, the_facts, since=None, today=TODAY)


def test_one_self_contained_file_with_nothing_to_fetch_or_run(demo: Any) -> None:
    html = demo[2]
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert "<script" not in html.lower()
    # The one link is an empty icon written inline, so the browser fetches no /favicon.ico.
    links = re.findall(r"<link[^>]*>", html.lower())
    assert links == ['<link rel="icon" href="data:,">']
    assert "@import" not in html and "url(http" not in html
    assert "<style>" in html and "@page" in html and "size: auto" in html


def test_the_report_says_who_when_and_what(demo: Any) -> None:
    result, _, html = demo
    data = result.as_json()
    assert "Maria" in html
    assert "2 April 2026 to 30 June 2026 (90 days)" in html
    assert "Made on</dt><dd>30 June 2026" in html
    assert str(escape(data["meaningful_change"]["message"])) in html
    assert str(escape(data["meaningful_change"]["caveat"])) in html
    assert str(escape(data["session_effect"]["note"])) in html
    assert "Movement rehearsal" in html  # practice titles, not ids, in the table
    assert "Time of day" in html and "Morning (5 am to noon)" in html


def test_the_four_figures_have_captions_and_text_alternatives(demo: Any) -> None:
    html = demo[2]
    for number, key in enumerate(["pain", "effect", "minutes", "vividness"], start=1):
        figure = html.split(f'<figure id="figure-{key}">')[1].split("</figure>")[0]
        # Page width for print and wide screens, phone width for narrow ones.
        assert figure.count("<svg") == 2
        assert 'class="chart-svg chart-wide"' in figure
        assert 'class="chart-svg chart-narrow"' in figure
        label = re.search(r'<svg role="img" aria-label="([^"]+)"', figure)
        assert label is not None
        assert f"<b>Figure {number}.</b> {label.group(1)}" in figure


def test_warning_signs_movements_and_disclaimer(demo: Any) -> None:
    html = demo[2]
    screen = html.split('id="screen"')[1].split("</section>")[0]
    assert "20 June 2026" in screen
    assert "Is the pain worse at night and not eased by rest or changing position?" in screen
    assert "not yet confirmed" in screen
    assert "bending forward to load the dishwasher" in html
    assert "It does not diagnose, treat or cure anything" in html


def test_a_clear_screen_and_a_confirmed_visit() -> None:
    result, _ = demo_insights(30)
    clear = {**SCREEN, "positive": [], "urgency": None}
    html = render_report(result, facts(last_screen=clear), since=None, today=TODAY)
    assert "None reported at the last screen, on 20 June 2026." in html
    seen = {**SCREEN, "seen_clinician_at": "2026-06-22T10:00:00+00:00"}
    html = render_report(result, facts(last_screen=seen), since=None, today=TODAY)
    assert "yes, confirmed on 22 June 2026" in html


def test_words_people_type_are_escaped() -> None:
    result = compute([], [], today=TODAY)
    name = '<img src=x onerror="alert(1)"> & Jo'
    notes = [{"date": "2026-06-29", "text": "<b>sore</b> after gardening"}]
    html = render_report(
        result,
        facts(name=name, movements=["<i>lifting</i>"], notes=notes),
        since=None,
        today=TODAY,
    )
    assert "<img" not in html and "<i>lifting" not in html and "<b>sore" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; Jo" in html
    assert "&lt;b&gt;sore&lt;/b&gt; after gardening" in html and "29 June 2026" in html


def test_no_data_yet_is_said_for_every_figure() -> None:
    result = compute([], [], today=TODAY)
    html = render_report(result, facts(last_screen=None), since=None, today=TODAY)
    assert "<svg" not in html
    assert html.count("No chart yet:") == 4
    assert "No check-ins yet." in html
    assert "No warning-sign screen is recorded." in html
    assert "(1 day)" in html


def test_since_is_the_start_of_the_period() -> None:
    days, sessions = demo_records(90)
    since = dt.date(2026, 6, 1)
    result = compute(days, sessions, today=TODAY, since=since)
    html = render_report(result, facts(sessions=sessions), since=since, today=TODAY)
    assert "1 June 2026 to 30 June 2026 (30 days, as chosen)" in html
    table = html.split("<caption>Practices done</caption>")[1].split("</table>")[0]
    in_june = [s for s in sessions if s.day >= since and s.seconds >= 30]
    # The sessions column: the first number after each practice's name.
    counted = [int(n) for n in re.findall(r'<td>[^<]+</td>\s*<td class="num">(\d+)</td>', table)]
    assert sum(counted) == len(in_june)


# --- PDF --------------------------------------------------------------------------------------


def test_without_a_renderer_the_pdf_message_says_how_to_print(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report, "find_renderer", lambda: None)
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    html.write_text("<html><head></head></html>")
    message = write_pdf(html, pdf)
    assert "No PDF renderer is installed" in message and "Save as PDF" in message
    assert "\n" not in message and not pdf.exists()


def fake_browser(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-chromium"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return str(script)


def test_a_renderer_prints_the_page_with_the_local_paper_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fake browser copies the page it was given into the PDF, so the test can read it.
    body = (
        'for a; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; '
        'file://*) page="${a#file://}";; esac; done; cp "$page" "$out"'
    )
    monkeypatch.setattr(report, "find_renderer", lambda: fake_browser(tmp_path, body))
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    html.write_text("<html><head></head><body>hello</body></html>")
    assert write_pdf(html, pdf) == f"Wrote {pdf}."
    assert "@page { size: Letter; }" in pdf.read_text() and "hello" in pdf.read_text()


def test_a_failing_renderer_gives_a_message_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report, "find_renderer", lambda: fake_browser(tmp_path, "exit 3"))
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    html.write_text("<html><head></head></html>")
    assert write_pdf(html, pdf).startswith("Chromium could not make the PDF.")
    monkeypatch.setattr(report, "find_renderer", lambda: fake_browser(tmp_path, "exit 0"))
    assert write_pdf(html, pdf).startswith("Chromium did not write the PDF.")
    assert not pdf.exists()


@pytest.mark.parametrize(
    ("environ", "size"),
    [
        ({"LANG": "en_US.UTF-8"}, "Letter"),
        ({"LANG": "fr_CA.UTF-8"}, "Letter"),
        ({"LANG": "en_GB.UTF-8"}, "A4"),
        ({"LC_PAPER": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, "A4"),
        ({"LC_ALL": "en_US", "LC_PAPER": "de_DE.UTF-8"}, "Letter"),
        ({"LANG": "C.UTF-8"}, "A4"),
        ({}, "A4"),
    ],
)
def test_paper_size_follows_the_locale(environ: dict[str, str], size: str) -> None:
    assert paper_size(environ) == size


@pytest.mark.slow
@pytest.mark.skipif(report.find_renderer() is None, reason="no Chromium installed")
def test_a_real_pdf_when_chromium_is_installed(tmp_path: Path, demo: Any) -> None:
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    html.write_text(demo[2], encoding="utf-8")
    assert write_pdf(html, pdf) == f"Wrote {pdf}."
    assert pdf.read_bytes().startswith(b"%PDF")


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def cli(runner: CliRunner) -> Cli:
    cli = Cli(runner)
    cli.ok(*INIT)
    return cli


def test_report_command_end_to_end(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("demo", "--days", "60", "--seed", "2")
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "report.html"
    monkeypatch.setattr(report, "find_renderer", lambda: None)
    result = cli.ok("report", "--out", str(out), "--pdf")
    assert f"Wrote {out}." in result.stdout.replace("\n", "")
    assert "No PDF renderer is installed" in result.stdout
    html = out.read_text(encoding="utf-8")
    assert "Maria" in html and html.count("<svg") == 8
    assert "bending forward to load the dishwasher" in html
    assert "None reported at the last screen" in html
    assert [p.name for p in folder.iterdir()] == ["report.html"]


def test_report_command_refuses_bad_input(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    cli.bad("report", "--out", str(folder / "x.txt"))
    cli.bad("report", "--out", str(folder / "x.html"), "--since", "badly")
    cli.bad("report", "--out", str(folder / "missing" / "x.html"))
    assert list(folder.iterdir()) == []


def test_no_renderer_on_an_empty_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert report.find_renderer() is None


def test_the_report_says_the_peg_is_asked_daily(demo: Any) -> None:
    from unbrace.core.ratings import PEG_DAILY_NOTE

    assert PEG_DAILY_NOTE in " ".join(demo[2].split())
    assert "Krebs" in PEG_DAILY_NOTE
