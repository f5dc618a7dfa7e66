"""The four flags of shared/coach/LABELS.md, their evidence, and the JSON form of an analysis."""

from __future__ import annotations

import json

import pytest

from unbrace.coach import FLAGS, analyse, coach
from unbrace.coach.analysis import Analysis


def flagged(text: str, flag: str) -> bool:
    return analyse(text).flags[flag]


# --- negation ------------------------------------------------------------------------------

NEGATION_YES = [
    # one negated-pain phrase that is the only description of the experience
    "My back doesn't hurt.",
    "I bend to tie my shoe and there is no twinge.",
    # two phrases, and one phrase repeated (each occurrence counts)
    "My back doesn't hurt and my neck isn't stiff.",
    "No ache. No ache.",
    "I am pain-free. Totally pain-free.",
    "I walk without pain along the beach, the sand warm under my feet, the gulls crying, "
    "and I bend without pain to pick up a pale shell.",
    # near-synonyms that negate pain or a bodily complaint
    "It doesn't bother me when I carry the shopping.",
    "There is no twinge.",
    "My hips won't tense up when I lift the kettle.",
    "Nothing aches as I climb the stairs.",
    # pain cast as leaving, defeated or reduced
    "The pain melts away and I feel no stiffness.",
    "I have less pain when I walk to the shop.",
    "I'm free from back pain as I carry the bags upstairs.",
    "I release all the pain from my back.",
    # contractions typed without the apostrophe, and curly apostrophes
    "I walk to the park and my back doesnt hurt and my knee isnt sore.",
    "It doesnt bother me.",
    "My back wont tense up.",
    "My back doesn’t hurt and my hips aren’t stiff.",
]

NEGATION_NO = [
    # a single incidental "without pain" in an otherwise rich, positive script
    "I carry the blue watering can down the garden path, the metal handle cool in my palm, "
    "and I hear the gravel crunch as I walk without pain, my shoulders loose and heavy.",
    # negations about other things
    "I don't rush. I slowly rake the brown leaves in the yard, the rake handle smooth and "
    "cool in my hands, the leaves crackling.",
    "There's no hurry as I fold the warm towels on the bed, the cotton soft under my fingers, "
    "a radio playing in the kitchen.",
    "I carry the shopping in without any problems, the paper bags rustling and the cold milk "
    "bottle heavy in my hand.",
    "I walk to the shop without any problems.",
    # no pain words at all
    "I feel calm.",
    "I reach for the green tin on the top shelf and feel my ribs open and long.",
]


@pytest.mark.parametrize("text", NEGATION_YES)
def test_negation_flagged(text: str) -> None:
    assert flagged(text, "negation")


@pytest.mark.parametrize("text", NEGATION_NO)
def test_negation_not_flagged(text: str) -> None:
    assert not flagged(text, "negation")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("No ache. No ache.", 2),
        ("No pain. No pain. No pain.", 3),
        ("My back doesn't hurt.", 1),
        ("The pain melts away and I feel no stiffness.", 2),
        ("I walk to the shop without any problems.", 0),
    ],
)
def test_negated_phrases_are_counted_each_time(text: str, count: int) -> None:
    assert len(analyse(text).negations) == count


def test_incidental_without_pain_is_found_but_not_flagged() -> None:
    result = analyse(NEGATION_NO[0])
    assert [item.text for item in result.negations] == ["without pain"]
    assert not result.flags["negation"]
    assert result.evidence["negation"] == []


# --- vague ---------------------------------------------------------------------------------

VAGUE_YES = [
    # body parts alone
    "My back is relaxed and my shoulders are soft.",
    "My neck and shoulders are loose and relaxed.",
    "My back feels warm and long.",
    # abstract states
    "I am healthy and strong.",
    "Everything is calm.",
    "I feel better.",
    "I am calm, whole and full of energy.",
    # general activity
    "I am moving and doing all the things I love.",
    "I am doing everything I used to do.",
    "I am living my life and waking up happy.",
    "I am sitting and thinking.",
    # a bare glow is not specific imagery
    "My back is glowing.",
    "My lower back glows.",
    # breathing, speaking and smiling are not concrete
    "I breathe slowly and smile.",
    "I breathe deeply into my belly.",
    "I smile and speak kindly.",
]

