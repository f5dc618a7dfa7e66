"""The notification edge against a real D-Bus session bus and a small notification server.

``session_bus_daemon`` starts a private dbus-daemon (no service activation, so nothing on the
machine answers for us); the fake server implements just enough of
org.freedesktop.Notifications for desktop-notifier. pytest-asyncio is not installed, so each
test drives its coroutine with ``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
from dbus_fast.aio import MessageBus
from dbus_fast.annotations import (
    DBusDict,
    DBusInt32,
    DBusSignature,
    DBusStr,
    DBusUInt32,
)
from dbus_fast.service import ServiceInterface, dbus_method, dbus_signal

from unbrace.remind.notifier import (
    ACTIONS,
    DesktopNotifier,
    TerminalNotifier,
    choose_notifier,
    disconnect,
)

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="D-Bus notifications are the Linux backend"
)

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@contextlib.contextmanager
def session_bus_daemon() -> Iterator[str]:
    """A private session bus for one test; yields its address.

    Its own config rather than ``--session``: the system's session config would activate any
    notification daemon installed on the machine, and the tests must control who answers.
    A short temporary folder, as a unix socket path is limited to about 100 bytes.
    """
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed")
    with tempfile.TemporaryDirectory(prefix="unbrace-bus-") as folder:
        config = Path(folder, "bus.conf")
        config.write_text(BUS_CONFIG.format(folder=folder))
        process = subprocess.Popen(
            [daemon, f"--config-file={config}", "--print-address", "--nofork"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert process.stdout is not None
            address = process.stdout.readline().strip()
            assert address, f"dbus-daemon did not start (exit {process.poll()})"
            yield address
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()


@pytest.fixture
def session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with session_bus_daemon() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address


@contextlib.asynccontextmanager
async def serving(name: str, path: str, *interfaces: ServiceInterface) -> AsyncIterator[None]:
    """Own ``name`` on the test bus and export ``interfaces`` at ``path`` while inside."""
    bus = await MessageBus().connect()
    try:
        for interface in interfaces:
            bus.export(path, interface)
        await bus.request_name(name)
        yield
    finally:
        await disconnect(bus)


class FakeNotifications(ServiceInterface):
    """org.freedesktop.Notifications, recording what it is asked to show."""

    def __init__(self) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.calls: list[dict[str, Any]] = []
        self.closed: list[int] = []

    @dbus_method()
    def GetCapabilities(self) -> Annotated[list[str], DBusSignature("as")]:
        return ["actions", "body"]

    @dbus_method()
    def GetServerInformation(self) -> Annotated[list[str], DBusSignature("ssss")]:
        return ["unbrace-test-server", "unbrace", "1.0", "1.2"]

    @dbus_method()
    def Notify(
        self,
        app_name: DBusStr,
        replaces_id: DBusUInt32,
        app_icon: DBusStr,
        summary: DBusStr,
        body: DBusStr,
        actions: Annotated[list[str], DBusSignature("as")],
        hints: DBusDict,
        expire_timeout: DBusInt32,
    ) -> DBusUInt32:
        notification_id = len(self.calls) + 1
        self.calls.append(
            {
                "id": notification_id,
                "app_name": app_name,
                "summary": summary,
                "body": body,
                "actions": list(actions),
            }
        )
        return notification_id

    @dbus_method()
    def CloseNotification(self, notification_id: DBusUInt32):
        # No return annotation: dbus_fast reads "None" as a missing D-Bus signature.
        self.closed.append(notification_id)
        self.NotificationClosed(notification_id, 3)

    @dbus_signal()
    def ActionInvoked(
        self, notification_id: int, action_key: str
    ) -> Annotated[list[Any], DBusSignature("us")]:
        return [notification_id, action_key]

    @dbus_signal()
    def NotificationClosed(
        self, notification_id: int, reason: int
    ) -> Annotated[list[int], DBusSignature("uu")]:
        return [notification_id, reason]


def serving_notifications(
    server: FakeNotifications,
) -> contextlib.AbstractAsyncContextManager[None]:
    return serving("org.freedesktop.Notifications", "/org/freedesktop/Notifications", server)


class Actions:
    """Records on_action calls and lets a test wait for the next one."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._event = asyncio.Event()

    def __call__(self, action: str) -> None:
        self.seen.append(action)
        self._event.set()

    async def next(self) -> str:
        await asyncio.wait_for(self._event.wait(), 5)
        self._event.clear()
        return self.seen[-1]


# --- the terminal fallback ---------------------------------------------------------------------


def test_terminal_notifier_writes_one_line_with_a_bell() -> None:
    stream = io.StringIO()
    terminal = TerminalNotifier(stream, now=lambda: dt.datetime(2025, 3, 3, 7, 30))
    seen: list[str] = []

    asyncio.run(
        terminal.send("Time for practice", "After coffee,\nfive minutes.", on_action=seen.append)
    )

    assert stream.getvalue() == "[07:30] Time for practice — After coffee, five minutes.\a\n"
    assert seen == []  # a terminal line has no buttons


@linux_only
def test_without_a_session_bus_the_terminal_is_chosen_and_said_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    stream = io.StringIO()

    async def scenario() -> Any:
        notifier = await choose_notifier(stream=stream)
        told = stream.getvalue()
        await notifier.send(
            "A one-minute posture reset", "Let your spine grow long.", on_action=print
        )
        return notifier, told

    notifier, told = asyncio.run(scenario())

    assert isinstance(notifier, TerminalNotifier)
    assert notifier.name == "terminal"
    assert told.count("\n") == 1
    assert "Desktop notifications are not available" in told
    assert "reminders will appear here with a bell" in told
    reminder = stream.getvalue()[len(told) :]
    assert reminder.endswith("A one-minute posture reset — Let your spine grow long.\a\n")
    assert reminder.count("\n") == 1


