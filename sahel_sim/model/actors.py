"""Actors: states, organisations and non-state armed groups.

Every actor has a short upper-case id (ISO 3166-1 alpha-3 for states) that the
rest of the data refers to, and names that error messages use to suggest the
id a user meant.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import Field, model_validator

from sahel_sim.model.base import ID_PATTERN, Frozen, Number, Sourced, check_sourced
from sahel_sim.model.forces import Force
from sahel_sim.model.records import RecordedDecision

__all__ = ["ID_PATTERN", "Actor", "ActorKind", "Milestone", "Organ"]


class ActorKind(str, Enum):
    """What sort of actor: the clauses distinguish states from the rest."""

    state = "state"
    organisation = "organisation"
    armed_group = "armed_group"


class Organ(Sourced):
    """A decision-making body of an organisation (ECOWAS Authority, MSC …).

    ``since`` and ``until`` date the organ when it did not exist for the whole
    life of its organisation (the AES College of Heads of State dates from
    6 Jul 2024); a decision of the organ outside those dates is refused.
    ``force`` says the organ is a standing force (the AES Unified Force);
    ``decisions`` are its decisions recorded in the world data
    (:mod:`sahel_sim.model.records`).
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    since: date | None = None
    until: date | None = None
    force: Force | None = None
    decisions: tuple[RecordedDecision, ...] = ()

    @model_validator(mode="after")
    def _valid(self) -> "Organ":
        """Sourced's check, then the organ's own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_sourced(self)
        ids = [d.id for d in self.decisions]
        if len(set(ids)) != len(ids):
            raise ValueError(f"two recorded decisions of the organ '{self.id}' share an id")
        for d in self.decisions:
            if not self.exists_on(d.date):
                span = (f"from {self.since}" if self.since else "") + (f" until {self.until}" if self.until else "")
                raise ValueError(f"recorded decision '{d.id}' is dated {d.date}, when the {self.name} did not exist "
                                 f"(it exists {span.strip()}); date it when the organ existed")
        return self

    def exists_on(self, day: date) -> bool:
        """True when the organ exists on ``day`` (an undated organ always does).

        Examples:
            >>> Organ(id="college", name="College", since=date(2024, 7, 6)).exists_on(date(2023, 10, 1))
            False
        """
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


class Milestone(Sourced):
    """A dated step in an actor's life that no membership or treaty date records (the G5 Sahel's path to its end)."""

    date: date
    text: str = Field(min_length=1, max_length=400)


class Actor(Sourced):
    """A state, organisation or armed group, with names for display and lookup."""

    id: str = Field(pattern=ID_PATTERN)
    kind: ActorKind
    name: str
    full_name: str | None = None
    aliases: tuple[str, ...] = ()
    lat: Number | None = Field(default=None, ge=-90, le=90)
    lon: Number | None = Field(default=None, ge=-180, le=180)
    founded: date | None = None
    organs: tuple[Organ, ...] = ()
    based_in: tuple[str, ...] = ()
    designations: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = Field(
        default=(), description="dated steps no membership or treaty records (an organisation's path to its end)")

    @property
    def label(self) -> str:
        """Id and name, as shown in tables: ``NER (Niger)``."""
        return f"{self.id} ({self.name})" if self.name != self.id else self.id

    def organ(self, organ_id: str) -> Organ | None:
        """The organ with this id, if the organisation has one."""
        return next((o for o in self.organs if o.id == organ_id), None)
