"""Patterns of real people's imagery that the coach once misread (issue 14), in our own words.

Each case stands for a general pattern seen in text nobody here wrote; the real passages stay
outside the repository (docs/coach.md, "The real-world corpus").
"""

from __future__ import annotations

import pytest

from unbrace.coach import analyse

CASES: list[tuple[str, str, dict[str, bool]]] = [
    # vague: abstract affirmations, organs alone, metaphorical waves, crowds
    (
        "affirmation list",
        "I am calm. I am at ease. I am worthy of rest. I am drifting off to sleep.",
        {"vague": True},
    ),
    (
        "organs only",
        "My kidneys are healing. My hip is softening into the surface beneath me.",
        {"vague": True},
    ),
    ("only a crowd", "The team is behind me and the fans are cheering my name.", {"vague": True}),
    ("wave of energy", "A wave of energy rolls through me.", {"vague": True}),
    ("a verb after 'I' is no thing", "I eat well and I sleep deeper at night.", {"vague": True}),
    ("'you' as an object", "All around you trees sway.", {"vague": False}),
    (
        "body compounds",
        "Move your attention to the rib cage, the shoulder blades and the blood vessels.",
        {"vague": True},
    ),
    ("people alone", "The dancer and her family smile at the runner.", {"vague": True}),
    ("a dog is a thing to picture", "My dog sleeps at my feet.", {"vague": False}),
    (
        "an -ing verb is no thing",
        "A sense of care flooding that part of the body.",
        {"vague": True},
    ),
    ("a railing is a thing", "I hold the railing.", {"vague": False}),
    (
        "near, not shutting",
        "I think of those close to me. Each day I am one step closer to my goals.",
        {"no_movement": True},
    ),
    ("food in general", "I feed my body wholesome food, minerals and vitamins.", {"vague": True}),
    (
        "a muscle tensed is a specific action",
        "Tense the muscles of your feet, hold for three, and release.",
        {"vague": False, "no_movement": True},
    ),
    ("a named place", "At the foot of Snowdon I picture the last mile.", {"vague": False}),
    ("a name is no place", "I trust in Grace and in my own strength.", {"vague": True}),
    ("slash list", "I am calm / I am relaxed / I am healing", {"vague": True}),
    ("a quality is no thing", "Everything is yellow and hot.", {"vague": True}),
    ("clouds are a thing", "I watch the clouds.", {"vague": False}),
    ("time and media words", "Every night I read my book of affirmations.", {"vague": True}),
    ("a verb rated concrete", "I am labeling it and letting it be.", {"vague": True}),
    ("bullet list", "- I am strong\n- I am healthy\n- I am pain free", {"vague": True}),
    ("quoted lines", '"I am safe."\n"My body is healing."', {"vague": True}),
    # senses that are no channel here
    ("inhale, vividly", "Inhale deeply and vividly imagine yourself well.", {"low_sensory": True}),
    (
        "light stretching, strong, easy",
        "Do some light stretching and feel strong and easy.",
        {"low_sensory": True},
    ),
    ("called, emotional felt", "I felt so happy when my name was called.", {"low_sensory": True}),
    ("empty prompt", "How does it feel to move freely? What do you notice?", {"low_sensory": True}),
    # senses that are there
    (
        "wind in the hair, sweat on the brow, pump of the arms",
        "I sprint down the track, the rush of the wind in my hair, the sweat on my brow, "
        "the pump of my arms.",
        {"low_sensory": False},
    ),
    (
        "feel a named surface underfoot",
        "I stroll along the shore. Feel the sand under your feet and hear the gulls.",
        {"low_sensory": False},
    ),
    # movement
    (
        "figurative bend and flow",
        "I bend and flow with ease through every change in my life.",
        {"no_movement": True},
    ),
    ("figurative walk", "Walk with love in your heart.", {"no_movement": True}),
    (
        "absent actions",
        "Your shoulders no longer need to lift or carry anything.",
        {"no_movement": True},
    ),
    ("breathing verb", "Pull in clean air and let it fill you.", {"no_movement": True}),
    ("sport verbs", "Plunge your arm ahead into the water and kick hard.", {"no_movement": False}),
    (
        "landing and toes",
        "Picture yourself sticking the landing, pointing your toes.",
        {"no_movement": False},
    ),
    ("watching another person", "Watch the gymnast leap across the mat.", {"no_movement": False}),
    ("abstract object", "Shift your focus and carry the calm with you.", {"no_movement": True}),
    ("a clause after that", "I worry that bending over will hurt.", {"no_movement": False}),
    (
        "setting up the practice",
        "Lie down, close your eyes and imagine a quiet lake.",
        {"no_movement": True},
    ),
    (
        "phrase per line with capitals",
        "Feel your feet on the floor,\nNotice The weight of your body,\n"
        "And slowly,\nRaise your arms.",
        {"no_movement": False},
    ),
    # negation
    (
        "pain passing, stronger than it",
        "The pain will pass. I am stronger than this sensation.",
        {"negation": True},
    ),
    ("injury signs", "My ankle is fine: no swelling, no bruising.", {"negation": True}),
    ("deforming or paralyzing", "My spine is not deforming or paralyzing.", {"negation": True}),
    (
        "swimming, not pain",
        "I glide through the water, not sinking, not struggling, my arms reaching forward.",
        {"negation": False},
    ),
    ("no pain, feel better", "No pain. I feel better.", {"negation": True, "vague": True}),
    (
        "one sense word is not rich",
        "The pain fades as I walk to the shop. My hands are warm.",
        {"negation": True},
    ),
    (
        "an otherwise rich script",
        "I walk to the shop without pain, the air cool on my face and the bell ringing.",
        {"negation": False},
    ),
    (
        "tension leaving as an image",
        "I let the tension drain away from my shoulders as warm water runs down my back.",
        {"negation": False},
    ),
    (
        "bodily complaints beside pain",
        "I cycle up the hill without fatigue, and there is no dizziness at the top.",
        {"negation": True},
    ),
    ("pain decreasing", "Each morning the ache decreases. I feel better.", {"negation": True}),
    ("a headache lifting", "My headache lifts and I am at peace.", {"negation": True}),
    (
        "fear and doubt are no complaint",
        "I run without fear and without doubt, steady and proud.",
        {"negation": False},
    ),
    ("breathing the pain out", "Breathe in calm, breathe out the ache.", {"negation": True}),
    (
        "pain in a negated predicate",
        "My back is strong. Pain has no place in my body.",
        {"negation": True},
    ),
    (
        "an 'it' standing for the pain",
        "Notice the ache in your hip. Give it a colour. Now watch it shrink, smaller and smaller.",
        {"negation": True},
    ),
    (
        "an 'it' standing for tension",
        "Notice the tension in your jaw. Give it a colour. Let it go.",
        {"negation": False},
    ),
    ("letting the pain go", "Let the ache go.", {"negation": True}),
    (
        "a negation about another verb",
        "Nobody understood my pain. I will not push through the ache.",
        {"negation": False},
    ),
    ("feeling no pain", "I don't feel pain. I feel better.", {"negation": True}),
    ("a few aches are some", "I have a few aches today. I feel better.", {"negation": False}),
    ("carried away", "Each breath carries away a little more discomfort.", {"negation": True}),
    (
        "a remover that does not remove",
        "Affirmations aren't going to magically take away the swelling in my knee.",
        {"negation": False},
    ),
    (
        "scratched, not heard",
        "I climb the hill, the heather scratching my shins, a curlew calling overhead.",
        {"low_sensory": False},
    ),
    ("a relative clause", "The ache I used to have is gone. I am happy.", {"negation": True}),
    (
        "pain stopping someone is in charge",
        "I had pain in my knee. It stopped me from running for a year.",
        {"negation": False},
    ),
    ("pain stopping", "The pain stopped. I feel better.", {"negation": True}),
    (
        "a new clause has its own negation",
        "When I was injured I couldn't train, so I pictured my routines every day.",
        {"negation": False, "vague": True},
    ),
    (
        "where the pain is does not count as distance",
        "You are safe. The pain in your lower back is softening, leaving only warmth.",
        {"negation": True},
    ),
    (
        "tension breathed out is an image",
        "Exhale the tension and feel your shoulders drop.",
        {"negation": False},
    ),
    (
        "light to see after 'the'",
        "I stroll under the oaks and notice the light filtering through the leaves, dappled "
        "and green on the path.",
        {"low_sensory": True, "no_movement": False},
    ),
    (
        "a compound object is concrete",
        "I can see myself crossing the finish line, arms up, the crowd roaring.",
        {"no_movement": False},
    ),
    (
        "a pronoun object is no figure of speech",
        "At the park I am pushing them on the swings and chasing them round the slide.",
        {"no_movement": False},
    ),
    (
        "another person's leap in the air",
        "See how high their leap is in the air.",
        {"no_movement": False},
    ),
    ("sun getting lower", "The sun is getting lower over the hills.", {"no_movement": True}),
    (
        "an adjective in a list",
        "My hip feels soft, loose, limp and warm.",
        {"no_movement": True},
    ),
    ("eyes closed", "Even with eyes closed, notice the light.", {"no_movement": True}),
    (
        "a verb after an adjective",
        "Feel warm and loose, stretch your arms up.",
        {"no_movement": False},
    ),
    (
        "gymnastics verbs",
        "On the beam I rise onto my toes and come down landing softly.",
        {"no_movement": False},
    ),
    (
        "a place before an -ing verb is not who moves",
        "I am sitting at my kitchen table typing an email to my sister.",
        {"no_movement": False},
    ),
    # words that look like movements but are none here
    (
        "a noun after an adjective",
        "I picture a deep massage and a single point of light.",
        {"no_movement": True},
    ),
    ("a modifier", "I lace my hiking boots.", {"no_movement": False}),
    ("boots, not a hike", "My hiking boots are by the door.", {"no_movement": True}),
    ("a pool, not a swim", "I float in the swimming pool.", {"no_movement": True}),
    ("a sport's action named", "This is hardest in the squat.", {"no_movement": False}),
    ("the walk home", "I picture the walk home.", {"no_movement": False}),
    (
        "the activity named",
        "For those of us in cycling, it is all in the mind.",
        {"no_movement": True},
    ),
    (
        "muscles squeezed",
        "Squeeze all the muscles of your legs. Hold. Release.",
        {"no_movement": True},
    ),
    ("a reflexive figure", "I catch myself worrying and choose calm.", {"no_movement": True}),
    ("dressing oneself", "In the morning I dress myself.", {"no_movement": False}),
    ("an object is no second verb", "I picture a garden with weeds.", {"no_movement": True}),
    ("taking walks", "Take walks in the cool of the morning.", {"no_movement": False}),
    ("a negated instruction", "Don't write that your back is broken.", {"no_movement": True}),
    ("feared movements", "Some days I am afraid to reach or bend or walk.", {"no_movement": True}),
    ("feared, after 'move'", "I am afraid to move or reach or bend.", {"no_movement": True}),
    ("closing the eyes", "Close your eyes and rest.", {"no_movement": True}),
    (
        "closing a hand",
        "Close your right hand into a fist and squeeze tightly.",
        {"no_movement": False},
    ),
    ("dipping a finger", "You dip your finger into the cool lake.", {"no_movement": False}),
    ("dressed is a state", "You are comfortably dressed and warm.", {"no_movement": True}),
    (
        "carried by the air",
        "The smell of pine,\nCarried along by the breeze.",
        {"no_movement": True},
    ),
    ("my own legs carry me", "I let my legs carry me down the stairs.", {"no_movement": False}),
    (
        "few twinges",
        "My knee felt almost normal today, with very few twinges.",
        {"negation": True},
    ),
    (
        "pain in charge is not defeated",
        "For years pain controlled my days. Now I plant tulips by the red fence, the soil "
        "cool and damp in my hands.",
        {"negation": False},
    ),
    (
        "harm to no body",
        "Practising never hurt my chances. I walk onto the court and hear the ball thud.",
        {"negation": False},
    ),
    (
        "pains no longer present",
        "The aches you have been living with are no longer present in your body.",
        {"negation": True},
    ),
    (
        "a healing light is light to see",
        "Picture a warm, healing light surrounding your knee.",
        {"low_sensory": False},
    ),
    ("a light weight", "I lift a light weight.", {"low_sensory": True}),
    (
        "the body on a thing",
        "Feel your feet on the ground and hear the wind in the pines.",
        {"low_sensory": False},
    ),
    ("laps are no sound", "I swim four laps of the pool.", {"low_sensory": True}),
    (
        "mist seen, not felt",
        "At the cabin I feel the cold air and see the low mist over the field.",
        {"low_sensory": False},
    ),
    (
        "numbered affirmations",
        "1. I am strong.\n2. My back is healthy.\n3. I am calm.",
        {"vague": True, "no_movement": True, "low_sensory": True},
    ),
    (
        "questions",
        "Can you hear the gulls over the harbour? Do you feel the cool rope in your hands as "
        "you pull the boat in?",
        {"vague": False, "low_sensory": False, "no_movement": False},
    ),
    (
        "one sentence of imagery in a long story",
        "For months I barely left the house and I worried about everything. My doctor told me "
        "about rehearsing movements in my head, so I gave it a go. Most evenings I sat quietly "
        "and thought about my week. Then one evening I pictured myself hanging washing on the "
        "line, reaching up with a wet sheet, the pegs clicking. It felt silly at first. Now I "
        "practise most days.",
        {"vague": False, "low_sensory": False, "no_movement": False, "negation": False},
    ),
    (
        "curly quotes around each line",
        "“I am calm”\n“I am whole”\n“I am healing”",
        {"vague": True, "no_movement": True},
    ),
    (
        "ellipses",
        "Breathe in . . . and out . . . feel the warm sun on your face … hear the waves",
        {"low_sensory": False},
    ),
    # generalisation round (all 306 real passages): the general causes behind the errors
    (
        "letting tension go is imagery",
        "I breathe in the pine air and let the tension go away as I walk to the lake.",
        {"negation": False},
    ),
    (
        "pain of the mind is no bodily complaint",
        "I am free of emotional pain, and the mental pain of last year fades as I walk along the"
        " grey beach.",
        {"negation": False},
    ),
    (
        "'bad' before a noun qualifies that noun",
        "Picture healthy cells clearing away the bad ones, and no bad habits left to break.",
        {"negation": False},
    ),
    (
        "'not bad' alone is still a complaint",
        "Not bad anymore. No catch in my back.",
        {"negation": True},
    ),
    (
        "a manner adverb is no complaint",
        "Close your eyes gently, not too tightly, and rest your hands on the warm blanket.",
        {"negation": False},
    ),
    (
        "'no matter' negates nothing",
        "No matter how bad the week has been, I walk to the red bench by the river.",
        {"negation": False},
    ),
    (
        "a verb joined by 'and' shares its subject",
        "In the gale the top of the old oak may bend and sway.",
        {"no_movement": True},
    ),
    (
        "'shoot for the stars' is a figure of speech",
        "Aim high and shoot for the stars with every plan you make.",
        {"no_movement": True},
    ),
    (
        "mud seen is no touch",
        "The dust and mud of the track ahead, grey under the clouds.",
        {"low_sensory": True},
    ),
    (
        "a negated thing is not in the scene",
        "My plan: I don't want to eat sugar anymore. I want to be healthy.",
        {"vague": True},
    ),
    (
        "a thing beside a negation still counts",
        "I walk without my stick along the pier.",
        {"vague": False},
    ),
    (
        "an everyday verb with a thing to hold is an action",
        "I make a mug of cocoa and play the old piano by the window.",
        {"no_movement": False, "vague": False},
    ),
    (
        "squeezing hard is still a contraction",
        "Squeeze hard every muscle of your hands, hold, and let go.",
        {"no_movement": True, "vague": False},
    ),
    (
        "moving a limb is a movement",
        "Slowly move your left arm out to the side.",
        {"no_movement": False},
    ),
    (
        "moving somewhere is a movement",
        "I see myself moving across the court to the net.",
        {"no_movement": False},
    ),
    (
        "warmth moving is no movement",
        "Let the warmth move through your body and move on with your day.",
        {"no_movement": True},
    ),
    (
        "general activity stays general",
        "I am moving my body freely. I make time for myself.",
        {"no_movement": True, "vague": True},
    ),
    (
        "a limb moved by a therapist is passive",
        "The physiotherapist lifts my leg while I rest.",
        {"no_movement": True},
    ),
    (
        "people by their work",
        "The surgeon and the nurses are calm and well rested.",
        {"vague": True},
    ),
    (
        "a verb after a relative or an adverb is no thing",
        "I trust the wisdom that runs my body, and with practice I can patiently train my mind.",
        {"vague": True},
    ),
    (
        "light expanding is no body sense",
        "Watch the ball of light expand and glow gold around you.",
        {"low_sensory": True},
    ),
    (
        "ribs expanding are",
        "Feel your ribs expand as the cool air comes in.",
        {"low_sensory": False},
    ),
    (
        "pressure in the body is the body sense",
        "Stride down the steep lane, feeling the pressure on your thighs and the cool rain.",
        {"low_sensory": False},
    ),
    (
        "words of language are no sound or sight",
        "I sit and describe to myself, in a story, the symbol of my recovery, warm in my chest.",
        {"low_sensory": True},
    ),
    (
        "a sound with its source",
        "Geese calling over the lake, cold water on my hands.",
        {"low_sensory": False},
    ),
]


