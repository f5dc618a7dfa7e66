"""One script read once: tokens, base forms, and the lookups every flag's rules share.

Each flag's rules live in their own module (negation, senses, movement, concrete) as a subclass
of `Reader`; `analysis._Reader` combines them. The small closed word classes the rules name
(pronouns, auxiliaries, feeling words...) come from the `[rules]` table of lexicon.toml.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache, lru_cache
from typing import NamedTuple

from unbrace.coach.lexicon import Lexicon, lexicon
from unbrace.coach.norms import Norms, english_words, load_norms
from unbrace.coach.text import (
    CLAUSE_BREAK,
    SENTENCE_BREAK,
    WORD,
    Token,
    clause_bounds,
    correct,
    forms,
    normal_token,
    wrapped,
)

# A thing you could point at: Brysbaert concreteness at or above this (1-5 scale).
CONCRETE = 4.3

_RULES = lexicon().rules
SUBJECT_PRONOUNS = _RULES["subject_pronouns"]
POSSESSIVES = _RULES["possessives"]
DETERMINERS = _RULES["determiners"]
AUXILIARIES = _RULES["auxiliaries"]
PASSIVE_MARKERS = _RULES["passive_markers"]
BREATH_RISERS = _RULES["breath_risers"]
FILLERS = _RULES["fillers"]
QUALITY = _RULES["quality"]
COMPARATIVE_LIGHT = _RULES["comparative_light"]
BODY_NOUNS = _RULES["body_nouns"]
POSITION_WORDS = _RULES["position_words"]
TOUCH_SOURCES = _RULES["touch_sources"]
DRIFTING = _RULES["drifting"]
FEELINGS = _RULES["feelings"]
EMPTY_FILL = _RULES["empty_fill"]
MOVEMENT_NOUNS = _RULES["movement_nouns"]
COUNTING = _RULES["counting"]
NEEDS_OBJECT = _RULES["needs_object"]
NEEDS_THING = _RULES["needs_thing"]
LIMBS = _RULES["limbs"]
BODY_PASSIVE = _RULES["body_passive"]
NEGATION_BRIDGE = _RULES["negation_bridge"]
BREATH_OBJECTS = _RULES["breath_objects"]
PEOPLE = _RULES["people"]
BODY_COMPOUNDS = _RULES["body_compounds"]
CONTACT = _RULES["contact"]
TIMES = _RULES["times"]
PROMPTING = _RULES["prompting"]
OBJECT_PRONOUNS = _RULES["object_pronouns"]
FUNCTION_WORDS = FILLERS | AUXILIARIES | CONTACT | _RULES["prepositions"]


class Evidence(NamedTuple):
    """The words behind a flag and their offsets (``text == script[start:end]``), or a note of
    what is missing (``start`` and ``end`` None). A named tuple: a script makes dozens."""

    text: str
    start: int | None
    end: int | None

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "start": self.start, "end": self.end}


class Reader:
    """One pass over one script: the shared lookups."""

    def __init__(self, text: str, lex: Lexicon, norms: Norms) -> None:
        self.text = text
        self.lex = lex
        self.norms = norms
        # One pass: the tokens (as text.tokenize makes them) and each one's forms, with one
        # cached lookup per distinct token.
        tokens: list[Token] = []
        words: list[str] = []
        all_forms: list[tuple[str, ...]] = []
        form_sets: list[frozenset[str]] = []
        append, previous = tokens.append, "\n"
        breaks: list[int] = []  # the sentence breaks' indices, in order
        for found in WORD.finditer(text):
            raw = found.group()
            if raw == "\n" and wrapped(text, found.end()):
                continue  # a hard-wrapped line going on in lower case is one sentence
            plain, word, negated, lower, entry, named = _read(raw)
            start, end = found.span()
            append(Token(len(tokens), start, end, plain, word, negated))
            # A capital inside a sentence marks a name, which is no typo ("Mindy").
            if not lower and previous not in NAME_OPENERS:
                entry = named
            if word in SENTENCE_BREAK:
                breaks.append(len(tokens) - 1)
            previous = word
            all_forms.append(entry[0])
            form_sets.append(entry[1])
            words.append(entry[2])
        self.tokens = tokens
        self.words = words
        self.forms = all_forms
        self.form_sets = form_sets
        self.size = len(words)
        self.negated_scope: set[int] = set()
        self._breaks = breaks

    def match(self, index: int, words: frozenset[str]) -> str | None:
        # Most lookups miss: one set operation in C answers them before any loop.
        if not 0 <= index < self.size or words.isdisjoint(self.form_sets[index]):
            return None
        for form in self.forms[index]:
            if form in words:
                return form
        return None

    def match_verb(self, index: int, words: frozenset[str]) -> str | None:
        """Like match, but never through -er/-est/-ly ("rubber" is not "rub")."""
        word = self.words[index]
        for form in self.forms[index]:
            if form in words and not _adjective_stem(word, form):
                return form
        return None

    def concreteness(self, index: int) -> float:
        return _concreteness(self.forms[index]) if 0 <= index < self.size else 0.0

    def strengths(self, index: int) -> dict[str, float] | None:
        return _strengths(self.forms[index])

    def span(self, first: int, last: int) -> Evidence:
        start, end = self.tokens[first].start, self.tokens[last].end
        return Evidence(self.text[start:end], start, end)

    def word_at(self, index: int) -> str:
        return self.words[index] if 0 <= index < len(self.words) else ""

    def sentence(self, index: int) -> range:
        """The tokens from the last sentence break before ``index`` to the next one after."""
        breaks = self._breaks
        before = bisect_left(breaks, index)
        after = bisect_right(breaks, index)
        return range(
            breaks[before - 1] + 1 if before else 0,
            breaks[after] if after < len(breaks) else self.size,
        )

    def sensation_negated(self, index: int) -> bool:
        """'isn't stiff', 'no pinch', 'not a sound': negated sensations are not channels."""
        for back in range(index - 1, max(0, index - 3) - 1, -1):
            token = self.tokens[back]
            if token.word in CLAUSE_BREAK:
                break  # the negation does not reach across a clause
            if token.negated or self.words[back] in _NEGATORS:
                return True
        return index in self.negated_scope

    def indices(self, words: frozenset[str]) -> list[int]:
        """Every token one of whose base forms is in ``words``."""
        return [i for i, forms in enumerate(self.form_sets) if not words.isdisjoint(forms)]

    def _body_light(self, index: int) -> bool:
        """'I feel lighter', 'loose and light': lightness of the body, not light to see."""
        word = self.words[index]
        if word in COMPARATIVE_LIGHT:
            return True
        before = self.word_at(index - 1)  # "notice the light": light to see
        return (
            word == "light"
            and before not in DETERMINERS
            and before not in POSSESSIVES
            and self._felt_before(index, 4)
        )

    def _felt_before(self, index: int, distance: int) -> bool:
        start = max(self.sentence(index).start, index - distance)
        return any(self.match(i, self.lex.felt) for i in range(start, index))

    def _about_body(self, index: int) -> bool:
        """The nearest noun before, in the clause, is the body ('my shoulders soft')."""
        start, _ = clause_bounds(self.tokens, index)
        for back in range(index - 1, max(start, index - 5) - 1, -1):
            if self.match(back, self.lex.body_parts) or self.words[back] in {"i", "me", "myself"}:
                return True
            if self.concreteness(back) >= CONCRETE and not self.match(back, self.lex.generic):
                return False
        return False

    def _person_noun(self, index: int) -> bool:
        """A person: "gymnast", "my daughter", or one who does a movement ("runner")."""
        if self.match(index, PEOPLE):
            return True
        word = self.words[index]
        if len(word) >= 7 and word.endswith(PERSON_ENDINGS) and word not in _NOT_PEOPLE:
            return True  # "the physiotherapist", "a musician", "the guitarists"
        for suffix in ("ers", "er", "ors", "or"):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[: -len(suffix)]
                for candidate in (
                    stem,
                    stem + "e",
                    stem[:-1] if stem[-1:] == stem[-2:-1] else stem,
                ):
                    if candidate in self.lex.voluntary:
                        return True
        return False

    def _near(self, index: int, words: frozenset[str], distance: int) -> bool:
        low, high = max(0, index - distance), min(len(self.words), index + distance + 1)
        return any(self.match(i, words) for i in range(low, high) if i != index)


