"""Benchmarks printed by `make bench`: start-up time, how fast check-ins are logged, and
what guided audio costs.

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
    for args in (
        ["init", "--name", "Bench", "--red-flags", "none", "--no-input"],
        ["demo", "--days", "30"],  # `today` on a profile with a month of data
    ):
        subprocess.run([unbrace, *args], env=env, capture_output=True, check=True)
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
    print(f"  unbrace today         {today_time * 1000:7.1f} ms  {ratio:4.1f}x  (goal 20x)")
    FIGURES["python_pass_seconds"] = base
    figure("help", "unbrace --help", help_time, base, "python -c pass", 6)
    figure("today", "unbrace today (a month of data)", today_time, base, "python -c pass", 20)


def timed(label: str, count: int, action: Callable[[], None]) -> None:
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"  {label:<44} {seconds:7.2f} s  {count / seconds:9.0f} per s")


def checkins(url: str, label: str, home: Path) -> None:
    from unbrace.core.checkins import CheckIn
    from unbrace.settings import Settings
    from unbrace.store import checkin_repo, profile_repo
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
        bulk = profile_repo.create_profile(db, name="bulk").name
        single = profile_repo.create_profile(db, name="single").name

    def bulk_insert() -> None:
        with store.transaction() as db:
            checkin_repo.add_checkins(
                db, profile=profile_repo.resolve_profile(db, name=bulk), checkins=entries(0)
            )

    def one_by_one() -> None:
        now = dt.datetime.now(dt.UTC)
        for entry in entries(0):
            with store.transaction() as db:
                profile = profile_repo.resolve_profile(db, name=single)
                checkin_repo.save_checkin(
                    db, profile=profile, checkin=entry, replace=False, now=now
                )

    print(f"logging 10,000 check-ins ({label})")
    timed("one transaction for all (import path)", count, bulk_insert)
    timed("one transaction each (the `checkin` path)", count, one_by_one)
    store.close()


ROOT = Path(__file__).resolve().parents[1]


def coach_quality() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import coach_bench

    coach_bench.quality()


def coach_speed(home: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import coach_bench

    coach_bench.speed(home)


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
    print(f"  unbrace insights --json                         {took * 1000:7.0f} ms  (goal 0.4 s)")
    base = median_seconds([sys.executable, "-c", "pass"], env)
    figure("insights", "insights --json, five years", took, base, "python -c pass", None,
           goal_seconds=0.4)  # fmt: skip
    report = home / "report.html"
    done = subprocess.run([unbrace, "report", "--out", str(report)], env=env, capture_output=True)
    if done.returncode == 0:
        took = median_seconds([unbrace, "report", "--out", str(report)], env, 5)
        print(
            f"  unbrace report --out report.html                {took * 1000:7.0f} ms  (goal < 1 s)"
        )
        figure("report", "report, five years", took, base, "python -c pass", None,
               goal_seconds=1.0)  # fmt: skip
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
    FIGURES["remind_run_mb"] = rss / 1024


def postgres_checkins() -> None:
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


AUDIO_PRACTICE, AUDIO_MINUTES, AUDIO_ROUNDS = "movement-rehearsal", 10, 3


def audio_figures(folder: str) -> dict[str, float]:
    """Run in a process of its own (see audio_speed), so its peak memory is the render's."""
    import resource

    from unbrace.audio import cache
    from unbrace.audio.render import Rendered, render, spoken_parts, write_audio
    from unbrace.audio.voice import PiperVoice, choose_voice, split_sentences
    from unbrace.core.practices import load_library
    from unbrace.core.session import plan_session

    def peak_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    start = time.perf_counter()
    voice = choose_voice("joe")
    assert isinstance(voice, PiperVoice), "the joe voice is not installed"
    voice.prepare()
    load = time.perf_counter() - start
    plan = plan_session(load_library().get(AUDIO_PRACTICE), AUDIO_MINUTES)
    sentences = [
        sentence
        for step in plan.steps
        for part in spoken_parts(step)
        for sentence in split_sentences(part)
    ]
    piper, config = voice.loaded(), voice.synthesis_config(1.0)
    for _ in piper.synthesize("A first sentence warms the model up.", config):
        pass
    loaded = peak_mb()
    raw, rendering = [], []
    # Alternate the two and keep the best of each, so a busy machine skews neither.
    rendered: Rendered | None = None
    for _ in range(AUDIO_ROUNDS):
        rendered = None  # one render in memory at a time, as in real use
        start = time.perf_counter()
        samples = sum(
            chunk.audio_float_array.size
            for sentence in sentences
            for chunk in piper.synthesize(sentence, config)
        )
        raw.append(time.perf_counter() - start)
        start = time.perf_counter()
        rendered = render(plan, voice, cues=True, rate=1.0)
        rendering.append(time.perf_counter() - start)
    assert rendered is not None
    out = Path(folder) / "rendered.wav"
    start = time.perf_counter()
    audio, captions = write_audio(rendered, out, "wav")
    write = time.perf_counter() - start
    key = cache.render_key(plan, voice, rate=1.0, cues=True, fmt="wav")
    cache.store(key, "wav", audio, captions)
    start = time.perf_counter()
    assert cache.fetch(key, "wav", Path(folder) / "copy.wav")
    hit = time.perf_counter() - start
    return {
        "load": load,
        "sentences": len(sentences),
        "speech": samples / voice.sample_rate,
        "seconds": rendered.seconds,
        "raw": min(raw),
        "render": min(rendering),
        "write": write,
        "hit": hit,
        "loaded_mb": loaded,
        "peak_mb": peak_mb(),
    }


