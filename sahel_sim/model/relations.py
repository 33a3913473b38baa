"""Dated relations between actors: troop presence, basing, sanctions, hostility.

Relations are facts of the world that clauses and reports may consult (who
had troops where on the event date); they are not memberships.
"""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from sahel_sim.model.actors import ID_PATTERN
from sahel_sim.model.base import Dated

__all__ = ["Relation", "RelationKind"]


class RelationKind(str, Enum):
    """The kinds of dated relation the world knows."""

    troop_presence = "troop_presence"
    basing = "basing"
    sanctions = "sanctions"
    hostility = "hostility"
    diplomatic_rupture = "diplomatic_rupture"
    support = "support"


class Relation(Dated):
    """A directed, dated relation ``from`` → ``to``."""

    kind: RelationKind
    from_: str = Field(alias="from", pattern=ID_PATTERN)
    to: str = Field(pattern=ID_PATTERN)
    basis: tuple[str, ...] = Field(
        default=(), description="the bilateral arrangements (ids, arrangements.yaml) under which a troop presence ran")

    model_config = Dated.model_config | {"populate_by_name": True}
