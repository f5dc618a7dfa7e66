"""The reminder scheduler: sleeps until the next reminder, sends it, and handles the answer.

Its clock is a parameter, so tests drive it through days, daylight-saving changes and quiet
hours without sleeping. It sleeps in bounded stretches and looks at the clock again on waking, so
a suspended laptop or a changed clock cannot make it fire late or twice; reminders more than
``grace`` late (the computer was asleep) are dropped quietly rather than sent in a burst.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from unbrace.core.routine import Kind, Nudge, Reminder, Routine, message_for, next_reminder
from unbrace.remind.notifier import Notifier
from unbrace.remind.presence import NoPresence, Presence, should_skip_reset

SNOOZE = dt.timedelta(minutes=10)
GRACE = dt.timedelta(minutes=15)
MAX_SLEEP = 300.0


class Clock(Protocol):
    def now(self) -> dt.datetime: ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


@dataclass
class Outcome:
    """What happened to one reminder: sent (and any answer), skipped, or missed."""

    reminder: Reminder
    status: str  # "sent", "skipped-away", "missed"
    title: str = ""
    action: str | None = None
    snoozed: bool = False


@dataclass
class Scheduler:
    routine: Callable[[], Routine]
    notifier: Notifier
    clock: Clock
    presence: Presence = field(default_factory=NoPresence)
    nudge: Callable[[], Nudge] = Nudge
    on_start: Callable[[Reminder], None] = lambda _reminder: None
    log: Callable[[str], None] = lambda _line: None
    grace: dt.timedelta = GRACE
    max_sleep: float = MAX_SLEEP
    outcomes: list[Outcome] = field(default_factory=list)
    _snoozed: list[Reminder] = field(default_factory=list)
    _last: dt.datetime | None = None

    def next_due(self) -> Reminder:
        after = self._last or self.clock.now()
        upcoming = next_reminder(self.routine(), after)
        if self._snoozed and self._snoozed[0].at <= upcoming.at:
            return self._snoozed[0]
        return upcoming

    async def run(self, *, until: dt.datetime | None = None, events: int | None = None) -> None:
        """Send reminders until ``until`` or after ``events`` reminders (for ever by default)."""
        self._last = self._last or self.clock.now()
        handled = 0
        while events is None or handled < events:
            due = self.next_due()
            if until is not None and due.at > until:
                return
            await self._sleep_until(due.at)
            if self._snoozed and due is self._snoozed[0]:
                self._snoozed.pop(0)
            else:
                self._last = due.at
            await self._fire(due)
            handled += 1

    async def _sleep_until(self, moment: dt.datetime) -> None:
        while True:
            remaining = (moment - self.clock.now()).total_seconds()
            if remaining <= 0:
                return
            await self.clock.sleep(min(remaining, self.max_sleep))

    async def _fire(self, reminder: Reminder) -> None:
        late = self.clock.now() - reminder.at
        if late > self.grace:
            self._record(Outcome(reminder, "missed"))
            return
        routine = self.routine()
        if reminder.kind is Kind.RESET:
            idle, locked = await self.presence.idle_seconds(), await self.presence.locked()
            if should_skip_reset(
                idle=idle, locked=locked, interval_seconds=routine.reset_every * 60
            ):
                self._record(Outcome(reminder, "skipped-away"))
                return
        nudge = self.nudge() if reminder.kind is Kind.ANCHOR else None
        title, body = message_for(reminder, routine, nudge)
        outcome = Outcome(reminder, "sent", title)

        def answered(action: str) -> None:
            outcome.action = action
            self.log(f"answer {action} to {reminder.kind} at {reminder.local_time}")
            if action == "snooze":
                again = Reminder(
                    reminder.kind, self.clock.now() + SNOOZE, reminder.practice, reminder.minutes
                )
                self._snoozed.append(again)
                self._snoozed.sort(key=lambda item: item.at)
                outcome.snoozed = True
            elif action == "start":
                self.on_start(reminder)

        await self.notifier.send(title, body, on_action=answered)
        self._record(outcome)

    def _record(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        reminder = outcome.reminder
        self.log(
            f"{outcome.status} {reminder.kind} due {reminder.at.isoformat()}"
            + (f" via {self.notifier.name}" if outcome.status == "sent" else "")
        )
