"""The JSON Schema of the results document (``sahel-sim run --format json``, format 2).

``sahel-sim schema results`` prints it.  The shipped scenarios' documents
are validated against it (tests/report/test_results_format.py), so it says
what the writer (:mod:`sahel_sim.report.results_json`) writes.
"""

from __future__ import annotations

from typing import Any

__all__ = ["results_schema"]

_STR = {"type": "string"}
_OPT = {"type": ["string", "null"]}
_DATE = {"type": "string", "format": "date"}
_STRS = {"type": "array", "items": _STR}


_COMBINES = {"type": "array", "items": {"type": "string"},
             "description": "the ids of the readings taken together (run --combine-readings)"}


def _place(table: str) -> dict[str, Any]:
    return {"type": "integer", "minimum": 0, "description": f"a place (from 0) in the document's {table} table"}


def _places(table: str) -> dict[str, Any]:
    return {"type": "array", "items": _place(table)}


def _object(properties: dict[str, Any], required: list[str] | None = None, description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": properties,
                           "required": list(properties) if required is None else required,
                           "additionalProperties": False}
    if description:
        out["description"] = description
    return out


def results_schema() -> dict[str, Any]:
    """The schema: one document (one scenario) or a list of them (several files)."""
    standing = {
        "treaty": {**_STR, "description": "the treaty id (also in the clause entry)"},
        "ref": _place("clauses") | {"description": "the finding's clause reference: a place in the clauses table"},
        "article": {**_OPT, "description": "the article; null when a whole treaty does not bind the party"},
        "clause": {**_OPT, "description": "the clause id; null for a treaty-level finding"},
        "confidence": {**_STR, "description": "the finding's confidence: the weakest of what it rests on"},
        "rests_on": _places("bases") | {"description": "the uncertain facts the finding rests on"},
        "contested": {"type": "boolean", "description": "some competing reading gives another status"},
        "readings": {"type": "array", "items": {"$ref": "#/$defs/reading"}},
        "event": {**_STR, "description": "the event id"},
        "date": _DATE,
    }
    obligation = _object({
        "obligor": _STR, "beneficiary": _OPT, "against": _STRS, "duty": _STR, "means": _STR, "strength": _STR,
        "modality": {**_STR, "description": "obligation, permission or prohibition"},
        "status": {**_STR, "description": "bound, may_act, in_breach, ... (sahel_sim.clauses.status)"},
        **standing,
        "binding_from": {**_DATE, "description": "the date from which the duty binds"},
        "round": {"type": "integer", "minimum": 0, "description": "the cascade round (0: the scenario's events)"},
        "flags": {"type": "array", "items": {"$ref": "#/$defs/flag"}},
        "reasons": _places("checks") | {"description": "the reason trees: roots in the checks table"},
    }, required=None, description="a breach, a duty or a permission, with its reasons")
    obligation["required"] = [k for k in obligation["properties"] if k != "flags"]
    non_obligation = _object({
        "party": _STR, "status": _STR, **standing,
        "reason": _place("checks") | {"description": "the check that decided it"},
        "checks": _places("checks") | {"description": "every check made, the deciding one among them"},
        "within_clause": _object({"status": _STR, "modality": _STR, "duty": _STR, "means": _STR, "strength": _STR,
                                  "beneficiary": _OPT, "against": _STRS},
                                 description="the duty owed once the invocation or determination comes"),
    }, description="a party not bound by a clause (or a treaty) for an event, and why")
    non_obligation["required"] = [k for k in non_obligation["properties"] if k != "within_clause"]
    document = _object({
        "format": {"const": 2, "description": "the version of this shape"},
        "scenario": _STR,
        "perspective": {**_STR, "description": "the reading the events were characterised with"},
        "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
        "obligations": {"type": "array", "items": {"$ref": "#/$defs/obligation"}},
        "permissions": {"type": "array", "items": {"$ref": "#/$defs/obligation"}},
        "breaches": {"type": "array", "items": {"$ref": "#/$defs/obligation"}},
        "non_obligations": {"type": "array", "items": {"$ref": "#/$defs/non_obligation"}},
        "conflicts": {"type": "array", "items": {"$ref": "#/$defs/conflict"}},
        "alternatives": {"type": "array", "items": {"$ref": "#/$defs/alternative"}},
        "cascade": {"$ref": "#/$defs/cascade"},
        "clauses": {"type": "array", "items": {"$ref": "#/$defs/clause"}},
        "bases": {"type": "array", "items": {"$ref": "#/$defs/basis"}},
        "checks": {"type": "array", "items": {"$ref": "#/$defs/check"}},
    }, description="one scenario's findings, event by event; repeated parts are in the last three tables")
    document["required"] = [k for k in document["properties"] if k != "cascade"]
    defs = {
        "document": document,
        "event": _object({
            "id": _STR, "date": _DATE, "kind": _STR, "actors": _STRS, "target": _OPT, "location": _OPT,
            "perspective": _STR, "categories": _STRS,
            "characterised_by": {"type": "object", "additionalProperties": _STR,
                                 "description": "each category and the rule that gave it"},
        }),
        "obligation": obligation,
        "non_obligation": non_obligation,
        "reading": _object({"alternative": _STR, "label": _STR, "status": _STR, "disputes": _STR, "source": _OPT,
                            "note": _OPT, "reason": _OPT, "combines": _COMBINES},
                           ["alternative", "label", "status", "disputes", "source", "note", "reason"],
                           description="the finding's status under a competing reading (or readings combined)"),
        "flag": _object({"party": _STR, "kind": _STR, "text": _STR, "text_kind": _STR, "source": _OPT,
                         "confidence": _STR}, description="a reservation or declaration beside the duty"),
        "conflict": _object({"actor": _STR, "kind": _STR, "event": _STR, "explanation": _STR,
                             "precedence": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/precedence"}]},
                             "first": {"$ref": "#/$defs/obligation"}, "second": {"$ref": "#/$defs/obligation"}},
                            description="two duties of one actor that cannot both be kept"),
        "precedence": _object({"prevails": _OPT, "rule": _OPT, "reasoning": _STR, "rule_text": _OPT,
                               "rule_text_kind": _OPT},
                              description="which of the two duties prevails ('first', 'second' or null when no "
                                          "rule settles it), by which rule (engine/precedence.py), and why"),
        "alternative": _object({"alternative": _STR, "label": _STR, "disputes": _STR, "source": _OPT, "note": _OPT,
                                "changes": {"type": "object"}, "perspective": _OPT, "combines": _COMBINES},
                               ["alternative", "label", "disputes", "source", "note", "changes", "perspective"],
                               description="a contested reading the findings were compared with (or, with "
                                           "'combines', readings taken together: run --combine-readings)"),
        "cascade": _object({
            "fixpoint": {"type": "boolean"},
            "rounds": {"type": "array", "items": _object({
                "round": {"type": "integer", "minimum": 0}, "events": _STRS,
                "responses": {"type": "array", "items": _object({
                    "event": _STR, "actor": _STR, "against": _STR,
                    "caused_by": _object({"obligor": _STR, "treaty": _STR, "article": _OPT, "event": _STR})})},
                "drawn_in": _STRS, "new_treaties": _STRS,
                "declined": {"type": "array", "items": _object({"obligor": _STR, "treaty": _STR, "article": _OPT,
                                                                "event": _STR})},
            })},
        }),
        "clause": _object({"treaty": _STR, "treaty_name": _STR, "article": _OPT, "clause": _OPT, "text": _OPT,
                           "text_kind": {**_OPT, "description": "quote or paraphrase"}, "reference": _OPT,
                           "clause_confidence": _STR}, description="a clause reference, shared by its findings"),
        "basis": _object({"fact": _STR, "confidence": _STR, "source": _OPT},
                         description="an uncertain fact a finding rests on"),
        "check": _object({
            "test": _STR, "role": {**_STR, "description": "trigger, condition, exception or builtin"},
            "text": _STR, "holds": {"type": "boolean"},
            "facts": {"type": "array", "items": _object({"predicate": _STR, "args": _STRS, "text": _STR})},
            "children": _places("checks"),
        }, required=["test", "role", "text", "holds", "facts"], description="one node of a reason tree"),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sahel-sim results (run --format json), format 2",
        "description": "What `sahel-sim run --format json` writes: one document per scenario (a list of them "
                       "for several files). Reason-tree nodes, clause references and uncertain facts are "
                       "written once, in the tables checks, clauses and bases, and named by their place; "
                       "sahel_sim.report.results_json.expand puts them back (the shape of "
                       "SimulationResult.to_dict()).",
        "oneOf": [{"$ref": "#/$defs/document"}, {"type": "array", "items": {"$ref": "#/$defs/document"}}],
        "$defs": defs,
    }
