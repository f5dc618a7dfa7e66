"""The warning-sign screen at the prompt, and the reminders that follow a yes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from unbrace.cli.output import console, note
from unbrace.cli.state import State, now, today


def advice_panel(positive: Sequence[str]) -> None:
    from rich.panel import Panel

    from unbrace.core.safety import ADVICE, most_urgent, screen

    urgency = most_urgent(positive)
    if urgency is None:
        return
    questions = "\n".join(f"• {screen().get(flag).question}" for flag in positive)
    body = (
        f"You answered yes to:\n{questions}\n\n{ADVICE[urgency]}\n\n"
        "Until a clinician has checked you, put that first; practice can wait. "
        "When you have been seen, run: unbrace safety seen"
    )
    console().print(Panel(body, title="Please see a clinician first", border_style="red"))


def ask_screen() -> list[str]:
    """Ask each warning-sign question; returns the ids answered yes."""
    from unbrace.cli.prompts import ask_yes
    from unbrace.core.safety import screen

    console().print(
        "[bold]A few safety questions.[/bold] They look for rare signs that need a "
        "clinician rather than practice. Answer for how things are now."
    )
    return [flag.id for flag in screen().flags if ask_yes(flag.question, default=None)]


def record(current: State, *, reason: str, positive: list[str]) -> list[str]:
    """Store the answers; returns the signs that are new (not already seen by a clinician).

    Some questions ask about the past ("have you had cancer"), so a person a clinician has
    already seen for a sign answers yes again at every re-screen. That sign stays recorded but
    opens no new reminder: only signs not yet cleared do.
    """
    from unbrace.core.safety import most_urgent
    from unbrace.store import repo

    with current.transaction() as db:
        profile = current.profile(db)
        cleared = repo.cleared_flags(db, profile=profile)
        new = [flag for flag in positive if flag not in cleared]
        urgency = most_urgent(new)
        repo.record_screen(
            db,
            profile=profile,
            reason=reason,
            positive=positive,
            urgency=urgency.value if urgency else None,
            now=now(),
        )
    return new


def screen_due(current: State) -> str | None:
    from unbrace.core import ratings, safety
    from unbrace.store import repo

    with current.transaction() as db:
        profile = current.profile(db)
        last = repo.last_screen(db, profile=profile)
        worrying = last is not None and repo.worrying_checkin_since(
            db,
            profile=profile,
            since=last.taken_at,
            high_pain=ratings.HIGH_PAIN,
            recent_from=today() - dt.timedelta(days=1),
        )
        reason = safety.screen_due(
            last_screen=last.taken_at if last else None, now=now(), worrying_since_last=worrying
        )
    return reason.value if reason else None


def before_session(current: State, *, interactive: bool) -> bool:
    """Reminders and a due screen before a session; False means do not start it."""
    from unbrace.cli.prompts import ask_yes
    from unbrace.store import repo

    with current.transaction() as db:
        open_screen = repo.unresolved_flags(db, profile=current.profile(db))
        positive = list(open_screen.positive) if open_screen else []
        urgency = open_screen.urgency if open_screen else None
    if positive:
        advice_panel(positive)
        if interactive:
            if ask_yes("Have you been seen by a clinician about this?"):
                with current.transaction() as db:
                    repo.confirm_seen(db, profile=current.profile(db), now=now())
                console().print("Thank you. Go gently, and follow what your clinician advised.")
            elif urgency == "emergency" or not ask_yes(
                "Start a gentle session anyway?", default=False
            ):
                console().print("No session today. Please contact a clinician first.")
                return False
    due = screen_due(current)
    if due is None:
        return True
    if not interactive:
        note("The safety questions are due: run  unbrace safety screen")
        return True
    answers = ask_screen()
    new = record(current, reason=due, positive=answers)
    if new:
        advice_panel(new)
        return False
    if answers:
        console().print("Thank you. These were already checked by a clinician.")
    return True
