"""Reading an imagery script: the four flags of shared/coach/LABELS.md, with their evidence.

The rules, in short:
- vague: no concrete place, object or specific action (body parts alone do not count);
- negation: two or more negated-pain phrases, or one that is the only description;
- low_sensory: fewer than two of six sense channels;
- no_movement: no voluntary movement of the limbs or trunk.

Each token is matched by its base forms against the coach's lists (lexicon.toml) and, where the
lists are silent, the published norms: concreteness for "is this a thing you could point at",
perceptual strength for sound, sight and touch words the lists do not name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

from unbrace.coach.lexicon import CHANNELS, Lexicon, lexicon
from unbrace.coach.norms import MODALITIES, Norms, load_norms
from unbrace.coach.text import (
    CLAUSE_BREAK,
    SENTENCE_BREAK,
    clause_bounds,
    correct,
    forms,
    tokenize,
)

FLAGS = ("vague", "negation", "low_sensory", "no_movement")

# A thing you could point at: Brysbaert concreteness at or above this (1-5 scale).
CONCRETE = 4.3
# Norm-based sense words: the modality must dominate strongly and fairly exclusively.
NORM_CHANNEL = {
    "visual": ("sight", 4.2, 0.65),
    "auditory": ("sound", 3.5, 0.5),
    "haptic": ("touch", 4.0, 0.5),
}

SUBJECT_PRONOUNS = {"i", "you", "we", "he", "she", "they", "myself", "yourself", "yourselves"}
POSSESSIVES = {"my", "your", "his", "her", "our", "their"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its"}
AUXILIARIES = {
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "will",
    "would",
    "can",
    "could",
    "do",
    "does",
    "did",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "have",
    "has",
    "had",
    "to",
    "not",
    "also",
    "just",
    "then",
    "now",
    "still",
    "slowly",
    "gently",
    "easily",
    "softly",
    "carefully",
    "smoothly",
    "calmly",
    "freely",
    "quietly",
    "always",
    "finally",
    "really",
}
PASSIVE_MARKERS = {"being", "been", "get", "got", "gets", "am", "is", "are", "was", "were"}
BREATH_RISERS = {"chest", "belly", "ribs", "rib", "lungs", "stomach", "abdomen", "breath"}
STAIR_WORDS = {
    "the",
    "wooden",
    "stone",
    "front",
    "porch",
    "stair",
    "top",
    "bottom",
    "concrete",
    "garden",
    "on",
    "back",
    "these",
    "those",
    "steep",
    "narrow",
    "icy",
    "of",
}
FILLERS = {
    "i",
    "you",
    "me",
    "my",
    "your",
    "it",
    "is",
    "am",
    "are",
    "was",
    "were",
    "be",
    "the",
    "a",
    "an",
    "and",
    "or",
    "to",
    "of",
    "in",
    "on",
    "at",
    "now",
    "today",
    "anymore",
    "again",
    "forever",
    "ever",
    "all",
    "totally",
    "completely",
    "really",
    "so",
    "very",
    "just",
    "feel",
    "feels",
    "felt",
    "there",
    "this",
    "that",
    "when",
    "as",
    "do",
    "does",
    "will",
    "have",
    "has",
    "with",
    "any",
    "anywhere",
    "since",
    "after",
    "before",
    "from",
    "not",
    "no",
    "back",
    "always",
    "finally",
    "still",
    "even",
    "quite",
    "more",
    "less",
    "then",
    "here",
    "instead",
    "day",
    "days",
    "time",
    "one",
    "bit",
    "little",
    "much",
    "can",
    "could",
    "would",
}
QUALITY = {
    "rich",
    "faint",
    "sharp",
    "sweet",
    "fresh",
    "strong",
    "loud",
    "soft",
    "gentle",
    "deep",
    "high",
    "low",
    "bright",
    "clear",
    "crisp",
    "earthy",
    "warm",
    "cool",
}
COMPARATIVE_LIGHT = {"lighter", "lightness", "lightly"}
# Body-sense nouns that keep their meaning after "the": "I feel the weight shift".
BODY_NOUNS = {"weight", "pressure", "effort", "load", "stretch", "heaviness", "lightness"}
# "lower back", "upper arm": position words, not the verbs lower and upper.
POSITION_WORDS = {"lower", "upper"}
# Things felt on the skin when they touch the body ("cool air on my face", "sun on my back").
TOUCH_SOURCES = frozenset(
    {
        "air",
        "breeze",
        "wind",
        "sun",
        "sunlight",
        "sunshine",
        "water",
        "rain",
        "mist",
        "spray",
        "snow",
        "steam",
        "draught",
        "draft",
        "hand",
        "hands",
    }
)
# Motion verbs that, without a body part or possessive object, describe being moved.
DRIFTING = {"sway", "rock", "swing", "bob", "float", "drift", "glide"}
# Feelings and evaluations: not sense channels, but they describe the experience.
FEELINGS = {
    "happy",
    "calm",
    "relaxed",
    "confident",
    "free",
    "peaceful",
    "good",
    "great",
    "better",
    "wonderful",
    "joyful",
    "proud",
    "safe",
    "content",
    "comfortable",
    "easy",
    "strong",
    "capable",
    "fine",
    "amazing",
    "grateful",
    "hopeful",
    "glad",
    "excited",
    "ready",
    "energised",
    "energized",
}
# Words that leave a prompt empty: "hear the usual sounds", "smell what is around you".
EMPTY_FILL = {
    "usual",
    "normal",
    "different",
    "various",
    "familiar",
    "any",
    "all",
    "some",
    "around",
    "there",
    "them",
    "it",
    "what",
    "everything",
    "nearby",
    "other",
    "whatever",
}
# Movement words that still name a movement as nouns ("my walk", "a long stride", "a swim").
MOVEMENT_NOUNS = {"walk", "stride", "stroll", "swim", "ride", "run", "jog", "hike", "step", "dance"}
COUNTING = {"a", "an", "each", "every", "one", "another", "my", "your", "long", "easy", "slow"}
# Verbs that share their spelling with a shape or quality: movements only with an object.
NEEDS_OBJECT = {"round"}
# With the body as subject these describe imagery, not a movement ("my spine stacks").
BODY_PASSIVE = {"lift", "rise", "sink", "stack"}


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int | None
    end: int | None

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Analysis:
    text: str
    flags: dict[str, bool]
    evidence: dict[str, list[Evidence]]
    senses: dict[str, list[str]]
    movements: list[str]
    concrete: list[str]
    negations: list[Evidence]
    sense_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    movement_spans: list[tuple[int, int]] = field(default_factory=list)
    score: int = 0
    suggestions: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "flags": dict(self.flags),
            "evidence": {
                flag: [item.as_json() for item in items] for flag, items in self.evidence.items()
            },
            "senses": {channel: list(words) for channel, words in self.senses.items()},
            "movements": list(self.movements),
            "score": self.score,
            "suggestions": list(self.suggestions),
        }


class _Reader:
    """One pass over one script."""

    def __init__(self, text: str, lex: Lexicon, norms: Norms) -> None:
        self.text = text
        self.lex = lex
        self.norms = norms
        self.tokens = tokenize(text)
        self.words = [
            normal_word(token.word) if token.is_word else token.word for token in self.tokens
        ]
        self.forms = [forms(word) if word[:1].isalpha() else () for word in self.words]
        self.negated_scope: set[int] = set()

    # --- word matching -------------------------------------------------------------------

    def match(self, index: int, words: frozenset[str]) -> str | None:
        for form in self.forms[index] if 0 <= index < len(self.forms) else ():
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
        for form in self.forms[index] if 0 <= index < len(self.forms) else ():
            value = self.norms.concrete(form)
            if value is not None:
                return value
        return 0.0

    def strengths(self, index: int) -> dict[str, float] | None:
        for form in self.forms[index]:
            values = self.norms.strengths(form)
            if values is not None:
                return values
        return None

    def span(self, first: int, last: int) -> Evidence:
        start, end = self.tokens[first].start, self.tokens[last].end
        return Evidence(self.text[start:end], start, end)

    def word_at(self, index: int) -> str:
        return self.words[index] if 0 <= index < len(self.words) else ""

    def sentence(self, index: int) -> range:
        start = index
        while start > 0 and self.words[start - 1] not in SENTENCE_BREAK:
            start -= 1
        end = index
        while end + 1 < len(self.words) and self.words[end + 1] not in SENTENCE_BREAK:
            end += 1
        return range(start, end + 1)

    # --- negated pain --------------------------------------------------------------------

    def negated_pain(self) -> list[tuple[int, int]]:
        lex = self.lex
        phrases: list[tuple[int, int]] = []
        for index in range(len(self.tokens)):
            pain = self.match(index, lex.pain)
            if pain is None:
                continue
            start, end = clause_bounds(self.tokens, index)
            trigger = self._negator_before(index, start)
            if pain in lex.pain_noun_only and trigger is not None and index - trigger > 3:
                trigger = None
            if trigger is None and pain not in lex.pain_noun_only:
                trigger = self._negator_after(index, end)
            if trigger is None:
                continue
            first, last = min(trigger, index), max(trigger, index)
            if phrases and first <= phrases[-1][1]:
                continue  # one phrase, already counted ("no aching, stiffness")
            phrases.append((first, last))
            self.negated_scope.update(range(first, last + 1))
        return phrases

    def _negator_before(self, index: int, clause_start: int) -> int | None:
        for back in range(index - 1, max(clause_start, index - self.lex.window) - 1, -1):
            token = self.tokens[back]
            if self.words[back] == "go" and self.word_at(back - 1) == "let":
                return back - 1  # "let go of all the pain"
            if token.negated or self.match(back, self.lex.negate_before):
                if self.word_at(back) == "let" and self.word_at(back + 1) != "go":
                    continue
                return back
        return None

    def _negator_after(self, index: int, clause_end: int) -> int | None:
        for ahead in range(index + 1, min(clause_end, index + self.lex.window) + 1):
            if self.word_at(ahead) == "-" and self.word_at(ahead + 1) in {"free", "less"}:
                return ahead + 1
            if self.tokens[ahead].negated:
                return ahead
            if self.match(ahead, self.lex.negate_after):
                return ahead
        if self.word_at(index).endswith("less") and self.word_at(index) != "less":
            return index  # painless
        return None

    def sensation_negated(self, index: int) -> bool:
        """'isn't stiff', 'no pinch', 'not a sound': negated sensations are not channels."""
        start, _ = clause_bounds(self.tokens, index)
        for back in range(index - 1, max(start, index - 3) - 1, -1):
            token = self.tokens[back]
            if token.negated or self.words[back] in {"no", "not", "never", "without", "nothing"}:
                return True
        return index in self.negated_scope

    # --- senses --------------------------------------------------------------------------

    def channel(self, index: int, moving: bool = False) -> str | None:
        lex = self.lex
        word = self.words[index]
        if not word[:1].isalpha() or self.sensation_negated(index):
            return None
        if self.match(index, lex.body_parts) and word not in {"skin"}:
            if self._felt_before(index, 3) and self.word_at(index - 1) in POSSESSIVES:
                return "body"  # "I feel my ribs turn", "notice your feet spread"
            return None
        if self.match(index, lex.senses["touch"] & TOUCH_SOURCES) is None and self.match(
            index, TOUCH_SOURCES
        ):
            return "touch" if self._on_the_body(index) else self._norm_channel(index)
        if self._body_light(index):
            return "body"
        if self.match(index, lex.empty) or self.match(index, lex.perceive):
            return self._filled_prompt(index)
        taste = self.match(index, lex.taste_in_mouth)
        if taste and any(self.words[i] in lex.mouth for i in self.sentence(index)):
            return "taste"
        for channel in ("taste", "smell", "sound", "sight"):
            if self.match(index, lex.senses[channel]):
                if channel == "taste" and self._near(index, lex.senses["smell"], 3):
                    return "smell"
                return channel
        body = self.match(index, lex.senses["body"])
        if body and (moving or (self.word_at(index - 1) in DETERMINERS and body not in BODY_NOUNS)):
            body = None  # "I lift the box" is a movement; "the stable" is a place
        touch = self.match(index, lex.senses["touch"])
        if body and touch:
            return "body" if self._about_body(index) else "touch"
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
        word = self.words[index]
        if (
            self.match(index, self.lex.generic)
            or self.match(index, self.lex.perceive)
            or self.match(index, self.lex.voluntary)
            or len(word) < 3
        ):
            return None
        values = self.strengths(index)
        if values is None:
            return None
        dominant = max(MODALITIES, key=lambda m: values[m])
        total = sum(values.values())
        exclusivity = (values[dominant] - min(values.values())) / total if total else 0.0
        rule = NORM_CHANNEL.get(dominant)
        if rule is None:
            return None
        channel, strength, exclusive = rule
        if channel == "sight" and self.concreteness(index) >= 4.5:
            return None  # a named object ("mirror") is not yet colour, light or shape
        return channel if values[dominant] >= strength and exclusivity >= exclusive else None

    def _body_light(self, index: int) -> bool:
        """'I feel lighter', 'loose and light': lightness of the body, not light to see."""
        word = self.words[index]
        return word in COMPARATIVE_LIGHT or (word == "light" and self._felt_before(index, 4))

    def _on_the_body(self, index: int) -> bool:
        """'the air on my skin', 'sun across your shoulders': outside touch on the body."""
        for ahead in range(index + 1, min(len(self.words), index + 5)):
            if self.words[ahead] in {"on", "against", "across", "over", "through", "around"}:
                return any(
                    self.match(i, self.lex.body_parts)
                    for i in range(ahead + 1, min(len(self.words), ahead + 4))
                )
            if self.words[ahead] in CLAUSE_BREAK:
                return False
        return False

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

    def _near(self, index: int, words: frozenset[str], distance: int) -> bool:
        low, high = max(0, index - distance), min(len(self.words), index + distance + 1)
        return any(self.match(i, words) for i in range(low, high) if i != index)

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

    # --- movement ------------------------------------------------------------------------

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

    # --- concreteness --------------------------------------------------------------------

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

    def other_description(self, phrase: tuple[int, int], described: set[int]) -> bool:
        """Does anything besides the negated-pain phrase describe how it feels?

        Actions and objects set the scene; the experience is described by what is sensed
        or felt ("lighter", "warm", "calm"): a sense word or a feeling word outside the phrase.
        """
        for index in described:
            if not phrase[0] <= index <= phrase[1]:
                return True
        for index, word in enumerate(self.words):
            if phrase[0] <= index <= phrase[1] or index in self.negated_scope:
                continue
            if word in FEELINGS:
                return True
        return False


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

    return correct(word, known, vocabulary) or word


