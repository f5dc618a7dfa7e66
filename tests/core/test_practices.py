"""Practices: the shipped library, validation errors, placeholders and session layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from unbrace.core.errors import UnbraceError
from unbrace.core.practices import (
    DEFAULT_PERSONAL,
    MAX_MINUTES,
    MIN_MINUTES,
    PLACEHOLDERS,
    Library,
    Personal,
    Practice,
    Step,
    builtin_files,
    check_placeholders,
    load_library,
    parse_practice,
    parse_shipped,
    personalise,
    validate_minutes,
)
from unbrace.core.session import WORDS_PER_SECOND, breath_bounds, plan_session, reading_seconds

SHIPPED_IDS = (
    "body-scan",
    "movement-rehearsal",
    "posture-reset",
    "spine-stacking",
    "breath-anchor",
    "micro-movements",
    "core-stability",
    "everyday-imagery",
    "downshift",
    "personal-scene",
)
LENGTHS = range(MIN_MINUTES, MAX_MINUTES + 1)

# Phrases that build imagery on absent pain (see the coach's "negation" label).
NEGATED_PAIN = re.compile(
    r"\bno pain\b|\bpain[- ]free\b|\bdoesn[’']?t hurt\b|\bdoes not hurt\b"
    r"|\bwithout pain\b|\bnot stiff\b|\bno tension\b",
    re.IGNORECASE,
)


STEP_ONE = 'id = "first"\ntitle = "First"\ntext = "Feel the floor under your feet."\n'
STEP_TWO = 'id = "second"\ntitle = "Second"\ntext = "Reach up, long and light."\n'


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.mark.parametrize(("name", "text"), builtin_files())
def test_shipped_files_pass_the_full_check(name: str, text: str) -> None:
    """Shipped files are read without the full check at run time (see parse_shipped): here
    each one goes through it, and reads the same either way."""
    assert parse_practice(text, source=name) == parse_shipped(text)


def practice_toml(*, top: str = "", steps: tuple[str, ...] | None = None) -> str:
    """A small valid practice file; ``top`` adds header keys, ``steps`` replaces the steps."""
    if steps is None:
        steps = (STEP_ONE, STEP_TWO)
    header = (
        'schema_version = 1\nid = "test-practice"\ntitle = "Test"\n'
        'summary = "A practice for tests."\nwhen = "Whenever."\n'
    )
    body = "".join(f"\n[[steps]]\n{step}" for step in steps)
    return header + top + body


def line_number(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``needle``."""
    hits = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def make_practice(*steps: Step, practice_id: str = "made") -> Practice:
    return Practice(
        schema_version=1,
        id=practice_id,
        title="Made in a test",
        summary="Built directly.",
        when="In tests.",
        steps=list(steps),
    )


# --- The shipped library ----------------------------------------------------------------


def test_all_ten_shipped_practices_load(library: Library) -> None:
    assert sorted(library.practices) == sorted(SHIPPED_IDS)
    assert set(library.origins.values()) == {"builtin"}


def test_builtin_file_names_match_practice_ids() -> None:
    files = builtin_files()
    assert len(files) == len(SHIPPED_IDS)
    for name, text in files:
        assert name == f"{parse_practice(text, source=name).id}.toml"


@pytest.mark.parametrize("practice_id", SHIPPED_IDS)
def test_shipped_practice_is_well_formed(library: Library, practice_id: str) -> None:
    practice = library.get(practice_id)
    assert practice.id == practice_id
    assert len(practice.steps) >= 2
    assert any(step.min_minutes == MIN_MINUTES for step in practice.steps)
    assert any(step.breath for step in practice.steps)
    assert MIN_MINUTES <= practice.flare_minutes <= practice.default_minutes <= MAX_MINUTES
    assert practice.sources
    assert len({step.id for step in practice.steps}) == len(practice.steps)


