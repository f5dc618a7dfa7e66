"""Concreteness (shared/coach/LABELS.md, vague): things you could point at, qualified light."""

from __future__ import annotations

from functools import cache

from unbrace.coach.lexicon import lexicon
from unbrace.coach.reader import (
    BODY_COMPOUNDS,
    CONCRETE,
    DETERMINERS,
    NAME_OPENERS,
    PEOPLE,
    POSSESSIVES,
    SUBJECT_PRONOUNS,
    TIMES,
    Reader,
)
from unbrace.coach.text import CLAUSE_BREAK


class Concrete(Reader):
    """Words that name a concrete place or object."""

    def concrete_word(self, index: int) -> bool:
        lex = self.lex
        word = self.words[index]
        if not word[:1].isalpha() or len(word) < 3 or index in self.negated_scope:
            return False
        if self.match(index, lex.light):
            return not self._body_light(index) and self._qualified_light(index)
        if self.concreteness(index) < CONCRETE:
            return False  # most words: decided before any list is looked at
        if not _not_things().isdisjoint(self.form_sets[index]):
            return False  # body parts, general words, perceiving, stillness, pain, times
        if word.endswith(("ing", "ed")) and word not in self.norms.concreteness:
            return False  # "labeling", "stored": an action or a state, rated through its stem
        if word.endswith("ing") and not (
            self._noun_use(index)
            or (self._noun_use(index - 1) and self.concreteness(index - 1) < 4.0)
        ):
            return False  # "care flooding the area", "the heather scratching": a verb; "the
            # railing", "the old railing" are things
        if self.match_verb(index, lex.voluntary) and not self._noun_use(index):
            return False  # "swimming", "eat": a verb here, counted as movement if it is one
        if self._sense_quality(index):
            return False  # "yellow", "hot": a quality, not a thing
        if self._verb_position(index):
            return False  # "I eat well", "to drink", "I couldn't train": a verb in use
        if self.match(index - 1, lex.body_parts) and self.match(index, BODY_COMPOUNDS):
            return False  # "rib cage", "blood vessels", "shoulder blades": part of the body
        if self.match(index, _PEOPLE_ONLY):
            return False  # "the dancer", "my family": people alone set no scene
        if self._negated_thing(index):
            return False  # "I don't want to eat sugar", "without a car": not in the scene
        return not self._figure_of(index)

    def _verb_position(self, index: int) -> bool:
        back = index - 1
        while self.word_at(back).endswith("ly") and back > index - 3:
            back -= 1  # "you can positively train your mind": an adverb between
        before = self.word_at(back)
        if before in RELATIVES and self.word_at(index + 1) in DETERMINERS | POSSESSIVES:
            return True  # "the intelligence that runs your body": a verb with its object
        if before in VERB_BEFORE or (index > 0 and self.tokens[back].negated):
            return True
        if before not in SUBJECT_PRONOUNS:
            return False
        # "around you trees sway": "you" is an object there, and the trees are things.
        return not (before in {"you", "yourself"} and self.word_at(index - 2) in AROUND)

    def _negated_thing(self, index: int) -> bool:
        for back in range(index - 1, max(-1, index - 6), -1):
            token = self.tokens[back]
            if token.word in CLAUSE_BREAK:
                return False
            if token.negated or token.word in {"no", "not", "never", "without"}:
                return True
        return False

    def proper_place(self, index: int) -> bool:
        """A named place: "in Spain", "at the bottom of Angliru" (a name after "in", "at"...)."""
        token = self.tokens[index]
        if not token.is_word or token.raw[:1].islower() or token.raw.isupper():
            return False
        if not self._name(index):
            return False
        back = index - 1
        while self.word_at(back) == "the":
            back -= 1
        return self.word_at(back) in {"in", "at", "of", "to", "from", "near"}

    def _name(self, index: int) -> bool:
        """A capital inside a sentence, on a word the norms do not know."""
        if index == 0 or self.tokens[index - 1].word in NAME_OPENERS:
            return False
        return not self.norms.known(self.words[index])

    def _noun_use(self, index: int) -> bool:
        before = self.word_at(index - 1)
        return before in DETERMINERS or before in POSSESSIVES or before.endswith("'s")

    def _sense_quality(self, index: int) -> bool:
        lex = self.lex
        quality = self.match(index, lex.senses["sight"]) or self.match(index, lex.senses["touch"])
        if quality is None or self.concreteness(index) >= 4.6:
            return False
        return not self._noun_use(index)  # "the clouds" is a thing; "white" or "hot" is not

    def _figure_of(self, index: int) -> bool:
        """'a wave of energy', 'a sea of calm': a concrete word holding an abstract one."""
        if self.word_at(index + 1) != "of":
            return False
        following = index + 2
        while self.word_at(following) in DETERMINERS or self.word_at(following) in POSSESSIVES:
            following += 1
        value = self.concreteness(following)
        if not 0 < value < 3.4 or self.match(following, self.lex.body_parts):
            return False
        return not any(self.match(following, words) for words in self.lex.senses.values())

    def _qualified_light(self, index: int) -> bool:
        sentence = self.sentence(index)  # "Golden, warm light": commas may sit between
        for near in range(max(sentence.start, index - 4), min(sentence.stop - 1, index + 3) + 1):
            if near == index:
                continue
            if self.match(near, self.lex.senses["sight"] | self.lex.senses["touch"]) and not (
                self.match(near, self.lex.light)
            ):
                return True
        return False


# People, not animals: "my dog at my feet" is a thing to picture.
_PEOPLE_ONLY = PEOPLE - {"dog", "puppy"}
AROUND = frozenset(
    {
        "around",
        "beside",
        "before",
        "behind",
        "above",
        "below",
        "near",
        "over",
        "under",
        "of",
        "to",
        "with",
        "for",
        "at",
        "on",
        "in",
    }
)
RELATIVES = frozenset({"that", "which", "who"})
# Words after which a verb follows: "to drink", "can swim", "will paint".
VERB_BEFORE = frozenset({"to", "can", "could", "will", "would", "should", "must", "might", "may"})


@cache
def _not_things() -> frozenset[str]:
    """Concrete-rated words that name no place or object in a script."""
    lex = lexicon()
    return (
        lex.body_parts
        | lex.generic
        | lex.general_actions
        | lex.perceive
        | lex.not_movement
        | lex.pain
        | TIMES
    )
