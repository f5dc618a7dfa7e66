"""`unbrace ladder new|show|edit|rate|try|done|up`: visualise, then do.

A ladder per feared movement, from imagining it to doing it in daily life; each try is a
prediction tested against what happens (use cases in `usecases/ladder/`, rules in
`core/ladder.py`, sources there and in docs/ladder.md).
"""

from __future__ import annotations

from unbrace.cli.ladder import build, trying  # noqa: F401  (their commands join `app`, in order)
from unbrace.cli.ladder.common import app as app
