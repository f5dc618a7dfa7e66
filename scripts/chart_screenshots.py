"""Screenshots of the charts as people see them, to look at after changing `unbrace.report.charts`.

    .venv/bin/python scripts/chart_screenshots.py [DAYS ...]   # default: 1 7 90 1825

For each amount of demo data it shows the web app's Insights charts at desktop and phone width,
in the light and the dark theme, and the printable report on screen, on a phone and as printed,
in headless Chromium. PNGs go to test-artifacts/charts/ (not committed).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "test-artifacts" / "charts"
CHROMIUM = "/usr/bin/chromium"
UNBRACE = str(Path(sys.executable).with_name("unbrace"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def shoot(days: int, home: Path) -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from unbrace.settings import Settings
    from unbrace.web.app import create_app

    env = {**os.environ, "UNBRACE_HOME": str(home)}
    env.pop("UNBRACE_DATABASE_URL", None)
    env.pop("UNBRACE_PROFILE", None)
    # The demo makes a week or more; a single day is one check-in and one session, as typed.
    first_day = [
        ["checkin", "--pain", "4", "--enjoyment", "6", "--activity", "5", "--no-input"],
        [
            *("session", "body-scan", "-m", "2", "--no-input", "--pain-before", "5"),
            *("--pain-after", "4", "--vivid-visual", "3", "--vivid-body", "2", "--speed", "60"),
        ],
    ]
    demo = [["demo", "--days", str(days), "--seed", "3"]] if days >= 7 else first_day
    for args in [["init", "--name", "Sam", "--red-flags", "none", "--no-input"], *demo]:
        subprocess.run([UNBRACE, *args], env=env, check=True, capture_output=True)
    report = home / "report.html"
    subprocess.run([UNBRACE, "report", "--out", str(report)], env=env, check=True)
    settings = Settings(home=home, database_url=f"sqlite:///{home / 'unbrace.db'}")
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, port=port), port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            for width, name in ((1280, "desktop"), (390, "phone")):
                for scheme in ("light", "dark"):
                    page = browser.new_page(
                        viewport={"width": width, "height": 900}, color_scheme=scheme
                    )
                    page.goto(f"http://127.0.0.1:{port}/insights")
                    charts = page.locator("section[aria-labelledby=charts-heading]")
                    target = OUT / f"{days}d-insights-{name}-{scheme}.png"
                    if charts.count():
                        charts.screenshot(path=str(target))
                    else:
                        page.screenshot(path=str(target), full_page=True)
                    page.close()
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(report.as_uri())
                page.screenshot(path=str(OUT / f"{days}d-report-{name}.png"), full_page=True)
                figures = page.locator("figure")
                for index in range(figures.count()):
                    figures.nth(index).screenshot(
                        path=str(OUT / f"{days}d-report-{name}-figure{index + 1}.png")
                    )
                page.close()
            page = browser.new_page(viewport={"width": 800, "height": 1100})
            page.goto(report.as_uri())
            page.emulate_media(media="print")
            page.screenshot(path=str(OUT / f"{days}d-report-print.png"), full_page=True)
            page.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for days in [int(arg) for arg in sys.argv[1:]] or [1, 7, 90, 1825]:
        with tempfile.TemporaryDirectory() as folder:
            shoot(days, Path(folder) / "home")
        print(f"{days} days: screenshots in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
