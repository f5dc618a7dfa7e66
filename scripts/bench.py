"""Benchmarks printed by `make bench`: start-up time and how fast check-ins are logged.

Figures, not pass/fail: the tests check behaviour, this prints what it costs.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
RUNS = 15


def median_seconds(command: Sequence[str], env: dict[str, str], runs: int = RUNS) -> float:
    subprocess.run(command, env=env, capture_output=True, check=False)  # warm the caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_start(home: Path) -> None:
    env = {**os.environ, "UNBRACE_HOME": str(home), "NO_COLOR": "1"}
    env.pop("UNBRACE_DATABASE_URL", None)
    unbrace = str(VENV_BIN / "unbrace")
    subprocess.run(
        [unbrace, "init", "--name", "Bench", "--red-flags", "none", "--no-input"],
        env=env,
        capture_output=True,
        check=True,
    )
    base = median_seconds([sys.executable, "-c", "pass"], env)
    typer_only = median_seconds([sys.executable, "-c", "import typer"], env)
    help_time = median_seconds([unbrace, "--help"], env)
    today_time = median_seconds([unbrace, "today"], env)
    print(f"cold start (median of {RUNS} runs)")
    print(f"  python -c pass        {base * 1000:7.1f} ms   1.0x")
    print(f"  python -c import typer{typer_only * 1000:7.1f} ms  {typer_only / base:4.1f}x")
    print(
        f"  unbrace --help        {help_time * 1000:7.1f} ms  {help_time / base:4.1f}x  (goal 6x)"
    )
    ratio = today_time / base
    print(f"  unbrace today         {today_time * 1000:7.1f} ms  {ratio:4.1f}x  (goal 12x)")


def timed(label: str, count: int, action: Callable[[], None]) -> None:
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"  {label:<44} {seconds:7.2f} s  {count / seconds:9.0f} per s")


def checkins(url: str, label: str, home: Path) -> None:
    from unbrace.core.checkins import CheckIn
    from unbrace.settings import Settings
    from unbrace.store import repo
    from unbrace.store.db import open_store

    store = open_store(Settings(home=home, database_url=url))
    start = dt.date(1990, 1, 1)
    count = 10_000

    def entries(offset: int) -> list[CheckIn]:
        return [
            CheckIn(
                date=start + dt.timedelta(days=offset + i),
                pain=i % 11,
                enjoyment=(i * 3) % 11,
                activity=(i * 7) % 11,
                habits=("walking",) if i % 2 else (),
                flare=i % 13 == 0,
            )
            for i in range(count)
        ]

    with store.transaction() as db:
        bulk = repo.create_profile(db, name="bulk").name
        single = repo.create_profile(db, name="single").name

    def bulk_insert() -> None:
        with store.transaction() as db:
            repo.add_checkins(db, profile=repo.resolve_profile(db, name=bulk), checkins=entries(0))

    def one_by_one() -> None:
        now = dt.datetime.now(dt.UTC)
        for entry in entries(0):
            with store.transaction() as db:
                profile = repo.resolve_profile(db, name=single)
                repo.save_checkin(db, profile=profile, checkin=entry, replace=False, now=now)

    print(f"logging 10,000 check-ins ({label})")
    timed("one transaction for all (import path)", count, bulk_insert)
    timed("one transaction each (the `checkin` path)", count, one_by_one)
    store.close()


def main() -> None:
    print(f"unbrace benchmarks · Python {sys.version.split()[0]} · {os.cpu_count()} cores\n")
    with tempfile.TemporaryDirectory() as folder:
        cold_start(Path(folder) / "cold")
        print()
        checkins(f"sqlite:///{Path(folder) / 'bench.db'}", "SQLite", Path(folder))
    pg = os.environ.get("UNBRACE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")
    try:
        import uuid

        from sqlalchemy import create_engine, text

        admin = create_engine(pg.replace("postgresql://", "postgresql+psycopg://", 1))
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # a missing server is a note, not a failure
        print(f"\nPostgreSQL skipped: {str(exc).splitlines()[0]}")
        return
    try:
        print()
        with tempfile.TemporaryDirectory() as folder:
            checkins(f"{pg}?options=-csearch_path%3D{schema}", "PostgreSQL", Path(folder))
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
