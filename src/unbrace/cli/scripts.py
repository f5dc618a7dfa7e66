"""`unbrace script new|edit|list|show`: the person's own imagery scripts, coached and versioned."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from unbrace.cli.editor import edit_text
from unbrace.cli.output import console, print_json, styled
from unbrace.cli.state import State, now, state

if TYPE_CHECKING:
    from unbrace.core.practices import Practice

app = typer.Typer(help="Your own imagery scripts, coached and kept with every version.")

NameOption = Annotated[str | None, typer.Option("--name", help="A name for the script.")]


def resolve_practice(current: State, practice_id: str) -> Practice:
    """A practice from the library, or a saved script by name (also as script:NAME)."""
    from unbrace.usecases import profiles
    from unbrace.usecases.practices import resolve_practice as resolve

    library = current.library()
    if practice_id in library.practices or not current.has_data():
        return resolve(None, library=library, profile=None, practice_id=practice_id)
    with current.transaction() as db:
        profile = current.profile(db) if profiles.list_profiles(db) else None
        return resolve(db, library=library, profile=profile, practice_id=practice_id)


def _exists(current: State, name: str) -> bool:
    from unbrace.usecases import scripts

    with current.transaction() as db:
        return scripts.get_script(db, profile=current.profile(db), name=name) is not None


def _save(current: State, name: str, text: str) -> int:
    from unbrace.usecases import scripts

    with current.transaction() as db:
        script = scripts.save_script(
            db, profile=current.profile(db), name=name, text=text, now=now()
        )
        return script.version


@app.command("new")
def script_new(
    ctx: typer.Context,
    movement: Annotated[
        str | None, typer.Option("--movement", help="The movement to rehearse.")
    ] = None,
    scene: Annotated[str | None, typer.Option("--scene", help="Where you are.")] = None,
    see: Annotated[str | None, typer.Option("--see", help="What you see there.")] = None,
    hear: Annotated[str | None, typer.Option("--hear", help="What you hear.")] = None,
    feel: Annotated[str | None, typer.Option("--feel", help="What you feel on your skin.")] = None,
    smell: Annotated[str | None, typer.Option("--smell", help="What you smell.")] = None,
    body: Annotated[
        str | None, typer.Option("--body", help="How your body feels as you move.")
    ] = None,
    name: NameOption = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Ask nothing.")] = False,
) -> None:
    """Build your own rehearsal script, step by step, with the coach's help."""
    from unbrace.cli.coach import report
    from unbrace.cli.prompts import ask_text
    from unbrace.coach import coach
    from unbrace.core.errors import UnbraceError
    from unbrace.core.scripts import assemble, check_name, default_name
    from unbrace.usecases import profiles

    current = state(ctx)
    with current.transaction() as db:
        profile = current.profile(db)
        personal = profiles.personal_for(db, profile=profile)
    if no_input and (not (movement or personal.movement) or not scene or not name):
        raise UnbraceError("With --no-input, give --movement, --scene and --name.")
    name = check_name(name) if name else None
    answers = {
        "movement": movement or personal.movement,
        "scene": scene or "",
        "see": see or "",
        "hear": hear or "",
        "feel": feel or "",
        "smell": smell or "",
        "body": body or "",
    }
    questions = {
        "movement": "Which movement do you want to rehearse?",
        "scene": "Where are you? Name the place (e.g. my kitchen at breakfast time)",
        "see": "What do you see there? Colours, light, shapes",
        "hear": "What do you hear?",
        "feel": "What do you feel on your skin? Warmth, air, texture",
        "smell": "What can you smell?",
        "body": "How does your body feel as the movement flows? (e.g. my back long and easy)",
    }
    if not no_input:
        console().print(
            styled(
                "[bold]Let's build your script.[/bold] Short, concrete answers work best; "
                "press Enter to skip any sense."
            )
        )
        given = {"movement": movement, "scene": scene, "see": see, "hear": hear}
        given |= {"feel": feel, "smell": smell, "body": body}
        for key, question in questions.items():
            if given[key] is None:  # asked unless given as an option; Enter keeps the default
                answers[key] = ask_text(question, default=answers[key])
    text = assemble(**answers)
    result = coach(text, movement=answers["movement"])
    report(result)
    while not no_input:
        choice = ask_text(
            "Keep it (k), change an answer (c), or write it yourself (w)?", default="k"
        )
        if choice.lower().startswith("c"):
            key = ask_text(f"Which part? ({', '.join(questions)})").lower()
            if key in questions:
                answers[key] = ask_text(questions[key], default=answers[key])
                text = assemble(**answers)
        elif choice.lower().startswith("w"):
            edited = edit_text(text)
            if edited and edited.strip():
                text = edited.strip()
        else:
            break
        result = coach(text, movement=answers["movement"])
        report(result)
    if not no_input:
        name = _ask_name(current, name, default_name(answers["movement"]))
    assert name is not None  # given with --no-input, asked otherwise
    version = _save(current, name, text)
    console().print(
        f"Saved {name!r} (version {version}). Practise it with: unbrace session 'script:{name}'"
    )


