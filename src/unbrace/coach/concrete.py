"""Concreteness (shared/coach/LABELS.md, vague): things you could point at, qualified light."""

from __future__ import annotations

from unbrace.coach.reader import CONCRETE, Reader


class Concrete(Reader):
    """Words that name a concrete place or object."""

    def concrete_word(self, index: int) -> bool:
        lex = self.lex
        word = self.words[index]
        if not word[:1].isalpha() or len(word) < 3 or index in self.negated_scope:
            return False
        if self.match(index, lex.light):
            return not self._body_light(index) and self._qualified_light(index)
        if (
            self.match(index, lex.body_parts)
            or self.match(index, lex.generic)
            or self.match(index, lex.general_actions)
            or self.match(index, lex.perceive)
            or self.match(index, lex.not_movement)
            or self.match(index, lex.pain)
        ):
            return False
        return self.concreteness(index) >= CONCRETE

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
