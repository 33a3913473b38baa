"""Actors: states, organisations and non-state armed groups.

Every actor has a short upper-case id (ISO 3166-1 alpha-3 for states) that the
rest of the data refers to, and names that error messages use to suggest the
id a user meant.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import Field

from sahel_sim.model.base import Frozen, Number, Sourced

__all__ = ["ID_PATTERN", "Actor", "ActorKind", "Organ"]

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.\-]{0,39}$"


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
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    since: date | None = None
    until: date | None = None

    def exists_on(self, day: date) -> bool:
        """True when the organ exists on ``day`` (an undated organ always does).

        Examples:
            >>> Organ(id="college", name="College", since=date(2024, 7, 6)).exists_on(date(2023, 10, 1))
            False
        """
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


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

    @property
    def label(self) -> str:
        """Id and name, as shown in tables: ``NER (Niger)``."""
        return f"{self.id} ({self.name})" if self.name != self.id else self.id

    def organ(self, organ_id: str) -> Organ | None:
        """The organ with this id, if the organisation has one."""
        return next((o for o in self.organs if o.id == organ_id), None)
