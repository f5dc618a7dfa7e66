"""Negated pain (shared/coach/LABELS.md, negation): NegEx-style triggers and their scope."""

from __future__ import annotations

from unbrace.coach.reader import FUNCTION_WORDS, POSSESSIVES, Reader
from unbrace.coach.text import CLAUSE_BREAK, SENTENCE_BREAK, clause_bounds

# A subject pronoun after a pain word starts a clause of its own.
SUBJECTS = frozenset({"i", "you", "we", "he", "she", "they"})


# Pain of the mind or the heart is no bodily complaint: "mental pain", "emotional hurt".
NOT_BODILY = frozenset({"mental", "emotional", "psychological", "social", "financial"})

# "The pain stopped me", "it beat us": the pain acting on someone is in charge, not defeated.
AGENT_OF = frozenset({"me", "you", "us", "him", "her", "them", "my", "your", "our", "their"})
AGENT_VERBS = frozenset({"stop", "beat", "win", "control", "lose"})


class Negation(Reader):
    """Finds negated-pain phrases and marks their words as negated scope."""

    def negated_pain(self) -> list[tuple[int, int]]:
        lex = self.lex
        phrases: list[tuple[int, int]] = []
        triggers: dict[int, int] = {}  # pain word -> its negator, for coordinated words
        pains = self.indices(lex.pain)
        pronouns = self._pain_pronouns(pains)
        for index in sorted(pains + list(pronouns)):
            if pronouns.get(index, -1) in triggers:
                continue  # "release the pain and let it go": the pain was already let go
            pain = self.match(index, lex.pain) or self.words[index]
            if self._harms_no_body(index):
                continue  # "it never hurt my performances": harm, not a bodily complaint
            if pain in lex.pain_noun_only and self._modifier(index):
                continue  # "removing bad ones", "a catch phrase": it qualifies another noun
            if self.word_at(index - 1) in NOT_BODILY:
                continue  # "free of mental pain": pain of the mind, no bodily complaint
            if self.words[index].endswith("ly") and not pain.endswith("ly"):
                continue  # "not too tightly", "badly": a manner, not a complaint
            start, end = clause_bounds(self.tokens, index)
            # Tension leaving is an image to keep; only a plain "no tension" counts.
            plain = pain in lex.leaving_is_imagery
            trigger = self._negator_before(index, start, plain)
            if trigger is None and not plain:
                trigger = self._coordinated(index, triggers)
            if pain in lex.pain_noun_only and trigger is not None and index - trigger > 3:
                trigger = None
            if trigger is None and pain not in lex.pain_noun_only:
                trigger = self._negator_after(index, end, plain)
            if trigger is None or (trigger < index and self._undone(trigger)):
                continue
            triggers[index] = trigger
            first, last = min(trigger, index), max(trigger, index)
            if phrases and first <= phrases[-1][1]:
                continue  # one phrase, already counted ("no aching, stiffness")
            phrases.append((first, last))
            self.negated_scope.update(range(first, last + 1))
        return phrases

    def _modifier(self, index: int) -> bool:
        following = self.word_at(index + 1)
        return (
            following[:1].isalpha()
            and following not in FUNCTION_WORDS
            and following not in {"and", "or", "but", "anymore", "today", "now", "again"}
            and self.match(index + 1, self.lex.pain) is None
        )

    def _harms_no_body(self, index: int) -> bool:
        """'hurt' or 'bother' as a verb whose object is abstract ("hurt my chances")."""
        if self.match(index, self.lex.pain_verbs) is None:
            return False
        ahead = index + 1
        while self.word_at(ahead) in {"any", "of", "all", "the", "a"} or (
            self.word_at(ahead) in POSSESSIVES
        ):
            ahead += 1
        if ahead == index + 1 or not self.word_at(ahead)[:1].isalpha():
            return False  # "it hurts", "doesn't hurt me"
        value = self.concreteness(ahead)
        return 0 < value < 3.5 and not self.match(ahead, self.lex.body_parts)

    def _pain_pronouns(self, pains: list[int]) -> dict[int, int]:
        """'Picture the ache as a grey stone. Watch it shrink.': an "it" standing for pain.

        The antecedent is the last pain or tension word (or such an "it") before, in the same
        sentence or the one before; an "it" standing for tension is left out (tension leaving
        is imagery), and so is one whose own clause names the pain ("it doesn't hurt").
        Returns each such "it" with the pain word it stands for.
        """
        found: dict[int, int] = {}
        if not pains:
            return found
        lex = self.lex
        roots = {pain: pain for pain in pains}  # an "it" for pain may stand for the next "it"
        for index, word in enumerate(self.words):
            if word != "it" or index < pains[0]:
                continue
            antecedent = max(anchor for anchor in roots if anchor < index)
            breaks = sum(1 for i in range(antecedent, index) if self.words[i] in SENTENCE_BREAK)
            if breaks > 1 or index - antecedent > 25:
                continue
            root = roots[antecedent]
            if self.match(root, lex.leaving_is_imagery) or self.match(root, lex.pain_noun_only):
                continue
            _, end = clause_bounds(self.tokens, index)
            if any(index < pain <= end for pain in pains):
                continue
            found[index] = root
            roots[index] = root
        return found

    def _coordinated(self, index: int, triggers: dict[int, int]) -> int | None:
        """'dissolving tension and discomfort': a pain word joined to one with a negator."""
        before = index - 1
        while before >= 0 and self.words[before] in {"and", "or", "nor", ",", "any", "all"}:
            before -= 1
        if before == index - 1 or not self.match(before, self.lex.pain):
            return None
        if before in triggers:
            return triggers[before]
        start, _ = clause_bounds(self.tokens, before)
        return self._negator_before(before, start, False)

    def _undone(self, trigger: int) -> bool:
        """'they didn't erase my pain': a negated remover leaves the pain where it was."""
        if self.words[trigger] in self.lex.plain_negators or self.tokens[trigger].negated:
            return False
        back = trigger - 1
        while back >= 0 and self.words[back] in {"do", "does", "did", "will", "can", "could"}:
            if self.tokens[back].negated:
                return True  # "didn't"
            back -= 1
        if back >= 0 and (self.tokens[back].negated or self.words[back] in {"not", "never"}):
            return True
        # "isn't going to magically take away the inflammation": the remover's own verb phrase
        for before in range(trigger - 1, max(-1, trigger - 6), -1):
            if self.words[before] in CLAUSE_BREAK:
                break
            if self.tokens[before].negated:
                return True  # "it doesn't take away the pain"
        return False

    def _negator_before(self, index: int, clause_start: int, plain: bool) -> int | None:
        for back in range(index - 1, max(clause_start, index - self.lex.window) - 1, -1):
            token = self.tokens[back]
            if self.match(back, self.lex.negation_ends) and not token.negated:
                return None  # "nobody understood my pain", "I don't push through pain"
            if self.words[back] == "no" and self.word_at(back + 1) == "matter":
                return None  # "no matter how bad it gets": an idiom, nothing is negated
            if plain:
                if token.negated or self.words[back] in self.lex.plain_negators:
                    return back
                continue
            if self.words[back] == "go" and self.word_at(back - 1) == "let":
                return back - 1  # "let go of all the pain"
            if self.words[back] == "out" and self.match(back - 1, self.lex.send_out):
                return back - 1  # "breathe out the pain", "blow out all the ache"
            if token.negated or self.match(back, self.lex.negate_before):
                if self.word_at(back) == "let" and self.word_at(back + 1) != "go":
                    continue
                if self.word_at(back) == "few" and self.word_at(back - 1) == "a":
                    continue  # "a few aches" are some; "very few twinges" are almost none
                return back
        return None

    def _negator_after(self, index: int, clause_end: int, plain: bool) -> int | None:
        # "The aches you have been dealing with are no longer there": a predicate's negation
        # reaches further than a leaving word.
        for ahead in range(index + 1, min(clause_end, index + 2 * self.lex.window) + 1):
            if self.words[ahead] == "no" and self.word_at(ahead + 1) == "longer":
                return ahead
        # "the pain in your lower back is melting": where the pain is does not count as distance.
        reach = index + self.lex.window + self._where(index + 1)
        if any(word in SUBJECTS for word in self.words[index + 1 : reach + 1]):
            reach += self.lex.window  # "the ache I used to have is gone": a relative clause
        subject = False  # past "I", "you": a negation there is the new clause's own
        for ahead in range(index + 1, min(clause_end, reach) + 1):
            if self.words[ahead] in SUBJECTS:
                # "when I was injured I couldn't train", but "the pain you feel fades"
                subject = True
                continue
            if self.word_at(ahead) == "-" and self.word_at(ahead + 1) in {"free", "less"}:
                return ahead + 1
            if subject and (
                self.tokens[ahead].negated or self.words[ahead] in self.lex.negate_predicate
            ):
                continue
            if self.tokens[ahead].negated:
                return ahead
            if (
                not plain
                and self.words[ahead] == "go"
                and "let" in self.words[max(0, ahead - 4) : ahead]
            ):
                return ahead  # "let it go", "let the ache go"; "let the tension go" is imagery
            if self.words[ahead] in self.lex.negate_predicate:
                return ahead  # "pain has no place in me", "the ache will not stop me"
            if plain:
                if self.words[ahead] == "free":
                    return ahead  # "tension free"
                continue
            if self.match(ahead, self.lex.negate_after):
                if self.words[ahead].startswith("control") and self.word_at(ahead - 1) not in {
                    "under",
                    "in",
                }:
                    continue  # "it controlled my life": pain in charge, not defeated
                if self.word_at(ahead + 1) in AGENT_OF and self.match(ahead, AGENT_VERBS):
                    continue  # "the pain stopped me from running": pain in charge
                return ahead
        if self.word_at(index).endswith("less") and self.word_at(index) != "less":
            return index  # painless
        return None

    def _where(self, index: int) -> int:
        """The length of a phrase naming a body part at ``index`` ("in my lower back"), or 0."""
        if self.word_at(index) not in {"in", "of", "on", "across", "through", "around"}:
            return 0
        ahead = index + 1
        while ahead < index + 5 and not self.match(ahead, self.lex.body_parts):
            word = self.word_at(ahead)
            if not (word in POSSESSIVES or word in {"the", "a", "lower", "upper", "left", "right"}):
                return 0
            ahead += 1
        return ahead - index + 1 if self.match(ahead, self.lex.body_parts) else 0

    def other_description(self, phrase: tuple[int, int], described: set[int]) -> bool:
        """Does anything besides the negated-pain phrase describe how it feels?

        Actions and objects set the scene; the experience is described by what is sensed or
        felt ("lighter", "warm"): sense words outside the phrase. Abstract states and
        evaluations ("I feel better", "healthy", "relaxed") describe nothing (LABELS.md).
        """
        # "Otherwise rich": two sense words at least, not one in passing (LABELS.md).
        return sum(1 for index in described if not phrase[0] <= index <= phrase[1]) >= 2
