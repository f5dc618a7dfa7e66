"""The coach's part of `make bench`: quality on every labelled set, and speed.

Quality: the shared dev set, our own synthetic corpora, and the real-world corpus, which lives
OUTSIDE the repository (other people's text, never committed): `$UNBRACE_REAL_CORPUS`, else
`../realcorpus` beside the checkout. Its `dev.jsonl` is the part the coach was tuned on; its
`heldout.jsonl` is only ever scored here (per-flag and macro F1, never a text or an error).
`first_contact.json` holds the coach's scores before issue 14 and `agreement.json` the two
annotators' agreement; both are printed beside today's figures.

Speed: `unbrace coach --batch` over 17,600 scripts as one whole process pinned to one core,
and the cold start of `unbrace coach TEXT`.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from coach_eval import FLAGS, scores  # noqa: E402

VENV_BIN = Path(sys.executable).parent
BATCH_SIZE = 17_600


def real_corpus() -> Path:
    configured = os.environ.get("UNBRACE_REAL_CORPUS")
    return Path(configured) if configured else ROOT.parent / "realcorpus"


def synthetic_files() -> list[Path]:
    return sorted((ROOT / "tests" / "data").glob("coach_corpus_*.jsonl"))


def shared_dev() -> Path:
    return ROOT.parent / "shared" / "coach" / "dev.jsonl"


def line(label: str, figures: dict[str, float], note: str = "") -> None:
    cells = "  ".join(f"{figures[flag]:.3f}" for flag in FLAGS)
    print(f"  {label:<34} {cells}   macro {figures['macro']:.3f}{note}")


def quality() -> None:
    print("coach quality (F1 per flag: vague, negation, few senses, no movement)")
    if shared_dev().exists():
        line(f"shared dev ({count(shared_dev())})", scores(shared_dev()))
    texts: list[Path] = synthetic_files()
    for path in texts:
        line(f"{path.stem} ({count(path)})", scores(path))
    if texts:
        line(f"synthetic, all ({sum(count(p) for p in texts)})", scores(*texts))
    folder = real_corpus()
    dev, heldout = folder / "dev.jsonl", folder / "heldout.jsonl"
    if not dev.exists():
        print(f"  real-world corpus: not available ({folder})")
        return
    first = read_json(folder / "first_contact.json")
    for name, path in (("dev", dev), ("held-out", heldout)):
        before = first.get("dev" if name == "dev" else "heldout")
        if isinstance(before, dict):
            line(f"real {name}, first contact ({before.get('n', '?')})", before)
        if path.exists():
            line(f"real {name}, now ({count(path)})", scores(path))
        else:
            print(f"  real {name}: not available")
    agreements = read_json(folder / "agreement.json")
    for part in ("dev", "heldout"):
        agreement = agreements.get(part, {})
        between = agreement.get("annotator_vs_annotator_f1") if agreement else None
        if isinstance(between, dict):
            line(f"annotator vs annotator ({part})", between)
            kappa = agreement.get("cohen_kappa", {})
            print("  Cohen's kappa: " + ", ".join(f"{flag} {kappa[flag]}" for flag in kappa))


def count(path: Path) -> int:
    return sum(1 for text in path.read_text(encoding="utf-8").splitlines() if text.strip())


def read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def speed(home: Path) -> None:
    """The whole `unbrace coach --batch` process on one core, and the cold start."""
    home.mkdir(parents=True, exist_ok=True)
    texts = [
        json.loads(text)["text"]
        for path in synthetic_files()
        for text in path.read_text(encoding="utf-8").splitlines()
        if text.strip()
    ]
    batch = home / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as handle:
        for number in range(BATCH_SIZE):
            item = {"id": number, "text": texts[number % len(texts)]}
            handle.write(json.dumps(item) + "\n")
    env = {**os.environ, "UNBRACE_HOME": str(home), "UNBRACE_CACHE": str(home / "cache")}
    env.pop("UNBRACE_DATABASE_URL", None)
    unbrace = str(VENV_BIN / "unbrace")
    subprocess.run([unbrace, "coach", "warm the norms cache"], env=env, capture_output=True)
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        done = subprocess.run(
            [*pin, unbrace, "coach", "--batch", str(batch)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        runs.append(time.perf_counter() - start)
        if done.returncode != 0:
            print(f"coach batch failed: {done.stderr.decode().strip()[-200:]}")
            return
    best = min(runs)
    print(f"coach speed ({'one core' if pin else 'unpinned'}, best of {len(runs)})")
    print(
        f"  unbrace coach --batch, {BATCH_SIZE:,} scripts, whole process"
        f" {best:7.2f} s  ({BATCH_SIZE / best:,.0f} per s; goal 5,000)"
    )
    cold = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([unbrace, "coach", "No pain. I feel better."], env=env, capture_output=True)
        cold.append(time.perf_counter() - start)
    print(
        f"  cold start of `unbrace coach TEXT` (cached norms)"
        f" {statistics.median(cold) * 1000:6.0f} ms median of 7  (goal < 500 ms)"
    )


if __name__ == "__main__":
    quality()
    if "--speed" in sys.argv:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            speed(Path(folder))
