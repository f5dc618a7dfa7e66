from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from tests.cli.conftest import Cli


def test_today_plan_and_week(onboarded: Cli) -> None:
    data = onboarded.json("today")
    assert data["profile"] == "Maria"
    ids = [item["id"] for item in data["suggestions"]]
    assert "movement-rehearsal" in ids and len(ids) <= 4
    assert data["week"]["days_practised"] == 0 and len(data["week"]["days"]) == 7
    assert data["last_checkin"] is None
    assert "streak" not in data  # streaks only when turned on
    onboarded.ok("session", "movement-rehearsal", "--minutes", "1", "--no-input", "--speed", "600")
    onboarded.ok("checkin", "--pain", "4", "--enjoyment", "3", "--activity", "2", "--no-input")
    data = onboarded.json("today")
    assert data["week"]["days_practised"] == 1 and data["week"]["minutes"] == 1.0
    assert data["last_checkin"]["pain"] == 4
    done = [item for item in data["suggestions"] if item["id"] == "movement-rehearsal"]
    assert done and done[0]["done_today"]
    onboarded.ok("settings", "set", "--streaks")
    assert onboarded.json("today")["streak"] == 1


def test_today_for_people(onboarded: Cli) -> None:
    out = onboarded.ok("today").stdout
    assert "Maria" in out and "This week" in out and "unbrace checkin" in out


def test_home_starts_onboarding_without_a_profile(cli: Cli) -> None:
    answers = ["Robin"] + ["n"] * 8 + ["reaching up to a shelf", "a garden", "breakfast"]
    result = cli.ok(input="\n".join(answers) + "\n")
    assert "Welcome to unbrace" in result.stdout and "All set, Robin" in result.stdout


def test_home_picks_a_session(onboarded: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from unbrace.cli import session

    monkeypatch.setattr(session, "run_session", partial(session.run_session, speed=600))
    result = onboarded.ok(input="\n".join(["1", "5", "4", "", "", ""]) + "\n")
    assert "Type a number" in result.stdout
    (logged,) = onboarded.json("history")["sessions"]
    assert logged["pain_before"] == 5


def test_doctor_reports_each_part(onboarded: Cli) -> None:
    result = onboarded("doctor", "--json")
    import json

    report = json.loads(result.stdout)
    names = [check["name"] for check in report["checks"]]
    assert names == ["database", "data directory", "voice", "notifications"]
    assert report["checks"][0]["ok"] and report["checks"][1]["ok"]
    assert result.exit_code == (0 if report["ok"] else 1)
    assert "browser" not in onboarded("doctor").stdout.lower()  # people using the app


def test_doctor_for_developers_lists_the_test_browser(onboarded: Cli) -> None:
    import json

    report = json.loads(onboarded("doctor", "--developer", "--json").stdout)
    assert [check["name"] for check in report["checks"]][-1] == "browser for tests"


def test_doctor_flags_an_unreachable_database(cli: Cli, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("UNBRACE_DATABASE_URL", "postgresql://x@127.0.0.1:1/none")
    result = cli("doctor")
    assert result.exit_code == 1 and "fix:" in result.stdout


def test_version_and_help(cli: Cli) -> None:
    from unbrace import __version__

    assert cli.ok("--version").stdout.strip() == f"unbrace {__version__}"
    assert "does not diagnose or cure" in " ".join(cli.ok("--help").stdout.split())


def test_unreachable_database_is_one_line(cli: Cli, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("UNBRACE_DATABASE_URL", "postgresql://x@127.0.0.1:1/none")
    assert "Cannot open the database" in cli.bad("today").stderr
    monkeypatch.setenv("UNBRACE_DATABASE_URL", "not a url")
    cli.bad("today")


def test_unknown_command_and_option_are_one_line(cli: Cli) -> None:
    cli.bad("frobnicate")
    cli.bad("practices", "--bogus")


def test_reading_commands_do_not_create_a_database(cli: Cli, isolated_home: Path) -> None:
    for args in (["history"], ["today"], ["settings", "show"], ["safety", "status"]):
        assert "unbrace init" in cli.bad(*args).stderr
    assert cli.json("profile", "list") == []
    assert cli.ok("doctor", "--json").exit_code == 0
    assert not (isolated_home / "unbrace.db").exists()


def test_an_anchor_typed_with_after_is_said_once(cli: Cli) -> None:
    cli.ok(
        "init", "--name", "Ann", "--movement", "lifting", "--scene", "a lake",
        "--anchor", "After brushing my teeth.", "--red-flags", "none", "--no-input",
    )  # fmt: skip
    shown = cli.ok("today").stdout
    assert "after brushing my teeth" in shown
    assert "after after" not in shown.lower()
    assert cli.json("settings", "show", "--json")["anchor"] == "brushing my teeth"
    intention = cli.json("routine", "show", "--json")["intention"]
    assert intention.startswith("After brushing my teeth, I will do 5 minutes")


def test_this_week_counts_one_day_in_the_singular(onboarded: Cli) -> None:
    onboarded.ok(
        "session", "posture-reset", "--no-input", "--pain-before", "3", "--pain-after", "2",
        "--vivid-visual", "3", "--vivid-body", "3", "--speed", "600",
    )  # fmt: skip
    shown = onboarded.ok("today").stdout
    assert "1 day," in shown and "day(s)" not in shown