@pytest.mark.parametrize("practice_id", SHIPPED_IDS)
@pytest.mark.parametrize("minutes", LENGTHS)
def test_shipped_practice_plans_at_every_length(
    library: Library, practice_id: str, minutes: int
) -> None:
    practice = library.get(practice_id)
    plan = plan_session(practice, minutes, strict=True)
    assert plan.practice_id == practice_id
    assert plan.title == practice.title
    assert plan.minutes == minutes
    assert plan.pace == breath_bounds().default
    assert plan.total_seconds == pytest.approx(minutes * 60, abs=1e-6)
    expected = [step.id for step in practice.steps if step.min_minutes <= minutes]
    assert [step.id for step in plan.steps] == expected
    assert [step.index for step in plan.steps] == list(range(len(plan.steps)))
    for step in plan.steps:
        assert step.read_seconds == reading_seconds(step.text)
        assert step.seconds >= step.read_seconds
        assert "{" not in step.text and "}" not in step.text


@pytest.mark.parametrize(
    ("practice_id", "minutes"),
    [(practice_id, minutes) for practice_id in SHIPPED_IDS for minutes in LENGTHS],
)
def test_shipped_practice_plans_at_every_length_on_a_flare_day(
    library: Library, practice_id: str, minutes: int
) -> None:
    plan = plan_session(library.get(practice_id), minutes, flare=True, strict=True)
    assert plan.total_seconds == pytest.approx(minutes * 60, abs=1e-6)
    assert all(step.seconds >= step.read_seconds for step in plan.steps)


@pytest.mark.parametrize("practice_id", SHIPPED_IDS)
def test_longer_sessions_add_time_not_faster_text(library: Library, practice_id: str) -> None:
    practice = library.get(practice_id)
    plans = {minutes: plan_session(practice, minutes) for minutes in LENGTHS}
    longest = {step.id: step for step in plans[MAX_MINUTES].steps}
    for minutes, plan in plans.items():
        for step in plan.steps:
            # Same words at the same reading time, never squeezed into less time.
            assert step.text == longest[step.id].text
            assert step.read_seconds == longest[step.id].read_seconds
            assert len(step.text.split()) / step.seconds <= WORDS_PER_SECOND
            assert step.seconds <= longest[step.id].seconds + 1e-9
        if minutes < MAX_MINUTES:
            following = plans[minutes + 1]
            assert following.total_seconds > plan.total_seconds
            if [s.id for s in following.steps] == [s.id for s in plan.steps]:
                for short, long in zip(plan.steps, following.steps, strict=True):
                    assert long.seconds > short.seconds


def test_spare_time_is_shared_by_step_share() -> None:
    practice = make_practice(
        Step(id="a", title="A", text="one two", share=1.0),
        Step(id="b", title="B", text="one two", share=3.0, breath=True),
    )
    plan = plan_session(practice, 1)
    spare = [step.seconds - step.read_seconds for step in plan.steps]
    assert spare[1] == pytest.approx(3 * spare[0])
    assert plan.steps[1].breath and not plan.steps[0].breath


@pytest.mark.parametrize("practice_id", SHIPPED_IDS)
def test_shipped_texts_avoid_negated_pain(library: Library, practice_id: str) -> None:
    practice = library.get(practice_id)
    texts = [practice.title, practice.summary, practice.when]
    for step in practice.steps:
        texts += [step.title, step.text, step.cue or ""]
    for text in texts:
        assert not NEGATED_PAIN.search(text), text


@pytest.mark.parametrize(
    "phrase",
    ["No pain at all", "pain-free", "it doesn't hurt", "without pain", "Not stiff", "no tension"],
)
def test_negated_pain_pattern_catches_the_phrases(phrase: str) -> None:
    assert NEGATED_PAIN.search(f"My back feels warm, {phrase}.")


# --- Placeholders -------------------------------------------------------------------------


def test_personal_fills_every_placeholder(library: Library) -> None:
    personal = Personal(
        name="Sam",
        movement="lifting my grandson from the cot",
        scene="a pebble beach at dawn",
        anchor="putting the kettle on",
    )
    rehearsal = plan_session(library.get("movement-rehearsal"), 5, personal)
    assert "Now imagine lifting my grandson from the cot." in rehearsal.steps[2].text
    scene = plan_session(library.get("personal-scene"), 5, personal)
    assert any("your own place: a pebble beach at dawn." in step.text for step in scene.steps)
    everyday = plan_session(library.get("everyday-imagery"), 5, personal)
    assert everyday.steps[0].text.startswith("Picture yourself putting the kettle on.")
    assert personalise("Well done, {name}.", personal) == "Well done, Sam."


