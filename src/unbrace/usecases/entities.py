"""The stored records the use cases hand to the edges, for their type annotations.

The edges read them (a profile's name, a check-in's answers); only the use cases change them.
"""

from __future__ import annotations

from unbrace.store.models import CheckInRecord, PersonalScript, PracticeSession, Profile

__all__ = ["CheckInRecord", "PersonalScript", "PracticeSession", "Profile"]