def _ask_name(current: State, name: str | None, suggested: str) -> str:
    """A name to save under: asked until it is valid and either new or meant as a new version.

    Saying no to a new version asks for another name; the answers are never thrown away.
    """
    from unbrace.cli.prompts import ask_text, ask_yes
    from unbrace.core.errors import UnbraceError
    from unbrace.core.scripts import check_name

    while True:
        if name is None:
            try:
                name = check_name(ask_text("A name for this script", default=suggested))
            except UnbraceError as exc:
                console().print(str(exc))
                continue
        question = f"You already have a script called {name!r}. Save this as its new version?"
        if not _exists(current, name) or ask_yes(question):
            return name
        console().print("Then choose another name.")
        suggested, name = _free_name(current, name), None


def _free_name(current: State, name: str) -> str:
    """``name 2``, ``name 3``...: the first that is not taken, offered as the default."""
    for number in range(2, 100):
        candidate = f"{name} {number}"
        if not _exists(current, candidate):
            return candidate
    return name


@app.command("edit")
def script_edit(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The script to edit.")]
) -> None:
    """Edit a script in your editor ($EDITOR); the coach reads it again when you save."""
    from unbrace.cli.coach import report
    from unbrace.coach import coach
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import scripts

    current = state(ctx)
    with current.transaction() as db:
        script = scripts.get_script(db, profile=current.profile(db), name=name)
        if script is None:
            raise UnbraceError(f"No script called {name!r}. See yours with: unbrace script list")
        old = script.text
    edited = edit_text(old)
    if edited is None:
        raise UnbraceError("The editor ended with an error; nothing saved.")
    if edited.strip() == old.strip():
        console().print("No changes; nothing saved.")
        return
    text = edited.strip()
    if not text:
        raise UnbraceError("The edited script is empty; nothing saved.")
    from unbrace.cli.coach import feared_movement

    report(coach(text, movement=feared_movement(current)))
    version = _save(current, name, text)
    console().print(f"Saved {name!r} as version {version}; earlier versions are kept.")


@app.command("list")
def script_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """Your scripts, with their latest score and how many versions each has."""
    from unbrace.usecases import scripts

    current = state(ctx)
    with current.transaction() as db:
        profile = current.profile(db)
        rows = [
            {
                "name": script.name,
                "version": script.version,
                "versions": scripts.script_versions(db, profile=profile, name=script.name),
                "score": script.score,
                "updated_at": script.created_at.isoformat(),
            }
            for script in scripts.list_scripts(db, profile=profile)
        ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console().print("No scripts yet. Build one with: unbrace script new")
    for row in rows:
        console().print(f"{row['name']}  score {row['score']}/100  (version {row['version']})")


@app.command("show")
def script_show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The script to show.")],
    version: Annotated[
        int | None, typer.Option("--version", help="An earlier version (default: latest).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """Show a script with the coach's feedback."""
    from unbrace.cli.coach import report
    from unbrace.coach import coach
    from unbrace.core.errors import UnbraceError
    from unbrace.usecases import scripts

    current = state(ctx)
    with current.transaction() as db:
        script = scripts.get_script(db, profile=current.profile(db), name=name, version=version)
        if script is None:
            which = f" version {version}" if version else ""
            raise UnbraceError(f"No script called {name!r}{which}. See: unbrace script list")
        text, number = script.text, script.version
    from unbrace.cli.coach import feared_movement

    result = coach(text, movement=feared_movement(current))
    if as_json:
        print_json({"name": name, "version": number, "text": text, **result.as_json()})
        return
    console().print(styled("[bold]{name}[/bold] · version {number}", name=name, number=number))
    report(result)
