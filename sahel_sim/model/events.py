"""Events: what happened (or might happen), when, by whom, to whom and where.

An event is a fact pattern, not a legal category: "Nigerian, Senegalese,
Ivorian and Beninese forces entered Niger on 2023-10-01 under an ECOWAS
mandate without Niger's consent".  Characterisation (a separate, data-driven
step) decides whether that is an aggression, an armed attack or an
enforcement measure under a given reading.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Union

from pydantic import Field, model_validator

from sahel_sim.model.actors import ID_PATTERN
from sahel_sim.model.base import Sourced

__all__ = ["Decision", "Event", "EventKind", "Request", "RequestForm"]

ActorId = Annotated[str, Field(pattern=ID_PATTERN)]
AttributeValue = Union[bool, int, float, str]


class EventKind(str, Enum):
    """Fact-level kinds of event; their legal meaning comes from characterisation."""

    armed_attack = "armed_attack"
    incursion = "incursion"
    military_intervention = "military_intervention"
    air_strike = "air_strike"
    drone_strike = "drone_strike"
    attack_on_forces_abroad = "attack_on_forces_abroad"
    attack_on_ship = "attack_on_ship"
    attack_on_aircraft = "attack_on_aircraft"
    terrorist_attack = "terrorist_attack"
    armed_rebellion = "armed_rebellion"
    coup = "coup"
    blockade = "blockade"
    sanctions = "sanctions"
    threat_of_force = "threat_of_force"
    mobilisation = "mobilisation"


class RequestForm(str, Enum):
    """How a request for assistance was made (some clauses need it in writing)."""

    written = "written"
    oral = "oral"
    public = "public"


class Request(Sourced):
    """A request for assistance made by ``by`` to ``to`` (an actor or organisation)."""

    by: ActorId
    to: ActorId
    form: RequestForm = RequestForm.written
    date: dt.date | None = None


class Decision(Sourced):
    """A decision of an organisation's organ, e.g. the ECOWAS Authority activating its Standby Force."""

    organisation: ActorId
    organ: str | None = None
    measure: str | None = None
    date: dt.date | None = None


class Event(Sourced):
    """One event of a scenario: date, kind, actors, target, location and attributes."""

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.\-/>]{0,199}$")
    date: dt.date
    kind: EventKind
    actors: tuple[ActorId, ...] = Field(min_length=1)
    target: ActorId
    location: ActorId | None = None
    mandate: ActorId | None = None
    consent: bool = False
    requests: tuple[Request, ...] = ()
    decisions: tuple[Decision, ...] = ()
    external_support: tuple[ActorId, ...] = ()
    purpose: str | None = None
    attributes: dict[str, AttributeValue] = Field(default_factory=dict)
    description: str | None = None
    hypothetical: bool = False
    response_to: str | None = None
    conflict: str | None = None

    @property
    def root(self) -> str:
        """The conflict this event belongs to: its own id unless it is a response."""
        return self.conflict or self.id

    @model_validator(mode="after")
    def _not_self_directed(self) -> "Event":
        if self.target in self.actors:
            raise ValueError(f"the target {self.target} is also one of the event's actors (a self-attack)")
        if len(set(self.actors)) != len(self.actors):
            raise ValueError("an actor is listed twice in 'actors'")
        return self

    @property
    def place(self) -> str:
        """Where it happened: the location, or the target's own territory by default."""
        return self.location or self.target

    def on(self, day: dt.date) -> "Event":
        """The same event moved to another date (for ``--as-of`` and what-ifs)."""
        return self.model_copy(update={"date": day})



