"""The scheduler on a fake clock: days, daylight saving, quiet hours, snoozes, no sleeping."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from unbrace.core.routine import Kind, Nudge, Routine, updated
from unbrace.remind.scheduler import Scheduler

LONDON = "Europe/London"


@dataclass
class FakeClock:
    moment: dt.datetime
    slept: list[float] = field(default_factory=list)

    def now(self) -> dt.datetime:
        return self.moment

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.moment += dt.timedelta(seconds=seconds)


@dataclass
class FakeNotifier:
    name: str = "fake"
    sent: list[tuple[dt.datetime, str, str]] = field(default_factory=list)
    answer: dict[str, str] = field(default_factory=dict)  # title prefix -> action
    clock: FakeClock | None = None

    async def send(self, title: str, body: str, *, on_action: Callable[[str], None]) -> None:
        assert self.clock is not None
        self.sent.append((self.clock.now(), title, body))
        for prefix, action in self.answer.items():
            if title.startswith(prefix):
                on_action(action)


@dataclass
class FakePresence:
    idle: float | None = None
    is_locked: bool | None = None

    async def idle_seconds(self) -> float | None:
        return self.idle

    async def locked(self) -> bool | None:
        return self.is_locked


def make(routine: Routine, start: dt.datetime, **extra: object) -> tuple[Scheduler, FakeNotifier]:
    clock = FakeClock(start)
    notifier = FakeNotifier(clock=clock)
    scheduler = Scheduler(routine=lambda: routine, notifier=notifier, clock=clock, **extra)  # type: ignore[arg-type]
    return scheduler, notifier


def local(sent: list[tuple[dt.datetime, str, str]], zone: str = LONDON) -> list[str]:
    from zoneinfo import ZoneInfo

    return [moment.astimezone(ZoneInfo(zone)).strftime("%a %H:%M") for moment, _, _ in sent]


def test_a_day_of_reminders_without_sleeping() -> None:
    routine = updated(Routine(timezone=LONDON), downshift=dt.time(21))
    start = dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC)  # Monday
    scheduler, notifier = make(routine, start)
    asyncio.run(scheduler.run(until=start + dt.timedelta(days=1)))
    assert local(notifier.sent) == ["Mon 07:30"] + [f"Mon {h}:00" for h in range(10, 17)] + [
        "Mon 21:00"
    ]
    assert all(o.status == "sent" for o in scheduler.outcomes)
    assert max(scheduler.clock.slept) <= 300  # type: ignore[attr-defined]


def test_weekend_and_quiet_hours() -> None:
    routine = updated(Routine(timezone=LONDON), downshift=dt.time(22, 30))  # in quiet hours
    start = dt.datetime(2026, 11, 28, 0, 0, tzinfo=dt.UTC)  # Saturday
    scheduler, notifier = make(routine, start)
    asyncio.run(scheduler.run(until=start + dt.timedelta(days=2)))
    assert local(notifier.sent) == ["Sat 07:30", "Sun 07:30"]


def test_across_daylight_saving_nothing_moves_or_doubles() -> None:
    routine = updated(
        Routine(timezone=LONDON),
        anchor_time=dt.time(1, 30),
        quiet_start=None,
        quiet_end=None,
        reset_every=0,
    )
    start = dt.datetime(2026, 10, 24, 12, tzinfo=dt.UTC)
    scheduler, notifier = make(routine, start)
    asyncio.run(scheduler.run(until=start + dt.timedelta(days=3)))
    assert local(notifier.sent) == ["Sun 01:30", "Mon 01:30", "Tue 01:30"]
    spring = dt.datetime(2026, 3, 28, 12, tzinfo=dt.UTC)
    scheduler, notifier = make(routine, spring)
    asyncio.run(scheduler.run(until=spring + dt.timedelta(days=2)))
    assert local(notifier.sent) == ["Sun 02:30", "Mon 01:30"]  # 01:30 did not exist on Sunday


def test_snooze_sends_again_ten_minutes_later_and_start_is_called() -> None:
    routine = updated(Routine(timezone=LONDON), reset_every=0)
    start = dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC)
    started: list[Kind] = []
    scheduler, notifier = make(routine, start, on_start=lambda r: started.append(r.kind))
    notifier.answer = {"Time for": "snooze"}
    asyncio.run(scheduler.run(events=3))
    assert local(notifier.sent) == ["Mon 07:30", "Mon 07:40", "Mon 07:50"]
    assert scheduler.outcomes[0].snoozed
    notifier.answer = {"Time for": "start"}
    asyncio.run(scheduler.run(events=1))  # the third snooze, at 08:00
    assert started == [Kind.ANCHOR]
    assert local(notifier.sent)[-1] == "Mon 08:00"


def test_posture_resets_skip_when_away_or_locked() -> None:
    routine = Routine(timezone=LONDON)
    start = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
    scheduler, notifier = make(routine, start, presence=FakePresence(idle=3 * 3600))
    asyncio.run(scheduler.run(until=start + dt.timedelta(hours=3)))
    assert notifier.sent == []
    assert [o.status for o in scheduler.outcomes] == ["skipped-away"] * 3
    scheduler, notifier = make(routine, start, presence=FakePresence(idle=60, is_locked=False))
    asyncio.run(scheduler.run(until=start + dt.timedelta(hours=3)))
    assert len(notifier.sent) == 3


def test_a_computer_that_slept_drops_old_reminders_quietly() -> None:
    routine = Routine(timezone=LONDON)
    start = dt.datetime(2026, 11, 23, 9, 55, tzinfo=dt.UTC)
    scheduler, notifier = make(routine, start)

    async def run_with_a_nap() -> None:
        original = scheduler.clock.sleep

        async def nap(seconds: float) -> None:
            await original(seconds)
            if scheduler.clock.now() < dt.datetime(2026, 11, 23, 10, 1, tzinfo=dt.UTC):
                scheduler.clock.moment += dt.timedelta(hours=2)  # type: ignore[attr-defined]

        scheduler.clock.sleep = nap  # type: ignore[method-assign]
        await scheduler.run(until=dt.datetime(2026, 11, 23, 13, 30, tzinfo=dt.UTC))

    asyncio.run(run_with_a_nap())
    statuses = [(o.reminder.at.hour, o.status) for o in scheduler.outcomes]
    assert statuses[0] == (10, "missed")
    assert (13, "sent") in statuses
    assert len(notifier.sent) == len([s for s in statuses if s[1] == "sent"])


def test_the_morning_nudge_is_added_to_the_anchor_only() -> None:
    routine = Routine(timezone=LONDON)
    start = dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC)
    scheduler, notifier = make(
        routine, start, nudge=lambda: Nudge("Lately only on flare days.", ("flare-only",))
    )
    asyncio.run(scheduler.run(events=2))
    assert "Lately only on flare days." in notifier.sent[0][2]
    assert "flare" not in notifier.sent[1][2]
