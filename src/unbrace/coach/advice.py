"""The score and the suggestions, written from the person's own words.

The score (0-100) rises with what makes imagery work: concrete (25), several senses (up to 30),
a movement (25), and positive wording (20).
"""

from __future__ import annotations

import re
from functools import lru_cache

from unbrace.coach.analysis import Analysis, Evidence, analyse
from unbrace.coach.lexicon import lexicon

DEFAULT_MOVEMENT = "bending forward to pick up a basket from the floor"

# What to picture instead of an absent complaint: a positive felt quality.
POSITIVE = {
    "stiff": "feels loose and supple",
    "stiffness": "feels loose and supple",
    "tight": "feels soft and roomy",
    "tightness": "feels soft and roomy",
    "tension": "feels soft and roomy",
    "tense": "feels soft and roomy",
    "twinge": "moves smoothly, like a well-oiled hinge",
    "catch": "moves smoothly, like a well-oiled hinge",
    "pinch": "moves smoothly, like a well-oiled hinge",
    "seize": "moves smoothly, like a well-oiled hinge",
    "lock": "moves smoothly, like a well-oiled hinge",
}
_POSITIVE_PATTERNS = [(re.compile(rf"\b{word}"), text) for word, text in POSITIVE.items()]
WARM_AND_LONG = "feels long and warm"
SINGULAR_S = {"pelvis", "abdomen", "thorax", "us"}

# Ideas for each missing sense, in the order they are offered.
SENSE_IDEAS = {
    "sound": ("a sound", '"I hear the kettle click off" or "gravel crunches under my shoes"'),
    "touch": ("something on your skin", '"cool air on my arms" or "the warm mug in my hands"'),
    "smell": ("a smell", '"the smell of fresh coffee" or "cut grass after rain"'),
    "sight": ("a colour or the light", '"soft morning light on the blue tiles"'),
    "body": ("how your body feels", '"my back feels long and my shoulders heavy and loose"'),
    "taste": ("a taste", '"mint fresh on my tongue"'),
}
SCORE_PARTS = {"concrete": 25, "senses": 30, "movement": 25, "positive": 20}


def score(result: Analysis) -> int:
    channels = len(result.senses)
    senses = {0: 0, 1: 8, 2: 20, 3: 25}.get(channels, SCORE_PARTS["senses"])
    if result.flags["negation"]:
        positive = 0
    elif result.negations:
        positive = 12  # one incidental "without pain": fine, but the plain positive is stronger
    else:
        positive = SCORE_PARTS["positive"]
    return (
        (0 if result.flags["vague"] else SCORE_PARTS["concrete"])
        + senses
        + (0 if result.flags["no_movement"] else SCORE_PARTS["movement"])
        + positive
    )


# Whole words, as `[a-z']+` splits lower-case text.
_SECOND = re.compile(r"(?<![a-z'])(?:you|your|you're|yourself)(?![a-z'])")
_FIRST = re.compile(r"(?<![a-z'])(?:i|my|i'm|me|myself)(?![a-z'])")


def _second_person(text: str) -> bool:
    lower = text.lower()
    if "you" not in lower:
        return False
    return len(_SECOND.findall(lower)) > len(_FIRST.findall(lower))


_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _body_parts_in(text: str) -> list[tuple[str, int]]:
    """The body parts named in lower-case ``text``, each with the offset where it ends
    ("backs" names "back"; "lower-back" names "back")."""
    parts = lexicon().body_parts
    found: list[tuple[str, int]] = []
    for word in _WORDS.finditer(text):
        pieces = [(word.group(), word.start())]
        if "-" in word.group():
            at = word.start()
            for piece in word.group().split("-"):
                pieces.append((piece, at))
                at += len(piece) + 1
        for piece, at in pieces:
            for form in (piece, piece[:-1] if piece.endswith("s") else ""):
                if form in parts:
                    found.append((form, at + len(piece)))
                    break
            else:
                continue
            break
    return found


def _body_part_near(result: Analysis, phrase: Evidence) -> str | None:
    """The body part the negated phrase is about: the last one named in or just before it."""
    assert phrase.start is not None and phrase.end is not None
    window = result.text[max(0, phrase.start - 30) : phrase.end].lower()
    found = _body_parts_in(window)
    return found[-1][0] if found else None


_BEFORE_PHRASE = re.compile(r"((?:my|your|the)\s+(?:\w+\s+){0,2}?\w+)\s+$", re.IGNORECASE)


