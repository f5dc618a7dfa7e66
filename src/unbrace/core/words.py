"""Small wording rules every edge shares, so "1 days" or "1 day(s)" is never printed."""

from __future__ import annotations


def plural(word: str, number: float, plural_form: str | None = None) -> str:
    """``word`` as it goes with ``number``: "day" for 1, "days" otherwise.

    The plural is the word with an "s" ("check-in" → "check-ins", "daily check-in" → "daily
    check-ins") unless ``plural_form`` gives another (the words unbrace counts are regular).
    """
    if number == 1:
        return word
    return plural_form or f"{word}s"


def counted(number: float, word: str, plural_form: str | None = None) -> str:
    """The number and the word that goes with it: "1 day", "2 days", "1,200 minutes", "2.5 minutes".

    Whole numbers print without a decimal point and with thousands separators.
    """
    shown = f"{int(number):,}" if float(number).is_integer() else f"{number:,}"
    return f"{shown} {plural(word, number, plural_form)}"
