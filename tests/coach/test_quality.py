"""The coach against labelled scripts: the shared dev set and our own corpora.

Corpora A and B were written by hand from LABELS.md; corpus C was held out until the coach
was finished. The goal: macro F1 >= 0.95 and every flag >= 0.9 on each.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unbrace.coach import FLAGS, analyse
from unbrace.core.practices import load_library
from unbrace.core.session import plan_session

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "coach" / "dev.jsonl"
CORPORA = sorted((ROOT / "tests" / "data").glob("coach_corpus_*.jsonl"))


def f1_scores(path: Path) -> dict[str, float]:
    counts = {flag: [0, 0, 0] for flag in FLAGS}
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        flags = analyse(item["text"]).flags
        for flag in FLAGS:
            got, want = flags[flag], bool(item[flag])
            counts[flag][0 if got and want else 1 if got else 2] += got or want
    scores = {}
    for flag, (tp, fp, fn) in counts.items():
        scores[flag] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return scores


@pytest.mark.parametrize(
    "path", [*([DEV] if DEV.exists() else []), *CORPORA], ids=lambda path: path.stem
)
def test_flag_quality(path: Path) -> None:
    scores = f1_scores(path)
    assert sum(scores.values()) / len(scores) >= 0.95, scores
    assert min(scores.values()) >= 0.9, scores


def test_corpora_are_well_formed() -> None:
    assert len(CORPORA) >= 2
    ids: set[str] = set()
    for path in CORPORA:
        for line in path.read_text().splitlines():
            item = json.loads(line)
            assert set(item) == {"id", "text", *FLAGS}
            assert item["id"] not in ids
            ids.add(item["id"])
    assert len(ids) >= 300


@pytest.mark.parametrize("minutes", [1, 5, 20])
@pytest.mark.parametrize("flare", [False, True])
def test_no_shipped_practice_carries_a_flag(minutes: int, flare: bool) -> None:
    for practice in load_library():
        plan = plan_session(practice, minutes, flare=flare)
        result = analyse(" ".join(step.text for step in plan.steps))
        assert not any(result.flags.values()), (practice.id, result.flags)
