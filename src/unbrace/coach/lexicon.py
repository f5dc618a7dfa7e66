"""The coach's word lists (data/coach/lexicon.toml) as frozen sets, loaded once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    pain: frozenset[str]
    pain_noun_only: frozenset[str]
    pain_verbs: frozenset[str]
    leaving_is_imagery: frozenset[str]
    plain_negators: frozenset[str]
    negate_before: frozenset[str]
    negate_after: frozenset[str]
    negate_predicate: frozenset[str]
    negation_ends: frozenset[str]
    send_out: frozenset[str]
    window: int
    senses: dict[str, frozenset[str]]
    taste_in_mouth: frozenset[str]
    mouth: frozenset[str]
    body_needs_felt: frozenset[str]
    felt: frozenset[str]
    empty: frozenset[str]
    perceive: frozenset[str]
    voluntary: frozenset[str]
    passive_prone: frozenset[str]
    particles: frozenset[str]
    needs_particle: dict[str, frozenset[str]]
    not_movement: frozenset[str]
    passive_subjects: frozenset[str]
    body_parts: frozenset[str]
    generic: frozenset[str]
    light: frozenset[str]
    general_actions: frozenset[str]
    # Small closed word classes the rules name (pronouns, auxiliaries, feeling words...).
    rules: dict[str, frozenset[str]]

    def vocabulary(self) -> frozenset[str]:
        """Every word the coach's own rules look for (the targets of typo correction)."""
        words: set[str] = set(self.pain | self.voluntary | self.body_parts)
        for channel in self.senses.values():
            words |= channel
        return frozenset(words)


CHANNELS = ("sight", "sound", "touch", "smell", "taste", "body")


@cache
def lexicon() -> Lexicon:
    raw = tomllib.loads(
        (resources.files("unbrace.data") / "coach" / "lexicon.toml").read_text(encoding="utf-8")
    )

    def words(section: str, key: str) -> frozenset[str]:
        return frozenset(word.lower() for word in raw[section][key])

    return Lexicon(
        pain=words("pain", "words"),
        pain_noun_only=words("pain", "noun_only"),
        pain_verbs=words("pain", "verbs"),
        leaving_is_imagery=words("pain", "leaving_is_imagery"),
        plain_negators=words("negation", "plain"),
        negate_before=words("negation", "before"),
        negate_after=words("negation", "after"),
        negate_predicate=words("negation", "predicate"),
        negation_ends=words("negation", "ends"),
        send_out=words("negation", "send_out"),
        window=int(raw["negation"]["window"]),
        senses={channel: words("sense", channel) for channel in CHANNELS},
        taste_in_mouth=words("sense", "taste_in_mouth"),
        mouth=words("sense", "mouth"),
        body_needs_felt=words("sense", "body_needs_felt"),
        felt=words("sense", "felt"),
        empty=words("sense", "empty"),
        perceive=words("sense", "perceive"),
        voluntary=words("movement", "voluntary"),
        passive_prone=words("movement", "passive_prone"),
        particles=words("movement", "particles"),
        needs_particle={
            verb: frozenset(particles)
            for verb, particles in raw["movement"]["needs_particle"].items()
        },
        not_movement=words("movement", "not_movement"),
        passive_subjects=words("movement", "passive_subjects"),
        body_parts=words("concrete", "body_parts"),
        generic=words("concrete", "generic"),
        light=words("concrete", "light"),
        general_actions=words("concrete", "general_actions"),
        rules={key: words("rules", key) for key in raw["rules"]},
    )
