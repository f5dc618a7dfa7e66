from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Cli

GOOD = (
    "I'm standing at the kitchen sink, hands in warm soapy water. I hear the plates clink "
    "and smell lemon soap as I rinse a glass, my back long and easy."
)
BAD = "No pain. My back does not hurt."
KEYS = {"flags", "evidence", "senses", "movements", "score", "suggestions"}


def test_coach_text_json_shape(cli: Cli) -> None:
    data = cli.json("coach", BAD)
    assert set(data) >= KEYS
    assert data["flags"] == {
        "vague": True,
        "negation": True,
        "low_sensory": True,
        "no_movement": True,
    }
    (first, second) = data["evidence"]["negation"]
    assert BAD[first["start"] : first["end"]] == first["text"] == "No pain"
    assert BAD[second["start"] : second["end"]] == second["text"]
    assert data["score"] < 30 and data["suggestions"]


def test_coach_report_for_people(cli: Cli) -> None:
    out = cli.ok("coach", GOOD).stdout
    assert "Score 100/100" in out and "Your script" in out
    assert "✓ A movement" in out


def test_coach_reads_stdin_and_files(cli: Cli, tmp_path: Path) -> None:
    from_stdin = json.loads(cli.ok("coach", "-", "--json", input=GOOD).stdout)
    path = tmp_path / "script.txt"
    path.write_text(GOOD)
    from_file = cli.json("coach", "--file", str(path))
    assert from_stdin == from_file == cli.json("coach", GOOD)


def test_coach_uses_the_profile_movement(onboarded: Cli) -> None:
    data = onboarded.json("coach", "I feel calm and relaxed.")
    assert any("bending forward to load the dishwasher" in tip for tip in data["suggestions"])


def test_coach_bad_input(cli: Cli, tmp_path: Path) -> None:
    cli.bad("coach")
    cli.bad("coach", "   ")
    cli.bad("coach", "text", "--file", str(tmp_path / "x.txt"))
    cli.bad("coach", "--file", str(tmp_path / "missing.txt"))
    cli.bad("coach", "x" * 20_001)


def test_batch_streams_one_line_per_script_in_order(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    rows = [{"id": "one", "text": GOOD}, {"id": 2, "text": BAD}, {"id": "three", "text": GOOD}]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n\n")
    result = cli.ok("coach", "--batch", str(path))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["one", 2, "three"]
    assert all(set(line) >= KEYS for line in lines)
    assert lines[1]["flags"]["negation"] and not lines[0]["flags"]["negation"]


def test_batch_stops_at_a_malformed_line_naming_it(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": 1, "text": GOOD})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": 3, "text": BAD})
    )
    result = cli.bad("coach", "--batch", str(path))
    assert "line 2" in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["id"] == 1  # whole lines only
    path.write_text(json.dumps({"id": 1}) + "\n")
    assert "line 1" in cli.bad("coach", "--batch", str(path)).stderr
    path.write_text(json.dumps(["id", "text"]) + "\n")
    cli.bad("coach", "--batch", str(path))


def test_batch_refuses_bytes_that_are_not_text_and_empty_scripts(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(json.dumps({"id": 1, "text": GOOD}).encode() + b"\n\xff\xfe\n")
    result = cli.bad("coach", "--batch", str(path))
    assert "line 2" in result.stderr and "UTF-8" in result.stderr
    path.write_text(json.dumps({"id": 1, "text": "  "}) + "\n")
    assert "line 1" in cli.bad("coach", "--batch", str(path)).stderr


def test_report_lists_the_trigger_words_without_colour(cli: Cli) -> None:
    out = cli.ok("coach", BAD).stdout
    assert '"No pain"' in out


def test_no_pain_i_feel_better_is_negation_and_vague(cli: Cli) -> None:
    """LABELS.md: "I feel better" describes nothing, so the one "No pain" is all there is."""
    text = "No pain. I feel better."
    data = cli.json("coach", text)
    assert data["flags"]["negation"] and data["flags"]["vague"]
    (phrase,) = data["evidence"]["negation"]
    assert text[phrase["start"] : phrase["end"]] == phrase["text"] == "No pain"
    (absence,) = data["evidence"]["vague"]
    assert absence["start"] is None and "no concrete place" in absence["text"]
    out = cli.ok("coach", text).stdout
    assert "Built on 'no pain'" in out and '"No pain"' in out
    assert "Too vague" in out


def test_senses_and_movements_name_each_word_once(cli: Cli) -> None:
    """A sentence said three times (a long script, pasted again) lists each sense and movement
    once, not "trail, trail, trail"."""
    out = cli.ok("coach", "I walk along the pine trail and I hear birds. " * 3).stdout
    lines = [line.strip() for line in out.splitlines()]
    senses = next(line for line in lines if line.startswith("Senses:"))
    movements = next(line for line in lines if line.startswith("Movements:"))
    assert senses.count("trail") == 1 and senses.count("hear") == 1, senses
    assert movements.count("walk") == 1, movements
