"""The condition tests of the clause language, one module per family.

Each family module defines, for each of its tests, the five parts of a
:class:`~sahel_sim.clauses.leaf.LeafTest` (model, predicate, fact re-check,
verify encoding, Hypothesis strategy) and lists them in ``TESTS``.  A new
test is a new ``LeafTest`` in the family it belongs to (or a new family
module listed in ``FAMILIES`` below); nothing else needs to change.
"""

from __future__ import annotations

from typing import Iterable

from sahel_sim.clauses.families import chains, conflict, events, government, gravity, parties, places, requests
from sahel_sim.clauses.leaf import LeafTest, Recheck

__all__ = ["FAMILIES", "LEAVES", "RECHECKS", "rechecks"]

#: Every family, in the order the condition union lists their tests.
FAMILIES = (events, parties, places, requests, conflict, gravity, chains, government)

#: Every leaf test by its ``test:`` name.
LEAVES: dict[str, LeafTest] = {leaf.name: leaf for family in FAMILIES for leaf in family.TESTS}


def rechecks(leaves: Iterable[LeafTest]) -> dict[str, Recheck]:
    """Every fact predicate the tests cite, with its one re-check.

    Raises:
        ValueError: two tests re-check the same fact with different functions.
    """
    out: dict[str, Recheck] = {}
    for leaf in leaves:
        for fact, check in leaf.recheck.items():
            if out.setdefault(fact, check) is not check:
                raise ValueError(f"two tests re-check the fact {fact!r} differently")
    return out


#: The re-check of every fact predicate a leaf test cites.
RECHECKS = rechecks(LEAVES.values())