def test_empty_personal_uses_defaults(library: Library) -> None:
    assert Personal().values() == dict(DEFAULT_PERSONAL)
    assert set(DEFAULT_PERSONAL) == set(PLACEHOLDERS)
    plan = plan_session(library.get("movement-rehearsal"), 5)
    assert f"Now imagine {DEFAULT_PERSONAL['movement']}." in plan.steps[2].text
    assert personalise("Hello {name}", Personal()) == f"Hello {DEFAULT_PERSONAL['name']}"


def test_partly_filled_personal_mixes_own_values_and_defaults() -> None:
    values = Personal(scene="my allotment").values()
    assert values["scene"] == "my allotment"
    assert values["movement"] == DEFAULT_PERSONAL["movement"]
    assert values["anchor"] == DEFAULT_PERSONAL["anchor"]


def test_flare_uses_the_easier_movement(library: Library) -> None:
    personal = Personal(movement="carrying the shopping", easier_movement="lifting one bag")
    assert personal.values(flare=True)["movement"] == "lifting one bag"
    assert personal.values(flare=False)["movement"] == "carrying the shopping"
    plan = plan_session(library.get("movement-rehearsal"), 5, personal, flare=True)
    text = " ".join(step.text for step in plan.steps)
    assert "lifting one bag" in text
    assert "carrying the shopping" not in text


def test_flare_without_easier_movement_softens_the_movement() -> None:
    own = Personal(movement="carrying the shopping").values(flare=True)
    assert own["movement"] == "the first small part of carrying the shopping"
    default = Personal().values(flare=True)
    assert default["movement"] == (f"the first small part of {DEFAULT_PERSONAL['movement']}")


def test_cues_are_personalised_too() -> None:
    practice = make_practice(
        Step(id="a", title="A", text="Picture {scene}.", cue="Try {movement}, gently."),
        Step(id="b", title="B", text="Open your eyes."),
    )
    plan = plan_session(
        practice, 2, Personal(movement="a squat", easier_movement="a half squat"), flare=True
    )
    assert plan.steps[0].cue == "Try a half squat, gently."
    assert plan.steps[0].text == f"Picture {DEFAULT_PERSONAL['scene']}."
    assert plan.steps[1].cue is None


@pytest.mark.parametrize(
    "text",
    ["{mood}", "{}", "{0}", "{movement!r}", "{movement:>20}", "{movement.upper}", "{scene[0]}"],
)
def test_unknown_placeholder_is_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="placeholder"):
        check_placeholders(f"Picture {text} now.")


def test_unbalanced_brace_is_rejected() -> None:
    with pytest.raises(ValueError):
        check_placeholders("Picture { now.")


@pytest.mark.parametrize(
    "text",
    ["Plain text.", "{movement} in {scene} after {anchor}, {name}.", "Braces {{like this}}."],
)
def test_known_placeholders_are_accepted(text: str) -> None:
    check_placeholders(text)


def test_step_model_rejects_unknown_placeholder_in_text_and_cue() -> None:
    with pytest.raises(ValueError, match="unknown placeholder"):
        Step(id="a", title="A", text="Hello {nickname}.")
    with pytest.raises(ValueError, match="unknown placeholder"):
        Step(id="a", title="A", text="Hello.", cue="Hello {nickname}.")


def test_parse_practice_rejects_unknown_placeholder_with_field_and_line() -> None:
    steps = (
        'id = "first"\ntitle = "First"\ntext = "Feel the floor."\n',
        'id = "second"\ntitle = "Second"\ntext = "Picture {mood}."\n',
    )
    text = practice_toml(steps=steps)
    with pytest.raises(UnbraceError) as caught:
        parse_practice(text, source="mine.toml")
    line = line_number(text, "{mood}")
    assert str(caught.value).startswith(f"mine.toml (line {line}): steps[2].text: ")
    assert "unknown placeholder {mood}" in str(caught.value)


# --- parse_practice -------------------------------------------------------------------


def test_parse_practice_accepts_a_minimal_file() -> None:
    practice = parse_practice(practice_toml(), source="mine.toml")
    assert practice.id == "test-practice"
    assert practice.default_minutes == 5
    assert practice.flare_minutes == 3
    assert practice.tags == [] and practice.sources == []
    assert [step.share for step in practice.steps] == [1.0, 1.0]
    assert [step.min_minutes for step in practice.steps] == [1, 1]


