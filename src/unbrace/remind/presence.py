"""Is the person at the screen? Posture resets are skipped when they are not.

A reset reminder on a locked screen, or after the person has walked away for longer than the
interval, would only pile up unread. When the platform cannot tell (no D-Bus, no screensaver
service, another OS) the answer is ``None`` and the reminder fires as usual.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from unbrace.remind.notifier import disconnect

if TYPE_CHECKING:
    from dbus_fast.aio import MessageBus

logger = logging.getLogger(__name__)

# Each probe is one small round trip on the session bus; a hung service must not hold up
# the scheduler.
DBUS_TIMEOUT = 2.0


class Presence(Protocol):
    async def idle_seconds(self) -> float | None: ...  # None: the platform cannot tell

    async def locked(self) -> bool | None: ...


class NoPresence:
    """A platform that cannot tell: never skip."""

    async def idle_seconds(self) -> float | None:
        return None

    async def locked(self) -> bool | None:
        return None


class Probe(NamedTuple):
    destination: str
    path: str
    interface: str
    member: str


SCREENSAVER_ACTIVE = Probe(
    "org.freedesktop.ScreenSaver",
    "/org/freedesktop/ScreenSaver",
    "org.freedesktop.ScreenSaver",
    "GetActive",
)
# GNOME Shell answers on its own name rather than the freedesktop one.
GNOME_SCREENSAVER_ACTIVE = Probe(
    "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "GetActive"
)
MUTTER_IDLETIME = Probe(  # milliseconds, GNOME (X11 and Wayland)
    "org.gnome.Mutter.IdleMonitor",
    "/org/gnome/Mutter/IdleMonitor/Core",
    "org.gnome.Mutter.IdleMonitor",
    "GetIdletime",
)
SCREENSAVER_IDLETIME = Probe(  # milliseconds, KDE and others
    "org.freedesktop.ScreenSaver",
    "/org/freedesktop/ScreenSaver",
    "org.freedesktop.ScreenSaver",
    "GetSessionIdleTime",
)


class LinuxPresence:
    """Asks the screensaver and idle monitor on the D-Bus session bus.

    Each question opens its own short connection: the scheduler asks about once an hour, and a
    connection kept open would go stale across a logout or a restarted bus.
    """

    def __init__(self, *, bus_address: str | None = None, timeout: float = DBUS_TIMEOUT) -> None:
        self._bus_address = bus_address
        self._timeout = timeout

    async def idle_seconds(self) -> float | None:
        milliseconds = await self._first_answer(MUTTER_IDLETIME, SCREENSAVER_IDLETIME)
        if isinstance(milliseconds, int) and not isinstance(milliseconds, bool):
            return milliseconds / 1000
        return None

    async def locked(self) -> bool | None:
        active = await self._first_answer(SCREENSAVER_ACTIVE, GNOME_SCREENSAVER_ACTIVE)
        return active if isinstance(active, bool) else None

    async def _first_answer(self, *probes: Probe) -> Any:
        """The first value any probe returns, or None when none answers."""
        try:
            bus = await asyncio.wait_for(self._connect(), self._timeout)
        except Exception as error:
            logger.debug("no session bus for presence: %s", error)
            return None
        try:
            for probe in probes:
                value = await self._ask(bus, probe)
                if value is not None:
                    return value
            return None
        finally:
            await disconnect(bus)

    async def _connect(self) -> MessageBus:
        from dbus_fast.aio import MessageBus

        return await MessageBus(bus_address=self._bus_address).connect()

    async def _ask(self, bus: MessageBus, probe: Probe) -> Any:
        from dbus_fast import Message, MessageFlag, MessageType

        message = Message(
            destination=probe.destination,
            path=probe.path,
            interface=probe.interface,
            member=probe.member,
            # Asking must not launch a screensaver that was not running.
            flags=MessageFlag.NO_AUTOSTART,
        )
        try:
            reply = await asyncio.wait_for(bus.call(message), self._timeout)
        except Exception as error:
            logger.debug("%s.%s failed: %s", probe.interface, probe.member, error)
            return None
        if reply is None or reply.message_type is not MessageType.METHOD_RETURN or not reply.body:
            logger.debug(
                "%s.%s: no answer (%s)",
                probe.interface,
                probe.member,
                reply.error_name if reply is not None else "none",
            )
            return None
        return reply.body[0]


async def system_presence() -> Presence:
    """LinuxPresence on a Linux desktop session, otherwise NoPresence.

    No probe here: at login the screensaver may register after this starts, and LinuxPresence
    already answers None for whatever is missing at the time it is asked.
    """
    if sys.platform.startswith("linux") and os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return LinuxPresence()
    return NoPresence()


def should_skip_reset(*, idle: float | None, locked: bool | None, interval_seconds: float) -> bool:
    """Skip a posture reset when the screen is locked or the person has been away longer than
    the interval (so they have already moved); when unknown, do not skip."""
    if locked:
        return True
    return idle is not None and idle > interval_seconds
