"""Per-flag precision, recall and F1 of the coach on labelled JSONL files.

`python scripts/coach_eval.py FILE...` prints the figures; `-v` also prints each script the
coach gets wrong (use it on our own corpora and the real-world dev part only: never on a
held-out part, whose texts and errors stay unlooked-at).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from unbrace.coach import FLAGS, analyse

__all__ = ["FLAGS", "evaluate", "scores"]


def _counts(paths: tuple[Path, ...], show: bool) -> dict[str, list[int]]:
    counts = {flag: [0, 0, 0] for flag in FLAGS}  # tp, fp, fn
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            result = analyse(item["text"])
            wrong = []
            for flag in FLAGS:
                got, want = result.flags[flag], bool(item[flag])
                if got and want:
                    counts[flag][0] += 1
                elif got:
                    counts[flag][1] += 1
                    wrong.append(f"+{flag}")
                elif want:
                    counts[flag][2] += 1
                    wrong.append(f"-{flag}")
            if show and wrong:
                print(item["id"], " ".join(wrong), "|", item["text"][:300])
                print(
                    "    senses",
                    result.senses,
                    "moves",
                    result.movements,
                    "concrete",
                    result.concrete[:5],
                    "neg",
                    [n.text for n in result.negations],
                )
    return counts


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def scores(*paths: Path) -> dict[str, float]:
    """F1 per flag and their mean ("macro") over the scripts of all ``paths``."""
    figures = {flag: _f1(*counts)[2] for flag, counts in _counts(paths, False).items()}
    figures["macro"] = sum(figures.values()) / len(FLAGS)
    return figures


def evaluate(path: Path, *, show: bool = False) -> dict[str, float]:
    figures: dict[str, float] = {}
    for flag, counts in _counts((path,), show).items():
        precision, recall, f1 = _f1(*counts)
        figures[flag] = f1
        print(f"  {flag:<12} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
    figures["macro"] = sum(figures.values()) / len(FLAGS)
    print(f"  macro F1 {figures['macro']:.3f}")
    return figures


if __name__ == "__main__":
    for name in sys.argv[1:]:
        if name.startswith("-"):
            continue
        print(name)
        evaluate(Path(name), show="-v" in sys.argv)
