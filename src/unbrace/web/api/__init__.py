"""The JSON API under /api/v1 (schema at /api/v1/openapi.json), one module per noun.

Route functions stay thin: they check what arrived, call the store or core, and shape the
answer. Each request is one transaction (`web/deps.SessionDep`), so a refused request
changes nothing.
"""

from __future__ import annotations

from fastapi import APIRouter

from unbrace.web.api.audio import router as audio
from unbrace.web.api.checkins import router as checkins
from unbrace.web.api.ladders import router as ladders
from unbrace.web.api.overview import router as overview
from unbrace.web.api.practices import router as practices
from unbrace.web.api.profile import router as profile
from unbrace.web.api.routine import root_router
from unbrace.web.api.routine import router as routine
from unbrace.web.api.sessions import router as sessions

router = APIRouter()
for part in (practices, sessions, checkins, profile, overview, routine, ladders):
    router.include_router(part)
router.include_router(audio)

# `root_router` serves /calendar.ics at the root, where `unbrace remind ics --serve` puts it.

__all__ = ["root_router", "router"]
