"""Tokens with their offsets, and the normal forms the coach matches on.

People write "doesn't", "colour", "walkng" and "You bend"; the coach matches base forms
("not", "color", "walk"). simplemma supplies lemmas; because it guesses some forms wrongly
("swinging" -> "swinge"), the matcher also tries plain suffix stripping.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

# A line break is a token: people write phrase-per-line transcripts and bulleted lists.
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)?|\n|[^\sA-Za-z\d]")
# Line breaks, slashes and ellipses ("…", ". . .") end a sentence like a full stop does.
SENTENCE_BREAK = {".", "!", "?", ";", "\n", "…", "/", "•"}
CLAUSE_BREAK = SENTENCE_BREAK | {":", ",", "—", "–", "(", ")", "but", "and", "then"}

CONTRACTIONS = {
    "won't": ("will", True),
    "can't": ("can", True),
    "cannot": ("can", True),
    "shan't": ("shall", True),
    "ain't": ("be", True),
}
CLITICS = ("'m", "'re", "'s", "'ll", "'ve", "'d")
# Contractions typed without the apostrophe ("doesnt", "wont"); "cant" and "wont" are also
# rare words, but in these scripts they are nearly always the contraction.
BARE_NEGATIONS = {
    "dont": "do",
    "doesnt": "does",
    "didnt": "did",
    "isnt": "is",
    "arent": "are",
    "wasnt": "was",
    "werent": "were",
    "wont": "will",
    "cant": "can",
    "couldnt": "could",
    "wouldnt": "would",
    "shouldnt": "should",
    "havent": "have",
    "hasnt": "has",
    "hadnt": "had",
    "aint": "be",
}

# British spellings the norms (American) do not list; the regular patterns are handled below.
BRITISH = {
    "grey": "gray",
    "colour": "color",
    "colours": "colors",
    "favourite": "favorite",
    "odour": "odor",
    "flavour": "flavor",
    "centre": "center",
    "metre": "meter",
    "theatre": "theater",
    "mould": "mold",
    "pyjamas": "pajamas",
    "tyre": "tire",
    "kerb": "curb",
    "jewellery": "jewelry",
    "plough": "plow",
    "aluminium": "aluminum",
    "cosy": "cozy",
    "hoover": "vacuum",
    "hoovering": "vacuuming",
    "woollen": "woolen",
    "travelling": "traveling",
    "travelled": "traveled",
}


@dataclass(slots=True)
class Token:
    index: int
    start: int
    end: int
    raw: str
    word: str  # lower case, contraction and spelling normalised
    negated: bool = False  # the token carried n't

    @property
    def is_word(self) -> bool:
        return self.word[:1].isalpha()


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    normal = normal_token
    for match in WORD.finditer(text):
        raw = match.group()
        if raw == "\n" and wrapped(text, match.end()):
            continue  # a hard-wrapped line going on in lower case is one sentence
        start, end = match.span()
        append(Token(len(tokens), start, end, *normal(raw)))
    return tokens


@lru_cache(maxsize=65536)
def normal_token(raw: str) -> tuple[str, str, bool]:
    """The raw word with a plain apostrophe, the word the rules match ("doesn't" -> "does",
    negated), and whether it carried n't."""
    plain = raw.replace("’", "'")
    lower = plain.lower()
    negated = False
    if lower in CONTRACTIONS:
        lower, negated = CONTRACTIONS[lower]
    elif lower in BARE_NEGATIONS:
        lower, negated = BARE_NEGATIONS[lower], True
    elif lower.endswith("n't"):
        lower, negated = lower[:-3], True
    else:
        for clitic in CLITICS:
            if lower.endswith(clitic) and len(lower) > len(clitic):
                lower = lower[: -len(clitic)]
                break
    if lower.startswith("'") and len(lower) > 1:
        lower = lower[1:]
    return plain, BRITISH.get(lower, lower), negated


