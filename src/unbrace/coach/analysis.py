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
from functools import lru_cache

from unbrace.coach.concrete import Concrete
from unbrace.coach.lexicon import CHANNELS, lexicon
from unbrace.coach.movement import Movement
from unbrace.coach.negation import Negation
from unbrace.coach.norms import load_norms
from unbrace.coach.reader import CONCRETE, Evidence
from unbrace.coach.reader import _concreteness as concreteness
from unbrace.coach.senses import Senses, may_sense
from unbrace.coach.text import forms as word_forms

FLAGS = ("vague", "negation", "low_sensory", "no_movement")

__all__ = ["FLAGS", "Analysis", "Evidence", "analyse"]


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


class _Reader(Negation, Senses, Movement, Concrete):
    """One pass over one script, with every flag's rules."""


_MOVE, _SENSE, _THING = 1, 2, 4


@lru_cache(maxsize=65536)
def _roles(word: str) -> int:
    """What a word could be in some context: a movement verb, a sense word, a thing.

    Only the cheap first checks of `movement`, `channel` and `concrete_word`, so a word that
    fails them all is skipped without changing any result.
    """
    if not word[:1].isalpha():
        return 0  # punctuation and line breaks carry no flag's words
    forms = word_forms(word)
    lex = lexicon()
    roles = 0
    if not lex.voluntary.isdisjoint(forms):
        roles |= _MOVE
    if may_sense(forms, word):
        roles |= _SENSE
    if len(word) >= 3 and (not lex.light.isdisjoint(forms) or concreteness(forms) >= CONCRETE):
        roles |= _THING
    return roles


def analyse(text: str) -> Analysis:
    """The four flags, their evidence, senses and movements of one script (no suggestions)."""
    reader = _Reader(text, lexicon(), load_norms())
    phrases = reader.negated_pain()
    senses: dict[str, list[Evidence]] = {channel: [] for channel in CHANNELS}
    movements: list[Evidence] = []
    concrete: list[Evidence] = []
    covered = -1
    described: set[int] = set()
    for index, word in enumerate(reader.words):
        # Most words can carry no flag's meaning at all: one cached lookup skips them.
        roles = _roles(word)
        if not roles:
            continue
        moved = reader.movement(index) if roles & _MOVE and index > covered else None
        if moved is not None:
            movements.append(reader.span(*moved))
            covered = moved[1]
        channel = (
            reader.channel(index, moving=moved is not None, may=True) if roles & _SENSE else None
        )
        if channel is not None:
            senses[channel].append(reader.span(index, index))
            described.add(index)
        if roles & _THING and reader.concrete_word(index):
            concrete.append(reader.span(index, index))
    if not concrete:
        # A named place the norms cannot know: "in Spain", "at the foot of Ben Nevis".
        concrete.extend(
            reader.span(index, index)
            for index, token in enumerate(reader.tokens)
            if token.raw[:1].isupper() and reader.proper_place(index)
        )
    # "Tense the feet and hold": a specific action, though nothing moves (LABELS.md, vague).
    acting = not movements and any(reader.contraction(i) for i in range(reader.size))
    negations = [reader.span(first, last) for first, last in phrases]
    channels_present = [channel for channel in CHANNELS if senses[channel]]
    flags = {
        "vague": not concrete and not movements and not acting,
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
        still = [reader.span(i, i) for i in reader.indices(reader.lex.not_movement)]
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
