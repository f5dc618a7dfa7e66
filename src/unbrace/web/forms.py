"""Reading the pages' HTML forms: every field checked, every problem said next to its field.

Each ``parse_*`` returns a ``Parsed``: the cleaned value when all is well, otherwise the
errors by field name, with what the person typed kept so the form can be shown again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from starlette.datastructures import FormData

from unbrace.core import limits, ratings
from unbrace.core.errors import UnbraceError

if TYPE_CHECKING:
    from unbrace.core.checkins import CheckIn
    from unbrace.core.routine import Routine

T = TypeVar("T")

MAX_NOTE = limits.NOTE.max_chars
MAX_SCRIPT = limits.SCRIPT_TEXT.max_chars


@dataclass
class Parsed(Generic[T]):
    values: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)
    value: T | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.value is not None


class Reader:
    """Typed access to form fields that collects errors instead of stopping at the first."""

    def __init__(self, form: FormData) -> None:
        self.form = form
        self.values: dict[str, Any] = {key: form.get(key) for key in form}
        self.errors: dict[str, str] = {}

    def text(self, name: str, *, limit: int = 200) -> str:
        value = self.form.get(name, "")
        value = value if isinstance(value, str) else ""
        if len(value) > limit:
            self.errors[name] = f"Please keep this to {limit:,} characters."
        return value.strip()

    def limited(self, name: str, limit: limits.TextLimit) -> str:
        """Text checked by the core's limits table (length, valid text, hidden controls)."""
        value = self.text(name, limit=limit.max_chars)
        if name not in self.errors:
            self.check(name, lambda: limit.check(value))
        return value

    def rating(self, name: str, scale: ratings.Scale, *, required: bool) -> int | None:
        raw = self.text(name)
        if not raw:
            if required:
                self.errors[name] = f"Please choose a number from {scale.low} to {scale.high}."
            return None
        try:
            return scale.check(int(raw))
        except (ValueError, UnbraceError):
            self.errors[name] = f"Please choose a whole number from {scale.low} to {scale.high}."
            return None

    def number(self, name: str, *, low: float, high: float) -> float | None:
        raw = self.text(name)
        try:
            value = float(raw)
        except ValueError:
            self.errors[name] = f"Please give a number of seconds from {low:g} to {high:g}."
            return None
        if not low <= value <= high:
            self.errors[name] = f"Please give a number of seconds from {low:g} to {high:g}."
            return None
        return value

    def personal(self, name: str, label: str, check: Callable[[str, str], str]) -> str | None:
        """The person's own words (a movement, a scene), kept short and brace-free."""
        raw = self.text(name, limit=400)
        try:
            return check(label, raw)
        except UnbraceError as problem:
            self.errors[name] = str(problem)
            return None

    def flag(self, name: str) -> bool:
        return self.form.get(name) in {"on", "1", "yes", "true"}

    def choices(self, name: str) -> list[str]:
        return [value for value in self.form.getlist(name) if isinstance(value, str)]

    def check(self, name: str, call: Callable[[], T]) -> T | None:
        """Run a core check; its message becomes this field's error."""
        try:
            return call()
        except UnbraceError as problem:
            self.errors[name] = str(problem)
            return None

    def done(self, value: Callable[[], T]) -> Parsed[T]:
        if self.errors:
            return Parsed(self.values, self.errors)
        return Parsed(self.values, {}, value())


# --- check-in -------------------------------------------------------------------------------


