"""The ids a user types for territories and actors, resolved in one place.

A territory may be named by its id or by one of its ``aliases`` (the ISO
3166-1 alpha-3 code of a dependent territory: ``GUF`` for ``FRA-GUF``).
Wherever a scenario names a territory (an event's ``location``, a
territory's ``part_of``, a ``location_within`` test's ``territories``) an
alias is replaced by the territory's id when the file is read, so that
everything after (the engine, reasons, reports) sees one id.

Where an actor is expected (an event's actors or target, ``--party``, an
``expect:`` block's obligor), a territory is not an actor: its code gets
the message that names the territory and its holder, the one wording
:func:`territory_hint` gives.
"""

from __future__ import annotations

from typing import Any, Iterable

from pydantic import BaseModel

from sahel_sim.clauses.conditions import LocationWithinTest
from sahel_sim.model.events import Event
from sahel_sim.model.territories import Territory
from sahel_sim.world import World

__all__ = ["TerritoryNames", "actor_hint", "territory_hint"]

#: The fields that hold a territory id, by the model that has them.
TERRITORY_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {
    Event: ("location",),
    Territory: ("part_of",),
    LocationWithinTest: ("territories",),
}


class TerritoryNames:
    """Territory ids and aliases of a world: what each name a user may type stands for."""

    def __init__(self, territories: Iterable[Territory]) -> None:
        self.by_id: dict[str, Territory] = {}
        self.by_alias: dict[str, Territory] = {}
        for t in territories:
            self.by_id.setdefault(t.id, t)
        for t in self.by_id.values():
            for alias in t.aliases:
                if alias not in self.by_id:
                    self.by_alias.setdefault(alias, t)

    def resolve(self, given: str) -> str:
        """The territory id ``given`` stands for: itself, or the id of the territory whose alias it is.

        A name that is neither comes back as given, for the usual "unknown territory" message.
        """
        t = self.by_alias.get(given) if given not in self.by_id else None
        return t.id if t is not None else given

    def labels(self) -> dict[str, str]:
        """Every id and alias with what a suggestion shows beside it: ``GUF`` → ``FRA-GUF, French Guiana``."""
        out = {tid: t.name for tid, t in self.by_id.items()}
        out.update({alias: f"{t.id}, {t.name}" for alias, t in self.by_alias.items()})
        return out

    def rewrite(self, value: Any) -> Any:
        """``value`` (a model, or tuples and dicts of them) with every territory alias replaced by its id.

        Returns the same object when nothing changes, so that a file without
        aliases is not copied.
        """
        if isinstance(value, BaseModel):
            updates = {}
            fields = TERRITORY_FIELDS.get(type(value), ())
            for name in type(value).model_fields:
                old = getattr(value, name)
                new = self._field(old) if name in fields else self.rewrite(old)
                if new is not old and new != old:
                    updates[name] = new
            return value.model_copy(update=updates) if updates else value
        if isinstance(value, tuple):
            items = tuple(self.rewrite(v) for v in value)
            return items if any(a is not b for a, b in zip(items, value)) else value
        if isinstance(value, dict):
            changed = {k: self.rewrite(v) for k, v in value.items()}
            return changed if any(changed[k] is not value[k] for k in value) else value
        return value

    def _field(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.resolve(value)
        if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            return tuple(self.resolve(v) for v in value)
        return value


def territory_hint(world: World, given: str, *, party: bool = False) -> str | None:
    """What to write instead when ``given`` names a territory where an actor is expected.

    A territory is matched by its id, by one of its aliases (``GUF``), or by
    its name, in any case.  ``party`` words the advice for ``--party``.
    """
    key = given.casefold()
    for t in world.territories:
        if key not in {t.id.casefold(), t.name.casefold(), *(a.casefold() for a in t.aliases)}:
            continue
        holder = t.holders[-1].state if t.holders else None
        actor = next((a for a in world.actors if a.id == holder), None)
        if actor is None:
            return f"{given} is the territory {t.label}, not an actor; place an event there with location: {t.id}"
        if party:
            return (f"{given} is the territory {t.label}, held by {actor.label}: ask about --party {actor.id}, "
                    f"and place an event there with location: {t.id}")
        return (f"{given} is the territory {t.label}, held by {actor.label}: name the actor {actor.id} here, "
                f"and place an event there with location: {t.id}")
    return None


def actor_hint(world: World, given: str) -> str | None:
    """``did you mean X (name)?`` when ``given`` is an actor's id, name or alias in another case or spelling."""
    key = given.casefold()
    found = [a for a in world.actors if key in {a.id.casefold(), a.name.casefold(), *(x.casefold() for x in a.aliases)}]
    return f"did you mean {' or '.join(a.label for a in found)}?" if found else None
