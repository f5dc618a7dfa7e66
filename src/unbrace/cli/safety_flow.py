"""The warning-sign screen at the prompt, and the reminders that follow a yes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from unbrace.cli.output import console, note, styled
from unbrace.cli.state import State, now, today


def advice_panel(positive: Sequence[str]) -> None:
    from rich.panel import Panel
    from rich.text import Text

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
    console().print(Panel(body, title=Text("Please see a clinician first"), border_style="red"))


def ask_screen() -> list[str]:
    """Ask each warning-sign question; returns the ids answered yes."""
    from unbrace.cli.prompts import ask_yes
    from unbrace.core.safety import screen

    console().print(
        styled(
            "[bold]A few safety questions.[/bold] They look for rare signs that need a "
            "clinician rather than practice. Answer for how things are now."
        )
    )
    return [flag.id for flag in screen().flags if ask_yes(flag.question, default=None)]


def record(current: State, *, reason: str, positive: list[str]) -> list[str]:
    """Store the answers; returns the signs that are new (not already seen by a clinician)."""
    from unbrace.usecases.safety import record_answers

    with current.transaction() as db:
        return record_answers(
            db, profile=current.profile(db), reason=reason, positive=positive, now=now()
        )


def screen_due(current: State) -> str | None:
    from unbrace.usecases.safety import screen_due as due

    with current.transaction() as db:
        return due(db, profile=current.profile(db), now=now(), today=today())


@dataclass(frozen=True)
class Go:
    """What the person settled before a session: start it or not, and gently or not."""

    start: bool
    gentle_chosen: bool = False


def before_session(current: State, *, interactive: bool) -> Go:
    """Settle the warning-sign gate (`usecases.safety_gate`) at the prompt before a session:
    reminders of open signs, "have you been seen?", a gentle session with an urgent sign, and
    the questions when due. Without a person to ask (``--no-input``) a gate that says no is one
    line and exit 2; a periodic screen only reminds. The session use case checks the gate again
    whatever is settled here."""
    from unbrace.cli.prompts import ask_yes
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import safety as screening
    from unbrace.usecases import safety_gate

    with current.transaction() as db:
        gate = safety_gate.check(db, profile=current.profile(db), now=now(), today=today())
    if not interactive:
        if not gate.allows:
            raise UnbraceError(gate.message)
        if gate.due is not None:
            note("The safety questions are due: run  unbrace safety screen")
        return Go(start=True)
    gentle = False
    if gate.open_flags:
        advice_panel(list(gate.open_flags))
        if ask_yes("Have you been seen by a clinician about this?"):
            with current.transaction() as db:
                screening.confirm_seen(db, profile=current.profile(db), now=now())
            console().print("Thank you. Go gently, and follow what your clinician advised.")
        elif gate.urgency == "emergency" or not ask_yes(
            "Start a gentle session anyway?", default=False
        ):
            console().print("No session today. Please contact a clinician first.")
            return Go(start=False)
        else:
            gentle = True
    due = screen_due(current)
    if due is None:
        return Go(start=True, gentle_chosen=gentle)
    if due == "worrying_checkin":
        console().print("After a hard day, the safety questions come first.")
    answers = ask_screen()
    new = record(current, reason=due, positive=answers)
    if new:
        advice_panel(new)
        return Go(start=False)
    if answers:
        console().print("Thank you. These were already checked by a clinician.")
    return Go(start=True, gentle_chosen=gentle)
