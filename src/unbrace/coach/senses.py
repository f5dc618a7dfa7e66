"""Sense channels (shared/coach/LABELS.md, low_sensory): word lists, then the Lancaster norms."""

from __future__ import annotations

from functools import lru_cache

from unbrace.coach.lexicon import CHANNELS, lexicon
from unbrace.coach.norms import MODALITIES
from unbrace.coach.reader import (
    BODY_NOUNS,
    COMPARATIVE_LIGHT,
    CONTACT,
    DETERMINERS,
    EMPTY_FILL,
    FILLERS,
    FUNCTION_WORDS,
    PASSIVE_MARKERS,
    POSSESSIVES,
    PROMPTING,
    QUALITY,
    TOUCH_SOURCES,
    Reader,
    _concreteness,
    _strengths,
)
from unbrace.coach.text import CLAUSE_BREAK, clause_bounds

# Norm-based sense words: the modality must dominate strongly and fairly exclusively.
NORM_CHANNEL = {
    "visual": ("sight", 4.2, 0.65),
    "auditory": ("sound", 3.5, 0.5),
    "haptic": ("touch", 4.0, 0.5),
}
# A word the norms call visual or auditory but rate abstract (Brysbaert, 1-5) is language or an
# idea, not something seen or heard: "a symbol", "describe it", "stories", "the places calling".
# An abstract sound word still counts after the thing that makes it ("loons calling").
ABSTRACT_PERCEPT = 3.4