@pytest.mark.parametrize(("name", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_real_text_pattern(name: str, text: str, want: dict[str, bool]) -> None:
    result = analyse(text)
    assert {flag: result.flags[flag] for flag in want} == want


def test_pain_leaving_is_found_beside_tension_leaving() -> None:
    result = analyse("Warmth spreads through my back, alleviating any tension or pain.")
    assert [phrase.text for phrase in result.negations] == ["alleviating any tension or pain"]


def test_no_pain_feel_better_shows_its_evidence() -> None:
    text = "No pain. I feel better."
    result = analyse(text)
    assert [(e.text, e.start, e.end) for e in result.evidence["negation"]] == [("No pain", 0, 7)]
    (vague,) = result.evidence["vague"]
    assert vague.start is None and "no concrete" in vague.text


@pytest.mark.parametrize("separator", ["\n", " / ", "… ", " . . . "])
def test_line_breaks_slashes_and_ellipses_separate_alike(separator: str) -> None:
    # "no pain" at the end of one line and "walking" on the next are two sentences: the
    # negation does not reach across, and the movement is still seen.
    result = analyse(f"I am free of stiffness{separator}walking to the red gate in the sun")
    assert result.movements == ["walking"]
    assert [phrase.text for phrase in result.negations] == ["free of stiffness"]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The cool cream eases the stiffness and soreness in my knee.", True),
        ("The balm didn't ease my soreness, but the walk by the red barn did.", False),
        ("Rather than tensing, I lower the box onto the grey shelf.", True),
        ("A hard-wrapped line going on about the pain\nthat fades away as I walk.", True),
    ],
)
def test_negation_scope(text: str, negated: bool) -> None:
    assert bool(analyse(text).negations) is negated
