"""The flare rule's words: a gentler session says "shorter" only when it is."""

from __future__ import annotations

from unbrace.core import flare
from unbrace.core.practices import load_library


def test_shorter_only_when_the_length_is_shorter_than_usual() -> None:
    library = load_library()
    rehearsal = library.practices["movement-rehearsal"]
    scan = library.practices["body-scan"]
    assert rehearsal.flare_minutes < rehearsal.default_minutes
    assert flare.gentler_words(rehearsal) == (
        "A gentler session today: shorter, and your movement at an easier step. "
        "Go only as far as feels kind."
    )
    # Five minutes chosen on Practices on a flare day: as long as usual, so not "shorter".
    usual = flare.gentler_words(rehearsal, rehearsal.default_minutes)
    assert "shorter" not in usual and "your movement at an easier step" in usual
    assert flare.gentler_words(scan, scan.default_minutes) == (
        "A gentle day: go only as far as feels kind."
    )
    assert "shorter" in flare.gentler_words(scan, scan.flare_minutes)