@pytest.mark.parametrize(
    ("text", "field", "needle", "occurrence"),
    [
        (
            practice_toml(steps=(STEP_ONE, STEP_TWO + "share = -1\n")),
            "steps[2].share",
            "share = -1",
            1,
        ),
        (
            practice_toml(steps=(STEP_ONE, STEP_TWO + "share = 101\n")),
            "steps[2].share",
            "share = 101",
            1,
        ),
        (
            practice_toml(steps=(STEP_ONE, STEP_TWO + "min_minutes = 0\n")),
            "steps[2].min_minutes",
            "min_minutes = 0",
            1,
        ),
        (
            practice_toml(steps=(STEP_ONE + "breath = 3\n", STEP_TWO)),
            "steps[1].breath",
            "breath = 3",
            1,
        ),
        (
            practice_toml(steps=(STEP_ONE, STEP_TWO + 'colour = "red"\n')),
            "steps[2].colour",
            "colour",
            1,
        ),
        (
            practice_toml(steps=(STEP_ONE, STEP_TWO.replace('"second"', '"Second Step"'))),
            "steps[2].id",
            '"Second Step"',
            1,
        ),
        (
            practice_toml(
                steps=(STEP_ONE.replace('"Feel the floor under your feet."', '""'), STEP_TWO)
            ),
            "steps[1].text",
            'text = ""',
            1,
        ),
        (practice_toml(top="default_minutes = 21\n"), "default_minutes", "default_minutes", 1),
        (practice_toml(top="flare_minutes = 0\n"), "flare_minutes", "flare_minutes", 1),
        (practice_toml(top='tags = ["ok", "Not OK"]\n'), "tags[2]", "tags", 1),
        (practice_toml(top='mood = "calm"\n'), "mood", "mood", 1),
        (
            practice_toml().replace('id = "test-practice"', 'id = "Test Practice"'),
            "id",
            "Test Practice",
            1,
        ),
        (
            practice_toml().replace("schema_version = 1", "schema_version = 2"),
            "schema_version",
            "schema_version",
            1,
        ),
    ],
)
def test_parse_practice_error_names_source_field_and_line(
    text: str, field: str, needle: str, occurrence: int
) -> None:
    with pytest.raises(UnbraceError) as caught:
        parse_practice(text, source="mine.toml")
    line = line_number(text, needle, occurrence)
    assert str(caught.value).startswith(f"mine.toml (line {line}): {field}: ")
    assert caught.value.__cause__ is None


def test_share_error_in_second_step_points_at_its_line() -> None:
    text = practice_toml(steps=(STEP_ONE + "share = 2\n", STEP_TWO + "share = -1\n"))
    with pytest.raises(UnbraceError) as caught:
        parse_practice(text, source="practices/mine.toml")
    message = str(caught.value)
    assert message.startswith("practices/mine.toml")
    assert "steps[2].share" in message
    assert f"(line {line_number(text, 'share = -1')})" in message
    assert "greater than 0" in message


def test_missing_step_field_names_the_field() -> None:
    text = practice_toml(steps=(STEP_ONE, 'id = "middle"\ntext = "Reach up."\n', STEP_TWO))
    with pytest.raises(UnbraceError, match=r"^mine\.toml .*steps\[2\]\.title: Field required"):
        parse_practice(text, source="mine.toml")


def test_missing_step_field_points_inside_its_own_step() -> None:
    middle = 'id = "middle"\ntext = "Reach up."\n'
    text = practice_toml(steps=(STEP_ONE, middle, STEP_TWO))
    with pytest.raises(UnbraceError) as caught:
        parse_practice(text, source="mine.toml")
    header = line_number(text, "[[steps]]", 2)
    assert f"(line {header})" in str(caught.value)


def test_missing_field_is_reported_without_line_when_top_level_key_absent() -> None:
    text = practice_toml().replace('summary = "A practice for tests."\n', "")
    with pytest.raises(UnbraceError) as caught:
        parse_practice(text, source="mine.toml")
    assert str(caught.value) == "mine.toml: summary: Field required."


@pytest.mark.parametrize("text", ["id = ", "schema_version = 1\n[[steps]\n", 'title = "open'])
def test_invalid_toml_names_the_source(text: str) -> None:
    with pytest.raises(UnbraceError, match=r"^broken\.toml: not valid TOML \("):
        parse_practice(text, source="broken.toml")


