"""A condition that borrows another treaty's clause: "in the case provided for by Article N of treaty T".

``{test: clause_applies, treaty: T, clause: id}`` holds when that clause's
trigger and conditions hold for the same event, under treaty T; its
exceptions and its built-in obligor rule are not borrowed.  By default the
roles are the event's own (the same target, attackers and supporters), the
borrowed clause has no candidate obligor (a borrowed condition on the obligor
does not hold) and its beneficiary is the one its own clause names.  The
test is then event-level, and a trigger may use it.

``given_roles`` fills the borrowed clause's roles with roles of the borrowing
clause: ``{obligor: obligor}`` judges it for the candidate being judged here
(so a borrowed condition on the obligor can hold), ``{target: beneficiary}``
reads its target as the beneficiary here.  A test giving the obligor or the
beneficiary runs once per candidate, so it belongs in ``conditions``, not in
a trigger.

A dispute attached to the borrowed clause is inherited: a contested
alternative that changes it is run like any other, so the borrowing finding is
contested when its status changes, and the borrowed clause's uncertain text
is among what the finding rests on.  A loop of such references (A → B → A) is
refused when the world is read, with the loop named.
"""

from __future__ import annotations

from typing import Annotated, Any, Callable, Iterable, Literal

from pydantic import Field

from sahel_sim.clauses.checks import Fact
from sahel_sim.clauses.logic import all_of
from sahel_sim.clauses.leaf import EVENT_ROLES, OBLIGOR_ROLES, ROLE_WORDS, Leaf, LeafTest, Role

__all__ = ["ClauseAppliesTest", "TESTS", "borrowed", "borrowed_by", "clause_loops"]

_TREATY_ID = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]{0,79}$")]


class ClauseAppliesTest(Leaf):
    """Another treaty's clause applies to the same event, with the same roles (a borrowed casus foederis)."""

    test: Literal["clause_applies"]
    treaty: _TREATY_ID
    clause: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]{0,79}$")
    #: The borrowed clause's roles (keys) filled with this clause's roles (values); see the module.
    given_roles: dict[Role, Role] | None = Field(default=None, min_length=1)

    @property
    def roles(self) -> frozenset[str]:
        """The candidate's roles it gives the borrowed clause (then it runs once per candidate)."""
        return frozenset(v for v in (self.given_roles or {}).values() if v in OBLIGOR_ROLES)

    def _words(self) -> str:
        given = "; ".join(f"its {k.replace('_', ' ')} being {ROLE_WORDS[v].replace('an ', 'the ')}"
                          for k, v in sorted((self.given_roles or {}).items()))
        return f"the case of clause {self.clause} (the {self.treaty}) has arisen" + (f" ({given})" if given else "")


def _cast(cond: ClauseAppliesTest, s: Any, other: Any, clause: Any) -> dict[str, tuple[str, ...]]:
    """Who fills each role of the borrowed clause."""
    given = cond.given_roles or {}
    cast = {r: s.role(given.get(r, r)) for r in EVENT_ROLES}
    cast["obligor"] = s.role(given["obligor"]) if "obligor" in given else ()
    if "beneficiary" in given:
        cast["beneficiary"] = s.role(given["beneficiary"])
    else:
        own = clause.beneficiary.value
        org = getattr(other, "organisation", None)
        cast["beneficiary"] = cast["target"] if own == "target" else (org,) if own == "organisation" and org else ()
    return cast


def _applies(cond: ClauseAppliesTest, s: Any) -> tuple[bool, list[Fact]]:
    other = s.treaties[cond.treaty]
    clause = other.clause(cond.clause)
    if clause is None:
        raise LookupError(f"the {cond.treaty} has no clause {cond.clause}")
    cast = _cast(cond, s, other, clause)
    there = s.under(other, cast)
    checks = [there.check(clause.trigger)]
    for part in clause.conditions:
        if not checks[-1].holds:
            break
        checks.append(there.check(part))
    holds = all(ch.holds for ch in checks)
    where = f"the {other.title}'s {clause.reference} ({cond.clause})"
    given = [f"{'/'.join(cast[k]) or 'nobody'} as its {k.replace('_', ' ')}" for k in sorted(cond.given_roles or {})]
    where_for = f"{s.event.id}" + (f", with {' and '.join(given)}" if given else "")
    if holds:
        return True, [Fact("clause_applies", (s.event.id, cond.treaty, cond.clause),
                           f"the case of {where} has arisen for {where_for}")]
    failed = next(ch for ch in checks if not ch.holds).failing_leaf()
    why = "; ".join(f.text for f in failed.facts) or failed.text
    return False, [Fact("clause_does_not_apply", (s.event.id, cond.treaty, cond.clause),
                        f"the case of {where} has not arisen for {where_for}: {failed.text} fails ({why})")]


def _recheck(ctx: Any, args: tuple[str, ...]) -> bool | None:
    return None  # it rests on the borrowed clause's own facts, which its reasons cite