class Senses(Reader):
    """Which of the six channels a word carries here, if any."""

    def channel(self, index: int, moving: bool = False, *, may: bool = False) -> str | None:
        """The channel the word at ``index`` carries here, if any (``may``: the caller has
        already found that it may carry one, see `may_sense`)."""
        word = self.words[index]
        if not may and not may_sense(self.forms[index], word):
            return None
        found = self._channel(index, word, moving)
        if found is None or self.word_at(index - 1) in PROMPTING:
            return None  # "notice any pressure", "whatever sensations": a prompt, not a sense
        return None if self.sensation_negated(index) else found

    def _channel(self, index: int, word: str, moving: bool) -> str | None:
        lex = self.lex
        if _SENSE_WORDS.isdisjoint(self.form_sets[index]):
            # No list names it: a thing touching the body, or what the norms say.
            return "touch" if self._contact(index) else self._norm_channel(index)
        body_part, touch_source, prompt, in_mouth, listed, body, touch = _listed(self.forms[index])
        if body_part and word != "skin":
            following = self.word_at(index + 1)
            if (
                self._felt_before(index, 3)
                and self.word_at(index - 1) in POSSESSIVES
                and following[:1].isalpha()
                and following not in FUNCTION_WORDS | {"and", "or", "but"}
            ):
                return "body"  # "I feel my ribs turn", "notice your feet spread"
            return None  # a body part alone is no felt quality ("notice your neck")
        if touch_source:
            if self._on_the_body(index):
                return "touch"
            return "sight" if listed == "sight" else self._norm_channel(index)  # "the mist"
        if self._body_light(index):
            return "body"
        if prompt:
            return self._filled_prompt(index)
        if in_mouth and any(self.words[i] in lex.mouth for i in self.sentence(index)):
            return "taste"
        if listed is not None:
            if listed == "sound" and self.word_at(index - 1) in POSSESSIVES:
                return None  # "your lap", "my ring": a thing, not a sound
            if (
                listed == "sound"
                and self.word_at(index + 1) in POSSESSIVES
                and self.match(index + 2, lex.body_parts)
            ):
                return "touch"  # "the heather scratching my shins": felt, not heard
            if listed == "sight" and word == "light" and self._gentle(index):
                return None  # "light stretching": gentle, not light to see
            if listed == "sight" and word == "light" and self._light_thing(index):
                return None  # "a light weight", "light shoes": not heavy, not light to see
            if listed == "taste" and self._near(index, lex.senses["smell"], 3):
                return "smell"
            return listed
        if self._contact(index):
            return "touch"  # "sweat on my brow", "sand under your feet", "feel the grass"
        if body and (moving or (self.word_at(index - 1) in DETERMINERS and body not in BODY_NOUNS)):
            body = None  # "I lift the box" is a movement; "the stable" is a place
        if body and self.word_at(index + 1) in DETERMINERS and body not in BODY_NOUNS:
            body = None  # "loose the arrow", "release the rope": a verb with its object
        if body and touch:
            return "body" if self._about_body(index) or self._inside(index) else "touch"
        if touch:
            return "touch"
        if body:
            if body in lex.body_needs_felt and not (
                self._felt_before(index, 25) or self._about_body(index)
            ):
                return None
            return "body"
        return self._norm_channel(index)

    def _norm_channel(self, index: int) -> str | None:
        channel = _norm_channel(self.forms[index], self.words[index])
        if channel == "sound" and self.word_at(index - 1) in PASSIVE_MARKERS:
            return None  # "my name was called": naming, not a sound
        if channel in {"sight", "sound"} and self.concreteness(index) < ABSTRACT_PERCEPT:
            before = self.word_at(index - 1)
            source = channel == "sound" and (
                # a thing, or a name the norms do not know ("a curlew calling")
                (self.concreteness(index - 1) >= 4.0 or self.concreteness(index - 1) == 0)
                and before[:1].isalpha()
                and before not in FUNCTION_WORDS
                and not self.match(index - 1, self.lex.generic)
                and not self.match(index - 1, self.lex.body_parts)
            )
            return channel if source else None  # "loons calling", not "a story"
        return channel

    def _light_thing(self, index: int) -> bool:
        following = index + 1
        word = self.word_at(following)
        return (
            word[:1].isalpha()
            and word not in FUNCTION_WORDS
            and not word.endswith("ing")
            and self.match(following, self.lex.senses["sight"]) is None
            and self.match(following, self.lex.light) is None
            and self.concreteness(following) >= 3.5
            # "light spreads through me", "light fills my back": a verb, the light is seen
            and self.word_at(following + 1) not in FUNCTION_WORDS | _ARTICLES
        )

    def _gentle(self, index: int) -> bool:
        """'light stretching', 'a light workout': gentle; 'the light filtering in' is light."""
        following = index + 1
        before = self.word_at(index - 1)
        if before in {"the", "this", "that", "its"}:
            return False
        if before[:1].isalpha() and before not in FUNCTION_WORDS and before not in {"some"}:
            return False  # "a warm, healing light surrounding you": a light to see
        return following < self.size and (
            self.words[following].endswith("ing")
            or self.match_verb(following, self.lex.voluntary) is not None
            or self.words[following] in {"exercise", "exercises", "workout", "activity", "touch"}
        )

    def _contact(self, index: int) -> bool:
        """A concrete thing touching the body: "sweat on my brow", "feel the cool grass"."""
        if not _may_touch(self.forms[index]):
            return False
        back = index - 1
        while back >= 0 and self.words[back] in _ARTICLES:
            back -= 1
        if back >= 0 and self.words[back] == "feel":
            return True  # "feel the grass"
        if back >= 1 and self.words[back] in CONTACT and self.words[back] != "in":
            # "feet on the ground", "my back against the chair": the body on a thing
            for near in range(back - 1, max(-1, back - 4), -1):
                if self.match(near, self.lex.body_parts):
                    return True
                if self.words[near] in CLAUSE_BREAK:
                    break
        ahead = index + 1
        if self.words[ahead : ahead + 1] == [","]:
            return False
        if ahead < self.size and self.words[ahead] in CONTACT:
            for near in range(ahead + 1, min(self.size, ahead + 4)):
                if self.match(near, self.lex.body_parts):
                    return True
                if self.words[near] not in _ARTICLES:
                    break
        return False

    def _inside(self, index: int) -> bool:
        """'the pressure in your thighs', 'a squeeze across my back': felt inside the body,
        with no outside thing pressing ('the pressure of the chair' is touch)."""
        ahead = index + 1
        if self.word_at(ahead) not in {"on", "in", "through", "across", "into"}:
            return False
        ahead += 1
        while self.word_at(ahead) in _ARTICLES or self.word_at(ahead) in {"lower", "upper"}:
            ahead += 1
        return self.match(ahead, self.lex.body_parts) is not None

    def _on_the_body(self, index: int) -> bool:
        """'the air on my skin', 'sun across your shoulders': outside touch on the body."""
        for ahead in range(index + 1, min(len(self.words), index + 5)):
            if self.words[ahead] in CONTACT:
                return any(
                    self.match(i, self.lex.body_parts)
                    for i in range(ahead + 1, min(len(self.words), ahead + 4))
                )
            if self.words[ahead] in CLAUSE_BREAK:
                return False
        return False

    def _filled_prompt(self, index: int) -> str | None:
        """'hear the usual sounds' is empty; 'hear crickets' and 'the rich smell' are not."""
        lex = self.lex
        word = self.match(index, lex.empty) or self.match(index, lex.perceive) or ""
        channel = {
            "hear": "sound",
            "listen": "sound",
            "sound": "sound",
            "noise": "sound",
            "smell": "smell",
            "scent": "smell",
            "taste": "taste",
            "flavor": "taste",
            "flavour": "taste",
            "texture": "touch",
            "color": "sight",
            "colour": "sight",
            "shape": "sight",
        }.get(word)
        if channel is None:
            return None
        start, end = clause_bounds(self.tokens, index)
        if self.words[max(start, index - 1)] in QUALITY and index - 1 >= start:
            return channel
        perceiving = bool(self.match(index, lex.perceive))
        for ahead in range(index + 1, min(end, index + 6) + 1):
            word = self.words[ahead]
            if self.match(ahead, lex.generic) or self.match(ahead, lex.empty):
                continue
            if word in QUALITY or self.concreteness(ahead) >= 4.0:
                return channel
            if any(self.match(ahead, lex.senses[c]) for c in CHANNELS):
                return channel
            if (
                perceiving
                and word[:1].isalpha()
                and word not in FILLERS | EMPTY_FILL | DETERMINERS | POSSESSIVES
                and channel in {"sound", "smell", "taste"}
            ):
                return channel  # "hear my slow breathing", "smell the rosemary"
        return None


