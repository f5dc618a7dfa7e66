"""The use-case layer: one function per thing a person does, applying each rule once.

Every edge (the terminal, the web pages, the JSON API, audio) calls these functions instead of
the store, so a rule such as the warning-sign gate cannot be skipped by one of them. Functions
take the database session first (the edge owns the transaction) and keyword-only arguments,
and return typed results (frozen dataclasses) or raise a named `UnbraceError`.
"""

from __future__ import annotations