def test_duplicate_step_ids_are_rejected() -> None:
    text = practice_toml(steps=(STEP_ONE, STEP_ONE.replace('"First"', '"Again"')))
    with pytest.raises(UnbraceError) as caught:
        parse_practice(text, source="mine.toml")
    message = str(caught.value)
    assert message.startswith("mine.toml")
    assert "steps:" in message
    assert "'first' is used twice" in message


def test_a_single_step_is_not_enough() -> None:
    with pytest.raises(UnbraceError, match=r"steps: List should have at least 2 items"):
        parse_practice(practice_toml(steps=(STEP_ONE,)), source="mine.toml")


def test_a_one_minute_step_is_required() -> None:
    text = practice_toml(steps=(STEP_ONE + "min_minutes = 2\n", STEP_TWO + "min_minutes = 5\n"))
    with pytest.raises(UnbraceError, match="one-minute version"):
        parse_practice(text, source="mine.toml")


# --- Library and user practices -------------------------------------------------------


def test_library_get_known_and_iterate(library: Library) -> None:
    assert library.get("downshift").title == "Downshift"
    assert sorted(practice.id for practice in library) == sorted(SHIPPED_IDS)


@pytest.mark.parametrize("practice_id", ["no-such-practice", "", "Body-Scan"])
def test_library_get_unknown_raises(library: Library, practice_id: str) -> None:
    with pytest.raises(UnbraceError, match="No practice called"):
        library.get(practice_id)


def test_user_practices_load_alongside_builtins(tmp_path: Path) -> None:
    folder = tmp_path / "practices"
    folder.mkdir()
    (folder / "mine.toml").write_text(practice_toml(), encoding="utf-8")
    (folder / "notes.txt").write_text("not a practice", encoding="utf-8")
    library = load_library(folder)
    assert len(library.practices) == len(SHIPPED_IDS) + 1
    assert library.get("test-practice").title == "Test"
    assert library.origins["test-practice"] == str(folder / "mine.toml")
    assert library.origins["body-scan"] == "builtin"


@pytest.mark.parametrize("exists", [True, False])
def test_empty_or_missing_user_dir_gives_builtins_only(tmp_path: Path, exists: bool) -> None:
    folder = tmp_path / "practices"
    if exists:
        folder.mkdir()
    assert sorted(load_library(folder).practices) == sorted(SHIPPED_IDS)
    assert sorted(load_library(None).practices) == sorted(SHIPPED_IDS)


def test_user_practice_cannot_reuse_a_builtin_id(tmp_path: Path) -> None:
    path = tmp_path / "copy.toml"
    path.write_text(
        practice_toml().replace('id = "test-practice"', 'id = "body-scan"'), encoding="utf-8"
    )
    with pytest.raises(UnbraceError) as caught:
        load_library(tmp_path)
    assert str(path) in str(caught.value)
    assert "'body-scan' is already a built-in practice" in str(caught.value)


def test_broken_user_practice_names_its_path(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(practice_toml(top="default_minutes = 0\n"), encoding="utf-8")
    with pytest.raises(UnbraceError, match=re.escape(str(path))):
        load_library(tmp_path)


def test_library_add_records_origin() -> None:
    library = Library()
    practice = parse_practice(practice_toml(), source="x")
    library.add(practice, "somewhere")
    assert library.get("test-practice") is practice
    assert library.origins == {"test-practice": "somewhere"}


# --- Lengths ----------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [MIN_MINUTES, 5, MAX_MINUTES])
def test_validate_minutes_accepts_the_range(minutes: int) -> None:
    assert validate_minutes(minutes) == minutes


@pytest.mark.parametrize("minutes", [-5, 0, MAX_MINUTES + 1, 60])
def test_validate_minutes_rejects_outside_the_range(minutes: int) -> None:
    with pytest.raises(UnbraceError, match=f"between 1 and 20 minutes, not {minutes}"):
        validate_minutes(minutes)


@pytest.mark.parametrize("minutes", [0, 21])
def test_plan_session_checks_the_length(library: Library, minutes: int) -> None:
    with pytest.raises(UnbraceError):
        plan_session(library.get("body-scan"), minutes)
