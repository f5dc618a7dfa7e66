"""What a person has told us, and how it fills a practice's placeholders.

Kept apart from the practice models so that the store can use it without loading pydantic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from unbrace.core import limits
from unbrace.core.errors import UnbraceError

# The placeholders a practice may use, filled from the person's profile.
PLACEHOLDERS = ("movement", "scene", "anchor", "name")


@dataclass(frozen=True)
class Personal:
    """What a person has told us that fills a practice's placeholders."""

    name: str = ""
    movement: str = ""
    scene: str = ""
    anchor: str = ""
    easier_movement: str = ""

    def __post_init__(self) -> None:
        # Read back in one form, whatever older versions stored: every sentence that says
        # "after {anchor}" then reads right.
        object.__setattr__(self, "anchor", anchor_phrase(self.anchor))

    def values(self, *, flare: bool = False) -> dict[str, str]:
        movement = self.movement or DEFAULT_PERSONAL["movement"]
        if flare:
            # During a flare the feared movement is rehearsed at an easier step.
            movement = self.easier_movement or f"the first small part of {movement}"
        return {
            "name": self.name or DEFAULT_PERSONAL["name"],
            "movement": movement,
            "scene": self.scene or DEFAULT_PERSONAL["scene"],
            "anchor": self.anchor or DEFAULT_PERSONAL["anchor"],
        }


DEFAULT_PERSONAL: Mapping[str, str] = {
    "name": "friend",
    "movement": "bending forward to pick up a basket from the floor",
    "scene": "a quiet path through pine trees, the sun warm on your back",
    "anchor": "making your morning coffee",
}


# Personal words are kept short so they fit in every step of a one-minute session.
MAX_PERSONAL_WORDS = 25
MAX_PERSONAL_CHARS = limits.PERSONAL.max_chars


def check_personal_text(label: str, text: str) -> str:
    # Line breaks and tabs fold into spaces first: the words are one line in every step.
    text = " ".join(text.split())
    if len(text.split()) > MAX_PERSONAL_WORDS or len(text) > MAX_PERSONAL_CHARS:
        raise UnbraceError(
            f"Please keep the {label} to {MAX_PERSONAL_WORDS} words; a short phrase works best."
        )
    text = limits.PERSONAL.check(text, label=label)
    if "{" in text or "}" in text:
        raise UnbraceError(f"The {label} cannot contain curly braces.")
    return text


# "After", "right after", "when"... at the start of the habit: the sentences around it say it.
LEADING_LINK = re.compile(
    r"^(?:(?:right|just|straight|soon|shortly)\s+)?(?:after|when|once|whenever)\b[\s,:]*",
    re.IGNORECASE,
)


def anchor_phrase(text: str) -> str:
    """The habit alone, as it fits "after ___": "After my morning coffee." → "my morning coffee".

    People often type the whole cue ("after brushing my teeth"); the app's own sentences
    already say "after", so it is taken off here, once, for every place the habit is shown.
    """
    phrase = " ".join(text.split()).rstrip(" .,;:!")
    while (trimmed := LEADING_LINK.sub("", phrase, count=1)) != phrase:
        phrase = trimmed
    return phrase


def check_anchor(text: str) -> str:
    """The anchor habit as stored: a short personal phrase, without a leading "after"."""
    text = check_personal_text("anchor habit", text)
    phrase = anchor_phrase(text)
    if text and not phrase:
        # ":" or "after" alone would be stored as nothing and silently read back as the default.
        raise UnbraceError('Please name the habit in a word or two, such as "brushing my teeth".')
    return phrase


def personalise(text: str, personal: Personal, *, flare: bool = False) -> str:
    return text.format_map(personal.values(flare=flare))
