"""Published word norms and their pickle cache."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from unbrace.coach import norms
from unbrace.coach.norms import MODALITIES, Norms, load_norms


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder, and a load_norms() that has forgotten what it loaded."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("UNBRACE_CACHE", str(folder))
    load_norms.cache_clear()
    yield folder
    load_norms.cache_clear()


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    parse = norms._parse

    def counting(folder: Path) -> Norms:
        calls.append(folder)
        return parse(folder)

    monkeypatch.setattr(norms, "_parse", counting)
    return calls


def cached_file(folder: Path) -> Path:
    (path,) = folder.glob("norms-*.pickle")
    return path


# --- values --------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "low", "high"), [("table", 4.5, 5.0), ("chair", 4.3, 5.0)])
def test_concrete_words(word: str, low: float, high: float) -> None:
    value = load_norms().concrete(word)
    assert value is not None
    assert low < value <= high


@pytest.mark.parametrize("word", ["peace", "freedom"])
def test_abstract_words(word: str) -> None:
    value = load_norms().concrete(word)
    assert value is not None
    assert value < 2.5


def test_peace_is_very_abstract() -> None:
    value = load_norms().concrete("peace")
    assert value is not None
    assert value < 2


@pytest.mark.parametrize(
    ("word", "modality"),
    [("hum", "auditory"), ("red", "visual"), ("lemon", "gustatory"), ("smell", "olfactory")],
)
def test_perceptual_strength_is_dominant(word: str, modality: str) -> None:
    values = load_norms().strengths(word)
    assert values is not None
    assert set(values) == set(MODALITIES)
    assert values[modality] > 4
    assert max(values, key=lambda key: values[key]) == modality


def test_unknown_words() -> None:
    loaded = load_norms()
    assert loaded.concrete("zzxqvw") is None
    assert loaded.strengths("zzxqvw") is None
    assert not loaded.known("zzxqvw")
    assert loaded.known("table")


def test_norms_are_large_and_lower_case() -> None:
    loaded = load_norms()
    assert len(loaded.concreteness) > 30_000
    assert len(loaded.perceptual) > 30_000
    assert all(word == word.lower() and " " not in word for word in loaded.concreteness)


def test_load_norms_is_memoised() -> None:
    assert load_norms() is load_norms()


# --- cache ---------------------------------------------------------------------------------


def test_cache_is_written_under_unbrace_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_parses(monkeypatch)
    loaded = load_norms()
    assert len(calls) == 1
    path = cached_file(cache)
    with path.open("rb") as handle:
        assert pickle.load(handle) == loaded
    assert list(cache.glob("*.tmp")) == []


def test_second_load_reads_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_norms()
    load_norms.cache_clear()

    def fail(folder: Path) -> Norms:
        raise AssertionError("the CSVs were parsed again")

    monkeypatch.setattr(norms, "_parse", fail)
    second = load_norms()
    assert second is not first
    assert second == first


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a pickle",
        b"\x80\x05",
        pickle.dumps({"table": 4.9}),
        pickle.dumps("a string, not norms"),
    ],
    ids=["empty", "garbage", "cut-short", "wrong-type-dict", "wrong-type-str"],
)
def test_corrupt_cache_is_ignored_and_rebuilt(
    cache: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    good = load_norms()
    path = cached_file(cache)
    path.write_bytes(content)
    load_norms.cache_clear()
    calls = count_parses(monkeypatch)
    rebuilt = load_norms()
    assert len(calls) == 1
    assert rebuilt == good
    with path.open("rb") as handle:
        assert pickle.load(handle) == good


def test_truncated_cache_is_ignored_and_rebuilt(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = load_norms()
    path = cached_file(cache)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    load_norms.cache_clear()
    calls = count_parses(monkeypatch)
    assert load_norms() == good
    assert len(calls) == 1
    assert path.read_bytes() == data


def test_cache_with_damaged_bytes_is_ignored_and_rebuilt(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = load_norms()
    path = cached_file(cache)
    data = path.read_bytes()
    marker = b"\x05table"  # a short string opcode's length byte, then the word
    at = data.index(marker) + 1
    path.write_bytes(data[:at] + b"\xff" + data[at + 1 :])  # not valid UTF-8
    load_norms.cache_clear()
    assert load_norms() == good


def test_unwritable_cache_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("UNBRACE_CACHE", str(blocker / "cache"))
    load_norms.cache_clear()
    try:
        assert load_norms().known("table")
    finally:
        load_norms.cache_clear()


def test_cache_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNBRACE_CACHE", str(tmp_path))
    assert norms.cache_dir() == tmp_path
