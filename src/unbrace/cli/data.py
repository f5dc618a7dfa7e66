"""`unbrace export|import|backup|restore`: data that moves, in open formats."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from unbrace.cli.output import console, note, print_json
from unbrace.cli.state import state

if TYPE_CHECKING:
    from unbrace.transfer.document import ExportDocument

# How import_profile's counts read in a sentence, in order.
KIND_WORDS = {
    "checkins": ("check-in", "check-ins"),
    "sessions": ("session", "sessions"),
    "safety_screens": ("safety screen", "safety screens"),
    "scripts": ("script version", "script versions"),
    "feared_movements": ("feared movement", "feared movements"),
    "ladders": ("ladder", "ladders"),
    "personal": ("set of personal details", "sets of personal details"),
    "preferences": ("set of preferences", "sets of preferences"),
}


def export(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="PATH",
            help="Where to save it: a file; for csv, a folder or a name ending in .zip "
            "(default: unbrace-export-DATE.json, .zip or .fhir.json here).",
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="csv|json|fhir",
            help="csv (a table per kind of record), json (everything, and what import reads) "
            "or fhir (a FHIR R4 bundle for health records).",
        ),
    ] = "json",
) -> None:
    """Save everything recorded for this profile in an open format."""
    from unbrace.core.errors import UnbraceError
    from unbrace.transfer import exchange as transfer
    from unbrace.transfer import exports

    fmt = fmt.strip().lower()
    if fmt not in exports.FORMATS:
        raise UnbraceError(f"Choose --format csv, json or fhir (not {fmt!r}).")
    if out is None:
        from unbrace.cli.state import today

        ending = {"json": "json", "csv": "zip", "fhir": "fhir.json"}[fmt]
        out = Path(f"unbrace-export-{today().isoformat()}.{ending}")
    current = state(ctx)
    with current.transaction() as db:
        profile = current.profile(db)
        name = profile.name
        left_out: list[str] = []
        document = transfer.export_profile(db, profile=profile, left_out=left_out)
    written = exports.write_export(document, fmt=fmt, out=out)
    counts = ", ".join(
        _amount(len(document[kind]), *KIND_WORDS[kind])
        for kind in ("checkins", "sessions", "safety_screens")
    )
    where = out if len(written) == 1 else f"{out} ({len(written)} files)"
    console().print(f"Saved {name}'s records ({counts}) to {where}.")
    for problem in left_out:
        note(f"Left out {problem} A value like that cannot be right, so it is not exported.")
    note("It holds private health details: keep it somewhere only you can read.")


def import_file(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A JSON file made by: unbrace export")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON only.")] = False,
) -> None:
    """Add the records of a JSON export to a profile, skipping any already here.

    Records go to the profile named with --profile, or else to the profile named in the file;
    either is created when it does not exist yet. Nothing is overwritten: where this profile
    already has a different record for the same day or time, that one is kept.
    """
    from unbrace.transfer import exchange as transfer
    from unbrace.usecases import profiles

    document = _read_export(file)  # the whole file is checked before the database is opened
    current = state(ctx)
    current.creates = True
    name = current.settings.profile or document.profile.name
    with current.transaction() as db:
        profile = profiles.find_profile(db, name=name)
        created = profile is None
        if profile is None:
            profile = profiles.create_profile(db, name=name)
        counts = transfer.import_profile(db, document=document, profile=profile)
    if as_json:
        print_json(counts)
        return
    _say_imported(name, counts, created=created)


def _read_export(file: Path) -> ExportDocument:
    from unbrace.core import limits
    from unbrace.core.errors import UnbraceError
    from unbrace.transfer.document import read_document

    if not file.is_file():
        raise UnbraceError(f"No file at {file}.")
    if file.stat().st_size > limits.MAX_IMPORT_BYTES:
        # Refused before reading: a huge file is never loaded into memory.
        raise UnbraceError(
            f"{file} is {file.stat().st_size / 1024 / 1024:,.0f} MB, more than an unbrace "
            f"export holds (at most {limits.MAX_IMPORT_BYTES // 1024 // 1024} MB)."
        )
    return read_document(file.read_bytes(), source=str(file))


def _say_imported(name: str, counts: dict[str, int], *, created: bool) -> None:
    out = console()
    if created:
        out.print(f"Made a new profile, {name}.")
    added = [_amount(counts[kind], *words) for kind, words in KIND_WORDS.items() if counts[kind]]
    if added:
        out.print(f"Imported into {name}: {', '.join(added)}.")
    else:
        out.print(f"Nothing new to import: {name} already has everything in this file.")
    if counts["conflicts"]:
        records = _amount(counts["conflicts"], "record", "records")
        out.print(
            f"{records} in the file differed from what {name} already has for the same day, "
            "time or name; the ones already here were kept as they are."
        )


def backup(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FILE",
            help="The backup file (default: unbrace-backup-YYYYMMDD-HHMMSS.db here).",
        ),
    ] = None,
) -> None:
    """Save a copy of the whole database, safe to make while unbrace is in use."""
    import datetime as dt

    from unbrace.transfer.backup import backup_sqlite, default_backup_name

    current = state(ctx)
    target = out or Path(default_backup_name(dt.datetime.now()))
    summary = backup_sqlite(current.settings, target)
    console().print(f"Backed up to {target} ({summary.describe()}).")
    note("It holds private health details: keep it somewhere only you can read.")


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A backup made by: unbrace backup")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the database with a backup, keeping the current one beside it first."""
    from unbrace.transfer.backup import inspect_backup, inspect_current, restore_sqlite

    current = state(ctx)
    settings = current.settings
    incoming = inspect_backup(file) if settings.is_sqlite else None
    if incoming is not None:
        now = inspect_current(settings)
        database = settings.sqlite_file
        out = console()
        out.print(f"The backup {file} has {incoming.describe()}.")
        if now is not None:
            out.print(f"It replaces the database at {database}, which has {now.describe()}.")
            out.print("The current database is kept beside it first, so you can go back.")
        elif database is not None and database.exists():
            out.print(f"It replaces the database at {database}, which cannot be read.")
        if not yes and not typer.confirm("Restore this backup?", default=False):
            raise typer.Abort()
    restored = restore_sqlite(settings, file)  # PostgreSQL: one line of pg_restore advice
    console().print(f"Restored {restored.summary.describe()}.")
    if restored.safety_copy is not None:
        console().print(f"The database it replaced is kept as {restored.safety_copy}.")


def _amount(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
