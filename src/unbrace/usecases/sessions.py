"""Sessions, as a person starts and ends them on any edge.

- `prepare`: the practice personalised for the person now (their words, their breath pace,
  the flare rule), with the warning-sign gate's answer; nothing is stored.
- `start_session`: the gate must allow it (`SafetyStop` otherwise); stores the session.
- `plan_for_audio`: the same gate and plan for a recording of a practice (a session to come).
- `finish_session`: ratings checked, the session ended, and the stop rule's answer.

The flare rule (`core.flare`), the stop rule (`core.safety.pain_clearly_higher`) and what counts
as practice (`core.counting`) live in the core; this module is the one place edges reach them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from unbrace.core.errors import UnbraceError
from unbrace.core.session import Status
from unbrace.usecases import safety_gate

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.core.personal import Personal
    from unbrace.core.practices import Practice
    from unbrace.core.session import BreathPace, Plan, Player
    from unbrace.store.models import PracticeSession, Profile
    from unbrace.usecases.safety_gate import Gate

WEB_HOST = "web"  # sessions played in the browser (`store.sessions`)


class NoSuchSession(UnbraceError):
    """The person has no session with this id."""


class SessionElsewhere(UnbraceError):
    """The session is played by another edge (the terminal saves its own)."""


class SessionEnded(UnbraceError):
    """The session can take no more: it was completed."""


def breath_pace(profile: Profile | None) -> BreathPace:
    """The person's own breath pace, or the default one (`data/breath.toml`)."""
    from unbrace.core.session import BreathPace, breath_bounds

    if profile is not None and profile.breath_in and profile.breath_out:
        return BreathPace(profile.breath_in, profile.breath_out)
    return breath_bounds().default


def flare_today(db: Session, *, profile: Profile, today: dt.date) -> bool:
    """Whether today's check-in marks a flare."""
    from unbrace.store import checkin_repo

    todays = checkin_repo.get_checkin(db, profile=profile, date=today)
    return bool(todays and todays.flare)


@dataclass(frozen=True)
class Prepared:
    """A practice ready to play for this person now, and whether it may start."""

    practice: Practice
    plan: Plan
    gentler: bool
    gentler_words: str  # what to tell the person before a gentler session ("" otherwise)
    gate: Gate

    def or_stop(self) -> Prepared:
        """This, when the gate lets the session start; `SafetyStop` with its sentence otherwise."""
        if not self.gate.allows:
            raise safety_gate.SafetyStop(self.gate)
        return self


def _timed(
    practice: Practice,
    minutes: int | None,
    personal: Personal | None,
    profile: Profile | None,
    *,
    gentler: bool,
) -> Plan:
    """The plan rule: the length asked for, else the flare length on a gentler day, else the
    usual; the person's words (the easier step of their movement when gentler); their breath
    pace."""
    from unbrace.core import flare
    from unbrace.core.session import plan_session

    length = flare.session_minutes(practice, minutes, gentle=gentler)
    return plan_session(practice, length, personal, pace=breath_pace(profile), flare=gentler)


def preview(
    db: Session | None,
    *,
    profile: Profile | None,
    practice: Practice,
    minutes: int | None,
    flare: bool = False,
) -> Plan:
    """The practice as it would be played, to read or record: nothing stored and no gate.
    ``flare`` asks for the gentler version; with no profile, the plain words and pace."""
    from unbrace.core.session import validate_minutes

    if minutes is not None:
        validate_minutes(minutes)
    personal = None
    if db is not None and profile is not None:
        from unbrace.store import profile_repo

        personal = profile_repo.personal_for(db, profile=profile)
    return _timed(practice, minutes, personal, profile, gentler=flare)


def previews(
    db: Session, *, profile: Profile, practices: Sequence[Practice], flare: bool
) -> list[Plan]:
    """Each practice at its usual length (its flare length, in the gentler version, on a
    flare day), as `preview` would give it: the Practices page's cards."""
    from unbrace.store import profile_repo

    personal = profile_repo.personal_for(db, profile=profile)
    return [_timed(item, None, personal, profile, gentler=flare) for item in practices]