@lru_cache(maxsize=256)
def _subject(text: str, start: int) -> str | None:
    """The words naming the body part just before a phrase ("my lower back"), if any."""
    before = text[max(0, start - 40) : start]
    match = _BEFORE_PHRASE.search(before)
    if not match:
        return None
    # Stop at the body part: "my back" from "my back is", never "my back is".
    found = _body_parts_in(match.group(1).lower())
    return match.group(1)[: found[-1][1]] if found else None


def _with_subject(text: str, phrase: Evidence) -> str:
    """The phrase with the body part it is about: "my back doesn't hurt", not "doesn't hurt"."""
    if phrase.start is None or phrase.end is None:
        return phrase.text
    subject = _subject(text, phrase.start)
    if not subject:
        return phrase.text
    start = text.rfind(subject, max(0, phrase.start - 40), phrase.start)
    return text[start : phrase.end] if start >= 0 else phrase.text


def _rewrite(result: Analysis, phrase: Evidence, possessive: str) -> str:
    lowered = phrase.text.lower()
    quality = next(
        (text for pattern, text in _POSITIVE_PATTERNS if pattern.search(lowered)),
        WARM_AND_LONG,
    )
    assert phrase.start is not None
    subject = _subject(result.text, phrase.start)
    if subject is None:
        subject = f"{possessive} {_body_part_near(result, phrase) or 'back'}"
    subject = subject[:1].lower() + subject[1:]
    last = subject.split()[-1]
    if last in {"feet", "calves"} or (last.endswith("s") and last not in SINGULAR_S):
        quality = quality.replace("feels", "feel", 1).replace("moves", "move", 1)
    return f'"{subject} {quality}"'


def _in_person(text: str, you: bool) -> str:
    """First-person example wording, turned to second person for second-person scripts."""
    if not you:
        return text
    for first, second in (("I'm", "you're"), ("I", "you"), ("my", "your"), ("myself", "yourself")):
        text = re.sub(rf"\b{first}\b", second, text)
    return re.sub(r'"you', '"You', text)


def suggestions(result: Analysis, *, movement: str = "") -> list[str]:
    you = _second_person(result.text)
    tips = _tips(result, movement=movement or DEFAULT_MOVEMENT, you=you)
    unique: list[str] = []
    for tip in tips:
        if tip.lower() not in {seen.lower() for seen in unique}:  # "No pain. no pain." once
            unique.append(tip)
    return unique


def _tips(result: Analysis, *, movement: str, you: bool) -> list[str]:
    possessive = "your" if you else "my"
    tips: list[str] = []
    if result.flags["negation"]:
        for phrase in result.negations[:3]:
            said = _with_subject(result.text, phrase)
            better = _rewrite(result, phrase, possessive)
            tips.append(f'Instead of "{said}", picture what you want to feel: {better}.')
        tips.append("Naming pain, even to push it away, keeps it in focus; positive words don't.")
    elif result.negations:
        phrase = result.negations[0]
        tips.append(
            f'Optional: "{phrase.text}" is fine here; {_rewrite(result, phrase, possessive)} '
            "would say the same thing in positive words."
        )
    if result.flags["vague"]:
        tips.append(
            "Name a real place and something in it: where are you, and what is in your hands? "
            + _in_person(f'For example: "In my kitchen, I picture myself {movement}."', you)
        )
    if result.flags["low_sensory"]:
        missing = [channel for channel in SENSE_IDEAS if channel not in result.senses][:2]
        for channel in missing:
            what, example = SENSE_IDEAS[channel]
            tips.append(f"Add {what}, such as {_in_person(example, you)}.")
    if result.flags["no_movement"]:
        tips.append(
            "Add one slow movement, ideally the one you have come to avoid: "
            + _in_person(
                f'"Then I picture myself {movement}, slowly and smoothly, my back long and easy."',
                you,
            )
        )
    if not any(result.flags.values()):
        if len(result.senses) < 3:
            extra = next(channel for channel in SENSE_IDEAS if channel not in result.senses)
            what, example = SENSE_IDEAS[extra]
            tips.append(
                f"Strong script. To make it even more vivid, add {what}: "
                f"{_in_person(example, you)}."
            )
        else:
            tips.append(
                "Concrete, rich in the senses, and moving: this is a script to practise daily."
            )
    return tips


def coach(text: str, *, movement: str = "") -> Analysis:
    """Analyse ``text`` and add the score and suggestions (``movement``: the feared one)."""
    result = analyse(text)
    result.score = score(result)
    result.suggestions = suggestions(result, movement=movement)
    return result
