"""Voluntary movement (shared/coach/LABELS.md, no_movement): the verb, who moves, and how."""

from __future__ import annotations

from functools import cache

from unbrace.coach.lexicon import lexicon
from unbrace.coach.reader import (
    AUXILIARIES,
    BODY_PASSIVE,
    BREATH_OBJECTS,
    BREATH_RISERS,
    CONCRETE,
    COUNTING,
    DETERMINERS,
    DRIFTING,
    FUNCTION_WORDS,
    LIMBS,
    MOVEMENT_NOUNS,
    NEEDS_OBJECT,
    NEEDS_THING,
    NEGATION_BRIDGE,
    OBJECT_PRONOUNS,
    PASSIVE_MARKERS,
    POSITION_WORDS,
    POSSESSIVES,
    SUBJECT_PRONOUNS,
    Reader,
)
from unbrace.coach.text import CLAUSE_BREAK, SENTENCE_BREAK, clause_bounds

# Words that make a following movement absent or feared: "afraid to bend".
ABSENT = frozenset({"afraid", "scared", "frightened", "unable", "fear", "avoid", "avoiding"})
# Before an -ing word with no object, it names the activity: "in cycling", "good at running".
ACTIVITY_PREPOSITIONS = frozenset({"in", "of", "about", "at", "for"})
# What is squeezed or tensed without anything moving: "squeeze the muscles", "brace your core".
CONTRACTION_OBJECTS = frozenset({"muscle", "muscles", "core", "abs", "tension", "glutes"})
CONTRACTING = frozenset({"tense", "tighten", "squeeze", "clench", "brace", "engage", "contract"})
# Where "move" goes: "move across the room", "moving into space" (not "move on").
_MOVE = frozenset({"move"})
DIRECTIONS = frozenset({"into", "across", "through", "toward", "towards", "along", "around"})
# Words between a squeezing verb and the muscles: "squeeze tight every muscle of your face".
SQUEEZE_FILL = frozenset(
    {"all", "both", "of", "every", "each", "tight", "tightly", "hard", "firmly", "gently"}
)
CARE_VERBS = frozenset({"dress", "undress", "wash", "dry", "lower", "lift", "pull", "stretch"})
REFLEXIVES = frozenset({"myself", "yourself", "himself", "herself", "ourselves", "themselves"})
# "close your eyes" sets up the practice; "close your hand into a fist" moves.
SETUP_OBJECTS = frozenset({"eye", "eyes", "eyelids", "lids", "mouth", "lips"})
# Adverbs between a subject and its verb: "the sun has almost reached the hills".
SUBJECT_ADVERBS = frozenset(
    {"almost", "already", "nearly", "even", "soon", "often", "sometimes", "usually", "never"}
)
LINKING = frozenset({"get", "gets", "getting", "grow", "growing", "is", "are", "was", "even"})
PLACE_PREPOSITIONS = frozenset({"at", "in", "on", "by", "near", "beside", "under", "inside"})

# An object rated below this (Brysbaert, 1-5) makes a movement verb a figure of speech:
# "carry the tension", "reach my goals", "shift your focus".
ABSTRACT = 3.1


@cache
def _perceiving_or_moving() -> frozenset[str]:
    lex = lexicon()
    return lex.felt | lex.perceive | lex.voluntary


