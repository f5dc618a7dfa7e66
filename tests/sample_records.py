"""A profile with one of every kind of record, written with the repository functions."""

from __future__ import annotations

import datetime as dt

from unbrace.core.checkins import CheckIn
from unbrace.core.practices import load_library
from unbrace.core.session import Player, plan_session
from unbrace.store import checkin_repo, profile_repo, screen_repo, script_repo, session_repo
from unbrace.store.db import Store

START = dt.datetime(2026, 10, 1, 7, 30, 12, 345678, tzinfo=dt.UTC)


def fill_profile(store: Store, name: str = "Maria", *, days: int = 6) -> None:
    """Check-ins on ``days`` days, sessions completed, stopped and still running, two
    screens (one with a yes answer, since seen), a script in two versions and preferences."""
    library = load_library()
    with store.transaction() as db:
        profile = profile_repo.create_profile(db, name=name)
        profile_repo.set_personal(
            db,
            profile=profile,
            movements=["lifting the laundry basket", "getting out of the car"],
            scene="a pine path, the sun warm on my back",
            anchor="making my morning coffee",
        )
        profile_repo.set_breath(db, profile=profile, inhale=4.5, exhale=6.5)
        profile.streaks = True
        for day in range(days):
            when = START + dt.timedelta(days=day)
            entry = CheckIn(
                date=when.date(),
                pain=(day * 3) % 11,
                enjoyment=(day * 5) % 11,
                activity=(day * 7) % 11,
                worst=None if day % 2 else 8,
                stress=day % 11,
                sleep=None,
                habits=("movement-breaks", "walking") if day % 3 == 0 else (),
                flare=day == 2,
                note='a long, "quoted" day; ünïcode ✓\nsecond line' if day == 1 else "",
            )
            checkin_repo.save_checkin(db, profile=profile, checkin=entry, replace=False, now=when)
        for index, (practice_id, played) in enumerate(
            (("posture-reset", 10_000.0), ("movement-rehearsal", 37.25), ("body-scan", 12.5))
        ):
            player = Player(plan_session(library.get(practice_id), 3 if index else 1))
            when = START + dt.timedelta(days=index, hours=2)
            record = session_repo.start_session(
                db, profile=profile, plan=player.plan, pain_before=6, flare=index == 1, now=when
            )
            player.tick(played)
            later = when + dt.timedelta(seconds=played + 1.5)
            if index == 2:  # still running when the export is made
                session_repo.save_progress(db, session_id=record.id, player=player, now=later)
                continue
            session_repo.finish_session(
                db,
                session_id=record.id,
                player=player,
                now=later,
                pain_after=4 if index == 0 else None,
                vivid_visual=4,
                vivid_body=2 if index == 0 else None,
                note="easier than I thought" if index == 0 else "",
            )
        screen_repo.record_screen(
            db, profile=profile, reason="onboarding", positive=[], urgency=None, now=START
        )
        screen_repo.record_screen(
            db,
            profile=profile,
            reason="worrying_checkin",
            positive=["fever"],
            urgency="urgent",
            now=START + dt.timedelta(days=3),
        )
        screen_repo.confirm_seen(db, profile=profile, now=START + dt.timedelta(days=4))
        for version, text in enumerate(("I lift the basket.", "I lift the warm basket."), 1):
            script_repo.save_script(
                db,
                profile=profile,
                name="laundry lift",
                text=text,
                score=50 + version,
                now=START + dt.timedelta(days=version),
            )
