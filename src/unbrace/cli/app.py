"""The `unbrace` command: the Typer root, global options and error handling."""

from __future__ import annotations

import sys
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Annotated, Any

import typer
from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import TyperGroup, _TyperParameter

from unbrace import __version__
from unbrace.cli.output import error_line
from unbrace.cli.state import State
from unbrace.core.errors import UnbraceError

# Exit status for input the person can fix (bad ratings, unknown ids, broken files).
EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Lazy:
    """A command known by name, loaded only when it runs or its own help is shown.

    ``target`` is ``"module:attribute"``: a command function, or a ``typer.Typer`` for a
    group of commands. ``summary`` is the line `unbrace --help` lists, so listing the
    commands imports none of them; it must be the first paragraph of the command's own
    help (a test checks every entry).
    """

    target: str
    summary: str


# Every command, in the order `unbrace --help` lists them. To add one: write the function
# (or a typer.Typer group) in its own module under cli/, then add a line here.
COMMANDS: dict[str, Lazy] = {
    "init": Lazy(
        "unbrace.cli.onboarding:init",
        "Set up your profile: your movements, your scene, your anchor habit, and safety questions.",
    ),
    "today": Lazy(
        "unbrace.cli.home:today",
        "Today's plan, days practised this week, and your last check-in.",
    ),
    "practices": Lazy("unbrace.cli.practices:practices_list", "List the practices you can do."),
    "show": Lazy(
        "unbrace.cli.practices:show",
        "Print a practice's script, filled in with your own movement and scene.",
    ),
    "learn": Lazy(
        "unbrace.cli.practices:learn",
        "Short lessons, two minutes each: why imagery helps, the four mistakes, and more.",
    ),
    "session": Lazy(
        "unbrace.cli.session:session",
        "Start a guided session: pain before, timed steps with a breath pacer, ratings after.",
    ),
    "audio": Lazy(
        "unbrace.cli.audio:audio_command",
        "Render a practice as spoken audio with breath cues and captions, entirely offline.",
    ),
    "checkin": Lazy(
        "unbrace.cli.checkin:checkin",
        "A one-minute daily check-in: the three PEG questions, a few extras and habits.",
    ),
    "history": Lazy(
        "unbrace.cli.checkin:history_app",
        "Sessions and check-ins logged so far; edit or delete one by its number.",
    ),
    "doctor": Lazy(
        "unbrace.cli.doctor:doctor",
        "Check the database, data privacy, voice and notifications.",
    ),
    "coach": Lazy(
        "unbrace.cli.coach:coach_command",
        "Feedback on your own imagery script: what works, what to add, and a score.",
    ),
    "serve": Lazy("unbrace.cli.serve:serve", "Start the web app and print the address to open."),
    "open": Lazy(
        "unbrace.cli.launcher:open_app",
        "Open the web app in your browser, starting it in the background if it is not running.",
    ),
    "install-launcher": Lazy(
        "unbrace.cli.launcher:install_launcher",
        "Add unbrace to your desktop's applications menu, with its icon.",
    ),
    "insights": Lazy(
        "unbrace.cli.insights:insights",
        "How you are doing: pain trend, change that matters, session effects, adherence.",
    ),
    "report": Lazy(
        "unbrace.cli.insights:report",
        "A printable report to bring to your clinician (one self-contained HTML file).",
    ),
    "demo": Lazy(
        "unbrace.cli.insights:demo",
        "Fill the current profile with realistic made-up data, to try unbrace out.",
    ),
    "export": Lazy(
        "unbrace.cli.data:export",
        "Save everything recorded for this profile in an open format.",
    ),
    "import": Lazy(
        "unbrace.cli.data:import_file",
        "Add the records of a JSON export to a profile, skipping any already here.",
    ),
    "backup": Lazy(
        "unbrace.cli.data:backup",
        "Save a copy of the whole database, safe to make while unbrace is in use.",
    ),
    "restore": Lazy(
        "unbrace.cli.data:restore",
        "Replace the database with a backup, keeping the current one beside it first.",
    ),
    "script": Lazy(
        "unbrace.cli.scripts:app",
        "Your own imagery scripts, coached and kept with every version.",
    ),
    "ladder": Lazy(
        "unbrace.cli.ladder:app",
        "Visualise, then do: a ladder from imagining a feared movement to doing it.",
    ),
    "routine": Lazy(
        "unbrace.cli.remind:routine_app",
        "Your daily routine: when to practise, and resets at work.",
    ),
    "remind": Lazy(
        "unbrace.cli.remind:remind_app",
        "Reminders: a calendar file, desktop notifications, autostart.",
    ),
    "profile": Lazy("unbrace.cli.profile:app", "The people whose practice is kept here."),
    "practice": Lazy(
        "unbrace.cli.practices:practice_app", "Your own practices, added as TOML files."
    ),
    "safety": Lazy(
        "unbrace.cli.onboarding:safety_app", "The warning-sign screen and its reminders."
    ),
    "settings": Lazy("unbrace.cli.profile:settings_app", "Preferences of the current profile."),
}


def load_command(name: str, lazy: Lazy) -> Any:
    """The Click command for one table entry, built the way ``app.command(name)`` or
    ``app.add_typer(sub, name=name)`` would build it."""
    from typer.main import get_command_from_info, get_group_from_info
    from typer.models import CommandInfo, TyperInfo

    module, _, attribute = lazy.target.partition(":")
    target = getattr(import_module(module), attribute)
    if isinstance(target, typer.Typer):
        return get_group_from_info(
            TyperInfo(target, name=name),
            pretty_exceptions_short=app.pretty_exceptions_short,
            suggest_commands=app.suggest_commands,
            rich_markup_mode=app.rich_markup_mode,
        )
    return get_command_from_info(
        CommandInfo(name=name, callback=target),
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )


