"""`unbrace export|import|backup|restore`: data that moves, in open formats."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
