"""Negated pain (shared/coach/LABELS.md, negation): NegEx-style triggers and their scope."""

from __future__ import annotations

from unbrace.coach.reader import Reader
from unbrace.coach.text import clause_bounds


class Negation(Reader):
    """Finds negated-pain phrases and marks their words as negated scope."""

    def negated_pain(self) -> list[tuple[int, int]]:
        lex = self.lex
        phrases: list[tuple[int, int]] = []
        for index in range(len(self.tokens)):
            pain = self.match(index, lex.pain)
            if pain is None:
                continue
            start, end = clause_bounds(self.tokens, index)
            # Tension leaving is an image to keep; only a plain "no tension" counts.
            plain = pain in lex.leaving_is_imagery
            trigger = self._negator_before(index, start, plain)
            if pain in lex.pain_noun_only and trigger is not None and index - trigger > 3:
                trigger = None
            if trigger is None and pain not in lex.pain_noun_only:
                trigger = self._negator_after(index, end, plain)
            if trigger is None:
                continue
            first, last = min(trigger, index), max(trigger, index)
            if phrases and first <= phrases[-1][1]:
                continue  # one phrase, already counted ("no aching, stiffness")
            phrases.append((first, last))
            self.negated_scope.update(range(first, last + 1))
        return phrases

    def _negator_before(self, index: int, clause_start: int, plain: bool) -> int | None:
        for back in range(index - 1, max(clause_start, index - self.lex.window) - 1, -1):
            token = self.tokens[back]
            if plain:
                if token.negated or self.words[back] in self.lex.plain_negators:
                    return back
                continue
            if self.words[back] == "go" and self.word_at(back - 1) == "let":
                return back - 1  # "let go of all the pain"
            if token.negated or self.match(back, self.lex.negate_before):
                if self.word_at(back) == "let" and self.word_at(back + 1) != "go":
                    continue
                return back
        return None

    def _negator_after(self, index: int, clause_end: int, plain: bool) -> int | None:
        for ahead in range(index + 1, min(clause_end, index + self.lex.window) + 1):
            if self.word_at(ahead) == "-" and self.word_at(ahead + 1) in {"free", "less"}:
                return ahead + 1
            if self.tokens[ahead].negated:
                return ahead
            if plain:
                if self.words[ahead] == "free":
                    return ahead  # "tension free"
                continue
            if self.match(ahead, self.lex.negate_after):
                return ahead
        if self.word_at(index).endswith("less") and self.word_at(index) != "less":
            return index  # painless
        return None

    def other_description(self, phrase: tuple[int, int], described: set[int]) -> bool:
        """Does anything besides the negated-pain phrase describe how it feels?

        Actions and objects set the scene; the experience is described by what is sensed or
        felt ("lighter", "warm"): a sense word outside the phrase. Abstract states and
        evaluations ("I feel better", "healthy", "relaxed") describe nothing (LABELS.md).
        """
        return any(not phrase[0] <= index <= phrase[1] for index in described)