def wrapped(text: str, after: int) -> bool:
    rest = text[after : after + 40].lstrip(" \t")
    return rest[:1].islower()


def clause_bounds(tokens: list[Token], index: int) -> tuple[int, int]:
    """The first and last index of the clause holding ``index``."""
    start = index
    while start > 0 and tokens[start - 1].word not in CLAUSE_BREAK:
        start -= 1
    end = index
    while end + 1 < len(tokens) and tokens[end + 1].word not in CLAUSE_BREAK:
        end += 1
    return start, end


def _strip_suffixes(word: str) -> Iterable[str]:
    """Plain English de-inflection candidates: walks, walked, walking, stopped, carries."""
    yield word
    for suffix, replacements in (
        ("ies", ("y",)),
        ("ied", ("y",)),
        ("ying", ("ie", "y")),
        ("ing", ("", "e")),
        ("ed", ("", "e")),
        ("es", ("", "e")),
        ("s", ("",)),
        ("er", ("", "e")),
        ("est", ("", "e")),
        ("ly", ("", "le")),
        ("ness", ("",)),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)]
            for replacement in replacements:
                yield stem + replacement
            if len(stem) >= 3 and stem[-1] == stem[-2]:
                yield stem[:-1]  # stopped -> stop, swimming -> swim


def _american(word: str) -> Iterable[str]:
    yield word
    for british, american in (("our", "or"), ("ise", "ize"), ("isi", "izi"), ("yse", "yze")):
        if british in word:
            yield word.replace(british, american)


@lru_cache(maxsize=65536)
def forms(word: str) -> tuple[str, ...]:
    """Candidate base forms of ``word``, most likely first."""
    from unbrace.coach.norms import load_norms

    lemmas = load_norms().lemmas
    seen: dict[str, None] = {}
    for spelling in _american(word):
        seen.setdefault(spelling, None)
        seen.setdefault(lemmas.get(spelling, spelling), None)
        for stripped in _strip_suffixes(spelling):
            seen.setdefault(stripped, None)
    return tuple(seen)


ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def _edits(word: str) -> set[str]:
    """Words one edit away (Norvig's spelling corrector): deletes, swaps, replaces, inserts."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    inserts = {a + c + b for a, b in splits for c in ALPHABET}
    return deletes | swaps | replaces | inserts


def _edit_kind(word: str, edit: str) -> int:
    if len(edit) == len(word) + 1:
        return 0  # insert: a letter was left out
    if len(edit) == len(word):
        differ = [i for i, (a, b) in enumerate(zip(word, edit, strict=True)) if a != b]
        return 1 if len(differ) == 2 and differ[1] == differ[0] + 1 else 3  # swap, or replace
    return 2  # delete: a letter was typed twice


def correct(
    word: str,
    known: Callable[[str], bool],
    vocabulary: frozenset[str],
    english: Callable[[str], bool] | None = None,
) -> str | None:
    """A lexicon word one typo away from an unknown ``word`` (only for words of 5+ letters).

    Written by hand: spelling libraries correct towards a general dictionary, and the coach
    only needs to recover the words its own lists care about ("walkng", "shouldres").
    ``english`` tells a real English word (default: simplemma's dictionary).
    """
    if len(word) < 5 or known(word):
        return None
    if english is None:
        from simplemma import is_known

        def english(candidate: str) -> bool:
            return is_known(candidate, lang="en")

    if english(word):
        return None  # a real word the norms lack ("barrow"), not a typo
    real = english
    candidates = sorted(
        (edit for edit in _edits(word) if any(f in vocabulary for f in _strip_suffixes(edit))),
        # Real words first; then the likeliest slip: a letter left out, two letters swapped,
        # a letter doubled, a wrong letter ("climing" is "climbing", not "chiming").
        key=lambda edit: (not real(edit), _edit_kind(word, edit), edit),
    )
    return candidates[0] if candidates else None
