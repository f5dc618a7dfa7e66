"""Personal scripts: assembling one from a person's answers, and playing it as a practice."""

from __future__ import annotations

import re

from unbrace.core.errors import UnbraceError
from unbrace.core.practices import Practice, Step, check_personal_text

NAME = re.compile(r"^[\w][\w \-']{0,59}$")


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not NAME.match(name):
        raise UnbraceError(
            "A script name is 1 to 60 letters, digits, spaces or hyphens, like 'kitchen bend'."
        )
    return name


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "script"


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".!")
    return text[:1].upper() + text[1:] + "." if text else ""


def assemble(
    *,
    movement: str,
    scene: str,
    see: str = "",
    hear: str = "",
    feel: str = "",
    smell: str = "",
    body: str = "",
) -> str:
    """A rehearsal script in the project's own template words, from the person's answers."""
    parts = {
        "movement": check_personal_text("movement", movement),
        "scene": check_personal_text("place", scene),
        "see": check_personal_text("sight", see) if see else "",
        "hear": check_personal_text("sound", hear) if hear else "",
        "feel": check_personal_text("feeling on your skin", feel) if feel else "",
        "smell": check_personal_text("smell", smell) if smell else "",
        "body": check_personal_text("body feeling", body) if body else "",
    }
    if not parts["movement"] or not parts["scene"]:
        raise UnbraceError("A script needs the movement and the place.")
    sentences = [f"I am there now: {parts['scene']}."]
    if parts["see"]:
        sentences.append(f"I see {parts['see']}.")
    if parts["hear"]:
        sentences.append(f"I hear {parts['hear']}.")
    if parts["feel"]:
        sentences.append(f"On my skin I feel {parts['feel']}.")
    if parts["smell"]:
        sentences.append(f"I breathe in the smell of {parts['smell']}.")
    sentences.append(
        f"Slowly and smoothly, I picture myself {parts['movement']}, my weight shifting "
        "easily through my feet."
    )
    sentences.append(
        _sentence(parts["body"]) if parts["body"] else "My back feels long, warm and easy."
    )
    return " ".join(sentences)


def practice_from_script(name: str, text: str) -> Practice:
    """A saved script as a practice: a short settling, the script with room to breathe, an end."""
    return Practice(
        schema_version=1,
        id=f"script-{slug(name)}"[:60].rstrip("-"),
        title=name[:80],
        summary="Your own imagery script.",
        when="Whenever you want to rehearse in your own words.",
        default_minutes=3,
        flare_minutes=2,
        tags=["personal"],
        steps=[
            Step(
                id="settle",
                title="Settle in",
                text="Sit or lie where you are supported. Feel the chair or the floor under you "
                "and let your shoulders grow heavy.",
                share=1,
                breath=True,
                min_minutes=2,
            ),
            Step(
                id="script",
                title="Your script",
                text=text.replace("{", "(").replace("}", ")"),
                share=3,
                breath=True,
            ),
            Step(
                id="come-back",
                title="Come back",
                text="Let the picture fade. Roll your shoulders, open your eyes, and move "
                "gently as you get up.",
                share=1,
                min_minutes=2,
            ),
        ],
    )