def _encode(x: ClauseAppliesTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    """The borrowed clause's trigger and conditions, compiled in place under its own treaty.

    Its roles are filled as :func:`_cast` fills them: the event's roles (or the
    ones ``given_roles`` names), no obligor unless given, and the beneficiary
    its own clause names.  A free variable when the clause is unknown, inside
    a reading's rule (categories given "so far") or inside a loop.
    """
    other = enc.treaty_of(x.treaty)
    clause = other.clause(x.clause) if other is not None else None
    if clause is None or rule:
        return enc.opaque(x)
    given = x.given_roles or {}
    cast: dict[str, str | None] = {r: roles.get(given.get(r, r)) for r in EVENT_ROLES}
    cast["obligor"] = roles.get(given["obligor"]) if "obligor" in given else None
    if "beneficiary" in given:
        cast["beneficiary"] = roles.get(given["beneficiary"])
    elif clause.beneficiary.value == "target":
        cast["beneficiary"] = cast["target"]
    elif clause.beneficiary.value == "organisation" and other.organisation:
        cast["beneficiary"] = "org" if other.organisation == enc.root.organisation else f"org:{other.organisation}"
    else:
        cast["beneficiary"] = None
    there = enc.borrowing(other, clause, cast)
    if there is None:
        return enc.opaque(x)
    return all_of([there.compile(part, cast, positive, rule) for part in (clause.trigger, *clause.conditions)])


def _draw(draw: Any, ctx: Any) -> dict[str, Any]:
    """A reference to clause ``c1`` of another treaty (drawn treaties number their clauses ``c1``, ``c2`` …).

    Drawn only when asked for by name: two drawn treaties borrowing each other's clause would loop.
    """
    from hypothesis import strategies as st

    out: dict[str, Any] = {"treaty": draw(st.sampled_from(sorted(ctx.treaties) or ["pact-2"])), "clause": "c1"}
    if not ctx.event_level and not ctx.symmetric and ctx.sometimes(draw, 3):
        out["given_roles"] = {"obligor": "obligor"}
    return out


def borrowed(facts: Iterable[Fact], treaty_of: Callable[[str], Any]) -> list[tuple[Any, Any]]:
    """The ``(treaty, clause)`` pairs a finding's facts borrow, directly or through the borrowed clauses.

    ``treaty_of`` looks a treaty up by id (None when unknown).  Loops are
    refused when the world is read; a repeat is listed once.
    """
    return _closure([tuple(f.args[1:3]) for f in facts if f.predicate in ("clause_applies", "clause_does_not_apply")],
                    treaty_of)


def borrowed_by(treaty: Any, treaty_of: Callable[[str], Any]) -> list[tuple[Any, Any]]:
    """The ``(treaty, clause)`` pairs the clauses of ``treaty`` borrow, directly or through the borrowed clauses.

    Examples:
        >>> from types import SimpleNamespace
        >>> borrowed_by(SimpleNamespace(clauses=()), lambda tid: None)
        []
    """
    return _closure(_references(treaty.clauses), treaty_of)


def _references(clauses: Iterable[Any]) -> list[tuple[str, str]]:
    """The ``(treaty, clause)`` ids the triggers and conditions of ``clauses`` borrow."""
    from sahel_sim.clauses.conditions import walk

    return [(x.treaty, x.clause) for cl in clauses for root in (cl.trigger, *cl.conditions) for x in walk(root)
            if isinstance(x, ClauseAppliesTest)]


def _closure(todo: list[Any], treaty_of: Callable[[str], Any]) -> list[tuple[Any, Any]]:
    seen: dict[tuple[str, str], tuple[Any, Any]] = {}
    while todo:
        tid, cid = todo.pop(0)
        treaty = treaty_of(tid)
        clause = treaty.clause(cid) if treaty is not None else None
        if clause is None or (tid, cid) in seen:
            continue
        seen[(tid, cid)] = (treaty, clause)
        todo += _references([clause])
    return list(seen.values())


def clause_loops(treaties: Iterable[Any]) -> list[list[str]]:
    """Loops of ``clause_applies`` references, each as ``[treaty:clause, …, first again]``.

    Examples:
        >>> clause_loops([])
        []
    """
    import networkx as nx

    G = nx.DiGraph()
    for t in treaties:
        for cl in t.clauses:
            for tid, cid in _references([cl]):
                G.add_edge(f"{t.id}:{cl.id}", f"{tid}:{cid}")
    loops = []
    for cycle in sorted(nx.simple_cycles(G), key=lambda c: (len(c), c)):
        start = cycle.index(min(cycle))
        ordered = cycle[start:] + cycle[:start]
        loops.append(ordered + [ordered[0]])
    return loops[:5]


TESTS = (LeafTest(ClauseAppliesTest, _applies, {"clause_applies": _recheck, "clause_does_not_apply": _recheck},
                  _encode, _draw),)
