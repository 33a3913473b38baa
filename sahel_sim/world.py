"""The world as data: actors, territories, memberships, relations, treaties, readings.

A :class:`World` is what the shipped library provides and what a scenario may
extend with actors, memberships and treaties of its own.  It is a plain frozen
value; :mod:`sahel_sim.graph` turns it into a NetworkX graph for queries.
"""

from __future__ import annotations

from sahel_sim.clauses.perspective import Category, Perspective
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.model.actors import Actor
from sahel_sim.model.arrangements import Arrangement
from sahel_sim.model.base import Frozen
from sahel_sim.model.governments import ConsentAuthority, Government
from sahel_sim.model.memberships import Membership
from sahel_sim.model.relations import Relation
from sahel_sim.model.territories import Territory

__all__ = ["World"]


class World(Frozen):
    """Everything the engine knows before any event happens."""

    actors: tuple[Actor, ...] = ()
    territories: tuple[Territory, ...] = ()
    memberships: tuple[Membership, ...] = ()
    relations: tuple[Relation, ...] = ()
    governments: tuple[Government, ...] = ()
    consent_authorities: tuple[ConsentAuthority, ...] = ()
    arrangements: tuple[Arrangement, ...] = ()
    treaties: tuple[Treaty, ...] = ()
    categories: tuple[Category, ...] = ()
    perspectives: tuple[Perspective, ...] = ()

    def merged(self, other: "World") -> "World":
        """This world plus another's entries (the other's come after)."""
        # Both sides are validated already: concatenating needs no revalidation.
        return World.model_construct(**{name: getattr(self, name) + getattr(other, name) for name in World.model_fields})

    def actor_ids(self) -> frozenset[str]:
        """Every actor id."""
        return frozenset(a.id for a in self.actors)

    def treaty(self, treaty_id: str) -> Treaty | None:
        """The treaty with this id, if any."""
        return next((t for t in self.treaties if t.id == treaty_id), None)

    def perspective(self, perspective_id: str) -> Perspective | None:
        """The perspective with this id, if any."""
        return next((p for p in self.perspectives if p.id == perspective_id), None)
