"""The terminal session player: a calm Rich live view with a breath pacer and keys."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from unbrace.cli.keys import KeyReader
from unbrace.core.session import Phase, Player, Status

# Practice seconds between saves, besides the save at every step change.
SAVE_EVERY = 10.0
FRAME = 0.1

PAUSE_KEYS = {" ", "p"}
SKIP_KEYS = {"s", "n", "right"}
STOP_KEYS = {"q", "x", "escape"}


def pacer(player: Player, width: int = 30) -> Text:
    phase, into = player.breath()
    filled = round(into * width) if phase is Phase.INHALE else round((1 - into) * width)
    label = "Breathe in " if phase is Phase.INHALE else "Breathe out"
    bar = "●" * max(filled, 1) + "·" * (width - max(filled, 1))
    return Text.assemble((f"{label}  ", "bold"), (bar, "cyan"))


def render(player: Player) -> RenderableType:
    step = player.step
    total = len(player.plan.steps)
    parts: list[RenderableType] = [Text(step.text + "\n")]
    if step.cue:
        parts.append(Text(f"Tiny movement: {step.cue}\n", style="italic"))
    if step.breath or player.into_step >= step.reading:
        parts.append(pacer(player))
    parts.append(Text(""))
    remaining = max(0, round(player.plan.total_seconds * (1 - player.fraction_done())))
    status = (
        "Paused. Press space to go on."
        if player.paused
        else f"{remaining // 60}:{remaining % 60:02d} left"
    )
    # A one-row grid: ProgressBar ends without a newline and would run into the text.
    progress = Table.grid(padding=(0, 2))
    progress.add_row(
        ProgressBar(total=1.0, completed=player.fraction_done(), width=40),
        Text(status, style="dim"),
    )
    parts.append(progress)
    parts.append(Text("[space] pause   [s] skip step   [q] stop", style="dim"))
    return Panel(
        Group(*parts),
        title=Text(f"{player.plan.title} · step {step.index + 1} of {total} · {step.title}"),
        title_align="left",
        padding=(1, 2),
    )


def run_live(
    player: Player,
    *,
    console: Console,
    keys: KeyReader | None,
    speed: float,
    save: Callable[[Player], None],
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Run the session to its end (or a stop) with a live view; saves as it goes."""
    from rich.live import Live

    with Live(render(player), console=console, refresh_per_second=10, transient=False) as live:
        drive(player, keys=keys, speed=speed, save=save, clock=clock, show=live.update)


def run_plain(
    player: Player,
    *,
    console: Console,
    speed: float,
    save: Callable[[Player], None],
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """The same session for pipes and scripts: each step printed once as it begins."""
    shown = -1

    def show(_: RenderableType) -> None:
        # Print every step reached so far, including any a fast clock passed in one tick.
        nonlocal shown
        reached = player.step.index if player.status is not Status.STOPPED else shown
        for step in player.plan.steps[shown + 1 : reached + 1]:
            console.print(Text(f"{step.index + 1}. {step.title}", style="bold"))
            console.print(Text(step.text))
            if step.cue:
                console.print(Text(f"Tiny movement: {step.cue}", style="italic"))
        shown = max(shown, reached)

    show(render(player))
    drive(player, keys=None, speed=speed, save=save, clock=clock, show=show)


def drive(
    player: Player,
    *,
    keys: KeyReader | None,
    speed: float,
    save: Callable[[Player], None],
    clock: Callable[[], float],
    show: Callable[[RenderableType], None],
) -> None:
    last = clock()
    saved_at = 0.0
    heartbeat = last
    try:
        while not player.finished:
            key = keys.read(FRAME) if keys else _wait(FRAME)
            current = clock()
            ended = player.tick((current - last) * speed)
            last = current
            if key in PAUSE_KEYS:
                player.toggle_pause()
            elif key in SKIP_KEYS:
                player.skip()
                ended.append(-1)
            elif key in STOP_KEYS:
                player.stop()
            # Saves at each step, every SAVE_EVERY seconds of practice, and while paused
            # every SAVE_EVERY real seconds, so a long pause never looks abandoned.
            if (
                ended
                or player.finished
                or player.practised_seconds - saved_at >= SAVE_EVERY
                or current - heartbeat >= SAVE_EVERY
            ):
                save(player)
                saved_at = player.practised_seconds
                heartbeat = current
            show(render(player))
    except KeyboardInterrupt as interrupt:
        # Ctrl-C stops the session and goes on to the ratings; a signal to end the
        # process (a subclass the caller raises) is passed on after the save.
        player.stop()
        save(player)
        if type(interrupt) is not KeyboardInterrupt:
            raise


def _wait(seconds: float) -> str | None:
    """Without a keyboard, just let time pass; no key is ever pressed."""
    time.sleep(seconds)
    return None