def analyse(text: str) -> Analysis:
    """The four flags, their evidence, senses and movements of one script (no suggestions)."""
    reader = _Reader(text, lexicon(), load_norms())
    phrases = reader.negated_pain()
    senses: dict[str, list[Evidence]] = {channel: [] for channel in CHANNELS}
    movements: list[Evidence] = []
    concrete: list[Evidence] = []
    covered = -1
    described: set[int] = set()
    for index in range(len(reader.tokens)):
        moved = reader.movement(index) if index > covered else None
        if moved is not None:
            movements.append(reader.span(*moved))
            covered = moved[1]
        channel = reader.channel(index, moving=moved is not None)
        if channel is not None:
            senses[channel].append(reader.span(index, index))
            described.add(index)
        if reader.concrete_word(index):
            concrete.append(reader.span(index, index))
    negations = [reader.span(first, last) for first, last in phrases]
    channels_present = [channel for channel in CHANNELS if senses[channel]]
    flags = {
        "vague": not concrete and not movements,
        "negation": len(phrases) >= 2
        or (len(phrases) == 1 and not reader.other_description(phrases[0], described)),
        "low_sensory": len(channels_present) < 2,
        "no_movement": not movements,
    }
    evidence: dict[str, list[Evidence]] = {flag: [] for flag in FLAGS}
    if flags["vague"]:
        evidence["vague"].append(
            Evidence("no concrete place, object or specific action", None, None)
        )
    if flags["negation"]:
        evidence["negation"].extend(negations)
    if flags["low_sensory"]:
        found = ", ".join(channels_present) or "none"
        evidence["low_sensory"].extend(item for c in channels_present for item in senses[c])
        evidence["low_sensory"].append(
            Evidence(f"senses found: {found}; at least two are needed", None, None)
        )
    if flags["no_movement"]:
        still = [
            reader.span(i, i)
            for i in range(len(reader.tokens))
            if reader.match(i, reader.lex.not_movement)
        ]
        evidence["no_movement"].extend(still)
        evidence["no_movement"].append(
            Evidence("no voluntary movement of the limbs or trunk", None, None)
        )
    return Analysis(
        text=text,
        flags=flags,
        evidence=evidence,
        senses={c: [e.text for e in senses[c]] for c in CHANNELS if senses[c]},
        movements=[item.text for item in movements],
        concrete=[item.text for item in concrete],
        negations=negations,
        sense_spans={
            c: [(e.start or 0, e.end or 0) for e in senses[c]] for c in CHANNELS if senses[c]
        },
        movement_spans=[(e.start or 0, e.end or 0) for e in movements],
    )
