"""The scenario file format, as Pydantic models (and so as JSON Schema).

A scenario names a situation, lists its events and may state what it
expects: who must and must not be obligated, under which treaty and article.
It may also bring actors, territories, memberships, relations and treaties of
its own (inline, or treaty files by path), so users can model pacts and
what-ifs the shipped library lacks.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Union

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from sahel_sim.clauses.perspective import Perspective
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.clauses.status import Status
from sahel_sim.model.actors import Actor
from sahel_sim.model.base import Frozen, Sourced, WholeNumber
from sahel_sim.model.events import Event
from sahel_sim.model.memberships import Membership
from sahel_sim.model.arrangements import Arrangement
from sahel_sim.model.governments import ConsentAuthority, Government
from sahel_sim.model.relations import Relation
from sahel_sim.model.territories import Territory

TreatyEntry = Annotated[
    Union[Annotated[str, Tag("path")], Annotated[Treaty, Tag("inline")]],
    Discriminator(lambda v: "path" if isinstance(v, str) else "inline"),
]

__all__ = ["CascadePolicy", "ExpectedCascade", "ExpectedClause", "ExpectedConflict", "ExpectedContested", "ExpectedNonObligation", "ExpectedPending", "ExpectedRound", "Findings", "ExpectedObligation", "Expectations", "ScenarioFile", "SCHEMA_KINDS", "WorldFragment",
           "json_schema"]


class ExpectedObligation(Frozen):
    """An obligation the scenario expects; unnamed fields match anything."""

    obligor: str
    treaty: str
    article: str | None = None
    beneficiary: str | None = None
    duty: str | None = None
    strength: str | None = None
    status: Status | None = Field(default=None, description="the status expected (bound, bound_discretion …)")
    event: str | None = None
    binding_from: date | None = Field(default=None, description="the date from which the duty binds")
    flagged: bool | None = Field(default=None, description="the duty carries a reservation, declaration or understanding")
    note: str | None = None

    @field_validator("status")
    @classmethod
    def _a_status_a_duty_can_have(cls, status: Status | None) -> Status | None:
        """A duty, a permission or a breach is never pending nor "not bound": such an expectation could never be met."""
        if status is not None and status.value in _BLOCK_OF:
            raise ValueError(f"'{status.value}' is not the status of a duty, a permission or a breach; "
                             f"list the party under {_BLOCK_OF[status.value]} (party, treaty, article)")
        return status


_BLOCK_OF = {"not_invoked": "not_invoked:", "not_determined": "not_determined:", "not_bound": "not_obligated:"}


class ExpectedContested(Frozen):
    """A finding expected to be contested: its status differs under some alternative reading.

    ``status`` is the status under the main reading, ``alternative`` the
    reading that changes it and ``alternative_status`` the status under that
    reading; unnamed fields match anything.
    """

    party: str
    treaty: str
    article: str | None = None
    event: str | None = None
    status: Status | None = None
    alternative: str | None = None
    alternative_status: Status | None = None
    note: str | None = None


class ExpectedNonObligation(Frozen):
    """A party the scenario expects *not* to be obligated (under a treaty, or one article)."""

    party: str
    treaty: str
    article: str | None = None
    event: str | None = None
    note: str | None = None


class ExpectedPending(Frozen):
    """A party expected to be *within the clause* but not bound, for want of the invocation (or the determination)
    the clause waits for; ``beneficiary`` and ``duty`` name the duty it would then owe. Unnamed fields match
    anything."""

    party: str
    treaty: str
    article: str | None = None
    beneficiary: str | None = Field(default=None, description="whom the party would owe the duty once it comes")
    duty: str | None = Field(default=None, description="the duty the party would then owe (assist, consult …)")
    event: str | None = None
    note: str | None = None


class Findings(Frozen):
    """Expected obligations and non-obligations (under one reading)."""

    obligated: tuple[ExpectedObligation, ...] = ()
    not_obligated: tuple[ExpectedNonObligation, ...] = ()
    not_invoked: tuple[ExpectedPending, ...] = Field(
        default=(), description="parties within a clause that binds only once invoked, when no invocation has come "
                                "(status not_invoked: within the clause, not invoked)")
    not_determined: tuple[ExpectedPending, ...] = Field(
        default=(), description="parties within a clause that binds only once an organ determines its case, when no "
                                "determination has come (status not_determined: within the clause, no determination)")
    permitted: tuple[ExpectedObligation, ...] = Field(default=(), description="parties that may act (permissions)")
    in_breach: tuple[ExpectedObligation, ...] = Field(default=(), description="parties in breach of a clause")
    contested: tuple[ExpectedContested, ...] = Field(default=(), description="findings whose status is disputed")


class ExpectedClause(Frozen):
    """A clause named in an expectation: treaty and, optionally, article."""

    treaty: str
    article: str | None = None


class ExpectedConflict(Frozen):
    """An actor expected to be bound by two duties that cannot both be kept."""

    actor: str
    first: ExpectedClause
    second: ExpectedClause
    event: str | None = None
    absent: bool = Field(default=False, description="expect that this conflict does NOT arise")
    note: str | None = None


class ExpectedRound(Frozen):
    """The actors a cascade has drawn in by round ``round`` (exactly these)."""

    round: WholeNumber = Field(ge=1)
    actors: tuple[str, ...]


class ExpectedCascade(Frozen):
    """What a cascade of ``rounds`` rounds should draw in, and whether it reaches a fixpoint."""

    rounds: WholeNumber = Field(ge=1, le=50)
    drawn_in: tuple[ExpectedRound, ...] = ()
    fixpoint: bool | None = None


class Expectations(Findings):
    """What the scenario expects the engine to conclude, under its own reading and others."""

    perspectives: dict[str, Findings] = Field(default_factory=dict)
    conflicts: tuple[ExpectedConflict, ...] = ()
    cascade: ExpectedCascade | None = None


class WorldFragment(Frozen):
    """A shared world file: actors, territories, memberships, relations, governments (with who may consent for a
    state) and bilateral arrangements, nothing else.

    Treaties are listed under a scenario's ``treaties:``, readings under its
    ``perspectives:``; a world file holds the facts an era or a region shares.
    The library's own world files (``sahel_sim/data/world/``) have this shape too.
    """

    actors: tuple[Actor, ...] = ()
    territories: tuple[Territory, ...] = ()
    memberships: tuple[Membership, ...] = ()
    relations: tuple[Relation, ...] = ()
    governments: tuple[Government, ...] = Field(
        default=(), description="who governed a state, from when to when, and how that government came to power")
    consent_authorities: tuple[ConsentAuthority, ...] = Field(
        default=(), description="who may consent for a state, where effective control and recognition part")
    arrangements: tuple[Arrangement, ...] = Field(
        default=(), description="bilateral security arrangements: status-of-forces, stationing, defence cooperation")


class CascadePolicy(Frozen):
    """How a cascade unfolds: who does not comply with its duties, and the response lag."""

    non_compliant: tuple[str, ...] = ()
    lag_days: WholeNumber = Field(default=0, ge=0, le=3650)
    note: str | None = None


class ScenarioFile(Sourced):
    """A scenario file as written: a situation, its events, its expectations."""

    scenario: str = Field(min_length=1, description="Name of the situation.")
    description: str | None = None
    hypothetical: bool = False
    perspective: str | None = None
    sources: tuple[str, ...] = ()
    actors: tuple[Actor, ...] = ()
    territories: tuple[Territory, ...] = ()
    memberships: tuple[Membership, ...] = ()
    relations: tuple[Relation, ...] = ()
    world: tuple[str, ...] = Field(
        default=(), description="World files (actors, territories, memberships, relations, governments) by path, "
                                "relative to the file, shared between scenarios of an era or a region; read before "
                                "the scenario's own.")
    governments: tuple[Government, ...] = ()
    consent_authorities: tuple[ConsentAuthority, ...] = ()
    arrangements: tuple[Arrangement, ...] = ()
    treaties: tuple[TreatyEntry, ...] = Field(
        default=(), description="Treaties defined by the scenario: inline, or paths relative to the file.")
    perspectives: tuple[Perspective, ...] = ()
    events: tuple[Event, ...] = Field(min_length=1)
    cascade: CascadePolicy | None = None
    expect: Expectations | None = None

    @model_validator(mode="before")
    @classmethod
    def _own_readings_are_perspectives(cls, data: Any) -> Any:
        """A scenario's own ``contested:`` readings name a perspective; changes belong on the fact they dispute."""
        for alt in (data.get("contested") or ()) if isinstance(data, dict) else ():
            if isinstance(alt, dict) and (alt.get("changes") or not alt.get("perspective")):
                raise ValueError("a scenario's own 'contested' reading gives a 'perspective' and no 'changes'; "
                                 "put 'changes' on the treaty, clause, membership or event it disputes")
        return data


