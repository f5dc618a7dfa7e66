"""One profile's export as a FHIR R4 ``Bundle`` (type ``collection``), for clinicians' systems.

Built and validated with the ``fhir.resources.R4B`` models (R4B keeps R4's Patient, Observation
and Bundle unchanged). The models accept any text as a status or code, so ``fhir_problems``
checks what they do not: allowed statuses, and a system and code on every coding and quantity.

What maps to what:

- the profile → a ``Patient`` with the profile name as its only name and no identifiers;
- each check-in → an ``Observation`` of pain severity, LOINC 72514-3 "Pain severity - 0-10
  verbal numeric rating [Score] - Reported" (https://loinc.org/72514-3), and an ``Observation``
  of the PEG score with its three items as components. The PEG (Krebs et al. 2009, J Gen Intern
  Med 24:733-738, doi 10.1007/s11606-009-0981-1) has no LOINC panel, so its codes are text only;
- each practice session → an ``Observation`` with the session's period and components for the
  seconds practised, pain before and after (LOINC 72514-3) and the two vividness ratings;
- each try of a "visualise, then do" ladder step → an ``Observation`` (code text "Ladder step
  tried: prediction and outcome", no LOINC code exists for it) over the try's period, with
  components: the movement and step (text), expected pain (0-10), expected likelihood of harm
  (0-100), fear before (0-10), the feared outcome in the person's words, pain during the step
  and pain the next day (both LOINC 72514-3), whether the feared outcome happened (no, partly,
  yes), the prediction error (pain minus expected pain), a new or unusual symptom (yes/no), and
  what surprised them; ``preliminary`` until the answers after the try are in, then ``final``;
- each threat rating of a ladder step → an ``Observation`` (code text "Threat rating of a
  ladder step (0-100)", after PHODA-SeV, Leeuw 2007) with the step as a component.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from unbrace.core.ratings import peg_score

if TYPE_CHECKING:
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.codeableconcept import CodeableConcept
    from fhir.resources.R4B.observation import Observation, ObservationComponent
    from fhir.resources.R4B.quantity import Quantity

    from unbrace.transfer.document import (
        CheckInData,
        ExportDocument,
        LadderAttemptData,
        SessionData,
        ThreatRatingData,
    )

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
PAIN_SEVERITY_CODE = "72514-3"
PAIN_SEVERITY_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
PEG_TEXT = "PEG-3 pain intensity and interference"
SESSION_TEXT = "Motor imagery practice session"

# Value sets the R4B models do not enforce (hl7.org/fhir/R4/valueset-observation-status.html,
# hl7.org/fhir/R4/valueset-bundle-type.html).
OBSERVATION_STATUSES = frozenset(
    {
        "registered",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "cancelled",
        "entered-in-error",
        "unknown",
    }
)
BUNDLE_TYPES = frozenset(
    {
        "document",
        "message",
        "transaction",
        "transaction-response",
        "batch",
        "batch-response",
        "history",
        "searchset",
        "collection",
    }
)

# A fixed namespace, so the same records get the same entry ids in every export.
NAMESPACE = uuid.UUID("f44a188b-371e-4fbf-b733-e1b34bf4697e")


def fhir_bundle(document: ExportDocument) -> Bundle:
    from fhir.resources.R4B.bundle import Bundle, BundleEntry
    from fhir.resources.R4B.humanname import HumanName
    from fhir.resources.R4B.patient import Patient

    patient = _urn(document, "patient")
    entries = [
        BundleEntry(fullUrl=patient, resource=Patient(name=[HumanName(text=document.profile.name)]))
    ]
    for checkin in document.checkins:
        day = checkin.date.isoformat()
        entries.append(
            BundleEntry(fullUrl=_urn(document, "pain", day), resource=_pain(checkin, patient))
        )
        entries.append(
            BundleEntry(fullUrl=_urn(document, "peg", day), resource=_peg(checkin, patient))
        )
    for session in document.sessions:
        key = f"{session.started_at.isoformat()} {session.practice_id}"
        entries.append(
            BundleEntry(fullUrl=_urn(document, "session", key), resource=_session(session, patient))
        )
    for ladder in document.ladders:
        for number, step in enumerate(ladder.steps, start=1):
            label = f"{ladder.movement} | step {number}"
            for rating in step.ratings:
                key = f"{label} | {rating.rated_at.isoformat()}"
                entries.append(
                    BundleEntry(
                        fullUrl=_urn(document, "threat", key),
                        resource=_threat(ladder.movement, step.text, rating, patient),
                    )
                )
            for attempt in step.attempts:
                key = f"{label} | {attempt.started_at.isoformat()}"
                entries.append(
                    BundleEntry(
                        fullUrl=_urn(document, "ladder-try", key),
                        resource=_ladder_try(ladder.movement, step.text, attempt, patient),
                    )
                )
    return Bundle(type="collection", timestamp=document.exported_at, entry=entries)


def fhir_json(document: ExportDocument) -> str:
    """The bundle as pretty-printed JSON, checked with ``fhir_problems`` first.

    Serialising is the slow part with the FHIR models, so it happens once, for both.
    """
    import json

    text = fhir_bundle(document).model_dump_json(indent=2) + "\n"
    problems = fhir_problems(json.loads(text))
    if problems:  # a mistake in this module, never in the person's data
        raise ValueError("FHIR bundle is not valid: " + "; ".join(problems[:5]))
    return text


def _urn(document: ExportDocument, kind: str, key: str = "") -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{document.profile.name}|{kind}|{key}')}"


def _concept(text: str, *, loinc: tuple[str, str] | None = None) -> CodeableConcept:
    from fhir.resources.R4B.codeableconcept import CodeableConcept
    from fhir.resources.R4B.coding import Coding

    if loinc is None:
        return CodeableConcept(text=text)
    code, display = loinc
    return CodeableConcept(coding=[Coding(system=LOINC, code=code, display=display)], text=text)


def _score(value: float) -> Quantity:
    from fhir.resources.R4B.quantity import Quantity

    # UCUM's annotation unit for a unitless score.
    return Quantity(value=value, unit="{score}", system=UCUM, code="{score}")


def _seconds(value: float) -> Quantity:
    from fhir.resources.R4B.quantity import Quantity

    return Quantity(value=value, unit="s", system=UCUM, code="s")


def _observation(*, status: str, code: CodeableConcept, patient: str, **fields: Any) -> Observation:
    from fhir.resources.R4B.codeableconcept import CodeableConcept
    from fhir.resources.R4B.coding import Coding
    from fhir.resources.R4B.observation import Observation
    from fhir.resources.R4B.reference import Reference

    survey = CodeableConcept(
        coding=[Coding(system=CATEGORY_SYSTEM, code="survey", display="Survey")]
    )
    return Observation(
        status=status,
        category=[survey],
        code=code,
        subject=Reference(reference=patient),
        **fields,
    )


def _component(text: str, value: Quantity, *, loinc: bool = False) -> ObservationComponent:
    from fhir.resources.R4B.observation import ObservationComponent

    pain = (PAIN_SEVERITY_CODE, PAIN_SEVERITY_DISPLAY) if loinc else None
    return ObservationComponent(code=_concept(text, loinc=pain), valueQuantity=value)


def _pain(checkin: CheckInData, patient: str) -> Observation:
    return _observation(
        status="final",
        code=_concept(
            "Average pain in the past week", loinc=(PAIN_SEVERITY_CODE, PAIN_SEVERITY_DISPLAY)
        ),
        patient=patient,
        effectiveDateTime=checkin.date,
        valueQuantity=_score(checkin.pain),
    )


def _peg(checkin: CheckInData, patient: str) -> Observation:
    return _observation(
        status="final",
        code=_concept(PEG_TEXT),
        patient=patient,
        effectiveDateTime=checkin.date,
        valueQuantity=_score(peg_score(checkin.pain, checkin.enjoyment, checkin.activity)),
        component=[
            _component("average pain", _score(checkin.pain)),
            _component("interference with enjoyment of life", _score(checkin.enjoyment)),
            _component("interference with general activity", _score(checkin.activity)),
        ],
    )


def _session(session: SessionData, patient: str) -> Observation:
    from fhir.resources.R4B.observation import ObservationComponent
    from fhir.resources.R4B.period import Period

    components = [
        ObservationComponent(code=_concept("Practice"), valueString=session.practice_title),
        ObservationComponent(code=_concept("Flare-day version"), valueBoolean=session.flare),
        _component("Seconds practised", _seconds(round(session.seconds, 1))),
    ]
    ratings = (
        ("Pain before practice", session.pain_before, True),
        ("Pain after practice", session.pain_after, True),
        ("Vividness of seeing the movement (1-5)", session.vivid_visual, False),
        ("Vividness of feeling the movement (1-5)", session.vivid_body, False),
    )
    components += [
        _component(text, _score(value), loinc=loinc)
        for text, value, loinc in ratings
        if value is not None
    ]
    # A session still running has interim figures; one completed or stopped is final.
    status = "preliminary" if session.status == "in_progress" else "final"
    return _observation(
        status=status,
        code=_concept(SESSION_TEXT),
        patient=patient,
        effectivePeriod=Period(start=session.started_at, end=session.ended_at),
        component=components,
    )


LADDER_TRY_TEXT = "Ladder step tried: prediction and outcome"
THREAT_TEXT = "Threat rating of a ladder step (0-100)"


def _text_component(text: str, value: str) -> ObservationComponent:
    from fhir.resources.R4B.observation import ObservationComponent

    return ObservationComponent(code=_concept(text), valueString=value)


def _threat(movement: str, step: str, rating: ThreatRatingData, patient: str) -> Observation:
    return _observation(
        status="final",
        code=_concept(THREAT_TEXT),
        patient=patient,
        effectiveDateTime=rating.rated_at,
        valueQuantity=_score(rating.threat),
        component=[_text_component("Movement", movement), _text_component("Step", step)],
    )


def _ladder_try(movement: str, step: str, attempt: LadderAttemptData, patient: str) -> Observation:
    from fhir.resources.R4B.observation import ObservationComponent
    from fhir.resources.R4B.period import Period

    components = [
        _text_component("Movement", movement),
        _text_component("Step", step),
        _component("Expected pain (0-10)", _score(attempt.expected_pain)),
        _component("Expected likelihood of harm (0-100)", _score(attempt.expected_harm)),
        _component("Fear before the step (0-10)", _score(attempt.fear)),
        _text_component("Feared outcome", attempt.feared_outcome),
        ObservationComponent(code=_concept("Flare day"), valueBoolean=attempt.flare),
    ]
    if attempt.actual_pain is not None and attempt.outcome is not None:
        components += [
            _component("Pain during the step", _score(attempt.actual_pain), loinc=True),
            _text_component("Feared outcome happened (no, partly, yes)", attempt.outcome),
            _component(
                "Prediction error (pain minus expected pain)",
                _score(attempt.actual_pain - attempt.expected_pain),
            ),
            ObservationComponent(
                code=_concept("New or unusual symptom"), valueBoolean=attempt.new_symptom
            ),
        ]
        if attempt.surprise:
            components.append(_text_component("What surprised them", attempt.surprise))
    if attempt.next_day_pain is not None:
        components.append(
            _component("Pain the next day", _score(attempt.next_day_pain), loinc=True)
        )
    return _observation(
        status="final" if attempt.done_at is not None else "preliminary",
        code=_concept(LADDER_TRY_TEXT),
        patient=patient,
        effectivePeriod=Period(start=attempt.started_at, end=attempt.done_at),
        component=components,
    )


def fhir_problems(bundle: Mapping[str, Any]) -> list[str]:
    """What a FHIR validator would refuse that the R4B models let through, as sentences."""
    problems: list[str] = []
    if bundle.get("resourceType") != "Bundle" or bundle.get("type") not in BUNDLE_TYPES:
        problems.append(f"bundle type {bundle.get('type')!r} is not allowed")
    entries = bundle.get("entry") or []
    urls = {entry.get("fullUrl") for entry in entries}
    for index, entry in enumerate(entries):
        resource = entry.get("resource") or {}
        where = f"entry[{index}] {resource.get('resourceType')}"
        if not str(entry.get("fullUrl", "")).startswith("urn:uuid:"):
            problems.append(f"{where} has no urn:uuid fullUrl")
        if resource.get("resourceType") == "Observation":
            if resource.get("status") not in OBSERVATION_STATUSES:
                problems.append(f"{where} status {resource.get('status')!r} is not allowed")
            if not resource.get("category"):
                problems.append(f"{where} has no category")
            if (resource.get("subject") or {}).get("reference") not in urls:
                problems.append(f"{where} subject is not in the bundle")
        _check_codes(resource, where, problems)
    return problems


def _check_codes(node: object, where: str, problems: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _check_codes(item, where, problems)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "coding":
            for coding in value:
                if not coding.get("system") or not coding.get("code"):
                    problems.append(f"{where} has a coding without system and code")
        elif (
            key == "code"
            and isinstance(value, dict)
            and not (value.get("coding") or value.get("text"))
        ):
            problems.append(f"{where} has an empty code")
        elif key == "valueQuantity":
            if not all(value.get(part) for part in ("unit", "system", "code")):
                problems.append(f"{where} has a quantity without unit, system and code")
            if value.get("value") is None:
                problems.append(f"{where} has a quantity without a value")
        _check_codes(value, where, problems)
