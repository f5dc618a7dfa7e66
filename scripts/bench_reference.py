"""The reference page for `make bench`: a minimal FastAPI + Jinja2 + SQLite page.

The web app's Today page is measured as a ratio to this page, served the same way (uvicorn, one
process, the same machine, the same load) in the same run: absolute times on a shared machine
drift, the ratio says what unbrace itself adds. It reads a week of rows in one query, in a
worker thread as the app's pages do, and renders them through a template with an escaped loop.

    python -m uvicorn bench_reference:app --app-dir scripts --port 8001
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment

DATABASE = Path(os.environ.get("BENCH_REFERENCE_DB", Path(tempfile.gettempdir()) / "ref.db"))

TEMPLATE = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Today</title>
<link rel="stylesheet" href="/static/app.css"></head>
<body><main><h1>Good morning, {{ name }}.</h1>
<ul>{% for row in rows %}<li>{{ row[0] }}: {{ row[1] }} minutes</li>{% endfor %}</ul>
</main></body></html>"""
)


def setup() -> None:
    with sqlite3.connect(DATABASE) as db:
        db.execute("CREATE TABLE IF NOT EXISTS days (day TEXT PRIMARY KEY, minutes INTEGER)")
        db.executemany(
            "INSERT OR REPLACE INTO days VALUES (?, ?)",
            [(f"2026-12-{day:02d}", day * 3 % 17) for day in range(1, 29)],
        )


setup()
app = FastAPI()


@app.get("/", response_class=HTMLResponse)
def today() -> str:
    with sqlite3.connect(DATABASE) as db:
        rows = db.execute("SELECT day, minutes FROM days ORDER BY day DESC LIMIT 7").fetchall()
    return TEMPLATE.render(name="Reference", rows=rows)