VAGUE_NO = [
    # one action a person could act out
    "I bend forward.",
    "I am walking.",
    "Stretching my arms overhead.",
    "I lift my suitcase onto the bed.",
    "Bend forward slowly.",
    # light with concrete qualities
    "Golden, warm light spreads through my lower back.",
    # metaphorical objects
    "A ribbon of silver light wraps around my hips.",
    "A string gently lifts the top of my head.",
    # a body part paired with specific imagery
    "My spine stacks like soft wooden blocks as I stand up from the sofa.",
    # a place and objects without any movement
    "I lie on the warm sand and hear the waves.",
]


@pytest.mark.parametrize("text", VAGUE_YES)
def test_vague_flagged(text: str) -> None:
    assert flagged(text, "vague")


@pytest.mark.parametrize("text", VAGUE_NO)
def test_vague_not_flagged(text: str) -> None:
    assert not flagged(text, "vague")


# --- low_sensory ---------------------------------------------------------------------------

LOW_SENSORY_YES = [
    # no channel at all
    "I walk to the shop.",
    "I feel calm.",
    # evaluations and emotions are not channels
    "I walk to the shop feeling happy, confident and good.",
    # bare looking is not sight
    "I look at the screen and type my report.",
    # exactly one channel
    "I walk along the beach and hear the gulls crying.",
    "I walk to my desk, look at the screen and hear the printer whirr.",
    # negated sensations are not channels
    "I walk to the car and my back isn't stiff and there's no pinch.",
    "I walk across the cool tiles and my legs aren't heavy.",
    # empty prompts count for nothing
    "I walk into the garden and hear the usual sounds.",
    "I walk barefoot on the cool grass and hear the usual sounds.",
    "I reach for the cup and see its colour, size and shape.",
    "I walk into the garden, hear the usual sounds and smell what is around me.",
    "You walk into the garden and notice the colour and the shape of things.",
]

LOW_SENSORY_NO = [
    # two channels
    "I walk along the beach, hear the gulls crying and feel the cold wet sand under my feet.",
    "I walk across the cool tiles and my legs are heavy.",
    # a filled prompt counts
    "I walk barefoot on the cool grass and hear crickets.",
    "I walk into the garden and hear crickets and smell cut grass.",
    # "golden, warm light": sight and temperature
    "Golden, warm light spreads through my lower back.",
    # British and American spellings
    "I stroll past the grey stone wall and hear the church bells.",
    "I see the rich colour of the copper kettle as I lift it from the stove and hear it hiss.",
]


@pytest.mark.parametrize("text", LOW_SENSORY_YES)
def test_low_sensory_flagged(text: str) -> None:
    assert flagged(text, "low_sensory")


@pytest.mark.parametrize("text", LOW_SENSORY_NO)
def test_low_sensory_not_flagged(text: str) -> None:
    assert not flagged(text, "low_sensory")


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("I walk to the shop feeling happy, confident and good.", set()),
        ("I look at the screen and type my report.", set()),
        ("I look at the red kettle on the stove.", {"sight"}),
        ("I walk along the beach and hear the gulls crying.", {"sound"}),
        ("I walk across the cool tiles and my legs aren't heavy.", {"touch"}),
        ("I walk across the cool tiles and my legs are heavy.", {"touch", "body"}),
        ("Golden, warm light spreads through my lower back.", {"sight", "touch"}),
        ("I walk into the garden and hear the usual sounds.", set()),
        ("I walk into the garden and hear crickets.", {"sound"}),
    ],
)
def test_channels_found(text: str, channels: set[str]) -> None:
    assert set(analyse(text).senses) == channels


def test_one_word_counts_for_one_channel() -> None:
    senses = analyse("Golden, warm light spreads through my lower back.").senses
    assert "warm" in [word.lower() for word in senses["touch"]]
    assert "golden" in [word.lower() for word in senses["sight"]]
    found = [word.lower() for words in senses.values() for word in words]
    assert len(found) == len(set(found))


