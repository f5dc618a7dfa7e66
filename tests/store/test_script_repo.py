"""Personal scripts in the store, on SQLite and PostgreSQL: versioned by name."""

from __future__ import annotations

import datetime as dt

from unbrace.store import profile_repo, script_repo
from unbrace.store.db import Store

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def test_each_save_is_the_next_version_and_the_latest_is_read(store: Store) -> None:
    with store.transaction() as db:
        maria = profile_repo.create_profile(db, name="Maria")
        tom = profile_repo.create_profile(db, name="Tom")
        for text, score in (("first words", 40), ("better words", 70)):
            script_repo.save_script(
                db, profile=maria, name="kitchen", text=text, score=score, now=NOW
            )
        script_repo.save_script(db, profile=maria, name="garden", text="grass", score=50, now=NOW)
        latest = script_repo.get_script(db, profile=maria, name="kitchen")
        assert latest is not None and (latest.version, latest.text) == (2, "better words")
        first = script_repo.get_script(db, profile=maria, name="kitchen", version=1)
        assert first is not None and first.score == 40
        assert script_repo.script_versions(db, profile=maria, name="kitchen") == 2
        assert [s.name for s in script_repo.list_scripts(db, profile=maria)] == [
            "garden",
            "kitchen",
        ]
        assert [(s.name, s.version) for s in script_repo.all_versions(db, profile=maria)] == [
            ("garden", 1),
            ("kitchen", 1),
            ("kitchen", 2),
        ]
        assert script_repo.get_script(db, profile=tom, name="kitchen") is None  # one's own only
