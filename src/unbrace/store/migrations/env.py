"""Alembic environment: runs on the connection unbrace hands over, or on the settings' URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from unbrace.store.models import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Run from the alembic command line (for writing new migrations): use the settings.
    from unbrace.settings import Settings
    from unbrace.store.db import make_engine

    engine = make_engine(Settings.load())
    with engine.begin() as connection:
        _run(connection)


run_migrations_online()