_ARTICLES = DETERMINERS | POSSESSIVES


@lru_cache(maxsize=65536)
def _listed(
    forms: tuple[str, ...],
) -> tuple[bool, bool, bool, bool, str | None, str | None, bool]:
    """What the coach's lists say of a word, whatever its context (decided once per word):
    body part, touch source (air, sun...), sense noun or perceiving verb, taste in the mouth,
    the first of taste, smell, sound and sight that lists it, its body-sense form, touch."""
    lex = lexicon()

    def first(words: frozenset[str]) -> str | None:
        return next((form for form in forms if form in words), None)

    listed = next((c for c in ("taste", "smell", "sound", "sight") if first(lex.senses[c])), None)
    return (
        first(lex.body_parts) is not None,
        first(_TOUCH_SOURCE_WORDS) is None and first(TOUCH_SOURCES) is not None,
        first(lex.empty) is not None or first(lex.perceive) is not None,
        first(lex.taste_in_mouth) is not None,
        listed,
        first(lex.senses["body"]),
        first(lex.senses["touch"]) is not None,
    )


@lru_cache(maxsize=65536)
def _may_touch(forms: tuple[str, ...]) -> bool:
    """A thing that could touch the body: concrete, and no general word, body part or verb."""
    lex = lexicon()
    if _concreteness(forms) < 4.0:
        return False
    return (lex.generic | lex.body_parts | lex.voluntary).isdisjoint(forms)


@lru_cache(maxsize=65536)
def may_sense(forms: tuple[str, ...], word: str) -> bool:
    """Could this word carry a channel in some context? Most words cannot: skip them early."""
    if not word[:1].isalpha():
        return False
    if not _SENSE_WORDS.isdisjoint(forms) or _concreteness(forms) >= 4.0:
        return True  # a listed word, or a thing that may touch the body
    return _norm_channel(forms, word) is not None


@lru_cache(maxsize=65536)
def _norm_channel(forms: tuple[str, ...], word: str) -> str | None:
    """The channel the Lancaster norms give a word the lists do not name, if clear enough."""
    lex = lexicon()
    if len(word) < 3 or not (lex.generic | lex.perceive | lex.voluntary).isdisjoint(forms):
        return None
    values = _strengths(forms)
    if values is None:
        return None
    dominant = max(MODALITIES, key=lambda m: values[m])
    total = sum(values.values())
    exclusivity = (values[dominant] - min(values.values())) / total if total else 0.0
    rule = NORM_CHANNEL.get(dominant)
    if rule is None:
        return None
    channel, strength, exclusive = rule
    if channel == "sight" and _concreteness(forms) >= 4.5:
        return None  # a named object ("mirror") is not yet colour, light or shape
    return channel if values[dominant] >= strength and exclusivity >= exclusive else None


def _sense_words() -> frozenset[str]:
    lex = lexicon()
    words = set(lex.body_parts | TOUCH_SOURCES | lex.empty | lex.perceive | lex.taste_in_mouth)
    words |= lex.light | COMPARATIVE_LIGHT | {"light"}
    for channel in CHANNELS:
        words |= lex.senses[channel]
    return frozenset(words)


_SENSE_WORDS = _sense_words()
_TOUCH_SOURCE_WORDS = lexicon().senses["touch"] & TOUCH_SOURCES
