"""The `unbrace` command: the Typer root, global options and error handling."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from unbrace import __version__
from unbrace.cli import (
    audio,
    checkin,
    coach,
    data,
    doctor,
    home,
    insights,
    onboarding,
    practices,
    profile,
    remind,
    scripts,
    serve,
    session,
)
from unbrace.cli.output import error_line
from unbrace.cli.state import State
from unbrace.core.errors import UnbraceError

# Exit status for input the person can fix (bad ratings, unknown ids, broken files).
EXIT_BAD_INPUT = 2


class UnbraceGroup(TyperGroup):
    """Turns every expected failure into one line on stderr and exit status 2.

    Typer's own error display draws a multi-line panel; people (and scripts) get a
    single sentence instead, and never a traceback for their own mistakes.
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = 0
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except UnbraceError as exc:
            error_line(str(exc))
            code = EXIT_BAD_INPUT
        except typer.Abort:
            sys.stderr.write("Stopped.\n")
            code = 1
        except Exception as exc:
            code = _expected_failure(exc)
        finally:
            _close_state()
        if standalone_mode:
            sys.exit(code)
        return code


def _expected_failure(exc: Exception) -> int:
    """Usage errors and database errors become one line; anything else is a real bug."""
    # Typer vendors Click and exports no public name for Click's base exception.
    from typer._click.exceptions import ClickException

    if isinstance(exc, ClickException):
        error_line(exc.format_message())
        return EXIT_BAD_INPUT if exc.exit_code in (1, 2) else exc.exit_code
    if type(exc).__module__.startswith("sqlalchemy"):
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        error_line(f"The database could not be used: {reason}")
        return EXIT_BAD_INPUT
    raise exc


_states: list[State] = []


def _close_state() -> None:
    while _states:
        _states.pop().close()


app = typer.Typer(
    cls=UnbraceGroup,
    name="unbrace",
    help=(
        "Guided motor-imagery practice for back pain: short daily sessions, check-ins "
        "and an honest view of what helps. unbrace supports practice; it does not "
        "diagnose or cure."
    ),
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"unbrace {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    profile_name: Annotated[
        str | None,
        typer.Option(
            "--profile",
            envvar="UNBRACE_PROFILE",
            help="Whose records to use (default: the first profile created).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Without a command: onboarding the first time, then today's plan and a session picker."""
    state = State(profile_name=profile_name or None)
    _states.append(state)
    ctx.obj = state
    if ctx.invoked_subcommand is None:
        home.home(ctx)


app.command("init")(onboarding.init)
app.command("today")(home.today)
app.command("practices")(practices.practices_list)
app.command("show")(practices.show)
app.command("learn")(practices.learn)
app.command("session")(session.session)
app.command("audio")(audio.audio_command)
app.command("checkin")(checkin.checkin)
app.command("history")(checkin.history)
app.command("doctor")(doctor.doctor)
app.command("coach")(coach.coach_command)
app.command("serve")(serve.serve)
app.add_typer(scripts.app, name="script")
insights.register(app)
remind.register(app)
data.register(app)
app.add_typer(profile.app, name="profile")
app.add_typer(practices.practice_app, name="practice")
app.add_typer(onboarding.safety_app, name="safety")
app.add_typer(profile.settings_app, name="settings")


def main() -> None:
    app()