def test_empty_prompt_flips_to_filled() -> None:
    empty = "I walk barefoot on the cool grass and hear the usual sounds."
    filled = "I walk barefoot on the cool grass and hear crickets."
    assert analyse(empty).flags["low_sensory"]
    assert not analyse(filled).flags["low_sensory"]


# --- no_movement ---------------------------------------------------------------------------

NO_MOVEMENT_YES: list[object] = [
    # breathing, relaxing, resting, lying or sitting still
    "I breathe in the cool sea air and relax into the warm sand, the waves hissing.",
    "I breathe slowly, the cool air in my nose and the clock ticking.",
    "I lie still on the soft grass, the sun warm on my face and bees humming nearby.",
    "I rest on the sofa under a fleece blanket, the fire crackling.",
    "I sit still in the armchair, the cushion soft and the clock ticking.",
    "I relax in the warm bath, the bubbles crackling and lavender scent in the air.",
    # passive motion: a swing or hammock moving, floating, being carried
    "The swing sways gently under the oak tree while birds sing and the wind is cool on my cheeks.",
    "My hammock sways between two pine trees, the canvas rough and the breeze cool on my arms.",
    "Swaying in the hammock, I hear the leaves rustle and feel the warm sun on my legs.",
    "I float on my back in the warm blue lake, hearing the ducks quacking.",
    "I am carried across the river on a ferry, the engine humming and spray cold on my face.",
    "I am rocked gently by the waves, the sun warm on my back and the gulls calling.",
    "The current carries me slowly downstream, the water cool on my arms and the birds singing.",
    # no movement words at all
    "I feel calm.",
    "Golden, warm light spreads through my lower back.",
    "My partner carries me across the warm sand while gulls cry overhead.",
    "The nurse pushes my wheelchair along the corridor, the floor squeaking.",
    "No hurry: I sit on the bench feeling the warm sun and hearing the birds.",
    "I never run anymore. I sit on the bench feeling the warm sun and hearing the birds.",
]

NO_MOVEMENT_NO = [
    # large movements
    "I bend forward.",
    "I am walking.",
    "I lift my suitcase onto the bed.",
    "I roll my shoulders back and hear the kettle whistle.",
    "I stand up from the sofa, the cushions soft behind me and the rain pattering on the window.",
    "I get up from the sofa, the cushions soft behind me and the rain pattering on the window.",
    # small voluntary hand actions
    "I rinse a glass under the cold tap and hear the water splash into the steel sink.",
    "I stir the pot of tomato soup, the steam warm on my face and the basil smelling sweet.",
    "I brush my teeth, the mint sharp on my tongue and the tap water cold.",
    "I wipe the wooden table with a damp cloth while the radio hums.",
    # second person and imperative
    "You walk along the river, hear the ducks and feel the cool breeze on your face.",
    "Your arms reach up to the top shelf and you hear the jars clink.",
    "Bend forward slowly and feel the cool wooden floor under your palms while the radio plays.",
    "Lift the basket slowly and hear the wicker creak.",
    "Turn your head slowly to the left and feel the cool air on your neck.",
    # contractions without apostrophes, British spelling, typos
    "I walk to the park and my back doesnt hurt and my knee isnt sore.",
    "I pick up the grey mug and feel the colour of the morning light warm on my hands.",
    "I am walkng to the shop.",
    "I am walkng along the canal, the water grey and the cold breeze on my cheeks.",
]


@pytest.mark.parametrize("text", NO_MOVEMENT_YES)
def test_no_movement_flagged(text: str) -> None:
    assert flagged(text, "no_movement")


@pytest.mark.parametrize("text", NO_MOVEMENT_NO)
def test_no_movement_not_flagged(text: str) -> None:
    assert not flagged(text, "no_movement")