@dataclass(frozen=True)
class _KeepOwnType(RuntimeParam):
    """Typer's conversion of a flag or a text option, skipped when the value already has
    the option's type."""

    descriptor: Any

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if type(value) is self.annotation:
            return value
        return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)


@dataclass(frozen=True)
class _PathFromText(RuntimeParam):
    """Typer's conversion of a path option (its checks of existence and kind included), given
    the text as a ``Path``: the one step Typer leaves to pydantic (``Path(text)``)."""

    descriptor: Any

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if type(value) is not str:
            return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)
        from pathlib import Path

        from typer._param_types import coerce_cli_path

        return coerce_cli_path(
            Path(value), self.parameter_info, path_type=Path, param=param, ctx=ctx
        )


def _plain_runtime_param(param: _TyperParameter) -> RuntimeParam:
    """Typer converts every option's value through a pydantic ``TypeAdapter``, built before it
    looks at the value, so any command (even `unbrace today` with no options, through
    ``--help`` and ``--json``) would import pydantic: several times ``python -c pass`` on its
    own. A flag's value is already a bool and a text option's already a str (or missing), so
    for those the adapter is built only when a value of another type comes (a flag set as
    text through an environment variable, say). A path given as text is made a ``Path`` here
    and checked by Typer's own path function. Numbers, choices and dates keep Typer's own
    conversion from the start."""
    from pathlib import Path

    descriptor = param.type_descriptor
    info = descriptor.parameter_info
    plain = (
        param._runtime_param is None
        and info.parser is None
        and descriptor.file_annotation is None
        and not descriptor.is_choice
    )
    if plain and descriptor.annotation in (bool, str):
        param._runtime_param = _KeepOwnType(
            parameter_info=info, annotation=descriptor.annotation, descriptor=descriptor
        )
    elif plain and descriptor.annotation is Path and info.path_type is None:
        param._runtime_param = _PathFromText(
            parameter_info=info, annotation=descriptor.annotation, descriptor=descriptor
        )
    return _typer_runtime_param(param)


_typer_runtime_param = _TyperParameter.get_runtime_param
_TyperParameter.get_runtime_param = _plain_runtime_param  # type: ignore[method-assign,assignment]


class LazyCommands(MutableMapping[str, Any]):
    """The root group's commands: every name is known at once, a command is imported and
    built on first use. Typer reads the group's ``commands`` mapping directly (listing,
    "did you mean"), so a mapping keeps all of its behaviour."""

    def __init__(self, table: dict[str, Lazy]) -> None:
        self.table = table
        self.loaded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self.loaded:
            self.loaded[name] = load_command(name, self.table[name])
        return self.loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self.loaded[name]

    def __iter__(self) -> Iterator[str]:
        yield from self.table
        yield from (name for name in self.loaded if name not in self.table)

    def __len__(self) -> int:
        return len(self.table.keys() | self.loaded.keys())

    def __contains__(self, name: object) -> bool:
        return name in self.table or name in self.loaded


class UnbraceGroup(TyperGroup):
    """Turns every expected failure into one line on stderr and exit status 2.

    Typer's own error display draws a multi-line panel; people (and scripts) get a
    single sentence instead, and never a traceback for their own mistakes. Its commands
    are loaded lazily from ``COMMANDS``.
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(COMMANDS)

    def format_commands(self, ctx: Any, formatter: Any) -> None:  # noqa: ARG002 (Click's)
        """The list of commands from the table's summaries, without importing any."""
        from gettext import gettext

        from typer._click.utils import make_default_short_help

        names = [name for name in self.commands if name in COMMANDS]
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, make_default_short_help(COMMANDS[name].summary, limit)) for name in names]
        with formatter.section(gettext("Commands")):
            formatter.write_dl(rows)

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
            check_encoding(sys.argv[1:] if args is None else args)
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


def check_encoding(args: Sequence[str]) -> None:
    """Refuse arguments (and UNBRACE_* settings) that are not UTF-8, before anything runs.

    Python hands undecodable bytes over as lone surrogates; stored, they break every later
    read, so the command stops here with one line and nothing is written.
    """
    import os

    named = [("An argument", arg) for arg in args]
    named += [(name, value) for name, value in os.environ.items() if name.startswith("UNBRACE_")]
    for where, value in named:
        if any("\ud800" <= char <= "\udfff" for char in value):
            try:  # the bytes as typed, with the ones that are not UTF-8 shown as �
                shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            except UnicodeEncodeError:  # half a character given as text, not as bytes
                shown = value.encode("utf-8", "replace").decode("utf-8")
            raise UnbraceError(
                f"{where} is not UTF-8 text ({shown!r}); set your terminal to UTF-8 "
                "and type it again."
            )


def _expected_failure(exc: Exception) -> int:
    """Usage errors and database errors become one line; anything else is a real bug."""
    # Typer vendors Click and exports no public name for Click's base exception.
    from typer._click.exceptions import ClickException

    if isinstance(exc, ClickException):
        error_line(exc.format_message())
        return EXIT_BAD_INPUT if exc.exit_code in (1, 2) else exc.exit_code
    if type(exc).__module__.startswith("sqlalchemy"):
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        if "malformed" in reason or "not a database" in reason:
            error_line(
                "The database file is damaged, so your records cannot be read. Run unbrace "
                "doctor, then put your latest backup back with unbrace restore."
            )
            return EXIT_BAD_INPUT
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
    version: Annotated[  # noqa: ARG001 (an eager option: its callback prints and exits)
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
        from unbrace.cli.home import home

        home(ctx)


def main() -> None:
    app()
