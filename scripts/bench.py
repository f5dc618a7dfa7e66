"""Benchmarks printed by `make bench`: start-up time and how fast check-ins are logged.

Figures, not pass/fail: the tests check behaviour, this prints what it costs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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


ROOT = Path(__file__).resolve().parents[1]


def labelled_files() -> list[Path]:
    """The shared dev set and our own labelled corpora, where present."""
    files = [ROOT.parent / "shared" / "coach" / "dev.jsonl"]
    files += sorted((ROOT / "tests" / "data").glob("coach_corpus_*.jsonl"))
    return [path for path in files if path.exists()]


def coach_quality() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from coach_eval import evaluate

    print("coach quality (per-flag precision, recall, F1)")
    for path in labelled_files():
        if path.exists():
            lines = sum(1 for line in path.read_text().splitlines() if line.strip())
            print(f" {path.name} ({lines} scripts)")
            evaluate(path)


def coach_speed(home: Path) -> None:
    import resource

    texts = [
        json.loads(line)["text"]
        for path in labelled_files()
        for line in path.read_text().splitlines()
        if line.strip()
    ]
    env = {**os.environ, "UNBRACE_HOME": str(home), "UNBRACE_CACHE": str(home / "cache")}
    timing = (
        "import time, json; t = time.perf_counter();"
        "from unbrace.coach.norms import load_norms; n = load_norms();"
        "print(json.dumps([time.perf_counter() - t, len(n.concreteness), len(n.perceptual)]))"
    )
    memory = (
        "import tracemalloc, json; tracemalloc.start();"
        "from unbrace.coach.norms import load_norms; n = load_norms();"
        "print(json.dumps(tracemalloc.get_traced_memory()[0]))"
    )

    def run(code: str) -> Any:
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout)

    first = run(timing)  # no cache yet: parses the CSV files and writes the cache
    second = run(timing)
    held = run(memory)
    print("coach speed")
    print(f"  norms: {first[1]:,} concreteness and {first[2]:,} sensorimotor entries")
    print(f"  norms load, first time (parse CSV, write cache) {first[0] * 1000:7.1f} ms")
    print(f"  norms load, from the cache                      {second[0] * 1000:7.1f} ms")
    print(f"  memory held by the loaded norms                 {held / 2**20:7.1f} MB")
    from unbrace.coach import coach

    coach("warm up the lemmatizer and the caches")
    start = time.perf_counter()
    for text in texts:
        coach(text)
    per_script = (time.perf_counter() - start) / len(texts)
    print(f"  one script after load (mean of {len(texts)})          {per_script * 1e6:7.0f} µs")
    batch = (texts * (10_000 // len(texts) + 1))[:10_000]
    start = time.perf_counter()
    for text in batch:
        coach(text)
    seconds = time.perf_counter() - start
    print(
        f"  10,000 scripts, one core                        {seconds:7.2f} s"
        f"  ({10_000 / seconds:,.0f} per s)"
    )
    unbrace = str(VENV_BIN / "unbrace")
    cold = median_seconds([unbrace, "coach", "I bend to lift the red basket", "--json"], env, 7)
    print(f"  cold start of `unbrace coach TEXT` (cached norms){cold * 1000:6.0f} ms")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of this benchmark process           {rss:7.0f} MB")


def insights_speed(home: Path) -> None:
    """`insights` (and `report`, once it exists) over five years of demo data."""
    env = {**os.environ, "UNBRACE_HOME": str(home), "NO_COLOR": "1"}
    env.pop("UNBRACE_DATABASE_URL", None)
    unbrace = str(VENV_BIN / "unbrace")
    for args in (
        ["init", "--name", "Five years", "--red-flags", "none", "--no-input"],
        ["demo", "--days", "1825", "--seed", "5"],
    ):
        subprocess.run([unbrace, *args], env=env, capture_output=True, check=True)
    print("insights over five years of demo data (median of 5 runs, whole command)")
    took = median_seconds([unbrace, "insights", "--json"], env, 5)
    print(f"  unbrace insights --json                         {took * 1000:7.0f} ms  (goal < 1 s)")
    report = home / "report.html"
    done = subprocess.run([unbrace, "report", "--out", str(report)], env=env, capture_output=True)
    if done.returncode == 0:
        took = median_seconds([unbrace, "report", "--out", str(report)], env, 5)
        print(
            f"  unbrace report --out report.html                {took * 1000:7.0f} ms  (goal < 1 s)"
        )
    else:
        print("  unbrace report: not available")


def scheduler_idle(home: Path, seconds: float = 60.0) -> None:
    """CPU and memory of `unbrace remind run` while it waits for its next reminder."""
    import signal

    env = {**os.environ, "UNBRACE_HOME": str(home), "NO_COLOR": "1"}
    env.pop("UNBRACE_DATABASE_URL", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # the terminal fallback: no desktop needed
    unbrace = str(VENV_BIN / "unbrace")
    later = (dt.datetime.now() + dt.timedelta(hours=3)).strftime("%H:%M")
    for args in (
        ["init", "--name", "Idle", "--red-flags", "none", "--no-input"],
        ["routine", "set", "--anchor-time", later, "--reset-every", "0", "--quiet-hours", "off"],
    ):
        subprocess.run([unbrace, *args], env=env, capture_output=True, check=True)
    process = subprocess.Popen(
        [unbrace, "remind", "run"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(5)  # start-up, excluded below by sampling /proc

    def cpu_seconds() -> float:
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    before = cpu_seconds()
    time.sleep(seconds)
    used = cpu_seconds() - before
    rss = int(
        next(
            line.split()[1]
            for line in Path(f"/proc/{process.pid}/status").read_text().splitlines()
            if line.startswith("VmRSS:")
        )
    )
    process.send_signal(signal.SIGINT)
    process.wait(timeout=10)
    print(f"reminder scheduler, idle for {seconds:.0f} s (waiting for a reminder 3 h away)")
    print(f"  CPU while idle   {100 * used / seconds:6.2f} %   ({used * 1000:.0f} ms of CPU)")
    print(f"  memory (RSS)     {rss / 1024:6.1f} MB  (goal < 60 MB)")


def main() -> None:
    print(f"unbrace benchmarks · Python {sys.version.split()[0]} · {os.cpu_count()} cores\n")
    with tempfile.TemporaryDirectory() as folder:
        cold_start(Path(folder) / "cold")
        print()
        coach_quality()
        print()
        coach_speed(Path(folder) / "coach")
        print()
        insights_speed(Path(folder) / "insights")
        print()
        scheduler_idle(Path(folder) / "idle")
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