def parse_checkin(form: FormData, *, today: dt.date) -> Parsed[CheckIn]:
    from unbrace.core.checkins import HABITS, CheckIn

    read = Reader(form)
    day = today
    raw_date = read.text("date")
    if raw_date:
        parsed_day = read.check("date", lambda: ratings.parse_date(raw_date))
        if parsed_day is not None and parsed_day > today:
            read.errors["date"] = "A check-in cannot be for a day that has not come yet."
        elif parsed_day is not None:
            day = parsed_day
    pain = read.rating("pain", ratings.PAIN, required=True)
    enjoyment = read.rating("enjoyment", ratings.ENJOYMENT, required=True)
    activity = read.rating("activity", ratings.ACTIVITY, required=True)
    worst = read.rating("worst", ratings.WORST, required=False)
    stress = read.rating("stress", ratings.STRESS, required=False)
    sleep = read.rating("sleep", ratings.SLEEP, required=False)
    chosen = read.choices("habits")
    if set(chosen) - set(HABITS):
        read.errors["habits"] = "Please choose habits from the list."
    habits = tuple(habit for habit in HABITS if habit in chosen)
    note = read.limited("note", limits.NOTE)
    read.values["habits"] = list(habits)

    def build() -> CheckIn:
        # Only called when every field read cleanly, so the three PEG items are there.
        assert pain is not None and enjoyment is not None and activity is not None
        return CheckIn(
            date=day,
            pain=pain,
            enjoyment=enjoyment,
            activity=activity,
            worst=worst,
            stress=stress,
            sleep=sleep,
            habits=habits,
            flare=read.flag("flare"),
            note=note,
        )

    return read.done(build)


# --- onboarding and the safety questions ----------------------------------------------------


def parse_answers(read: Reader, flag_ids: Iterable[str]) -> list[str]:
    """Each warning-sign question needs an explicit yes or no."""
    positive = []
    for flag_id in flag_ids:
        answer = read.text(f"flag-{flag_id}")
        if answer not in {"yes", "no"}:
            read.errors[f"flag-{flag_id}"] = "Please answer yes or no."
        elif answer == "yes":
            positive.append(flag_id)
    return positive


@dataclass(frozen=True)
class Onboarding:
    name: str
    movement: str
    scene: str
    anchor: str
    positive: list[str]


def parse_onboarding(
    form: FormData, flag_ids: list[str], *, name: str | None = None
) -> Parsed[Onboarding]:
    """The welcome form; ``name`` when the profile already has one (it is not changed)."""
    from unbrace.core.personal import check_personal_text
    from unbrace.usecases.profiles import check_profile_name

    read = Reader(form)
    raw_name = name or read.text("name", limit=80)
    read.values["name"] = raw_name
    checked = read.check("name", lambda: check_profile_name(raw_name)) if raw_name else None
    if not raw_name:
        read.errors["name"] = "Please tell us what to call you."
    details = {
        key: read.personal(key, label, check_personal_text)
        for key, label in (("movement", "movement"), ("scene", "scene"), ("anchor", "anchor habit"))
    }
    positive = parse_answers(read, flag_ids)
    return read.done(
        lambda: Onboarding(
            name=checked or "",
            movement=details["movement"] or "",
            scene=details["scene"] or "",
            anchor=details["anchor"] or "",
            positive=positive,
        )
    )


def parse_screen(form: FormData, flag_ids: list[str]) -> Parsed[list[str]]:
    read = Reader(form)
    positive = parse_answers(read, flag_ids)
    return read.done(lambda: positive)


# --- settings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Details:
    movement: str
    easier: str
    scene: str
    anchor: str


def parse_details(form: FormData) -> Parsed[Details]:
    from unbrace.core.personal import check_personal_text

    read = Reader(form)
    found = {
        key: read.personal(key, label, check_personal_text)
        for key, label in (
            ("movement", "movement"),
            ("easier", "easier step"),
            ("scene", "scene"),
            ("anchor", "anchor habit"),
        )
    }
    if found["easier"] and not found["movement"]:
        read.errors["easier"] = "Please name the movement first, then its easier step."
    return read.done(
        lambda: Details(
            movement=found["movement"] or "",
            easier=found["easier"] or "",
            scene=found["scene"] or "",
            anchor=found["anchor"] or "",
        )
    )


