from __future__ import annotations

from tests.cli.conftest import Cli


def test_profile_add_list_and_select(onboarded: Cli) -> None:
    onboarded.ok("profile", "add", "Tom")
    names = [row["name"] for row in onboarded.json("profile", "list")]
    assert names == ["Maria", "Tom"]
    onboarded.ok(
        "--profile",
        "Tom",
        "checkin",
        "--pain",
        "3",
        "--enjoyment",
        "2",
        "--activity",
        "1",
        "--no-input",
    )
    assert len(onboarded.json("--profile", "Tom", "history")["checkins"]) == 1
    assert onboarded.json("history")["checkins"] == []


def test_profile_from_environment(onboarded: Cli, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    onboarded.ok("profile", "add", "Tom")
    monkeypatch.setenv("UNBRACE_PROFILE", "Tom")
    assert onboarded.json("settings", "show")["profile"] == "Tom"


def test_unknown_profile_is_refused(onboarded: Cli) -> None:
    result = onboarded.bad("--profile", "Nobody", "today")
    assert "No profile called 'Nobody'" in result.stderr
    onboarded.bad("profile", "add", "Maria")


def test_profile_remove_asks_and_says_what_goes(onboarded: Cli) -> None:
    onboarded.ok("profile", "add", "Tom")
    onboarded.ok(
        "--profile",
        "Tom",
        "checkin",
        "--pain",
        "3",
        "--enjoyment",
        "2",
        "--activity",
        "1",
        "--no-input",
    )
    declined = onboarded("profile", "remove", "Tom", input="n\n")
    assert declined.exit_code == 1
    assert "1 check-in," in declined.stdout
    assert [r["name"] for r in onboarded.json("profile", "list")] == ["Maria", "Tom"]
    onboarded.ok("profile", "remove", "Tom", input="y\n")
    assert [r["name"] for r in onboarded.json("profile", "list")] == ["Maria"]
    onboarded.bad("profile", "remove", "Tom", "--yes")


def test_settings_breath_pace(onboarded: Cli) -> None:
    assert onboarded.json("settings", "show")["breath_in"] == 4.0
    onboarded.ok("settings", "set", "--breath-in", "5", "--breath-out", "7", "--streaks")
    shown = onboarded.json("settings", "show")
    assert (shown["breath_in"], shown["breath_out"], shown["streaks"]) == (5.0, 7.0, True)
    onboarded.bad("settings", "set", "--breath-out", "30")
    assert onboarded.json("settings", "show")["breath_out"] == 7.0
