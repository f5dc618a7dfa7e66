"""The warning-sign (red-flag) screen: questions, answers, and when to ask again.

Red flags signal risk, not a diagnosis: a yes means "see a clinician first", never
"you have X". The questions and their sources live in ``data/safety.toml``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from unbrace.core.errors import UnbraceError


class Urgency(StrEnum):
    EMERGENCY = "emergency"
    URGENT = "urgent"


@dataclass(frozen=True)
class RedFlag:
    id: str
    question: str
    urgency: Urgency


@dataclass(frozen=True)
class Screen:
    flags: tuple[RedFlag, ...]
    repeat_days: int

    def ids(self) -> list[str]:
        return [flag.id for flag in self.flags]

    def get(self, flag_id: str) -> RedFlag:
        for flag in self.flags:
            if flag.id == flag_id:
                return flag
        raise UnbraceError(
            f"Unknown warning sign {flag_id!r}; use 'none' or some of: {', '.join(self.ids())}."
        )


@cache
def screen() -> Screen:
    raw = tomllib.loads(
        (resources.files("unbrace.data") / "safety.toml").read_text(encoding="utf-8")
    )
    flags = tuple(
        RedFlag(item["id"], item["question"], Urgency(item["urgency"])) for item in raw["flags"]
    )
    return Screen(flags, int(raw["repeat_days"]))


def parse_flag_list(text: str) -> list[str]:
    """``none`` or a comma list of flag ids, as typed on the command line."""
    words = [word.strip() for word in text.split(",") if word.strip()]
    if words == ["none"]:
        return []
    if not words or "none" in words:
        raise UnbraceError("Give --red-flags as 'none' or a comma list of warning-sign ids.")
    known = screen()
    return sorted({known.get(word).id for word in words}, key=known.ids().index)


def most_urgent(positive: Iterable[str]) -> Urgency | None:
    urgencies = {screen().get(flag_id).urgency for flag_id in positive}
    if Urgency.EMERGENCY in urgencies:
        return Urgency.EMERGENCY
    return Urgency.URGENT if urgencies else None


ADVICE = {
    Urgency.EMERGENCY: (
        "Please stop here and get medical help today: call your emergency number or go to "
        "an emergency department. These signs can mean a problem, such as pressure on the "
        "nerves or an injury to the spine, that needs checking quickly."
    ),
    Urgency.URGENT: (
        "Please see a doctor or physiotherapist soon, within the next few days, before you "
        "carry on. Call your doctor's surgery or a non-emergency health line today to arrange it."
    ),
}

# The stop rule after a session: pain this high after practising, or this many points higher than
# before, is "clearly higher". A rise of 3 is beyond the minimal important change of 2 points on
# the 0-10 scale (Ostelo et al. 2008, Spine; Farrar et al. 2001, Pain), so it is not noise.
STOP_PAIN_AFTER = 8
STOP_PAIN_RISE = 3

STOP_ADVICE = (
    "Stop for today and rest in a position that feels easy. Next time, try a shorter, gentler "
    "practice. If the pain stays high, or you notice any warning sign, contact a clinician."
)


def pain_clearly_higher(before: int | None, after: int | None) -> bool:
    """The stop rule: practice should never make things clearly worse. A rating not given
    is not a rating: without the pain after, the rule has nothing to go on."""
    if after is None:
        return False
    return after >= STOP_PAIN_AFTER or (before is not None and after - before >= STOP_PAIN_RISE)


DISCLAIMER = (
    "unbrace supports your own imagery practice. It does not diagnose, treat or cure, "
    "and it does not replace care from a clinician."
)


class DueReason(StrEnum):
    NEVER = "never"
    PERIODIC = "periodic"
    WORRYING_CHECKIN = "worrying_checkin"


def screen_due(
    *,
    last_screen: dt.datetime | None,
    now: dt.datetime,
    worrying_since_last: bool,
) -> DueReason | None:
    """Why the screen should be asked now, or None.

    Asked at onboarding, every ``repeat_days``, and after a check-in with pain at or
    above the high level or a new flare, because warning signs can appear later.
    """
    if last_screen is None:
        return DueReason.NEVER
    if worrying_since_last:
        return DueReason.WORRYING_CHECKIN
    if now - last_screen >= dt.timedelta(days=screen().repeat_days):
        return DueReason.PERIODIC
    return None