# Endings of words for people by their work or skill ("therapist", "physician").
PERSON_ENDINGS = ("ist", "ists", "ician", "icians")
_NOT_PEOPLE = frozenset({"checklist", "playlist", "persist", "insist", "resist", "consist"})
_NEGATORS = frozenset({"no", "not", "never", "without", "nothing"})
_Entry = tuple[tuple[str, ...], frozenset[str], str]
# A capital after these starts a sentence or a line, so it marks no name.
NAME_OPENERS = frozenset(SENTENCE_BREAK | {'"', "“", "-", ","})
_NO_FORMS: tuple[tuple[str, ...], frozenset[str]] = ((), frozenset())


@lru_cache(maxsize=65536)
def _read(
    raw: str,
) -> tuple[str, str, bool, bool, tuple[tuple[str, ...], frozenset[str], str], _Entry]:
    """Everything about one distinct token: its normal form (text.normal_token), whether it is
    in lower case, and its entry as a common word and as a name."""
    plain, word, negated = normal_token(raw)
    return plain, word, negated, plain.islower(), _entry(word, False), _entry(word, True)


@lru_cache(maxsize=65536)
def _entry(word: str, name: bool) -> _Entry:
    """A token's base forms, as a tuple and a set, and its word (typo-corrected unless a name)."""
    if not word[:1].isalpha():
        return (*_NO_FORMS, word)
    if not name:
        word = normal_word(word)
    word_forms = forms(word)
    return word_forms, frozenset(word_forms), word


@lru_cache(maxsize=65536)
def _concreteness(forms: tuple[str, ...]) -> float:
    concreteness = load_norms().concreteness
    for form in forms:
        value = concreteness.get(form)
        if value is not None:
            return value
    return 0.0


@lru_cache(maxsize=65536)
def _strengths(forms: tuple[str, ...]) -> dict[str, float] | None:
    norms = load_norms()
    for form in forms:
        values = norms.strengths(form)
        if values is not None:
            return values
    return None


def _adjective_stem(word: str, form: str) -> bool:
    return word != form and any(
        word.endswith(suffix) and not form.endswith(suffix) for suffix in ("er", "est", "ly")
    )


@cache
def _vocabulary() -> frozenset[str]:
    return lexicon().vocabulary()


@lru_cache(maxsize=65536)
def normal_word(word: str) -> str:
    """The word, or the coach's word it is a typo of ("walkng" -> "walking")."""
    norms = load_norms()
    vocabulary = _vocabulary()

    def known(candidate: str) -> bool:
        return any(norms.known(form) or form in vocabulary for form in forms(candidate))

    return correct(word, known, vocabulary, english_words().__contains__) or word
