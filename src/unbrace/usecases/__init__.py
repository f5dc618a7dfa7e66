"""Use cases: one function per thing a person does, with typed results; edges call these."""

from __future__ import annotations
