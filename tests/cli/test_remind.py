from __future__ import annotations

import datetime as dt
import threading
import urllib.error
import urllib.request
from pathlib import Path

import icalendar
import pytest

from tests.cli.conftest import Cli


def test_routine_defaults_and_set(onboarded: Cli) -> None:
    shown = onboarded.json("routine", "show")
    assert shown["anchor"] == "making my morning coffee"
    assert shown["practice"] == "movement-rehearsal" and shown["minutes"] == 5
    assert shown["reset_every"] == 60 and shown["work_days"] == "mon-fri"
    onboarded.ok(
        "routine",
        "set",
        "--anchor-time",
        "07:15",
        "--practice",
        "body-scan",
        "--minutes",
        "3",
        "--work-days",
        "mon,tue,thu",
        "--work-hours",
        "08:00-12:00",
        "--reset-every",
        "45",
        "--quiet-hours",
        "21:00-06:30",
        "--downshift",
        "20:30",
        "--timezone",
        "Europe/Paris",
        "--intention",
        "After I make my coffee, I will do three minutes in the kitchen chair.",
    )
    shown = onboarded.json("routine", "show")
    assert shown["anchor_time"] == "07:15" and shown["practice"] == "body-scan"
    assert shown["work_days"] == "mon,tue,thu" and shown["work_hours"] == "08:00-12:00"
    assert shown["reset_times"] == ["08:45", "09:30", "10:15", "11:00", "11:45"]
    assert shown["quiet_hours"] == "21:00-06:30" and shown["downshift"] == "20:30"
    assert shown["intention"].startswith("After I make my coffee")
    onboarded.ok("routine", "set", "--downshift", "off", "--reset-every", "0")
    shown = onboarded.json("routine", "show")
    assert shown["downshift"] is None and shown["reset_times"] == []
    assert "After I make my coffee" in onboarded.ok("routine", "show").stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--anchor-time", "7.30"],
        ["--anchor-time", "24:00"],
        ["--work-hours", "17:00-09:00"],
        ["--work-hours", "09:00"],
        ["--work-days", "mon-funday"],
        ["--work-days", "fri-mon"],
        ["--quiet-hours", "22:00-22:00"],
        ["--downshift", "late"],
        ["--reset-every", "5"],
        ["--minutes", "30"],
        ["--practice", "juggling"],
        ["--timezone", "Moon/Base"],
        ["--anchor-time", "06:00", "--work-days", "xyz"],
    ],
)
def test_bad_routine_changes_nothing(onboarded: Cli, args: list[str]) -> None:
    before = onboarded.json("routine", "show")
    onboarded.bad("routine", "set", *args)
    assert onboarded.json("routine", "show") == before


def test_ics_file(onboarded: Cli, tmp_path: Path) -> None:
    path = tmp_path / "routine.ics"
    onboarded.ok("routine", "set", "--downshift", "21:00", "--timezone", "Europe/London")
    onboarded.ok("remind", "ics", "--out", str(path))
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 1 + 7 + 1
    onboarded.bad("remind", "ics")
    onboarded.bad("remind", "ics", "--out", str(tmp_path / "x.txt"))
    onboarded.bad("remind", "ics", "--out", str(tmp_path / "missing" / "x.ics"))


def test_served_calendar_only_for_loopback_hosts() -> None:
    from unbrace.remind.serve import make_server

    server = make_server(lambda: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", port=0)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/calendar.ics", timeout=5) as reply:
            assert reply.headers["Content-Type"].startswith("text/calendar")
            assert reply.read().startswith(b"BEGIN:VCALENDAR")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/other", timeout=5)
        assert missing.value.code == 404
        missing.value.close()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/calendar.ics", headers={"Host": "evil.example"}
        )
        with pytest.raises(urllib.error.HTTPError) as rebinding:
            urllib.request.urlopen(request, timeout=5)
        assert rebinding.value.code == 400
        rebinding.value.close()
    finally:
        server.shutdown()
        server.server_close()


def test_run_falls_back_to_the_terminal_without_a_notification_service(
    onboarded: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    soon = (dt.datetime.now() + dt.timedelta(minutes=1)).strftime("%H:%M")
    onboarded.ok(
        "routine",
        "set",
        "--reset-every",
        "0",
        "--anchor-time",
        (dt.datetime.now() + dt.timedelta(hours=2)).strftime("%H:%M"),
        "--quiet-hours",
        "off",
    )
    result = onboarded.ok("remind", "run", "--until", soon)
    assert "Reminders are on (terminal)" in result.stdout
    assert "not available" in result.stderr.lower()


def test_install_dry_run_install_and_uninstall(
    onboarded: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    if sys.platform != "linux":
        pytest.skip("checks the systemd user unit")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    dry = onboarded.ok("remind", "install", "--dry-run")
    assert "ExecStart=" in dry.stdout and "remind run" in dry.stdout
    # The interpreter as invoked, which finds this install's packages (a virtual
    # environment's python links to one that does not).
    assert f"ExecStart={Path(sys.executable).absolute()} -m unbrace remind run" in dry.stdout
    unit = tmp_path / "config" / "systemd" / "user" / "unbrace-remind.service"
    assert not unit.exists()
    onboarded.ok("remind", "install")
    assert unit.exists()
    assert (unit.parent / "default.target.wants" / unit.name).is_symlink()
    assert "Removed" in onboarded.ok("remind", "uninstall").stdout
    assert not unit.exists()
    assert "nothing to remove" in onboarded.ok("remind", "uninstall").stdout
