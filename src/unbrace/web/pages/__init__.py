"""Server-rendered pages. Every form works without JavaScript (post, redirect, get); small
scripts in ``static/`` make the player, the coach and the check-in nicer where they run.

One module per part of the app; each holds its routes and what its pages show.
"""

from __future__ import annotations

from fastapi import APIRouter

from unbrace.web.pages.coach import router as coach_router
from unbrace.web.pages.insights import router as insights_router
from unbrace.web.pages.ladder import router as ladder_router
from unbrace.web.pages.ladder_trying import router as ladder_trying_router
from unbrace.web.pages.learn import router as learn_router
from unbrace.web.pages.offline import router as offline_router
from unbrace.web.pages.practice import router as practice_router
from unbrace.web.pages.records import router as records_router
from unbrace.web.pages.routine import router as routine_router
from unbrace.web.pages.safety import router as safety_router
from unbrace.web.pages.settings import router as settings_router
from unbrace.web.pages.today import router as today_router

# Today and the welcome form, included before the API (see web/app.py).
home_router = APIRouter(include_in_schema=False)
home_router.include_router(today_router)

router = APIRouter(include_in_schema=False)
for part in (
    practice_router,
    ladder_router,
    ladder_trying_router,
    records_router,
    coach_router,
    learn_router,
    safety_router,
    settings_router,
    insights_router,
    routine_router,
    offline_router,
):
    router.include_router(part)

__all__ = ["home_router", "router"]