def test_a_backend_with_no_capabilities_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    # What plain Python on macOS gets: desktop-notifier's stand-in that "sends" into the void.
    import desktop_notifier.main
    from desktop_notifier.backends.dummy import DummyNotificationCenter

    monkeypatch.setattr(desktop_notifier.main, "get_backend_class", lambda: DummyNotificationCenter)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/unused")
    stream = io.StringIO()

    notifier = asyncio.run(choose_notifier(stream=stream))

    assert isinstance(notifier, TerminalNotifier)
    assert stream.getvalue().count("\n") == 1
    assert "Desktop notifications are not available" in stream.getvalue()


def test_the_terminal_is_stderr_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    asyncio.run(TerminalNotifier().send("Evening downshift", "Slow breaths.", on_action=print))

    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Evening downshift — Slow breaths.\a" in captured.err


# --- a real session bus -----------------------------------------------------------------------


@linux_only
def test_a_bus_without_a_notification_server_falls_back(session_bus: str) -> None:
    stream = io.StringIO()

    notifier = asyncio.run(choose_notifier(stream=stream))

    assert isinstance(notifier, TerminalNotifier)
    assert stream.getvalue().count("\n") == 1
    assert "Desktop notifications are not available" in stream.getvalue()


@linux_only
def test_a_bad_bus_address_falls_back(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-such-socket'}")
    stream = io.StringIO()

    notifier = asyncio.run(choose_notifier(stream=stream))

    assert isinstance(notifier, TerminalNotifier)
    assert "not available" in stream.getvalue()


@linux_only
def test_desktop_notifications_carry_the_three_actions(session_bus: str) -> None:
    server = FakeNotifications()
    stream = io.StringIO()
    actions = Actions()

    async def scenario() -> None:
        async with serving_notifications(server):
            notifier = await choose_notifier(stream=stream)
            assert isinstance(notifier, DesktopNotifier)
            assert notifier.name == "desktop"
            try:
                await notifier.send(
                    "Time for 5 minutes of practice", "After coffee…", on_action=actions
                )
                [call] = server.calls
                server.ActionInvoked(call["id"], "snooze")
                assert await actions.next() == "snooze"

                # Clicking the notification itself starts the session.
                await notifier.send("A one-minute posture reset", "Re-align.", on_action=actions)
                server.ActionInvoked(server.calls[-1]["id"], "default")
                assert await actions.next() == "start"
            finally:
                await notifier.aclose()

    asyncio.run(scenario())

    first = server.calls[0]
    assert first["app_name"] == "unbrace"
    assert first["summary"] == "Time for 5 minutes of practice"
    assert first["body"] == "After coffee…"
    assert first["actions"] == [
        "default",
        "",
        "start",
        "Start",
        "snooze",
        "Snooze 10 min",
        "skip",
        "Skip",
    ]
    assert [key for key in first["actions"][2::2]] == list(ACTIONS)
    assert actions.seen == ["snooze", "start"]
    assert stream.getvalue() == ""  # nothing said about a fallback


@linux_only
def test_a_failing_action_handler_does_not_break_later_actions(session_bus: str) -> None:
    server = FakeNotifications()
    actions = Actions()

    def clumsy(action: str) -> None:
        actions(action)
        raise RuntimeError("the handler broke")

    async def scenario() -> None:
        async with serving_notifications(server):
            notifier = await choose_notifier(stream=io.StringIO())
            assert isinstance(notifier, DesktopNotifier)
            try:
                await notifier.send("One", "first", on_action=clumsy)
                await notifier.send("Two", "second", on_action=actions)
                server.ActionInvoked(server.calls[0]["id"], "skip")
                assert await actions.next() == "skip"
                server.ActionInvoked(server.calls[1]["id"], "start")
                assert await actions.next() == "start"
            finally:
                await notifier.aclose()

    asyncio.run(scenario())
    assert actions.seen == ["skip", "start"]


@linux_only
def test_a_server_that_goes_away_still_gets_the_reminder_to_the_terminal(
    session_bus: str,
) -> None:
    server = FakeNotifications()
    stream = io.StringIO()

    async def scenario() -> None:
        async with serving_notifications(server):
            notifier = await choose_notifier(stream=stream)
        assert isinstance(notifier, DesktopNotifier)
        try:
            await notifier.send("A one-minute posture reset", "Re-align.", on_action=print)
            # And a server that comes back is used again.
            async with serving_notifications(server):
                await notifier.send("Evening downshift", "Slow breaths.", on_action=print)
        finally:
            await notifier.aclose()

    asyncio.run(scenario())

    assert "A one-minute posture reset — Re-align.\a" in stream.getvalue()
    assert "Evening downshift" not in stream.getvalue()
    assert [call["summary"] for call in server.calls] == ["Evening downshift"]


@linux_only
def test_a_server_without_actions_gets_no_buttons(session_bus: str) -> None:
    class Plain(FakeNotifications):
        @dbus_method()
        def GetCapabilities(self) -> Annotated[list[str], DBusSignature("as")]:
            return ["body"]

    server = Plain()

    async def scenario() -> None:
        async with serving_notifications(server):
            notifier = await choose_notifier(stream=io.StringIO())
            assert isinstance(notifier, DesktopNotifier)
            try:
                await notifier.send("Title", "Body", on_action=print)
            finally:
                await notifier.aclose()

    asyncio.run(scenario())
    assert server.calls[0]["actions"] == ["default", ""]
