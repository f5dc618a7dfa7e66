"""Tables. Every record hangs off a profile (a person), even in single-person use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no time zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:  # noqa: ARG002
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class Profile(Base):
    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    breath_in: Mapped[float | None] = mapped_column(Float, nullable=True)
    breath_out: Mapped[float | None] = mapped_column(Float, nullable=True)
    streaks: Mapped[bool] = mapped_column(Boolean, default=False)

    details: Mapped[PersonalDetails | None] = relationship(
        back_populates="profile", cascade="all, delete-orphan", passive_deletes=True
    )
    movements: Mapped[list[FearedMovement]] = relationship(
        back_populates="profile",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="FearedMovement.position",
    )


class PersonalDetails(Base):
    """What fills a practice's placeholders: the person's scene and anchor habit."""

    __tablename__ = "personal_details"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    scene: Mapped[str] = mapped_column(Text, default="")
    anchor: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    profile: Mapped[Profile] = relationship(back_populates="details")


class FearedMovement(Base):
    """A movement the person has come to fear or avoid, most important first."""

    __tablename__ = "feared_movements"
    __table_args__ = (UniqueConstraint("profile_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    easier: Mapped[str] = mapped_column(Text, default="")

    profile: Mapped[Profile] = relationship(back_populates="movements")


class PracticeSession(Base):
    __tablename__ = "practice_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    practice_id: Mapped[str] = mapped_column(String(60))
    practice_title: Mapped[str] = mapped_column(String(80))
    minutes: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[str] = mapped_column(String(20), default="in_progress")
    flare: Mapped[bool] = mapped_column(Boolean, default=False)
    pain_before: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pain_after: Mapped[int | None] = mapped_column(Integer, nullable=True)
    vivid_visual: Mapped[int | None] = mapped_column(Integer, nullable=True)
    vivid_body: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    # Which process runs the session, so a session whose process died can be
    # closed as stopped by the next command instead of staying "in progress".
    host: Mapped[str] = mapped_column(String(255), default="")
    pid: Mapped[int | None] = mapped_column(Integer, nullable=True)

    steps: Mapped[list[SessionStep]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SessionStep.position",
    )


class SessionStep(Base):
    """Per-step progress of a session."""

    __tablename__ = "session_steps"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    step_id: Mapped[str] = mapped_column(String(60))
    planned_seconds: Mapped[float] = mapped_column(Float)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    done: Mapped[bool] = mapped_column(Boolean, default=False)

    session: Mapped[PracticeSession] = relationship(back_populates="steps")


class CheckInRecord(Base):
    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("profile_id", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[dt.date] = mapped_column(Date)
    pain: Mapped[int] = mapped_column(Integer)
    enjoyment: Mapped[int] = mapped_column(Integer)
    activity: Mapped[int] = mapped_column(Integer)
    worst: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stress: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sleep: Mapped[int | None] = mapped_column(Integer, nullable=True)
    habits: Mapped[list[str]] = mapped_column(JSON, default=list)
    flare: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SafetyScreen(Base):
    """One run of the warning-sign screen and its answers."""

    __tablename__ = "safety_screens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    taken_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(String(30))
    positive: Mapped[list[str]] = mapped_column(JSON, default=list)
    urgency: Mapped[str | None] = mapped_column(String(20), nullable=True)
    seen_clinician_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class PersonalScript(Base):
    """One saved version of a person's own imagery script; earlier versions are kept."""

    __tablename__ = "personal_scripts"
    __table_args__ = (UniqueConstraint("profile_id", "name", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    score: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class RoutineRecord(Base):
    """A profile's routine. Times are wall-clock "HH:MM" in the stored time zone."""

    __tablename__ = "routines"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    timezone: Mapped[str] = mapped_column(String(64))
    anchor_time: Mapped[str] = mapped_column(String(5))
    anchor: Mapped[str] = mapped_column(Text, default="")
    practice: Mapped[str] = mapped_column(String(60))
    minutes: Mapped[int] = mapped_column(Integer)
    work_days: Mapped[str] = mapped_column(String(20))  # weekday numbers, Monday = 0
    work_start: Mapped[str] = mapped_column(String(5))
    work_end: Mapped[str] = mapped_column(String(5))
    reset_every: Mapped[int] = mapped_column(Integer)
    quiet_start: Mapped[str | None] = mapped_column(String(5), nullable=True)
    quiet_end: Mapped[str | None] = mapped_column(String(5), nullable=True)
    downshift: Mapped[str | None] = mapped_column(String(5), nullable=True)
    intention: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Ladder(Base):
    """A "visualise, then do" ladder for one feared movement (core/ladder.py has the rules)."""

    __tablename__ = "ladders"
    __table_args__ = (UniqueConstraint("profile_id", "movement"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    movement: Mapped[str] = mapped_column(Text)
    template: Mapped[str] = mapped_column(String(40))
    # The step the person is on; they move it, the app only suggests.
    current_step_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    current_since: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Weekdays (Monday = 0) the routine adds a ladder step on, e.g. "0,2,4".
    days: Mapped[str] = mapped_column(String(20), default="")
    # Set when a new or unusual symptom was reported: the ladder waits for a clinician.
    paused_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    steps: Mapped[list[LadderStep]] = relationship(
        back_populates="ladder",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="LadderStep.position",
    )


class LadderStep(Base):
    __tablename__ = "ladder_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ladder_id: Mapped[int] = mapped_column(ForeignKey("ladders.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    ladder: Mapped[Ladder] = relationship(back_populates="steps")
    ratings: Mapped[list[ThreatRating]] = relationship(
        back_populates="step",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(ThreatRating.rated_at, ThreatRating.id)",
    )
    attempts: Mapped[list[LadderAttempt]] = relationship(
        back_populates="step",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(LadderAttempt.started_at, LadderAttempt.id)",
    )


class ThreatRating(Base):
    """How harmful for their back the person thinks a step would be, 0-100, when asked."""

    __tablename__ = "threat_ratings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    step_id: Mapped[int] = mapped_column(
        ForeignKey("ladder_steps.id", ondelete="CASCADE"), index=True
    )
    rated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    threat: Mapped[int] = mapped_column(Integer)

    step: Mapped[LadderStep] = relationship(back_populates="ratings")


class LadderAttempt(Base):
    """One try of a step: the prediction before, what happened after, and the next day."""

    __tablename__ = "ladder_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    step_id: Mapped[int] = mapped_column(
        ForeignKey("ladder_steps.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    flare: Mapped[bool] = mapped_column(Boolean, default=False)
    expected_pain: Mapped[int] = mapped_column(Integer)
    expected_harm: Mapped[int] = mapped_column(Integer)
    fear: Mapped[int] = mapped_column(Integer)
    feared_outcome: Mapped[str] = mapped_column(Text)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    actual_pain: Mapped[int | None] = mapped_column(Integer, nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(10), nullable=True)
    surprise: Mapped[str] = mapped_column(Text, default="")
    new_symptom: Mapped[bool] = mapped_column(Boolean, default=False)
    followed_up_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    next_day_pain: Mapped[int | None] = mapped_column(Integer, nullable=True)

    step: Mapped[LadderStep] = relationship(back_populates="attempts")
