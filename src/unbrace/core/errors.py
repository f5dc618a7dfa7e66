"""The one error type the edges turn into a one-line message and exit status 2."""

from __future__ import annotations


class UnbraceError(ValueError):
    """Input or state the person can fix: bad ratings, unknown ids, broken files.

    The message is a single plain sentence meant to be shown as it is.
    """