class Movement(Reader):
    """Finds voluntary movements of the limbs or trunk, and who makes them."""

    def movement(self, index: int) -> tuple[int, int] | None:
        lex = self.lex
        verb = self.match_verb(index, lex.voluntary)
        if verb is None or index in self.negated_scope:
            return None
        if self.words[index] in POSITION_WORDS and self.match(index + 1, lex.body_parts):
            return None
        if self._general(index, verb):
            return None  # "moving", "make time", "move on": general activity
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
        if self._passive(index):
            return None
        if self._not_a_verb(index, verb):
            return None  # "a deep massage", "my hiking boots", "in cycling"
        if self._not_a_movement_of_limbs(index, last):
            return None  # "squeeze the muscles", "catch myself", "close your eyes"
        if self._negated_verb(index):
            return None  # "no hurry", "I never run", "I don't walk", "no longer need to lift"
        if self._breathing(index):
            return None  # "pull in clean air", "draw a breath"
        if self._figurative(index):
            return None  # "I bend and flow with ease", "walk with love"
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

    def _not_a_verb(self, index: int, verb: str) -> bool:
        """The word is a noun or a modifier here, not a verb in use."""
        word = self.words[index]
        before, two_before = self.word_at(index - 1), self.word_at(index - 2)
        if (
            word.endswith("s")
            and not word.endswith("ss")
            and word != verb
            and verb not in MOVEMENT_NOUNS  # "take walks" still walks
            and index > 0
            and (
                self.match_verb(index - 1, self.lex.voluntary) is not None
                or (
                    before in {"with", "of", "among", "for", "from"} and not self._has_object(index)
                )
            )
        ):
            return True  # "pulling weeds", "a garden with weeds": a noun, not a verb
        if verb == "close" and (self.word_at(index + 1) == "to" or before in PASSIVE_MARKERS):
            return True  # "those close to me", "we were close": near, not shutting
        if verb == "close" and not SETUP_OBJECTS.isdisjoint(self.words[index - 2 : index + 3]):
            return True  # "with eyes closed", "close your eyes": setting up the practice
        if verb == "lower" and before in LINKING:
            return True  # "the sun is getting lower": a comparison
        if (
            word == verb
            and before in {",", "and", "or"}
            and not self._has_object(index)  # "feel warm, stretch your arms": a verb
            and (
                self.match(index - 2, self.lex.senses["touch"])
                or self.match(index - 2, self.lex.senses["body"])
            )
        ):
            return True  # "soft, loose, limp and comfortable": an adjective in a list
        if verb == "step" and "closer" in self.words[index + 1 : index + 7]:
            return True  # "one step closer to my goals", "every step I take brings me closer"
        if (
            verb not in MOVEMENT_NOUNS  # "a long stride", "your morning walk" still move
            and (two_before in DETERMINERS or two_before in POSSESSIVES)
            and before[:1].isalpha()
            and before not in AUXILIARIES
            and before not in FUNCTION_WORDS
            and not before.endswith("ly")
            and self.concreteness(index - 1) < 3.9
            and not self.match(index - 1, self.lex.body_parts)
            and not self._person_noun(index - 1)
        ):
            return True  # "a single point", "a deep massage", "its warm embrace"
        if (before in POSSESSIVES or before in DETERMINERS) and self._compound(index + 1):
            return True  # "my hiking boots", "the swimming pool", "the kick drum"
        # "in cycling", "good at running": the activity, named
        return (
            word.endswith("ing")
            and word != verb
            and before in ACTIVITY_PREPOSITIONS
            and not self._has_object(index)
        )

    def _compound(self, index: int) -> bool:
        """A concrete noun right after the object's first word: "the finish line"."""
        word = self.word_at(index)
        return (
            word[:1].isalpha()
            and word not in FUNCTION_WORDS
            and word != "home"  # "the walk home"
            and word not in SUBJECT_PRONOUNS
            and word not in OBJECT_PRONOUNS
            and self.concreteness(index) >= 4.0
        )

    def _has_object(self, index: int) -> bool:
        following = self.word_at(index + 1)
        return (
            following in DETERMINERS
            or following in POSSESSIVES
            or following in self.lex.particles
            or self.match(index + 1, self.lex.body_parts) is not None
        )

    def _not_a_movement_of_limbs(self, index: int, last: int) -> bool:
        following = last + 1
        while self.word_at(following) in SQUEEZE_FILL or self.word_at(following) in (
            DETERMINERS | POSSESSIVES
        ):
            following += 1
        target = self.word_at(following)
        if target in CONTRACTION_OBJECTS:
            return True  # "squeeze all your muscles": a contraction, nothing moves
        if (
            target in REFLEXIVES
            and self.word_at(following + 1) not in self.lex.particles
            and self.match_verb(index, CARE_VERBS) is None  # "I dress myself"
        ):
            return True  # "I catch myself thinking", "push yourself": a figure of speech
        return self.words[index].startswith("clos") and target in SETUP_OBJECTS

    def _negated_verb(self, index: int) -> bool:
        back = index - 1
        # Back over auxiliaries, "need to", "no longer" and coordinated verbs ("lift or carry").
        while back >= 0:
            word = self.words[back]
            if self.tokens[back].negated:
                return True  # "don't write", "can't bend"
            skip = word in AUXILIARIES and word != "not"
            skip = skip or word in NEGATION_BRIDGE or word in {"or", "nor"}
            if not skip and self.word_at(back + 1) in {"or", "nor"}:
                skip = (
                    self.match_verb(back, self.lex.voluntary) is not None
                    or self.match(back, self.lex.general_actions) is not None  # "move or reach"
                )
            if not skip:
                break
            back -= 1
        return back >= 0 and (
            self.tokens[back].negated
            or self.words[back] in {"no", "not", "never", "without", "nothing"}
            or self.words[back] in ABSENT  # "afraid to bend", "unable to walk"
        )

    def _breathing(self, index: int) -> bool:
        """A movement verb whose object is air or breath is breathing, not movement."""
        for ahead in range(index + 1, min(self.size, index + 5)):
            if self.words[ahead] in BREATH_OBJECTS:
                return True
            if self.words[ahead] in SENTENCE_BREAK or self.words[ahead] in {",", "and"}:
                return False
            if self.words[ahead] in PASSIVE_MARKERS:
                return False  # "their leap is in the air": the air is where, not what
        return False

    def contraction(self, index: int) -> bool:
        """'tense the feet', 'squeeze all the muscles of your legs': a specific action of the
        body that moves nothing (no movement, but not vague either)."""
        if self.match(index, CONTRACTING) is None:
            return False
        following = index + 1
        while self.word_at(following) in SQUEEZE_FILL | {"up"} or self.word_at(following) in (
            DETERMINERS | POSSESSIVES
        ):
            following += 1
        return self.word_at(following) in CONTRACTION_OBJECTS or bool(
            self.match(following, self.lex.body_parts)
        )

    def _figurative(self, index: int) -> bool:
        """'walk with love', 'bend and flow with ease through every change': a figure of speech.

        The verb is followed by "with"/"through"/"in" and an abstract noun, and nothing in the
        sentence is concrete (no object, place or body part) to make it a real movement.
        """
        sentence = self.sentence(index)
        following = index + 1
        while (
            self.word_at(following) in self.lex.particles
            or self.word_at(following) in (DETERMINERS | POSSESSIVES)
            or self.word_at(following).endswith("ly")  # "squeeze tightly"
        ):
            following += 1
        word = self.word_at(following)
        value = self.concreteness(following)
        if (
            0 < value < ABSTRACT
            and len(word) >= 4
            and word not in FUNCTION_WORDS
            and word not in OBJECT_PRONOUNS  # "pushing them on the swings"
            and not self._compound(following + 1)  # "the finish line": a thing
            and not self.match(following, self.lex.body_parts)
            and not self._person_noun(following)
        ):
            return True  # an abstract object: "shift your focus", "reach my goals"
        abstract_after = False
        for near in range(index + 1, min(sentence.stop, index + 7)):
            if self.words[near] in {"with", "through", "into", "in"}:
                following = near + 1
                while following < sentence.stop and (
                    self.words[following] in DETERMINERS | POSSESSIVES
                    or self.words[following] in {"every", "all", "great", "such"}
                ):
                    following += 1
                value = self.concreteness(following)
                if 0 < value < 2.6 and not self.match(following, self.lex.body_parts):
                    abstract_after = True
                    break
        if not abstract_after:
            return False
        if any(self.match(near, self.lex.body_parts) for near in (index + 1, index + 2)):
            return False  # "bend your knees with care"
        return not any(
            self.concreteness(near) >= 4.0
            and not self.match(near, self.lex.generic)
            and not self.match(near, self.lex.body_parts)
            and self.match_verb(near, self.lex.voluntary) is None
            for near in sentence
            if near != index and self.words[near][:1].isalpha()
        )

    def _moved_by_someone(self, index: int, subject: str) -> bool:
        following = self.word_at(index + 1)
        if (
            subject == "other"
            and following in {"my", "your"}
            and self.match(index + 2, self.lex.body_parts)
        ):
            return True  # "the physio moves your arm": you are being moved
        if following in {"me", "us"}:
            return subject != "body"  # "my legs carry me down the stairs": I walk
        return (
            subject != "person"
            and following in POSSESSIVES
            and self.match(index + 2, self.lex.passive_subjects) is not None
        )

    def _passive(self, index: int) -> bool:
        word = self.words[index]
        if not word.endswith("ed") and word not in {"carried", "pushed", "rocked", "held"}:
            return False
        back = index - 1
        while self.word_at(back).endswith("ly"):
            back -= 1  # "you are comfortably dressed"
        before = self.word_at(back)
        if before in PASSIVE_MARKERS or self.word_at(index + 1) == "by":
            return True
        # "Carried along by the breeze": a participle opening its line has no one moving.
        return before in SENTENCE_BREAK | {"", ","} and self.word_at(index + 1) in {
            "along",
            "away",
            "gently",
            "softly",
            "through",
            "with",
        }

    def _general(self, index: int, verb: str) -> bool:
        if verb in NEEDS_THING:
            return not self._thing_object(index)
        return bool(self.match(index, self.lex.general_actions)) and (
            verb not in self.lex.needs_particle
        )

    def _thing_object(self, index: int) -> bool:
        """'make a hot drink', 'play the old piano', 'move your right arm': an everyday verb
        with a thing you could hold, or a limb, as its object."""
        following = index + 1
        if self.match_verb(index, _MOVE) and self.word_at(following) in DIRECTIONS:
            following += 1  # "move across the room", "moving into space": going somewhere
            while self.word_at(following) in DETERMINERS | POSSESSIVES:
                following += 1
            return self.concreteness(following) >= 3.5 and not self.match(
                following, self.lex.generic
            )
        for _ in range(4):
            word = self.word_at(following)
            if not (
                word in DETERMINERS
                or word in POSSESSIVES
                or word in {"up", "some", "all", "both", "left", "right", "upper", "lower"}
                or self.match(following, self.lex.senses["touch"])  # "a hot drink"
                or self.match(following, self.lex.senses["sight"])  # "the red kettle"
            ):
                break
            following += 1
        if following == index + 1 and self.concreteness(following) < CONCRETE:
            return False  # "make sure", "play hard"; but "cleaning windows", "play football"
        if self.match(following, self.lex.body_parts):
            return self.match(following, LIMBS) is not None
        return (
            self.concreteness(following) >= 4.0
            and not self.match(following, self.lex.generic)
            and not self.match(following, self.lex.pain)
            and not self._person_noun(following)
            and self.match(following, self.lex.senses["sight"]) is None
        )

    def _coordinated_verb(self, index: int) -> int | None:
        """The verb that ``index`` is joined to by "and"/"or" ("bend and sway"), if any."""
        back = index - 1
        while self.word_at(back).endswith("ly") or self.word_at(back) in SUBJECT_ADVERBS:
            back -= 1
        if self.word_at(back) not in {"and", "or"}:
            return None
        back -= 1
        while self.word_at(back) in self.lex.particles or self.word_at(back).endswith("ly"):
            back -= 1
        if back < 0 or self.match_verb(back, self.lex.voluntary) is None:
            return None
        if self.words[back].endswith("ing") != self.words[index].endswith("ing"):
            return None  # "walking and swim": not one verb phrase
        return back

    def _subject_word(self, index: int) -> str:
        start, _ = clause_bounds(self.tokens, index)
        for back in range(index - 1, max(start, index - 5) - 1, -1):
            if self.words[back] not in AUXILIARIES:
                return self.words[back]
        return ""

    def _object_of_place(self, index: int) -> bool:
        """A noun after a preposition of place: "at my desk", "in the old kitchen"."""
        for back in range(index - 1, max(-1, index - 5), -1):
            word = self.words[back]
            if word in PLACE_PREPOSITIONS:
                return True
            if word in CLAUSE_BREAK or word in SUBJECT_PRONOUNS or word in AUXILIARIES:
                return False
            if self.match_verb(back, self.lex.voluntary):
                return False
        return False

    def _subject(self, index: int) -> str:
        """Who moves: 'person', 'body' (my hips), 'thing' (the swing), 'noun-use', or 'none'."""
        lex = self.lex
        shared = self._coordinated_verb(index)
        if shared is not None:
            # "the crown of a tree may bend and sway": a verb joined by "and"/"or" to the one
            # before shares its subject.
            return self._subject(shared)
        previous = self.word_at(index - 1)
        if previous == "that" and self.words[index].endswith("ing"):
            pass  # "worry that bending over hurts": a clause, not "that bend"
        elif previous in DETERMINERS or previous.endswith("'s") or previous == "'s":
            return "noun-use"
        if previous in {
            "gentle",
            "slow",
            "soft",
            "easy",
            "long",
            "little",
            "small",
            "each",
            "every",
            "another",
        }:
            return "noun-use"
        if index > 0 and self.match(index - 1, lex.passive_subjects):
            return "thing"  # "the swing sways", "waves rolling"
        noun_before = index > 0 and (
            (self.concreteness(index - 1) >= 4.0 and not self.match(index - 1, lex.body_parts))
            or self._person_noun(index - 1)  # "the physiotherapist moves your arm"
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
            if word in AUXILIARIES or word.endswith("ly") or word in SUBJECT_ADVERBS:
                continue
            if word in SUBJECT_PRONOUNS or word == "let":
                return "person"
            if crossed:
                verb_before = self.match(back, _perceiving_or_moving())
                if word == "it" and not verb_before:
                    return "thing"  # "it widens and then draws in"; not "feel it cold"
                continue
            if (
                self.words[index].endswith("ing")
                and self.match_verb(index, lex.voluntary) != self.words[index]  # not "swing"
                and self._object_of_place(back + 1)
                and not self.match(back + 1, lex.body_parts)
            ):
                crossed = True  # "sitting at my desk typing": the desk is where, not who
                continue
            if self.match(back + 1, lex.body_parts):
                return "body"
            if self._person_noun(back + 1):
                return "other"  # "watch the gymnast leap": another person's movement counts
            if self.match(back + 1, lex.passive_subjects) or self.match(back + 1, lex.generic):
                return "thing"
            if self.concreteness(back + 1) >= 4.0:
                return "thing"
            return "none"
        return "none"