def prepare(
    db: Session,
    *,
    profile: Profile,
    practice: Practice,
    minutes: int | None,
    now: dt.datetime,
    today: dt.date,
    pain_before: int | None = None,
    gentle_chosen: bool = False,
    gentler_asked: bool = False,
) -> Prepared:
    """Plan ``practice`` for ``profile``: a flare day, a high pain before or a gentle session
    chosen with an urgent sign open make it the gentler version (its flare length unless
    ``minutes`` is given, the feared movement at an easier step); ``gentler_asked`` asks for
    that version outright (a recording of a session started as one). Stores nothing."""
    from unbrace.core import flare, ratings
    from unbrace.core.session import validate_minutes
    from unbrace.store import profile_repo

    if minutes is not None:
        validate_minutes(minutes)
    if pain_before is not None:
        ratings.PAIN.check(pain_before)
    gate = safety_gate.check(db, profile=profile, now=now, today=today, gentle_chosen=gentle_chosen)
    gentler = flare.gentler(
        flare_today=flare_today(db, profile=profile, today=today),
        pain_before=pain_before,
        gentle_chosen=gate.gentle or gentler_asked,
    )
    personal = profile_repo.personal_for(db, profile=profile)
    plan = _timed(practice, minutes, personal, profile, gentler=gentler)
    words = flare.gentler_words(practice, plan.minutes) if gentler else ""
    return Prepared(practice, plan, gentler, words, gate)


@dataclass(frozen=True)
class Started:
    id: int
    plan: Plan
    gentler: bool
    gentler_words: str


def start_session(
    db: Session,
    *,
    profile: Profile,
    practice: Practice,
    minutes: int | None,
    pain_before: int | None,
    now: dt.datetime,
    today: dt.date,
    host: str,
    pid: int | None,
    gentle_chosen: bool = False,
) -> Started:
    """Start a session if the warning-sign gate allows it (`SafetyStop` otherwise)."""
    from unbrace.store import session_repo

    ready = prepare(
        db,
        profile=profile,
        practice=practice,
        minutes=minutes,
        now=now,
        today=today,
        pain_before=pain_before,
        gentle_chosen=gentle_chosen,
    ).or_stop()
    record = session_repo.start_session(
        db,
        profile=profile,
        plan=ready.plan,
        pain_before=pain_before,
        flare=ready.gentler,
        now=now,
        host=host,
        pid=pid,
    )
    return Started(record.id, ready.plan, ready.gentler, ready.gentler_words)


def plan_for_audio(
    db: Session,
    *,
    profile: Profile | None,
    practice: Practice,
    minutes: int | None,
    now: dt.datetime,
    today: dt.date,
    gentle: bool = False,
    gentle_chosen: bool = False,
) -> Plan:
    """A recording of a practice is a session to come: the same gate, the same plan.
    ``gentle`` asks for the gentler version (the player's session was started as one). With
    no one set up yet there is no person to plan for: the plain practice, as `preview`."""
    if profile is None:
        return preview(db, profile=None, practice=practice, minutes=minutes, flare=gentle)
    return (
        prepare(
            db,
            profile=profile,
            practice=practice,
            minutes=minutes,
            now=now,
            today=today,
            gentle_chosen=gentle_chosen,
            gentler_asked=gentle,
        )
        .or_stop()
        .plan
    )


# --- ending a session ---------------------------------------------------------------------


@dataclass(frozen=True)
class Ratings:
    """What the person answered after a session. None is "not given", never a guess."""

    pain_after: int | None = None
    vivid_visual: int | None = None
    vivid_body: int | None = None
    note: str = ""

    def check(self) -> Ratings:
        from unbrace.core import limits, ratings

        for scale, value in (
            (ratings.PAIN, self.pain_after),
            (ratings.VIVID_VISUAL, self.vivid_visual),
            (ratings.VIVID_BODY, self.vivid_body),
        ):
            if value is not None:
                scale.check(value)
        limits.NOTE.check(self.note)
        return self


@dataclass(frozen=True)
class StepReport:
    index: int
    seconds: float
    skipped: bool = False
    done: bool = False


@dataclass(frozen=True)
class Report:
    """How a session played elsewhere (the browser) ended: its status and progress."""

    status: Status
    seconds: float
    steps: Sequence[StepReport] = ()


@dataclass(frozen=True)
class Finished:
    id: int
    status: Status
    seconds: float
    minutes: int
    pain_before: int | None
    pain_after: int | None
    counted: bool  # long enough to count as practice (`core.counting`)
    stop_advised: bool  # the stop rule: pain clearly higher after

    @property
    def summary(self) -> str:
        """The line said at the end, in the terminal and the browser."""
        from unbrace.core import counting

        done = counting.clock(self.seconds)
        if self.status is Status.COMPLETED:
            line = f"Well done: you practised {done}."
        elif self.counted:
            line = f"Saved: you practised {done} of {counting.minutes_words(self.minutes)}."
        else:
            line = f"Saved: you practised {done}. {counting.NOT_COUNTED}"
        if self.pain_before is not None and self.pain_after is not None:
            line += f" Pain {self.pain_before} → {self.pain_after}."
        return line