@pytest.mark.parametrize(
    ("text", "movement"),
    [
        ("I bend forward.", "bend forward"),
        ("I rinse a glass under the cold tap.", "rinse"),
        ("Bend forward slowly.", "Bend forward"),
        ("I am walkng to the shop.", "walkng"),
        ("I stand up from the sofa.", "stand up"),
    ],
)
def test_movement_is_reported_in_the_persons_words(text: str, movement: str) -> None:
    assert movement in analyse(text).movements


# --- spelling variants ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("british", "american"),
    [
        (
            "I stroll past the grey stone wall and hear the church bells.",
            "I stroll past the gray stone wall and hear the church bells.",
        ),
        (
            "I see the rich colour of the copper kettle as I lift it and hear it hiss.",
            "I see the rich color of the copper kettle as I lift it and hear it hiss.",
        ),
    ],
)
def test_british_and_american_spelling_agree(british: str, american: str) -> None:
    left, right = analyse(british), analyse(american)
    assert left.flags == right.flags
    assert set(left.senses) == set(right.senses)


@pytest.mark.parametrize(
    ("typo", "plain"),
    [
        ("I am walkng to the shop.", "I am walking to the shop."),
        (
            "My shouldres drop as I lift the basket, the wicker rough against my fingers.",
            "My shoulders drop as I lift the basket, the wicker rough against my fingers.",
        ),
    ],
)
def test_typos_read_like_the_word_meant(typo: str, plain: str) -> None:
    assert analyse(typo).flags == analyse(plain).flags


# --- evidence and JSON ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "No pain. No pain.",
        "My back doesn’t hurt and my hips aren’t stiff.",
        "I walk to the park and my back doesnt hurt and my knee isnt sore.",
        "I am pain-free. Totally pain-free.",
        "The pain melts away and I feel no stiffness.",
    ],
)
def test_negation_evidence_points_into_the_script(text: str) -> None:
    result = analyse(text)
    items = result.evidence["negation"]
    assert len(items) >= 1
    for item in items:
        assert isinstance(item.start, int)
        assert isinstance(item.end, int)
        assert 0 <= item.start < item.end <= len(text)
        assert item.text == text[item.start : item.end]


def test_negation_evidence_quotes_the_phrases() -> None:
    text = "My back doesn't hurt and my neck isn't stiff."
    assert [item.text for item in analyse(text).evidence["negation"]] == [
        "doesn't hurt",
        "isn't stiff",
    ]


def test_missing_quality_evidence_has_no_offsets() -> None:
    result = analyse("I feel calm.")
    for flag in ("vague", "low_sensory", "no_movement"):
        assert result.flags[flag]
        missing = [item for item in result.evidence[flag] if item.start is None]
        assert missing, flag
        assert all(item.end is None and item.text for item in missing)


@pytest.mark.parametrize(
    "text",
    [
        "I lie on the warm sand and hear the waves.",
        "I walk to the shop and hear the bell ring.",
        "I relax in the warm bath, the bubbles crackling and lavender scent in the air.",
    ],
)
def test_every_located_evidence_item_matches_the_script(text: str) -> None:
    result = analyse(text)
    for items in result.evidence.values():
        for item in items:
            if item.start is None:
                assert item.end is None
            else:
                assert item.end is not None
                assert item.text == text[item.start : item.end]


def test_no_evidence_for_flags_that_are_off() -> None:
    result = analyse(
        "I walk to the bakery, hear the bell ring, feel the cold air on my face "
        "and smell fresh bread."
    )
    assert not any(result.flags.values())
    assert all(items == [] for items in result.evidence.values())


def test_flags_and_evidence_cover_all_four_flags() -> None:
    result = analyse("I feel calm.")
    assert tuple(result.flags) == FLAGS
    assert tuple(result.evidence) == FLAGS


def test_as_json_keys_and_serialises() -> None:
    result: Analysis = coach("My back doesn't hurt. No pain as I bend to the dishwasher.")
    data = result.as_json()
    assert set(data) == {"flags", "evidence", "senses", "movements", "score", "suggestions"}
    decoded = json.loads(json.dumps(data))
    assert decoded == data
    assert decoded["flags"]["negation"] is True
    negation = decoded["evidence"]["negation"]
    assert all(set(item) == {"text", "start", "end"} for item in negation)
