"""Saving a personal script: a new version each time, scored by the coach for the person's
movement (the terminal and the coach page save through the same use case)."""

from __future__ import annotations

from tests.usecases.conftest import NOW, World
from unbrace.coach import coach
from unbrace.usecases import scripts

TEXT = (
    "I stand at the dishwasher in the morning light. I feel my feet on the cool floor and hear "
    "the plates clink as I bend forward slowly, my back long and easy, and lift a warm mug."
)


def test_each_save_is_a_new_version_scored_for_the_persons_movement(world: World) -> None:
    movement = "bending forward to load the dishwasher"
    first = scripts.save_script(world.db, profile=world.profile, name="kitchen", text=TEXT, now=NOW)
    assert first.version == 1 and first.score == coach(TEXT, movement=movement).score
    again = scripts.save_script(
        world.db, profile=world.profile, name="kitchen", text=TEXT + " Done.", now=NOW
    )
    assert again.version == 2
    assert scripts.script_versions(world.db, profile=world.profile, name="kitchen") == 2
    latest = scripts.get_script(world.db, profile=world.profile, name="kitchen")
    assert latest is not None and latest.version == 2
    assert [s.name for s in scripts.list_scripts(world.db, profile=world.profile)] == ["kitchen"]


def test_a_movement_given_is_the_one_scored(world: World) -> None:
    saved = scripts.save_script(
        world.db, profile=world.profile, name="walk", text=TEXT, now=NOW, movement="walking"
    )
    assert saved.score == coach(TEXT, movement="walking").score
