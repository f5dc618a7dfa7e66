"""Whether to skip a posture reset: the pure rule, and LinuxPresence on a real test bus."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import pytest
from dbus_fast import DBusError
from dbus_fast.annotations import DBusBool, DBusSignature, DBusUInt32
from dbus_fast.service import ServiceInterface, dbus_method

from tests.remind.test_notifier import serving, session_bus_daemon
from unbrace.remind.presence import (
    LinuxPresence,
    NoPresence,
    Presence,
    should_skip_reset,
    system_presence,
)

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="presence over D-Bus is Linux only"
)

HOUR = 3600.0


@pytest.fixture
def session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with session_bus_daemon() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address


class FakeScreenSaver(ServiceInterface):
    def __init__(self, *, active: bool, idle_ms: int) -> None:
        super().__init__("org.freedesktop.ScreenSaver")
        self.active = active
        self.idle_ms = idle_ms

    @dbus_method()
    def GetActive(self) -> DBusBool:
        return self.active

    @dbus_method()
    def GetSessionIdleTime(self) -> DBusUInt32:
        return self.idle_ms


class UnhelpfulScreenSaver(ServiceInterface):
    """Like KWin on Wayland: the service is there but will not say how long the session idled."""

    def __init__(self) -> None:
        super().__init__("org.freedesktop.ScreenSaver")

    @dbus_method()
    def GetActive(self) -> DBusBool:
        return False

    @dbus_method()
    def GetSessionIdleTime(self) -> DBusUInt32:
        raise DBusError("org.freedesktop.DBus.Error.NotSupported", "not on Wayland")


class FakeIdleMonitor(ServiceInterface):
    def __init__(self, idle_ms: int) -> None:
        super().__init__("org.gnome.Mutter.IdleMonitor")
        self.idle_ms = idle_ms

    @dbus_method()
    def GetIdletime(self) -> Annotated[int, DBusSignature("t")]:
        return self.idle_ms


async def ask(presence: Presence) -> tuple[float | None, bool | None]:
    return await presence.idle_seconds(), await presence.locked()


# --- the rule --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("idle", "locked", "skip"),
    [
        (None, None, False),  # the platform cannot tell: remind as usual
        (None, False, False),
        (None, True, True),  # locked screen
        (0.0, True, True),
        (5.0, False, False),  # at the desk
        (HOUR, False, False),  # exactly the interval: not longer
        (HOUR + 1, False, True),  # away longer than the interval
        (HOUR + 1, None, True),
        (10.0, None, False),
    ],
)
def test_should_skip_reset(idle: float | None, locked: bool | None, skip: bool) -> None:
    assert should_skip_reset(idle=idle, locked=locked, interval_seconds=HOUR) is skip


def test_no_presence_cannot_tell() -> None:
    assert asyncio.run(ask(NoPresence())) == (None, None)


# --- the platform ----------------------------------------------------------------------------


@linux_only
def test_system_presence_needs_a_session_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert isinstance(asyncio.run(system_presence()), NoPresence)

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    assert isinstance(asyncio.run(system_presence()), LinuxPresence)


@linux_only
def test_an_unreachable_bus_cannot_tell(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'gone'}")
    assert asyncio.run(ask(LinuxPresence())) == (None, None)


@linux_only
def test_a_bus_without_a_screensaver_cannot_tell(session_bus: str) -> None:
    assert asyncio.run(ask(LinuxPresence())) == (None, None)


@linux_only
def test_the_screensaver_says_locked_and_idle(session_bus: str) -> None:
    async def scenario() -> tuple[float | None, bool | None]:
        saver = FakeScreenSaver(active=True, idle_ms=754_000)
        async with serving("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", saver):
            return await ask(LinuxPresence())

    assert asyncio.run(scenario()) == (754.0, True)


@linux_only
def test_an_unlocked_screen_is_not_locked(session_bus: str) -> None:
    async def scenario() -> tuple[float | None, bool | None]:
        saver = FakeScreenSaver(active=False, idle_ms=2_500)
        async with serving("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", saver):
            return await ask(LinuxPresence())

    idle, locked = asyncio.run(scenario())
    assert (idle, locked) == (2.5, False)
    assert not should_skip_reset(idle=idle, locked=locked, interval_seconds=HOUR)


@linux_only
def test_mutter_idle_monitor_comes_first(session_bus: str) -> None:
    async def scenario() -> tuple[float | None, bool | None]:
        saver = FakeScreenSaver(active=False, idle_ms=999_000)
        monitor = FakeIdleMonitor(1_500)
        async with (
            serving("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", saver),
            serving("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core", monitor),
        ):
            return await ask(LinuxPresence())

    assert asyncio.run(scenario()) == (1.5, False)


@linux_only
def test_a_screensaver_error_means_cannot_tell(session_bus: str) -> None:
    async def scenario() -> tuple[float | None, bool | None]:
        saver = UnhelpfulScreenSaver()
        async with serving("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", saver):
            return await ask(LinuxPresence())

    assert asyncio.run(scenario()) == (None, False)