def audio_speed(home: Path) -> None:
    """A 10-minute guided-audio render against raw Piper synthesis of the same sentences."""
    home.mkdir(parents=True)
    env = {**os.environ, "UNBRACE_HOME": str(home), "UNBRACE_CACHE": str(home / "cache")}
    env.pop("UNBRACE_DATABASE_URL", None)
    code = (
        f"import json, sys; sys.path.insert(0, {str(ROOT / 'scripts')!r}); import bench;"
        f"print(json.dumps(bench.audio_figures({str(home)!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    title = f"guided audio: {AUDIO_PRACTICE}, {AUDIO_MINUTES} minutes, joe voice"
    if done.returncode != 0:
        print(f"{title}: not available ({(done.stderr.strip().splitlines() or ['?'])[-1]})")
        return
    figures = json.loads(done.stdout)
    seconds = figures["seconds"]
    overhead = 100 * (figures["render"] / figures["raw"] - 1)
    # The whole command on a cache hit: start-up, the cache key (it hashes the voice model),
    # and the copy; the child above left the render in this cache.
    command = [str(VENV_BIN / "unbrace"), "audio", AUDIO_PRACTICE, "-m", str(AUDIO_MINUTES)]
    command += ["--out", str(home / "again.wav")]
    cached = median_seconds(command, env, 5)
    print(f"{title} (best of {AUDIO_ROUNDS})")
    print(f"  voice load (once per process)                {figures['load']:7.2f} s")
    print(
        f"  speech in the file                           {figures['speech']:7.1f} s"
        f"  ({figures['sentences']:.0f} sentences in {seconds:.0f} s)"
    )
    print(
        f"  raw Piper synthesis of the same sentences    {figures['raw']:7.2f} s"
        f"  RTF {figures['raw'] / seconds:.4f}"
    )
    print(
        f"  render (speech, layout, cues, loudness)      {figures['render']:7.2f} s"
        f"  RTF {figures['render'] / seconds:.4f}  overhead {overhead:+.1f} % (goal within 10 %)"
    )
    print(f"  write WAV and captions                       {figures['write'] * 1000:7.0f} ms")
    print(f"  cache hit: copy the cached render            {figures['hit'] * 1000:7.0f} ms")
    print(f"  cache hit: whole `unbrace audio` command     {cached * 1000:7.0f} ms")
    print(
        f"  peak memory (RSS) of the rendering process   {figures['peak_mb']:7.0f} MB"
        f"  ({figures['loaded_mb']:.0f} MB with the voice loaded, before rendering)"
    )


def free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentiles(seconds: list[float]) -> tuple[float, float]:
    """p50 and p99 in milliseconds."""
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[98] * 1000


def proc_memory(pid: int) -> dict[str, float]:
    """Resident memory now and at its peak, in MB, from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in {"VmRSS", "VmHWM"}:
            fields[name] = int(value.split()[0]) / 1024
    return fields


Make = Callable[[int], tuple[str, str, Any]]
Result = tuple[str, list[float], dict[int, int], float, list[float]]


def start_server(
    command: Sequence[str], env: dict[str, str], probe: str
) -> subprocess.Popen[bytes]:
    """A server process, returned once ``probe`` answers 200 (or None when it never does)."""
    import httpx

    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(probe, timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            error = server.stderr.read().decode() if server.stderr else ""
            stop_server(server)
            raise RuntimeError(f"the server did not start: {command}\n{error}")
        time.sleep(0.1)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    import signal

    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def load(
    base: str,
    runs: list[tuple[str, Make]],
    clients: int,
    requests: int,
    *,
    warm: int = 100,
    alone_count: int = 200,
) -> list[Result]:
    """Each run: ``requests`` requests from ``clients`` clients at once (each sends its next as
    soon as its last is answered), after a warm-up; and 200 from one client alone."""
    import asyncio

    import httpx

    async def run(
        sessions: list[httpx.AsyncClient], make: Make, count: int
    ) -> tuple[list[float], dict[int, int], float]:
        timings: list[float] = []
        statuses: dict[int, int] = {}
        queue = list(range(count))

        async def client(session: httpx.AsyncClient) -> None:
            while queue:
                method, path, body = make(queue.pop())
                start = time.perf_counter()
                response = await session.request(method, path, json=body)
                timings.append(time.perf_counter() - start)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        began = time.perf_counter()
        await asyncio.gather(*(client(session) for session in sessions))
        return timings, statuses, time.perf_counter() - began

    async def measure() -> list[Result]:
        # Clients are made and connected before any clock starts: making one builds an SSL
        # context (tens of ms of CPU in this process), which would otherwise be timed as
        # the server's latency.
        sessions = [httpx.AsyncClient(base_url=base, timeout=60) for _ in range(clients)]
        try:
            results = []
            for name, make in runs:
                await run(sessions, make, warm)  # warm up: connections, caches
                alone, _, _ = await run(sessions[:1], make, alone_count)
                if requests:
                    results.append((name, *await run(sessions, make, requests), alone))
                else:
                    results.append((name, alone, {}, sum(alone), alone))
            return results
        finally:
            for session in sessions:
                await session.aclose()

    return asyncio.run(measure())


def get(path: str) -> Make:
    return lambda _number: ("GET", path, None)


def show_results(results: list[Result]) -> None:
    for name, timings, statuses, took, alone in results:
        p50, p99 = percentiles(timings)
        codes = ", ".join(f"{count} × {code}" for code, count in sorted(statuses.items()))
        print(
            f"  {name:<29} p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  {len(timings) / took:4.0f}/s"
            f"  alone {statistics.median(alone) * 1000:4.1f} ms  [{codes}]"
        )


def reference_page(home: Path, clients: int, requests: int) -> Result:
    """The minimal FastAPI + Jinja2 + SQLite page (scripts/bench_reference.py) under the
    same load as the Today page."""
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "BENCH_REFERENCE_DB": str(home / "reference.db")}
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "bench_reference:app", "--app-dir"]
    command += [str(ROOT / "scripts"), "--port", str(port), "--log-level", "warning"]
    server = start_server(command, env, f"http://127.0.0.1:{port}/")
    try:
        return load(f"http://127.0.0.1:{port}", [("reference page", get("/"))], clients, requests)[
            0
        ]
    finally:
        stop_server(server)


def web_latency(home: Path, clients: int = 20, requests: int = 1000) -> None:
    """`unbrace serve` on a free loopback port with 120 days of demo data: p50/p99 latency of
    the Today page and of `POST /api/v1/checkins` with ``clients`` concurrent clients,
    ``requests`` requests each endpoint, against the reference page; the Insights page with
    one client; and the server's memory."""
    import httpx

    env = {**os.environ, "UNBRACE_HOME": str(home), "NO_COLOR": "1"}
    env.pop("UNBRACE_DATABASE_URL", None)
    env.pop("UNBRACE_PROFILE", None)
    unbrace = str(VENV_BIN / "unbrace")
    for args in (
        [
            *("init", "--name", "Web", "--movement", "bending to lift a basket"),
            *("--red-flags", "none", "--no-input"),
        ],
        ["demo", "--days", "120"],
    ):
        subprocess.run([unbrace, *args], env=env, capture_output=True, check=True)
    reference = reference_page(home / "reference", clients, requests)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    try:
        server = start_server(
            [unbrace, "serve", "--port", str(port)], env, f"{base}/api/v1/practices"
        )
    except RuntimeError as exc:
        print(f"web app: {exc}")
        return
    try:
        started = proc_memory(server.pid)
        today = dt.date.today()

        def checkin(number: int) -> tuple[str, str, Any]:
            day = today - dt.timedelta(days=number)  # a different day for each request
            body = {
                "date": day.isoformat(),
                "pain": number % 11,
                "enjoyment": (number * 3) % 11,
                "activity": (number * 7) % 11,
                "habits": ["walking"] if number % 2 else [],
                "replace": True,
            }
            return "POST", "/api/v1/checkins", body

        runs: list[tuple[str, Make]] = [
            ("GET / (the Today page)", get("/")),
            ("GET /api/v1/today (its data)", get("/api/v1/today")),
            ("POST /api/v1/checkins", checkin),
        ]
        results = load(base, runs, clients, requests)
        # The check-ins above changed the data: the first Insights visit computes, the rest
        # are served from what was computed for this version of the data.
        insights = load(
            base, [("GET /insights, one client", get("/insights"))], 1, 0, warm=1, alone_count=20
        )
        assert httpx.get(f"{base}/insights", timeout=30).status_code == 200
        print(
            f"web app on loopback, 120 days of demo data: {clients} concurrent clients, "
            f"{requests} requests each; 'alone': one client, p50"
        )
        show_results([reference, *results, *insights])
        memory = proc_memory(server.pid)
        print(
            f"  server memory (RSS)           after start {started['VmRSS']:5.1f} MB, "
            f"after the load {memory['VmRSS']:5.1f} MB (peak {memory['VmHWM']:.1f} MB)"
        )
        ref_p99 = percentiles(reference[1])[1] / 1000
        today_p99 = percentiles(results[0][1])[1] / 1000
        figure("web_today_p99", "Today page p99, 20 clients", today_p99, ref_p99, "reference", 1.5)
        ref_alone = statistics.median(reference[4])
        figure(
            "web_insights",
            "Insights page, one client (median)",
            statistics.median(insights[0][4]),
            ref_alone,
            "reference alone",
            None,
            goal_seconds=0.15,
        )
        FIGURES["web_server_peak_mb"] = memory["VmHWM"]
    finally:
        stop_server(server)


# --- the table: every figure as a ratio to its reference, written to bench.json -------------

FIGURES: dict[str, Any] = {}
BENCH_JSON = ROOT / "bench.json"


def figure(
    key: str,
    label: str,
    seconds: float,
    reference: float,
    reference_label: str,
    goal_ratio: float | None,
    *,
    goal_seconds: float | None = None,
) -> None:
    """Keep one figure of the table (for `summary` and bench.json)."""
    FIGURES[key] = {
        "label": label,
        "seconds": round(seconds, 4),
        "reference": reference_label,
        "reference_seconds": round(reference, 4),
        "ratio": round(seconds / reference, 2),
        "goal_ratio": goal_ratio,
        "goal_seconds": goal_seconds,
    }


def summary() -> None:
    """The issue's table: ratio to the reference of the same run, absolute times beside."""
    print("the table (ratios to a reference measured in this run; absolute times beside)")
    for item in FIGURES.values():
        if not isinstance(item, dict):
            continue
        goal = []
        if item["goal_ratio"] is not None:
            goal.append(f"≤ {item['goal_ratio']:g}×")
        if item["goal_seconds"] is not None:
            goal.append(f"≤ {item['goal_seconds']:g} s")
        met = (item["goal_ratio"] is None or item["ratio"] <= item["goal_ratio"]) and (
            item["goal_seconds"] is None or item["seconds"] <= item["goal_seconds"]
        )
        print(
            f"  {item['label']:<38} {item['ratio']:6.1f}×  {item['seconds'] * 1000:7.0f} ms"
            f"  vs {item['reference']} {item['reference_seconds'] * 1000:5.0f} ms"
            f"  goal {' and '.join(goal):<14} {'met' if met else 'NOT met'}"
        )
    for key, label in (("web_server_peak_mb", "web server"), ("remind_run_mb", "remind run")):
        if key in FIGURES:
            print(f"  peak memory, {label:<25} {FIGURES[key]:7.1f} MB")
    BENCH_JSON.write_text(json.dumps(FIGURES, indent=2) + "\n", encoding="utf-8")
    print(f"  written to {BENCH_JSON.name}")


def sqlite_url(folder: str) -> str:
    return f"sqlite:///{Path(folder) / 'bench.db'}"


PARTS = ("cold", "coach", "insights", "remind", "web", "checkins", "audio")


def main(parts: Sequence[str] = ()) -> None:
    """Every part, or only those named (`python scripts/bench.py cold insights web`); the
    table and bench.json then hold only the figures of the parts run."""
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise SystemExit(f"unknown part {sorted(unknown)[0]!r}; the parts: {', '.join(PARTS)}")
    chosen = set(parts or PARTS)
    print(f"unbrace benchmarks · Python {sys.version.split()[0]} · {os.cpu_count()} cores")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} before the run\n")
    FIGURES["load_average_before"] = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        steps: list[tuple[str, Callable[[], None]]] = [
            ("cold", lambda: cold_start(Path(folder) / "cold")),
            ("coach", coach_quality),
            ("coach", lambda: coach_speed(Path(folder) / "coach")),
            ("insights", lambda: insights_speed(Path(folder) / "insights")),
            ("remind", lambda: scheduler_idle(Path(folder) / "idle")),
            ("web", lambda: web_latency(Path(folder) / "web")),
            ("checkins", lambda: checkins(sqlite_url(folder), "SQLite", Path(folder))),
            ("checkins", postgres_checkins),
        ]
        for part, step in steps:
            if part in chosen:
                step()
                print()
    if "audio" in chosen:
        with tempfile.TemporaryDirectory() as folder:
            audio_speed(Path(folder) / "audio")
        print()
    FIGURES["load_average_after"] = os.getloadavg()[0]
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} after the run")
    summary()


if __name__ == "__main__":
    main(sys.argv[1:])
