"""The JSON API under /api/v1 (see /api/v1/openapi.json)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["api"])
