"""Property tests: hostile values in command-line options. Each is stored exactly, or refused
with one line and exit status 2 with nothing changed; never a traceback (tests/contract.py)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.conftest import Cli
from tests.contract import count, days, numbers, one_line, texts

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CHECKIN = ["checkin", "--pain", "5", "--enjoyment", "4", "--activity", "3", "--no-input"]


def stored(cli: Cli) -> Any:
    return (cli.json("history"), cli.json("settings", "show"), cli.json("profile", "list"))


def outcome(cli: Cli, category: str, args: list[str], before: Any) -> bool:
    result = cli(*args)
    assert result.exit_code in (0, 2), (result.exit_code, args[-2:], result.output)
    assert "Traceback" not in result.output
    count(category, accepted=result.exit_code == 0)
    if result.exit_code == 2:
        one_line(result.stderr)
        assert stored(cli) == before
    return result.exit_code == 0


@PROPERTY
@given(
    option=st.sampled_from(["--note", "--date", "--pain", "--worst", "--sleep"]),
    value=st.one_of(texts, days, numbers.map(str)),
)
def test_checkin_options(onboarded: Cli, option: str, value: str) -> None:
    before = stored(onboarded)
    if outcome(onboarded, "CLI: checkin", [*CHECKIN, "--replace", option, value], before):
        checkins = onboarded.json("history")["checkins"]
        if option == "--note":
            assert value in {c["note"] for c in checkins}
        elif option == "--date" and value:  # an empty --date means today
            assert value in {c["date"] for c in checkins}


@PROPERTY
@given(
    option=st.sampled_from(["--movement", "--easier", "--scene", "--anchor", "--breath-in"]),
    value=st.one_of(texts, numbers.map(str)),
)
def test_settings_options(onboarded: Cli, option: str, value: str) -> None:
    before = stored(onboarded)
    args = ["settings", "set", option, value]
    if option == "--breath-in":
        args += ["--breath-out", "6"]
    if outcome(onboarded, "CLI: settings set", args, before):
        shown = onboarded.json("settings", "show")
        key = option.removeprefix("--").replace("-", "_")
        if option == "--breath-in":
            assert shown[key] == float(value)
        elif value.split() or option != "--movement":
            assert shown[key] == " ".join(value.split())


@PROPERTY
@given(name=texts)
def test_profile_names(onboarded: Cli, name: str) -> None:
    before = stored(onboarded)
    if outcome(onboarded, "CLI: profile add", ["profile", "add", name], before):
        assert name.strip() in {p["name"] for p in onboarded.json("profile", "list")}


@PROPERTY
@given(
    option=st.sampled_from(["--note", "--pain-before", "--pain-after", "--vivid-body"]),
    value=st.one_of(texts, numbers.map(str)),
)
def test_session_options(onboarded: Cli, option: str, value: str) -> None:
    before = stored(onboarded)
    args = ["session", "posture-reset", "--no-input", "--speed", "600", option, value]
    if outcome(onboarded, "CLI: session", args, before):
        latest = onboarded.json("history")["sessions"][-1]
        assert latest["status"] == "completed"
        if option == "--note":
            assert latest["note"] == value


@PROPERTY
@given(intention=texts)
def test_routine_intention(onboarded: Cli, intention: str) -> None:
    before = stored(onboarded)
    outcome(onboarded, "CLI: routine set", ["routine", "set", "--intention", intention], before)
