"""The imagery coach: reads a person's own script and says, kindly and precisely, what would
make it work better. Pure: no I/O beyond reading the packaged word lists and norms.
"""

from __future__ import annotations

from unbrace.coach.advice import coach
from unbrace.coach.analysis import FLAGS, Analysis, Evidence, analyse

__all__ = ["FLAGS", "Analysis", "Evidence", "analyse", "coach"]
