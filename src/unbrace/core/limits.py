"""The limits on what comes in, in one table: every edge (CLI, web forms, JSON API, import)
checks text, numbers and days here, so a value one edge accepts never breaks another.

Like the rating scales in ``ratings``, each limit knows its own one-line refusal.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass

from unbrace.core.errors import UnbraceError

# Characters that reorder or hide what is shown around them (bidi overrides, embeddings and
# isolates, as in the "Trojan Source" attacks): refused, since a name or title holding them
# can look like something else. The plain left-to-right and right-to-left marks are fine.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class TextLimit:
    """Text a person gives: at most ``max_chars``, valid Unicode, no hidden controls.

    One-line text (names, titles, personal words) has no line breaks; longer text (notes,
    scripts) keeps its line breaks and tabs.
    """

    label: str
    max_chars: int
    one_line: bool = True

    def check(self, text: str, *, label: str | None = None) -> str:
        """``text`` unchanged, or one UnbraceError saying what to change (``label`` names the
        field when one limit serves several, like the personal words)."""
        if label is not None and label != self.label:
            return TextLimit(label, self.max_chars, self.one_line).check(text)
        if type(text) is not str:
            raise UnbraceError(f"The {self.label} should be text.")
        if _LONE_SURROGATE.search(text):
            raise UnbraceError(
                f"The {self.label} holds characters that are not valid text (a broken "
                "encoding); please type it again."
            )
        if len(text) > self.max_chars:
            raise UnbraceError(
                f"Please keep the {self.label} to {self.max_chars:,} characters; "
                f"this one has {len(text):,}."
            )
        for char in text:
            if char in BIDI_CONTROLS:
                raise UnbraceError(
                    f"The {self.label} holds an invisible character that changes the direction "
                    f"of the text (U+{ord(char):04X}); please type it without it."
                )
            if _control(char, one_line=self.one_line):
                which = "a NUL character" if char == "\x00" else "a control character"
                raise UnbraceError(
                    f"The {self.label} holds {which} (U+{ord(char):04X}); please use plain text."
                )
        return text


def _control(char: str, *, one_line: bool) -> bool:
    if char in "\n\t\r" and not one_line:
        return False
    return unicodedata.category(char) == "Cc"


@dataclass(frozen=True)
class NumberLimit:
    """A measured number (seconds, a breath pace): finite, within its bounds."""

    label: str
    low: float
    high: float

    def check(self, value: float) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise UnbraceError(f"The {self.label} should be a number.")
        if isinstance(value, float) and not math.isfinite(value):
            raise UnbraceError(f"The {self.label} should be a finite number, not {value}.")
        if not self.low <= value <= self.high:
            raise UnbraceError(
                f"The {self.label} should be from {self.low:g} to {self.high:g}; "
                f"got {_short_number(value)}."
            )
        return float(value)


def _short_number(value: float) -> str:
    text = str(value) if isinstance(value, float) else f"{value}"
    return text if len(text) <= 20 else f"a number {len(text)} digits long"


# --- the table ------------------------------------------------------------------------------

PROFILE_NAME = TextLimit("profile name", 80)
PRACTICE_TITLE = TextLimit("practice title", 80)
PRACTICE_ID = TextLimit("practice id", 60)
PRACTICE_WORDS = TextLimit("practice's summary", 300)
STEP_ID = TextLimit("step id", 60)
# Personal words fill every step of a session: see ``personal.check_personal_text``.
PERSONAL = TextLimit("personal words", 200)
NOTE = TextLimit("note", 2000, one_line=False)
INTENTION = TextLimit("intention", 300)
SCRIPT_TEXT = TextLimit("script", 20_000, one_line=False)
SCRIPT_NAME = TextLimit("script name", 60)
# The ladder (core/ladder.py): a step is a phrase; the feared outcome and what surprised the
# person are one line each.
LADDER_STEP = TextLimit("step", 300)
FEARED_OUTCOME = TextLimit("feared outcome", 200)
SURPRISE = TextLimit("note on what surprised you", 200)

# A session lasts at most 20 minutes (``session.MAX_MINUTES``); time counted on a step or a
# session never exceeds twice that, so a bigger figure is a broken file, not a long session.
SECONDS = NumberLimit("seconds", 0, 20 * 60 * 2)
# An export's version and a script's version: small whole numbers.
MAX_VERSION = 1_000_000

# --- days -------------------------------------------------------------------------------------

# The earliest day anything can be recorded for; later than tomorrow (in the person's own time
# zone: their clock may be ahead of the computer's) is a typo or a wrong clock.
EARLIEST_DAY = dt.date(1900, 1, 1)


def check_day(day: dt.date, *, today: dt.date, what: str = "day") -> dt.date:
    latest = today + dt.timedelta(days=1)
    span = f"unbrace records days from {EARLIEST_DAY.isoformat()} up to tomorrow"
    if day > latest:
        raise UnbraceError(
            f"The {what} {day.isoformat()} is a day that has not come yet; {span} "
            f"({latest.isoformat()})."
        )
    if day < EARLIEST_DAY:
        raise UnbraceError(f"The {what} {day.isoformat()} is too long ago; {span}.")
    return day


def check_time(moment: dt.datetime, *, now: dt.datetime, what: str = "time") -> dt.datetime:
    """An aware time within the same window as days (a stored time, like a session start)."""
    check_day(moment.astimezone(dt.UTC).date(), today=now.astimezone(dt.UTC).date(), what=what)
    return moment


# --- files ------------------------------------------------------------------------------------

# An import file is one person's records: years of daily check-ins fit in a few megabytes.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
# An export is five levels deep; deeper nesting is not an export (and would exhaust the stack).
MAX_IMPORT_DEPTH = 12
