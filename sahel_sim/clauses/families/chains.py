"""A condition that borrows another treaty's clause: "in the case provided for by Article N of treaty T".

``{test: clause_applies, treaty: T, clause: id}`` holds when that clause's
trigger and conditions hold for the same event, with the same target and
attackers, under treaty T; its exceptions are not borrowed.  The test is
event-level (a trigger may use it), so the borrowed clause is judged without
a candidate obligor: a borrowed condition on the obligor does not hold.  A loop of such references (A → B → A) is
refused when the world is read, with the loop named.
"""

from __future__ import annotations

from typing import Annotated, Any, Iterable, Literal

from pydantic import Field

from sahel_sim.clauses.checks import Fact
from sahel_sim.clauses.leaf import Leaf, LeafTest

__all__ = ["ClauseAppliesTest", "TESTS", "clause_loops"]

_TREATY_ID = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]{0,79}$")]


class ClauseAppliesTest(Leaf):
    """Another treaty's clause applies to the same event, with the same roles (a borrowed casus foederis)."""

    test: Literal["clause_applies"]
    treaty: _TREATY_ID
    clause: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]{0,79}$")

    def _words(self) -> str:
        return f"the case of the {self.treaty}'s clause {self.clause} has arisen"


def _applies(cond: ClauseAppliesTest, s: Any) -> tuple[bool, list[Fact]]:
    other = s.q.treaty(s.G, cond.treaty)
    clause = other.clause(cond.clause)
    if clause is None:
        raise LookupError(f"the {cond.treaty} has no clause {cond.clause}")
    there = s.under(other)
    checks = [there.check(clause.trigger)]
    for part in clause.conditions:
        if not checks[-1].holds:
            break
        checks.append(there.check(part))
    holds = all(ch.holds for ch in checks)
    where = f"the {other.title}'s {clause.reference} ({cond.clause})"
    if holds:
        return True, [Fact("clause_applies", (s.event.id, cond.treaty, cond.clause),
                           f"the case of {where} has arisen for {s.event.id}")]
    failed = next(ch for ch in checks if not ch.holds).failing_leaf()
    why = "; ".join(f.text for f in failed.facts) or failed.text
    return False, [Fact("clause_does_not_apply", (s.event.id, cond.treaty, cond.clause),
                        f"the case of {where} has not arisen for {s.event.id}: {failed.text} fails ({why})")]


def _recheck(ctx: Any, args: tuple[str, ...]) -> bool | None:
    return None  # it rests on the borrowed clause's own facts, which its reasons cite


def _encode(x: ClauseAppliesTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    return enc.opaque(x)


def _draw(draw: Any, ctx: Any) -> dict[str, Any]:
    """A reference to clause ``c1`` of another treaty (drawn treaties number their clauses ``c1``, ``c2`` …).

    Drawn only when asked for by name: two drawn treaties borrowing each other's clause would loop.
    """
    from hypothesis import strategies as st

    return {"treaty": draw(st.sampled_from(sorted(ctx.treaties) or ["pact-2"])), "clause": "c1"}


def clause_loops(treaties: Iterable[Any]) -> list[list[str]]:
    """Loops of ``clause_applies`` references, each as ``[treaty:clause, …, first again]``.

    Examples:
        >>> clause_loops([])
        []
    """
    import networkx as nx

    from sahel_sim.clauses.conditions import walk

    G = nx.DiGraph()
    for t in treaties:
        for cl in t.clauses:
            for root in (cl.trigger, *cl.conditions):
                for x in walk(root):
                    if isinstance(x, ClauseAppliesTest):
                        G.add_edge(f"{t.id}:{cl.id}", f"{x.treaty}:{x.clause}")
    loops = []
    for cycle in sorted(nx.simple_cycles(G), key=lambda c: (len(c), c)):
        start = cycle.index(min(cycle))
        ordered = cycle[start:] + cycle[:start]
        loops.append(ordered + [ordered[0]])
    return loops[:5]


TESTS = (LeafTest(ClauseAppliesTest, _applies, {"clause_applies": _recheck, "clause_does_not_apply": _recheck},
                  _encode, _draw),)
