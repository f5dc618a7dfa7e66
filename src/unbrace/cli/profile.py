"""`unbrace profile ...` (people on this computer) and `unbrace settings ...`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from unbrace.cli.output import console, print_json
from unbrace.cli.state import state

app = typer.Typer(help="The people whose practice is kept here.", no_args_is_help=True)
settings_app = typer.Typer(help="Preferences of the current profile.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON only.")]


@app.command("list")
def profile_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List profiles; the first one is used when --profile is not given."""
    from unbrace.usecases import profiles

    current = state(ctx)
    rows: list[dict[str, Any]] = []
    if current.has_data():
        with current.transaction() as db:
            rows = [
                {"name": p.name, "created_at": p.created_at.isoformat(), "default": i == 0}
                for i, p in enumerate(profiles.list_profiles(db))
            ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console().print("No profiles yet. Start with: unbrace init")
    for row in rows:
        mark = "  (default)" if row["default"] else ""
        console().print(f"{row['name']}{mark}")


@app.command("add")
def profile_add(ctx: typer.Context, name: Annotated[str, typer.Argument(help="A name.")]) -> None:
    """Add a profile for another person on this computer."""
    from unbrace.usecases import profiles

    current = state(ctx)
    current.creates = True
    with current.transaction() as db:
        profile = profiles.create_profile(db, name=name)
        created = profile.name
    import shlex

    console().print(
        f"Added profile {created}. Set it up with: unbrace --profile {shlex.quote(created)} init"
    )


@app.command("remove")
def profile_remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The profile to remove.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a profile and everything recorded for it."""
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import profiles

    with state(ctx).transaction() as db:
        profile = profiles.find_profile(db, name=name)
        if profile is None:
            raise UnbraceError(f"No profile called {name!r}. See them with: unbrace profile list")
        counts = profiles.profile_counts(db, profile=profile)
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        summary = summary.replace("1 sessions", "1 session").replace("1 check-ins", "1 check-in")
        summary = summary.replace("1 safety screens", "1 safety screen")
        summary = summary.replace("1 feared movements", "1 feared movement")
        summary = summary.replace("1 ladders", "1 ladder")
        console().print(f"This deletes profile {name!r} and its records: {summary}.")
        if not yes and not typer.confirm("Delete them for good?", default=False):
            raise typer.Abort()
        profiles.remove_profile(db, profile=profile)
    console().print(f"Removed profile {name!r}.")


@settings_app.command("show")
def settings_show(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show where data lives and the current profile's preferences."""
    from unbrace.usecases.profiles import preferences
    from unbrace.usecases.unit_of_work import redact

    current = state(ctx)
    with current.transaction() as db:
        prefs = preferences(db, profile=current.profile(db))
    data = {
        "profile": prefs.name,
        "movement": prefs.movement,
        "easier": prefs.easier,
        "scene": prefs.scene,
        "anchor": prefs.anchor,
        "home": str(current.settings.home),
        "database": redact(current.settings.database_url),
        "breath_in": prefs.breath_in,
        "breath_out": prefs.breath_out,
        "streaks": prefs.streaks,
    }
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        shown = ("on" if value else "off") if isinstance(value, bool) else value
        console().print(f"{key:<11} {shown}")


@settings_app.command("set")
def settings_set(
    ctx: typer.Context,
    breath_in: Annotated[
        float | None, typer.Option("--breath-in", help="Seconds breathing in (default 4).")
    ] = None,
    breath_out: Annotated[
        float | None, typer.Option("--breath-out", help="Seconds breathing out (default 6).")
    ] = None,
    streaks: Annotated[
        bool | None,
        typer.Option(
            "--streaks/--no-streaks", help="Show a run of days in a row (off by default)."
        ),
    ] = None,
    movement: Annotated[
        str | None, typer.Option("--movement", help="The movement you want to rehearse.")
    ] = None,
    easier: Annotated[
        str | None,
        typer.Option("--easier", help="An easier step of that movement, for flare days."),
    ] = None,
    scene: Annotated[str | None, typer.Option("--scene", help="Your personal scene.")] = None,
    anchor: Annotated[
        str | None, typer.Option("--anchor", help="The daily habit practice follows.")
    ] = None,
) -> None:
    """Change the breath pacer, streaks, or your movement, scene and anchor habit."""
    from unbrace.usecases.profiles import update_preferences

    current = state(ctx)
    with current.transaction() as db:
        update_preferences(
            db,
            profile=current.profile(db),
            breath_in=breath_in,
            breath_out=breath_out,
            streaks=streaks,
            movement=movement,
            easier=easier,
            scene=scene,
            anchor=anchor,
        )
    console().print("Saved.")
