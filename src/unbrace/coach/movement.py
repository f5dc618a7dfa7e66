"""Voluntary movement (shared/coach/LABELS.md, no_movement): the verb, who moves, and how."""

from __future__ import annotations

from unbrace.coach.reader import (
    AUXILIARIES,
    BODY_PASSIVE,
    BREATH_RISERS,
    COUNTING,
    DETERMINERS,
    DRIFTING,
    MOVEMENT_NOUNS,
    NEEDS_OBJECT,
    PASSIVE_MARKERS,
    POSITION_WORDS,
    POSSESSIVES,
    STAIR_WORDS,
    SUBJECT_PRONOUNS,
    Reader,
)
from unbrace.coach.text import SENTENCE_BREAK, clause_bounds


class Movement(Reader):
    """Finds voluntary movements of the limbs or trunk, and who makes them."""

    def movement(self, index: int) -> tuple[int, int] | None:
        lex = self.lex
        verb = self.match_verb(index, lex.voluntary)
        if verb is None or index in self.negated_scope:
            return None
        if self.words[index] in POSITION_WORDS and self.match(index + 1, lex.body_parts):
            return None
        if self.match(index, lex.general_actions) and verb not in lex.needs_particle:
            return None
        last = index
        if verb in lex.needs_particle:
            wanted = lex.needs_particle[verb]
            if self.word_at(index + 1) in wanted:
                last = index + 1
            elif self.word_at(index + 1) in lex.particles and self.word_at(index + 2) in wanted:
                last = index + 2  # "stand back up"
            else:
                return None
            if self.word_at(last + 1) == "with":
                return None  # "getting on with things"
        if verb in NEEDS_OBJECT and self.word_at(index + 1) not in POSSESSIVES:
            return None  # "round" is a shape unless it is "round my back"
        if self.word_at(index - 1) in POSSESSIVES and verb not in MOVEMENT_NOUNS:
            return None  # "my lower back"
        if verb == "step" and self.word_at(index - 1) in STAIR_WORDS:
            return None
        if self._passive(index):
            return None
        if self._negated_verb(index):
            return None  # "no hurry", "I never run", "I don't walk"
        subject = self._subject(index)
        if subject == "thing":
            return None
        if self._moved_by_someone(index, subject):
            return None  # "my partner carries me", "the nurse pushes my wheelchair"
        if (
            verb in DRIFTING
            and self.words[index].endswith("ing")
            and self.words[index] != verb
            and subject != "body"
            and self.word_at(index + 1) not in POSSESSIVES
        ):
            return None  # "swaying gently as the breeze moves it"
        if subject == "noun-use" and not (
            verb in MOVEMENT_NOUNS and self.word_at(index - 1) in COUNTING
        ):
            return None
        if (
            subject == "body"
            and (verb in lex.passive_prone or verb == "stack")
            and (verb in BODY_PASSIVE or self._subject_word(index) in BREATH_RISERS)
        ):
            return None
        nxt = self.word_at(last + 1)
        if nxt in lex.particles and last + 1 < len(self.words):
            last += 1
        return index, last

    def _negated_verb(self, index: int) -> bool:
        back = index - 1
        while back >= 0 and self.words[back] in AUXILIARIES - {"not"}:
            back -= 1
        return back >= 0 and (
            self.tokens[back].negated or self.words[back] in {"no", "not", "never", "without"}
        )

    def _moved_by_someone(self, index: int, subject: str) -> bool:
        following = self.word_at(index + 1)
        if following in {"me", "us"}:
            return True
        return (
            subject != "person"
            and following in POSSESSIVES
            and self.match(index + 2, self.lex.passive_subjects) is not None
        )

    def _passive(self, index: int) -> bool:
        word = self.words[index]
        if not word.endswith("ed") and word not in {"carried", "pushed", "rocked", "held"}:
            return False
        before = self.word_at(index - 1)
        return before in PASSIVE_MARKERS or self.word_at(index + 1) == "by"

    def _subject_word(self, index: int) -> str:
        start, _ = clause_bounds(self.tokens, index)
        for back in range(index - 1, max(start, index - 5) - 1, -1):
            if self.words[back] not in AUXILIARIES:
                return self.words[back]
        return ""

    def _subject(self, index: int) -> str:
        """Who moves: 'person', 'body' (my hips), 'thing' (the swing), 'noun-use', or 'none'."""
        lex = self.lex
        previous = self.word_at(index - 1)
        if previous in DETERMINERS or previous.endswith("'s") or previous == "'s":
            return "noun-use"
        if previous in {"gentle", "slow", "soft", "easy", "long", "little", "small", "each"}:
            return "noun-use"
        if index > 0 and self.match(index - 1, lex.passive_subjects):
            return "thing"  # "the swing sways", "waves rolling"
        noun_before = (
            index > 0
            and self.concreteness(index - 1) >= 4.0
            and not self.match(index - 1, lex.body_parts)
        )
        if self.word_at(index + 1) in POSSESSIVES and (
            self.words[index].endswith("ing") or not noun_before
        ):
            # "brushing my teeth", "rock your pelvis": the person acts. But a finite verb right
            # after a noun has that noun as its subject: "the nurse pushes my wheelchair".
            return "person"
        back = index - 1
        crossed = False  # past "and", "then" or a comma, nouns are objects of an earlier verb
        while back >= max(0, index - 10):
            word = self.words[back]
            back -= 1
            if word in SENTENCE_BREAK:
                break
            if word in {"and", "then", "or", ","}:
                crossed = True
                continue
            if word in AUXILIARIES or word.endswith("ly"):
                continue
            if word in SUBJECT_PRONOUNS or word == "let":
                return "person"
            if crossed:
                verb_before = self.match(back, lex.felt | lex.perceive | lex.voluntary)
                if word == "it" and not verb_before:
                    return "thing"  # "it widens and then draws in"; not "feel it cold"
                continue
            if self.match(back + 1, lex.body_parts):
                return "body"
            if self.match(back + 1, lex.passive_subjects) or self.match(back + 1, lex.generic):
                return "thing"
            if self.concreteness(back + 1) >= 4.0:
                return "thing"
            return "none"
        return "none"