SCHEMA_KINDS = ("scenario", "treaty", "world")
"""The file kinds with a published schema (``sahel-sim schema KIND``)."""


def json_schema(kind: str = "scenario") -> dict[str, Any]:
    """JSON Schema of a file kind (scenario, treaty or shared world file), for editors and validators.

    The schema accepts what the loader accepts, shorthands included
    (``{all_of: [...]}`` for ``{test: all_of, conditions: [...]}``).

    Raises:
        ValueError: an unknown kind.
    """
    models = {"scenario": ScenarioFile, "treaty": Treaty, "world": WorldFragment}
    if kind not in models:
        raise ValueError(f"unknown file kind {kind!r}; expected one of {', '.join(SCHEMA_KINDS)}")
    schema = models[kind].model_json_schema()
    _add_shorthands(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"sahel-sim {'world file' if kind == 'world' else kind}"
    return schema


# The combinators' YAML shorthands (conditions._shorthand): the key names the test, ``test:`` is left out.
_SHORTHANDS = {"AllOf": ("all_of", "conditions"), "AnyOf": ("any_of", "conditions"), "Not": ("not", "condition")}


def _add_shorthands(schema: dict[str, Any]) -> None:
    """Let every union of conditions also take ``{all_of: [...]}``, ``{any_of: [...]}`` and ``{not: {...}}``.

    The union is discriminated by ``test:``, which a shorthand leaves out, so
    the discriminator (an OpenAPI hint that JSON Schema validators ignore) is
    dropped where the shorthands are added; ``oneOf`` still picks one form.
    """
    defs = schema.get("$defs", {})
    for name, (key, field) in _SHORTHANDS.items():
        if name not in defs:
            continue
        props = defs[name]["properties"]
        defs[f"{name}Shorthand"] = {
            "type": "object", "additionalProperties": False, "required": [key],
            "description": f"{defs[name].get('description', '')} Shorthand of {{test: {key}, {field}: ...}}.".strip(),
            "properties": {key: props[field], **{k: v for k, v in props.items() if k not in ("test", field)}}}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            options = node.get("oneOf")
            if isinstance(options, list):
                refs = {o.get("$ref") for o in options if isinstance(o, dict)}
                extra = [{"$ref": f"#/$defs/{n}Shorthand"} for n in _SHORTHANDS  # once: the shorthand's
                         if f"#/$defs/{n}" in refs and f"{n}Shorthand" in defs  # list is the same object
                         and f"#/$defs/{n}Shorthand" not in refs]
                if extra:
                    options.extend(extra)
                    node.pop("discriminator", None)
            for value in list(node.values()):
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
