"""Per-flag precision, recall and F1 of the coach on labelled JSONL files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from unbrace.coach import FLAGS, analyse


def evaluate(path: Path, *, show: bool = False) -> dict[str, float]:
    counts = {flag: [0, 0, 0] for flag in FLAGS}  # tp, fp, fn
    for line in path.read_text().splitlines():
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
    scores = {}
    for flag, (tp, fp, fn) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[flag] = f1
        print(f"  {flag:<12} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
    macro = sum(scores.values()) / len(scores)
    print(f"  macro F1 {macro:.3f}")
    scores["macro"] = macro
    return scores


if __name__ == "__main__":
    for name in sys.argv[1:]:
        if name.startswith("-"):
            continue
        print(name)
        evaluate(Path(name), show="-v" in sys.argv)
