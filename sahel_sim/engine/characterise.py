"""Characterise an event: which legal categories it falls in, under a perspective.

The perspective's rules (and those of the perspective it extends) run in
order; each adds or removes categories when its condition holds.  Later rules
see the categories earlier ones gave, so a reading can say "an armed
intervention is aggression, unless an ECOWAS mandate makes it an enforcement
measure".
"""

from __future__ import annotations

from sahel_sim.engine.evaluate import Characterisation, Situation, holds
from sahel_sim.clauses.perspective import CharacterisationRule, Perspective
from sahel_sim.errors import UnknownEntityError, suggest
from sahel_sim.graph.compiled import CompiledWorld
from sahel_sim.model.events import Event
from sahel_sim.world import World

__all__ = ["characterise", "perspective_chain"]


def perspective_chain(world: World, perspective_id: str) -> tuple[Perspective, ...]:
    """The perspective and its ancestors, base first.

    Raises:
        UnknownEntityError: the perspective (or one it extends) does not exist,
            or the ``extends`` links loop.
    """
    chain: list[Perspective] = []
    current: str | None = perspective_id
    while current is not None:
        found = world.perspective(current)
        if found is None:
            valid = [p.id for p in world.perspectives]
            hint = suggest(current, valid)
            raise UnknownEntityError(
                f"unknown perspective '{current}'; valid: {', '.join(sorted(valid))}" + (f" ({hint})" if hint else "")
            )
        if found in chain:
            loop = " → ".join([p.id for p in chain] + [found.id])
            raise UnknownEntityError(f"perspectives extend each other in a loop: {loop}")
        chain.append(found)
        current = found.extends
    return tuple(reversed(chain))


def perspective_rules(world: World, perspective_id: str) -> tuple[CharacterisationRule, ...]:
    """The rules of a reading and of every reading it extends, in the order they apply."""
    return tuple(r for p in perspective_chain(world, perspective_id) for r in p.rules)


def characterise(world: CompiledWorld, event: Event, perspective_id: str, *,
                 rules: tuple[CharacterisationRule, ...] | None = None) -> Characterisation:
    """The categories of ``event`` under ``perspective_id`` in ``world``, with the rule that gave each.

    ``rules``: the reading's rules when the caller has resolved them once for a whole run.
    """
    categories: set[str] = set()
    because: dict[str, str] = {}
    removed: dict[str, str] = {}
    s: Situation | None = None  # the event with the categories given so far: built again after a rule applies
    for rule in rules if rules is not None else perspective_rules(world.world, perspective_id):
        if s is None:
            s = Situation(world.G, event, Characterisation(perspective_id, frozenset(categories), dict(because)),
                          treaties=world.models)
        if not holds(rule.when, s):  # only the answer is kept: no check, no words
            continue
        s = None
        words = f"rule {rule.id}" + (f": {rule.text}" if rule.text else "")
        for cat in rule.remove:
            if cat in categories:
                categories.discard(cat)
                because.pop(cat, None)
                removed[cat] = words
        for cat in rule.add:
            categories.add(cat)
            because[cat] = words
            removed.pop(cat, None)
    return Characterisation(perspective_id, frozenset(categories), because, removed)
