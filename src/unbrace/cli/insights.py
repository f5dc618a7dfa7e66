"""`unbrace insights|report|demo`: what is changing, honestly, and data to try it with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from unbrace.cli.output import console, hanging, print_json, styled
from unbrace.cli.state import State, state, today
from unbrace.core.words import counted

if TYPE_CHECKING:
    from unbrace.core.insights import DayRecord, Insights, SessionRecord

SinceOption = Annotated[
    str | None, typer.Option("--since", help="Only from this day on, YYYY-MM-DD.")
]
BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None], low: float = 0, high: float = 10) -> str:
    """A row of block characters; a gap for missing days.

    Eight characters of logic do not need a dependency.
    """
    span = (high - low) or 1
    return "".join(
        " " if v is None else BARS[min(7, max(0, int((v - low) / span * 7.999)))] for v in values
    )


def load_records(
    current: State, *, since: dt.date | None = None
) -> tuple[list[DayRecord], list[SessionRecord], dict[str, Any]]:
    """The profile's check-ins and sessions as insight records, facts about the profile, and
    the ladder's part (computed by usecases/ladder/ only when there is a ladder)."""
    from unbrace.usecases.records import load_records as load
    from unbrace.usecases.records import no_ladder_facts
    from unbrace.usecases.today import profile_for

    with current.reading() as reader:
        profile = profile_for(reader, name=current.settings.profile)
        days, sessions, facts = load(reader, profile=profile, since=since)
        ladder = no_ladder_facts(reader, profile=profile)
    facts["ladder"] = ladder if ladder is not None else ladder_facts(current)
    return days, sessions, facts


def compute_insights(current: State, since: dt.date | None) -> tuple[Insights, dict[str, Any]]:
    from unbrace.usecases.records import insights_from

    days, sessions, facts = load_records(current, since=since)
    return insights_from(days, sessions, facts, since=since, today=today())


def ladder_facts(current: State) -> dict[str, Any]:
    """The ladder's tries, threat ratings and hit rate (usecases/ladder.insights), as JSON."""
    from unbrace.cli.state import now
    from unbrace.usecases.ladder import insights as ladder_insights

    with current.transaction() as db:
        return ladder_insights(db, profile=current.profile(db), now=now()).as_json()


