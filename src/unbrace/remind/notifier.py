"""The notification edge: a desktop notification with buttons, or a terminal line and a bell.

desktop-notifier's ``send()`` never raises: without a notification service it logs a warning and
the reminder is lost. So ``choose_notifier`` asks the service for its capabilities first and
falls back to the terminal, saying so once, when nothing answers. ``desktop_notifier`` (and with
it dbus_fast) is imported only here, inside functions, so importing this module stays cheap.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:
    import desktop_notifier

logger = logging.getLogger(__name__)

ACTIONS = ("start", "snooze", "skip")
LABELS = {"start": "Start", "snooze": "Snooze 10 min", "skip": "Skip"}
APP_NAME = "unbrace"
# A service that owns its bus name but hangs must not stall the scheduler; a healthy one
# answers in milliseconds.
DBUS_TIMEOUT = 5.0


class Notifier(Protocol):
    name: str  # "desktop" or "terminal"

    async def send(self, title: str, body: str, *, on_action: Callable[[str], None]) -> None: ...


def _one_line(text: str) -> str:
    return " ".join(text.split())


class TerminalNotifier:
    """One plain line and a bell on a text stream; there is nothing to click, so no actions."""

    name = "terminal"

    def __init__(
        self, stream: TextIO | None = None, *, now: Callable[[], dt.datetime] | None = None
    ) -> None:
        self._stream = stream
        self._now = now or (lambda: dt.datetime.now().astimezone())

    @property
    def stream(self) -> TextIO:
        # Looked up at each write, not at construction, so a redirected stderr is honoured.
        return self._stream if self._stream is not None else sys.stderr

    def say(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()

    async def send(
        self,
        title: str,
        body: str,
        *,
        on_action: Callable[[str], None],  # noqa: ARG002
    ) -> None:
        # on_action: the Notifier protocol's; a terminal has no buttons to press.
        line = f"[{self._now():%H:%M}] {_one_line(title)} — {_one_line(body)}"
        self.stream.write(line + "\a\n")
        self.stream.flush()

    async def aclose(self) -> None:
        """Nothing to release; here so callers can close any notifier alike."""


def _guarded(on_action: Callable[[str], None], action: str) -> Callable[[], None]:
    """``on_action(action)`` as a no-argument callback that logs instead of raising.

    Button callbacks run inside dbus_fast's message reader; an exception there would be logged
    out of context and could stop later signals from being handled.
    """

    def call() -> None:
        try:
            on_action(action)
        except Exception:
            logger.exception("handling the %r action of a reminder failed", action)

    return call


class DesktopNotifier:
    """A native notification via desktop-notifier, with Start / Snooze / Skip buttons."""

    name = "desktop"

    def __init__(
        self,
        notifier: desktop_notifier.DesktopNotifier | None = None,
        *,
        fallback: TerminalNotifier | None = None,
    ) -> None:
        self._notifier = notifier if notifier is not None else _new_backend()
        self._fallback = fallback if fallback is not None else TerminalNotifier()

    async def capabilities(self) -> frozenset[desktop_notifier.Capability]:
        """What the service supports; empty without one. D-Bus errors propagate."""
        return await asyncio.wait_for(self._notifier.get_capabilities(), DBUS_TIMEOUT)

    async def send(self, title: str, body: str, *, on_action: Callable[[str], None]) -> None:
        from desktop_notifier import Button, Capability

        try:
            capabilities = await self.capabilities()
        except Exception:
            logger.warning("could not ask the notification service what it supports", exc_info=True)
            capabilities = frozenset()
        buttons: tuple[Button, ...] = ()
        if Capability.BUTTONS in capabilities:
            # The action names double as the D-Bus action keys, so a server sees "snooze".
            buttons = tuple(
                Button(LABELS[action], _guarded(on_action, action), identifier=action)
                for action in ACTIONS
            )
        # desktop-notifier swallows delivery errors (it only logs them) but calls on_dispatched
        # once the service has accepted the notification: that is how a failure shows.
        dispatched = asyncio.Event()
        try:
            await asyncio.wait_for(
                self._notifier.send(
                    title,
                    body,
                    buttons=buttons,
                    on_clicked=_guarded(on_action, "start"),
                    on_dispatched=dispatched.set,
                ),
                DBUS_TIMEOUT,
            )
        except Exception:
            logger.warning("sending a desktop notification failed", exc_info=True)
        if dispatched.is_set():
            return
        # The service went away (logout, a crashed shell): do not lose the reminder, and start a
        # fresh connection next time, as the old one may be dead.
        logger.warning("desktop notification not delivered; writing it to the terminal instead")
        await self._fallback.send(title, body, on_action=on_action)
        await self.aclose()
        self._notifier = _new_backend()

    async def aclose(self) -> None:
        """Disconnect from the session bus; desktop-notifier has no public way to do so."""
        await disconnect(getattr(getattr(self._notifier, "_backend", None), "bus", None))


async def disconnect(bus: Any) -> None:
    """Close a dbus_fast bus and wait until its socket is closed (Any: that API is untyped)."""
    if bus is None or not getattr(bus, "connected", False):
        return
    bus.disconnect()
    with contextlib.suppress(Exception):
        await asyncio.wait_for(bus.wait_for_disconnect(), DBUS_TIMEOUT)


def _new_backend() -> desktop_notifier.DesktopNotifier:
    from desktop_notifier import DesktopNotifier as Backend

    return Backend(app_name=APP_NAME)


def _missing_session_bus() -> bool:
    return sys.platform.startswith("linux") and not os.environ.get("DBUS_SESSION_BUS_ADDRESS")


async def choose_notifier(*, stream: TextIO | None = None) -> Notifier:
    """The desktop notifier when a notification service really answers, else the terminal."""
    terminal = TerminalNotifier(stream)
    desktop: DesktopNotifier | None = None
    if _missing_session_bus():
        reason = "there is no D-Bus session bus"
    else:
        try:
            desktop = DesktopNotifier(fallback=terminal)
            if await desktop.capabilities():
                return desktop
            # desktop-notifier's stand-in backend (plain Python on macOS, unknown systems)
            # reports no capabilities at all.
            reason = (
                "macOS shows them only for app bundles"
                if sys.platform == "darwin"
                else "no notification service answered"
            )
        except Exception as error:  # D-Bus errors, time-outs, an unusable backend
            logger.warning("desktop notifications are unavailable", exc_info=True)
            reason = f"no notification service answered ({type(error).__name__})"
    if desktop is not None:
        await desktop.aclose()
    terminal.say(
        f"Desktop notifications are not available ({reason}); "
        "reminders will appear here with a bell."
    )
    return terminal
