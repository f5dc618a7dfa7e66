"""Personal scripts: assembling one from a person's answers, and playing it as a practice."""

from __future__ import annotations

import re

from unbrace.core import limits
from unbrace.core.errors import UnbraceError
from unbrace.core.practices import Practice, Step, check_personal_text

# Ordinary words and punctuation; no slashes or control characters, at most 60 characters.
NAME = re.compile(r"^[^\x00-\x1f/\\:]{1,60}$")
# "I see the white plates" answered to "What do you see?": the template adds "I see" itself.
LEADING = {
    "see": re.compile(r"^(i|you)\s+(can\s+)?see\s+", re.IGNORECASE),
    "hear": re.compile(r"^(i|you)\s+(can\s+)?hear\s+", re.IGNORECASE),
    "feel": re.compile(r"^(i|you)\s+(can\s+)?feel\s+", re.IGNORECASE),
    "smell": re.compile(r"^(i|you)\s+(can\s+)?smell\s+(the\s+smell\s+of\s+)?", re.IGNORECASE),
}


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not NAME.match(name) or not name.strip(" .-'"):
        raise UnbraceError(
            "A script name is 1 to 60 characters without slashes, like 'kitchen bend'."
        )
    return limits.SCRIPT_NAME.check(name)


def default_name(movement: str) -> str:
    """A valid name suggested from the movement ("lifting my grandson (he is 3)")."""
    cleaned = re.sub(r"[^\w' -]+", " ", movement)
    return " ".join(f"my {cleaned}".split())[:60].strip() or "my script"


def _answer(key: str, text: str) -> str:
    text = text.strip().rstrip(".!")
    pattern = LEADING.get(key)
    return pattern.sub("", text) if pattern else text


def _movement_sentence(movement: str) -> str:
    """ "lifting the basket" reads after "I picture myself"; "bend forward" after "I"."""
    first = movement.split()[0].lower()
    if first.endswith("ing"):
        return f"Slowly, I picture myself {movement}."
    if first in {"i", "my", "you"}:
        return _sentence(movement)
    return f"Slowly, I picture myself as I {movement}."


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
    # The template's own words are kept plain (no senses, no qualities) so that the coach's
    # feedback is about what the person wrote, not about our wording.
    sentences = [f"I picture {_answer('scene', parts['scene'])}."]
    if parts["see"]:
        sentences.append(f"I see {_answer('see', parts['see'])}.")
    if parts["hear"]:
        sentences.append(f"I hear {_answer('hear', parts['hear'])}.")
    if parts["feel"]:
        sentences.append(f"On my skin I feel {_answer('feel', parts['feel'])}.")
    if parts["smell"]:
        sentences.append(f"I notice the smell of {_answer('smell', parts['smell'])}.")
    sentences.append(_movement_sentence(parts["movement"]))
    if parts["body"]:
        sentences.append(_sentence(parts["body"]))
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
