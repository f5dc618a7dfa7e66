from __future__ import annotations

from tests.cli.conftest import Cli


def test_insights_json_contract(onboarded: Cli) -> None:
    onboarded.ok("demo", "--days", "60", "--seed", "2")
    data = onboarded.json("insights")
    assert {
        "adherence",
        "pain_trend",
        "session_effect",
        "flare_only_share",
        "meaningful_change",
    } <= set(data)
    assert 0 <= data["flare_only_share"] <= 1
    assert data["meaningful_change"]["enough_data"] is True
    since = onboarded.json("insights", "--since", "2099-01-01")
    assert since["pain_trend"]["daily"] == []
    assert since["meaningful_change"]["enough_data"] is False


def test_insights_for_people(onboarded: Cli) -> None:
    assert "No check-ins yet" in onboarded.ok("insights").stdout
    onboarded.ok("demo", "--days", "40", "--seed", "1")
    out = onboarded.ok("insights").stdout
    assert "Change that matters" in out and "7-day mean" in out


def test_demo_refuses_real_data_without_force(onboarded: Cli) -> None:
    onboarded.ok("checkin", "--pain", "5", "--enjoyment", "4", "--activity", "3", "--no-input")
    onboarded.bad("demo", "--days", "30")
    assert len(onboarded.json("history")["checkins"]) == 1
    onboarded.ok("demo", "--days", "30", "--force")
    assert len(onboarded.json("history")["checkins"]) > 10
    onboarded.bad("demo", "--days", "3")


def test_insights_bad_input(onboarded: Cli) -> None:
    onboarded.bad("insights", "--since", "yesterday")