def parse_breath(form: FormData) -> Parsed[tuple[float, float]]:
    from unbrace.core.session import breath_bounds

    bounds = breath_bounds()
    read = Reader(form)
    inhale = read.number("inhale", low=bounds.low, high=bounds.high)
    exhale = read.number("exhale", low=bounds.low, high=bounds.high)
    return read.done(lambda: (inhale or bounds.default.inhale, exhale or bounds.default.exhale))


# --- routine --------------------------------------------------------------------------------


def parse_routine(form: FormData, current: Routine, practice_ids: Iterable[str]) -> Parsed[Routine]:
    from unbrace.core import routine as rules
    from unbrace.core.personal import check_personal_text
    from unbrace.core.session import validate_minutes

    read = Reader(form)
    changes: dict[str, object] = {}

    def time_of(name: str, what: str, *, optional: bool = False) -> dt.time | None:
        raw = read.text(name)
        if optional and not raw:
            return None
        return read.check(name, lambda: rules.parse_time(raw, what=what))

    changes["anchor_time"] = time_of("anchor_time", "anchor time")
    anchor = read.text("anchor", limit=400)
    changes["anchor"] = read.check("anchor", lambda: check_personal_text("anchor habit", anchor))
    practice = read.text("practice")
    if practice not in set(practice_ids):
        read.errors["practice"] = "Please choose a practice from the list."
    changes["practice"] = practice
    minutes_raw = read.text("minutes")
    changes["minutes"] = read.check(
        "minutes", lambda: validate_minutes(int(minutes_raw) if minutes_raw.isdigit() else 0)
    )
    days = [value for value in read.choices("work_days") if value in rules.DAY_NAMES]
    changes["work_days"] = frozenset(rules.DAY_NAMES.index(day) for day in days)
    read.values["work_days"] = days
    start = time_of("work_start", "start of work")
    end = time_of("work_end", "end of work")
    if start is not None and end is not None and end <= start:
        read.errors["work_end"] = "The work hours must end after they start."
    changes["work_start"], changes["work_end"] = start, end
    reset_raw = read.text("reset_every")
    changes["reset_every"] = read.check(
        "reset_every",
        lambda: rules.check_reset_every(int(reset_raw) if reset_raw.isdigit() else -1),
    )
    quiet_start = time_of("quiet_start", "start of quiet hours", optional=True)
    quiet_end = time_of("quiet_end", "end of quiet hours", optional=True)
    if (quiet_start is None) != (quiet_end is None) and "quiet_start" not in read.errors:
        read.errors["quiet_end"] = "Give both ends of the quiet hours, or leave both empty."
    elif quiet_start is not None and quiet_start == quiet_end:
        read.errors["quiet_end"] = "The quiet hours must end at another time than they start."
    changes["quiet_start"], changes["quiet_end"] = quiet_start, quiet_end
    changes["downshift"] = time_of("downshift", "downshift time", optional=True)
    intention = " ".join(read.text("intention", limit=limits.INTENTION.max_chars).split())
    changes["intention"] = read.check("intention", lambda: limits.INTENTION.check(intention))
    timezone = read.text("timezone", limit=64)
    changes["timezone"] = read.check("timezone", lambda: rules.check_timezone(timezone))
    if read.errors:
        return Parsed(read.values, read.errors)
    routine = read.check("form", lambda: rules.updated(current, **changes))
    return Parsed(read.values, read.errors, routine)


# --- coach ----------------------------------------------------------------------------------


def parse_script(form: FormData, *, need_name: bool) -> Parsed[tuple[str, str]]:
    from unbrace.core.scripts import check_name

    read = Reader(form)
    text = read.limited("text", limits.SCRIPT_TEXT)
    if not text:
        read.errors["text"] = "Write a few sentences first; the coach reads what you write."
    name = ""
    if need_name:
        raw = read.text("name", limit=60)
        checked = read.check("name", lambda: check_name(raw or "my script"))
        name = checked or ""
    return read.done(lambda: (name, text))
