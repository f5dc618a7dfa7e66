"""`unbrace today` and the home screen that `unbrace` alone (and `make run`) opens."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from unbrace.cli.output import console, hanging, print_json, styled
from unbrace.cli.prompts import ask_text
from unbrace.cli.state import State, state
from unbrace.cli.state import today as local_today
from unbrace.core.words import counted


def today_data(current: State) -> dict[str, Any]:
    from unbrace.usecases.today import profile_for
    from unbrace.usecases.today import today_data as build

    library = current.library()
    with current.reading() as reader:
        return build(
            reader,
            profile=profile_for(reader, name=current.settings.profile),
            library=library,
            day=local_today(),
            at=dt.datetime.now().astimezone(),
        )


def today(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """Today's plan, days practised this week, and your last check-in."""
    data = today_data(state(ctx))
    if as_json:
        print_json(data)
        return
    show_today(data)


def show_today(data: dict[str, Any]) -> None:
    out = console()
    hour = dt.datetime.now().hour
    greeting = "Good morning" if hour < 12 else "Good afternoon" if hour < 18 else "Good evening"
    out.print(styled("[bold]{greeting}, {name}.[/bold]", greeting=greeting, name=data["profile"]))
    if data["safety_reminder"]:
        out.print(
            styled(
                "[red]Reminder: you reported signs that need a clinician. When you have been "
                "seen, run: unbrace safety seen[/red]"
            )
        )
    if data["flare"]:
        out.print("A flare day: shorter, gentler practice today. Be kind to yourself.")
    out.print(styled("\n[bold]Today[/bold]"))
    for index, item in enumerate(data["suggestions"], start=1):
        done = "  [green]done[/green]" if item["done_today"] else ""
        line = styled(
            "{title} · {minutes} min" + done, title=item["title"], minutes=item["minutes"]
        )
        out.print(hanging(line, lead=f"{index}. ", indent=1))
        out.print(hanging(styled("[dim]{reason}[/dim]", reason=item["reason"]), indent=4))
    week = data["week"]
    marks = " ".join(
        dt.date.fromisoformat(d["date"]).strftime("%a") if d["practised"] else "·"
        for d in week["days"]
    )
    out.print(
        styled(
            "\n[bold]This week[/bold]  {days}, {minutes} min practised   {marks}",
            days=counted(week["days_practised"], "day"),
            minutes=f"{week['minutes']:.0f}",
            marks=marks,
        )
    )
    if "streak" in data:
        out.print(f"Days in a row: {data['streak']}")
    last = data["last_checkin"]
    if last:
        out.print(f"Last check-in {last['date']}: pain {last['pain']}/10, PEG {last['peg']:g}")
    else:
        out.print("No check-in yet. One minute: unbrace checkin")


def home(ctx: typer.Context) -> None:
    """Onboarding the first time; afterwards today's plan and a session picker."""
    from unbrace.usecases.today import set_up

    current = state(ctx)
    onboarded = False
    if current.has_data():
        with current.reading() as reader:
            # Someone added with `profile add` has not answered the safety questions yet.
            onboarded = set_up(reader, name=current.settings.profile)
    if not onboarded:
        from unbrace.cli import onboarding

        onboarding.init(ctx, name=current.settings.profile)
        return
    data = today_data(current)
    show_today(data)
    choices = [item["id"] for item in data["suggestions"]]
    console().print("\nType a number to start a session, 'c' to check in, or Enter to leave.")
    answer = ask_text("Your choice").lower()
    if answer == "c":
        from unbrace.cli.checkin import checkin

        checkin(ctx)
    elif answer.isdigit() and 1 <= int(answer) <= len(choices):
        from unbrace.cli.session import run_session

        run_session(current, practice_id=choices[int(answer) - 1], minutes=None, interactive=True)
    elif answer:
        console().print("Nothing started. Run unbrace again whenever you like.")
