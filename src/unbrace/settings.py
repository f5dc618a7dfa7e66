"""One typed settings object, read with explicit precedence: flag > UNBRACE_* env > default.

- ``UNBRACE_HOME``: the data directory (default: the platform's user data directory).
- ``UNBRACE_DATABASE_URL``: the database (default: SQLite file ``unbrace.db`` in the home).
- ``UNBRACE_PROFILE``: which person's records to use (default: the first profile created).
- ``UNBRACE_CACHE``: the cache folder (default: the platform's user cache directory).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ENV_HOME = "UNBRACE_HOME"
ENV_DATABASE_URL = "UNBRACE_DATABASE_URL"
ENV_PROFILE = "UNBRACE_PROFILE"
ENV_CACHE = "UNBRACE_CACHE"
ENV_TEST_PLAYER_SPEED = "UNBRACE_TEST_PLAYER_SPEED"

# Every setting, with the words the docs show for it; a test checks the docs list them all.
SETTINGS: dict[str, str] = {
    ENV_HOME: "Data directory holding the database, your own practices and scripts.",
    ENV_DATABASE_URL: "Database URL; SQLite in UNBRACE_HOME when unset, or postgresql://...",
    ENV_PROFILE: "The profile (person) to use when --profile is not given.",
    ENV_CACHE: "Cache folder for the coach's word norms and rendered audio (nothing personal).",
    ENV_TEST_PLAYER_SPEED: "For tests only: how many times faster the browser's player runs.",
}


def default_home() -> Path:
    # platformdirs is imported here, not at module load, to keep `unbrace --help` quick.
    from platformdirs import user_data_path

    return user_data_path("unbrace", appauthor=False)


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    profile: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def sqlite_file(self) -> Path | None:
        """The SQLite database file, when the URL names one."""
        prefix = "sqlite:///"
        if not self.database_url.startswith(prefix):
            return None
        path = self.database_url[len(prefix) :].split("?", 1)[0]
        return Path(path) if path and path != ":memory:" else None

    @property
    def practices_dir(self) -> Path:
        return self.home / "practices"

    @classmethod
    def load(
        cls,
        *,
        profile: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Settings:
        env = os.environ if environ is None else environ
        home = Path(env[ENV_HOME]).expanduser() if env.get(ENV_HOME) else default_home()
        url = env.get(ENV_DATABASE_URL) or f"sqlite:///{home / 'unbrace.db'}"
        return cls(home=home, database_url=url, profile=profile or env.get(ENV_PROFILE) or None)
