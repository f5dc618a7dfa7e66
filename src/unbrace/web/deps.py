"""Request dependencies: one database transaction per request, and the current profile."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from unbrace.settings import Settings
from unbrace.store import repo
from unbrace.store.db import Store
from unbrace.store.models import Profile


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db(store: Annotated[Store, Depends(get_store)]) -> Iterator[Session]:
    """One unit of work per request: committed at the end, rolled back on any error."""
    with store.transaction() as db:
        yield db


SessionDep = Annotated[Session, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_profile(db: SessionDep, settings: SettingsDep) -> Profile:
    return repo.resolve_profile(db, name=settings.profile)


ProfileDep = Annotated[Profile, Depends(get_profile)]