def own_session(
    db: Session, *, profile: Profile, session_id: int, for_update: bool = False
) -> PracticeSession:
    """The profile's own session (with its steps); `NoSuchSession` otherwise. ``for_update``
    locks it until the transaction ends, so concurrent reports of one session take turns."""
    from unbrace.store.session_repo import get_session

    record = get_session(db, profile=profile, session_id=session_id, for_update=for_update)
    if record is None:
        raise NoSuchSession(f"There is no session {session_id}.")
    return record


def browser_session(db: Session, *, profile: Profile, session_id: int) -> PracticeSession:
    """A session played in the browser, locked for this transaction (see `own_session`)."""
    record = own_session(db, profile=profile, session_id=session_id, for_update=True)
    if record.host != WEB_HOST:
        raise SessionElsewhere("This session runs in the terminal, which saves its own progress.")
    return record


def finish_session(
    db: Session,
    *,
    profile: Profile,
    session_id: int,
    ended: Player | Report,
    ratings: Ratings,
    now: dt.datetime,
) -> Finished:
    """End a session with the ratings given (checked first; none are invented) and apply the
    stop rule. ``ended`` is the terminal's `Player`, or a browser's `Report`: a session closed
    as stopped after a silence can still be finished, a completed one cannot (`SessionEnded`)."""
    from unbrace.core import counting
    from unbrace.core.safety import pain_clearly_higher
    from unbrace.store import session_repo
    from unbrace.store import session_repo as played

    ratings.check()
    if isinstance(ended, Report):
        record = browser_session(db, profile=profile, session_id=session_id)
        if ended.status is Status.RUNNING:
            raise UnbraceError("A session ends as completed or stopped.")
        # Finished once: completed, or ended by an earlier finish (a double click, two tabs).
        if record.status == Status.COMPLETED.value or record.pid == played.FINISHED_PID:
            raise SessionEnded("This session is already finished.")
        steps = [played.StepUpdate(s.index, s.seconds, s.skipped, s.done) for s in ended.steps]
        played.end_session(
            db, record=record, status=ended.status, seconds=ended.seconds, steps=steps, now=now
        )
    else:
        own_session(db, profile=profile, session_id=session_id)
        record = session_repo.finish_session(db, session_id=session_id, player=ended, now=now)
    record.pain_after = ratings.pain_after
    record.vivid_visual = ratings.vivid_visual
    record.vivid_body = ratings.vivid_body
    record.note = ratings.note
    db.flush()
    return Finished(
        id=record.id,
        status=Status(record.status),
        seconds=record.seconds,
        minutes=record.minutes,
        pain_before=record.pain_before,
        pain_after=record.pain_after,
        counted=counting.counts(record.seconds),
        stop_advised=pain_clearly_higher(record.pain_before, record.pain_after),
    )


def save_progress(db: Session, *, session_id: int, player: Player, now: dt.datetime) -> None:
    """The terminal's session clock, saved: seconds practised and each step's progress."""
    from unbrace.store import session_repo

    session_repo.save_progress(db, session_id=session_id, player=player, now=now)


def record_browser_progress(
    db: Session,
    *,
    profile: Profile,
    session_id: int,
    seconds: float,
    steps: Sequence[StepReport],
    now: dt.datetime,
) -> PracticeSession:
    """What the browser has practised so far: time only moves forward, and a report after the
    session ended changes nothing."""
    from unbrace.store import session_repo

    record = browser_session(db, profile=profile, session_id=session_id)
    session_repo.save_browser_progress(
        db,
        record=record,
        seconds=seconds,
        steps=[session_repo.StepUpdate(s.index, s.seconds, s.skipped, s.done) for s in steps],
        now=now,
    )
    return record


def list_sessions(
    db: Session, *, profile: Profile, since: dt.datetime | None = None
) -> Sequence[PracticeSession]:
    """The profile's sessions (both edges'), oldest first, from ``since`` on."""
    from unbrace.store import session_repo

    return session_repo.list_sessions(db, profile=profile, since=since)


def close_abandoned(db: Session, *, now: dt.datetime, host: str) -> int:
    """Sessions whose player went silent (a killed terminal, a closed tab) closed as stopped,
    keeping their seconds; every edge does this before it reads sessions."""
    from unbrace.store import session_repo

    return session_repo.close_abandoned_sessions(db, now=now, host=host)