def insights(
    ctx: typer.Context,
    since: SinceOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """How you are doing: pain trend, change that matters, session effects, adherence."""
    from unbrace.core.ratings import parse_date

    start = parse_date(since, since=True) if since else None
    result, facts = compute_insights(state(ctx), start)
    if as_json:
        print_json(result.as_json() | {"ladder": facts["ladder"]})
        return
    show(result, facts)


def show(result: Insights, facts: dict[str, Any]) -> None:
    out = console()
    data = result.as_json()
    trend: Any = data["pain_trend"]
    daily = trend["daily"][-56:]
    out.print(styled("[bold]Insights for {name}[/bold]", name=facts["name"]))
    if not daily:
        out.print(
            "No check-ins yet. A one-minute check-in a day builds the picture: unbrace checkin"
        )
    else:
        out.print(f"\nPain, last {counted(len(daily), 'check-in')} (0-10)")
        out.print(f"  daily        {sparkline([d['pain'] for d in daily])}")
        out.print(f"  7-day mean   {sparkline([d['pain_7d'] for d in daily])}")
        flares = "".join("▲" if d["flare"] else " " for d in daily)
        if flares.strip():
            out.print(f"  flare days   {flares}")
    change: Any = data["meaningful_change"]
    out.print(styled("\n[bold]Change that matters[/bold]"))
    out.print(hanging(change["message"]))
    if change.get("enough_data"):
        first, latest = change["first_period"], change["latest_period"]
        out.print(
            f"  First two weeks: pain {first['pain']:.1f}, PEG {first['peg']:.1f}. "
            f"Latest two weeks: pain {latest['pain']:.1f}, PEG {latest['peg']:.1f}."
        )
    out.print(hanging(styled("[dim]{caveat}[/dim]", caveat=change["caveat"])))
    effect: Any = data["session_effect"]
    out.print(styled("\n[bold]Right after a session[/bold]"))
    overall = effect["overall"]
    if overall:
        out.print(
            f"  Pain changed by {overall['mean']:+.1f} on average "
            f"(95 % interval {overall['low']:+.1f} to {overall['high']:+.1f}, "
            f"{counted(overall['n'], 'session')})."
        )
        for row in effect["per_practice"]:
            if row["change"]:
                c = row["change"]
                out.print(
                    f"    {row['practice']:<20} {c['mean']:+.1f} ({c['low']:+.1f} to "
                    f"{c['high']:+.1f}), {counted(row['sessions'], 'session')}"
                )
    else:
        out.print("  Not enough rated sessions yet to say.")
    out.print(hanging(styled("[dim]{note}[/dim]", note=effect["note"])))
    adherence: Any = data["adherence"]
    weeks = adherence["weekly"][-12:]
    out.print(styled("\n[bold]Practice[/bold]"))
    out.print(
        f"  {counted(adherence['days_practised'], 'day')} and "
        f"{counted(round(adherence['minutes']), 'minute')} practised; "
        f"{adherence['planned_done_share'] * 100:.0f} % of planned daily sessions done."
    )
    if weeks:
        out.print(f"  days a week  {sparkline([w['days_practised'] for w in weeks], 0, 7)}")
    if "streak" in adherence:
        out.print(f"  days in a row: {adherence['streak']}")
    times = adherence["time_of_day"]
    if any(times.values()):
        out.print("  mostly in the " + max(times, key=lambda k: times[k]))
    ladder: Any = facts.get("ladder") or {}
    if ladder.get("ladders"):
        out.print(styled("\n[bold]Visualise, then do[/bold]"))
        out.print(f"  {ladder['summary']}")
        finished = [item for item in ladder["attempts"] if item["actual_pain"] is not None]
        if finished:
            out.print(f"  expected pain {sparkline([i['expected_pain'] for i in finished])}")
            out.print(f"  actual pain   {sparkline([i['actual_pain'] for i in finished])}")
            out.print(f"  fear before   {sparkline([i['fear'] for i in finished])}")
        out.print(styled("  [dim]{note}[/dim]", note=ladder["fear_first"]))
    flare: Any = data["flare_only"]
    if flare.get("nudge"):
        out.print(styled("\n[italic]{nudge}[/italic]", nudge=flare["nudge"]))
    clear = [a for a in result.associations if a.get("clear")]
    if clear:
        out.print(styled("\n[bold]What goes with better days[/bold]"))
        for a in clear:
            diff: Any = a["difference"]
            direction = "lower" if diff["mean"] < 0 else "higher"
            out.print(
                f"  {a['label']}: next-day pain {abs(diff['mean']):.1f} {direction} "
                f"({counted(a['days_with'], 'day')} with, {a['days_without']} without)"
            )
        out.print(hanging(styled("[dim]{caveat}[/dim]", caveat=data["associations"]["caveat"])))


def demo(
    ctx: typer.Context,
    days: Annotated[int, typer.Option("--days", help="How many days of data, 7 to 3650.")] = 90,
    seed: Annotated[
        int, typer.Option("--seed", help="Same seed, same data (0 to 4294967295).")
    ] = 1,
    force: Annotated[
        bool, typer.Option("--force", help="Add to a profile that already has records.")
    ] = False,
) -> None:
    """Fill the current profile with realistic made-up data, to try unbrace out."""
    from unbrace.usecases.demo import add_demo, check_size

    check_size(days=days, seed=seed)
    current = state(ctx)
    with current.transaction() as db:
        profile = current.profile(db)
        added = add_demo(
            db,
            profile=profile,
            days=days,
            seed=seed,
            end=today(),
            tz=dt.datetime.now().astimezone().tzinfo or dt.UTC,
            force=force,
        )
        name = profile.name
    console().print(
        f"Added {counted(added.checkins, 'check-in')} and {counted(added.sessions, 'session')} of "
        f"made-up data to {name!r} ({counted(days, 'day')}). See them with: unbrace insights"
    )


def report(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="PATH",
            help="The HTML file to write (default: unbrace-report-DATE.html here).",
        ),
    ] = None,
    since: SinceOption = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also write a PDF beside it.")] = False,
) -> None:
    """A printable report to bring to your clinician (one self-contained HTML file)."""
    from unbrace.core.errors import UnbraceError
    from unbrace.core.ratings import parse_date

    start = parse_date(since, since=True) if since else None
    if out is None:
        out = Path(f"unbrace-report-{today().isoformat()}.html")
    if out.suffix.lower() not in {".html", ".htm"}:
        raise UnbraceError("The report is an HTML file: give --out a name ending in .html.")
    from unbrace.report.page import render_report, write_pdf

    current = state(ctx)
    result, facts = compute_insights(current, start)
    html = render_report(result, facts, since=start, today=today())
    from unbrace.files import write_private

    write_private(out, html)
    console().print(f"Wrote {out}. Open it in a browser and print it, or bring the file along.")
    if pdf:
        pdf_path = out.with_suffix(".pdf")
        message = write_pdf(out, pdf_path)
        console().print(message)
