"""The dynamic half of ``verify``: search for a scenario that shows a problem, then shrink it.

For each problem the static screen allows, Hypothesis draws situations (a
reading and a few events aimed at the treaty, over the verification world),
runs the engine on them, and keeps the first situation that shows the
problem; it then shrinks it to the smallest one that still does (fewest
events, fewest optional facts, the plainest reading).  The engine runs on a
graph holding only the treaty under test and the treaties it names, built
once, so one situation costs a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Sequence

from hypothesis import HealthCheck, Phase, Verbosity, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample, Unsatisfiable

from sahel_sim.clauses.articles import article_label
from sahel_sim.clauses.treaty import Clause, Treaty
from sahel_sim.engine.findings import EventResult, NonObligation, Obligation
from sahel_sim.engine.run import run_events
from sahel_sim.graph import queries as q
from sahel_sim.model.events import Event, EventKind
from sahel_sim.world import World
from sahel_sim.testing import event_lists, mirror_event
from sahel_sim.verify._static import FORCE, OPPOSE, SUPPORT
from sahel_sim.verify._budget import now

__all__ = ["Detail", "Searcher"]

Situation = tuple[str, list[Event]]


@dataclass(frozen=True)
class Detail:
    """A situation that shows a problem, and what it shows."""

    perspective: str
    events: tuple[Event, ...]
    message: str
    shows: dict[str, Any] = field(default_factory=dict)


class Searcher:
    """Runs searches for one treaty over one verification world.

    Args:
        world: the verification world (library, plus a scenario's own data).
        treaty: the treaty under test.
        examples: situations to draw per search before giving up.
    """

    def __init__(self, world: World, treaty: Treaty, examples: int = 200) -> None:
        from sahel_sim.graph import compile_world

        named = {x.treaty for cl in treaty.clauses for x in _leaves(cl) if getattr(x, "treaty", None)}
        kept = tuple(t for t in world.treaties if t.id in named and t.id != treaty.id) + (treaty,)
        self.world = world.model_copy(update={"treaties": kept})
        self.treaty = treaty
        self.compiled = compile_world(self.world)
        self.G = self.compiled.G
        self.perspectives = [p.id for p in world.perspectives] or ["literal"]
        if "literal" in self.perspectives:  # the default reading first: shrinking moves towards it
            self.perspectives.remove("literal")
            self.perspectives.insert(0, "literal")
        self.examples = examples
        self.tried = 0

    # -- running

    def run(self, perspective: str, events: Sequence[Event]) -> tuple[EventResult, ...]:
        """The engine's findings for ``events`` (this treaty only)."""
        return run_events(self.compiled, events, perspective=perspective).events

    def situations(self, single: bool = False, kinds: Sequence[EventKind] = ()) -> st.SearchStrategy[Situation]:
        """A reading and one to three events aimed at the treaty (one only when ``single``).

        ``kinds`` narrows the kinds of event drawn (to those the static analysis
        says can matter); earlier events of a list may still be of any kind.
        """
        evs = event_lists(self.world, [self.treaty], min_size=1, max_size=1 if single else 3, plausible=True,
                          kinds=list(kinds) or None)
        return st.tuples(st.sampled_from(self.perspectives), evs)

    def search(self, detect: Callable[[Situation], Detail | None], *, single: bool = False,
               kinds: Sequence[EventKind] = (), examples: int | None = None) -> Detail | None:
        """The smallest situation ``detect`` reports, or None if none was found."""
        def shows(situation: Situation) -> bool:
            now()  # each situation runs the engine: the deadline is checked every time
            self.tried += 1
            return detect(situation) is not None

        config = settings(max_examples=examples or self.examples, derandomize=True, database=None, deadline=None,
                          phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck),
                          verbosity=Verbosity.quiet)
        try:
            smallest = find(self.situations(single, kinds), shows, settings=config)
        except (NoSuchExample, Unsatisfiable):
            return None
        return detect(smallest)

    # -- what a situation may show

    def _mine(self, results: Sequence[EventResult], clause: Clause) -> list[Obligation]:
        return [o for r in results for o in r.obligations if o.treaty == self.treaty.id and o.ref.clause == clause.id]

    def self_duty(self, clause: Clause) -> Callable[[Situation], Detail | None]:
        """A duty of ``clause`` owed to, or directed against, its own obligor."""
        def detect(s: Situation) -> Detail | None:
            for o in self._mine(self.run(*s), clause):
                if o.obligor == o.beneficiary:
                    return Detail(s[0], tuple(s[1]), f"{o.obligor} owes the duty to {o.duty} to itself ({o.event})",
                                  {"obligation": _key(o)})
                if o.obligor in o.against:
                    return Detail(s[0], tuple(s[1]), f"{o.obligor} owes a duty to {o.duty} directed against itself "
                                  f"({o.event})", {"obligation": _key(o)})
            return None
        return detect

    def contradiction(self, first: Clause, second: Clause, kind: str) -> Callable[[Situation], Detail | None]:
        """One party bound by ``first`` to support an actor and by ``second`` to act (or refrain) against it."""
        def detect(s: Situation) -> Detail | None:
            for r in self.run(*s):
                for a in [o for o in r.obligations if o.treaty == self.treaty.id and o.ref.clause == first.id]:
                    for b in [o for o in r.obligations if o.treaty == self.treaty.id and o.ref.clause == second.id
                              and o.obligor == a.obligor]:
                        text = _clash(a, b, kind)
                        if text:
                            return Detail(s[0], tuple(s[1]), text, {"first": _key(a), "second": _key(b)})
            return None
        return detect

    def forbidden(self, permission: Clause, prohibition: Clause) -> Callable[[Situation], Detail | None]:
        """One party that ``permission`` lets use force against an actor ``prohibition`` forbids it to."""
        def detect(s: Situation) -> Detail | None:
            for r in self.run(*s):
                mine = [o for o in r.permissions if o.treaty == self.treaty.id and o.ref.clause == permission.id]
                for a in mine:
                    for b in r.obligations + r.breaches:
                        if (b.treaty == self.treaty.id and b.ref.clause == prohibition.id and b.obligor == a.obligor
                                and b.beneficiary in a.against):
                            return Detail(s[0], tuple(s[1]),
                                          f"{a.obligor} may {a.duty} against {b.beneficiary} with armed force "
                                          f"({article_label(a.article)}) but must refrain from force against "
                                          f"{b.beneficiary} ({article_label(b.article)}) for {a.event}",
                                          {"first": _key(a), "second": _key(b)})
            return None
        return detect

    def plain_breach(self, clause: Clause, kinds: Sequence[EventKind]) -> Detail | None:
        """The plainest case of a breach of ``clause``: one party's event against another party, tried directly.

        A random search rarely draws an actor that is a party to a small treaty; this tries, in a
        fixed order, the first days on which two parties are both parties, the first few of them and
        the kinds of event that can fire the clause, under the default reading.
        """
        from itertools import permutations

        from sahel_sim.testing import party_windows

        windows = party_windows(self.world, self.treaty, date.min, date.max)
        detect = self.breach(clause)
        for day in sorted({lo for _, lo, _ in windows})[:3]:
            present = sorted({who for who, lo, hi in windows if lo <= day < hi})[:4]
            for actor, target in permutations(present, 2):
                for kind in list(kinds)[:4]:
                    self.tried += 1
                    event = Event.model_validate({"id": "e1", "date": day, "kind": kind.value, "actors": [actor],
                                                  "target": target})
                    found = detect((self.perspectives[0], [event]))
                    if found is not None:
                        return found
        return None

    def breach(self, clause: Clause) -> Callable[[Situation], Detail | None]:
        """A party in breach of ``clause`` (a prohibition) for an event it carried out."""
        def detect(s: Situation) -> Detail | None:
            for r in self.run(*s):
                for b in r.breaches:
                    if b.treaty == self.treaty.id and b.ref.clause == clause.id:
                        return Detail(s[0], tuple(s[1]), f"{b.obligor} carried out {b.event} and is in breach of "
                                      f"{article_label(b.article)}", {"breach": _key(b)})
            return None
        return detect

    def limited(self, clause: Clause, party: str) -> Callable[[Situation], Detail | None]:
        """``party`` not bound under ``clause`` because its limiting reservation's condition fails."""
        def detect(s: Situation) -> Detail | None:
            for r in self.run(*s):
                for n in r.non_obligations:
                    if (n.treaty == self.treaty.id and n.ref.clause == clause.id and n.party == party
                            and n.reason.role == "reservation"):
                        return Detail(s[0], tuple(s[1]), f"{party} is not bound for {n.event}: {n.reason.text}",
                                      {"non_obligation": _nkey(n)})
            return None
        return detect

    def swallowed(self, clause: Clause, index: int | None) -> Callable[[Situation], Detail | None]:
        """The rule applies (trigger and conditions hold) but an exception defeats it."""
        wanted = None if index is None else clause.exceptions[index].when.describe()

        def detect(s: Situation) -> Detail | None:
            for r in self.run(*s):
                for n in r.non_obligations:
                    if (n.treaty == self.treaty.id and n.ref.clause == clause.id and n.reason.role == "exception"
                            and (wanted is None or n.reason.text == wanted)):
                        return Detail(s[0], tuple(s[1]), f"{n.party} is not bound for {n.event}: exception "
                                      f"'{n.reason.text}' holds", {"non_obligation": _nkey(n)})
            return None
        return detect

    def near_miss(self, clause: Clause, triggered: bool) -> Callable[[Situation], Detail | None]:
        """A party judged under the clause (with its trigger holding, if ``triggered``), and not bound."""
        def detect(s: Situation) -> Detail | None:
            for r in self.run(*s):
                for n in r.non_obligations:
                    if n.treaty != self.treaty.id or n.ref.clause != clause.id:
                        continue
                    if triggered and not any(ch.role == "trigger" and ch.holds for ch in n.checks):
                        continue
                    leaf = n.reason.failing_leaf()
                    return Detail(s[0], tuple(s[1]), f"{n.party} is not bound for {n.event}: {leaf.text}",
                                  {"non_obligation": _nkey(n)})
            return None
        return detect

    def fires(self, clause: Clause) -> Callable[[Situation], Detail | None]:
        """Any obligation under the clause."""
        def detect(s: Situation) -> Detail | None:
            found = self._mine(self.run(*s), clause)
            return Detail(s[0], tuple(s[1]), f"{found[0].obligor} is bound for {found[0].event}",
                          {"obligation": _key(found[0])}) if found else None
        return detect

    def asymmetry(self, clause: Clause) -> Callable[[Situation], Detail | None]:
        """A binds itself to B under a mutual clause, but with the roles swapped B is not bound to A."""
        def detect(s: Situation) -> Detail | None:
            perspective, (event, *_) = s[0], s[1]
            for o in self._mine(self.run(perspective, [event]), clause):
                a, b = o.obligor, event.target
                if o.beneficiary != b or not q.is_party(self.G, b, self.treaty.id, event.date):
                    continue
                mirror = mirror_event(self.G, event, a, b, f"{event.id}-mirror")
                if mirror is None:
                    continue
                both = self.run(perspective, [event, mirror])
                still = [x for x in self._mine(both, clause) if _key(x) == _key(o)]
                back = [x for x in self._mine(both, clause)
                        if x.event == mirror.id and x.obligor == b and x.beneficiary == a]
                if still and not back:
                    why = next((n for r in both for n in r.non_obligations if n.event == mirror.id and n.party == b
                                and n.treaty == self.treaty.id and n.ref.clause == clause.id), None)
                    reason = f": {why.reason.failing_leaf().text}" if why else ""
                    return Detail(perspective, (event, mirror),
                                  f"{a} must {o.duty} {b} ({event.id}), but in the mirror case {b} need not "
                                  f"{o.duty} {a} ({mirror.id}){reason}",
                                  {"obligation": _key(o), "missing": {"obligor": b, "beneficiary": a, "event": mirror.id}})
            return None
        return detect


def _leaves(clause: Clause) -> list[Any]:
    from sahel_sim.clauses.conditions import walk

    return [x for cond in (clause.trigger, *clause.conditions, *(e.when for e in clause.exceptions)) for x in walk(cond)]


def _key(o: Obligation) -> dict[str, Any]:
    return {"obligor": o.obligor, "beneficiary": o.beneficiary, "against": list(o.against), "duty": o.duty,
            "clause": o.ref.clause, "article": o.article, "event": o.event}


def _nkey(n: NonObligation) -> dict[str, Any]:
    return {"party": n.party, "clause": n.ref.clause, "article": n.article, "event": n.event, "reason": n.reason.text}


def _clash(a: Obligation, b: Obligation, kind: str) -> str | None:
    """Words for the clash between two duties of one obligor, or None if they do not clash."""
    if kind == "support_vs_oppose" and a.duty in SUPPORT and b.duty in OPPOSE and a.beneficiary in b.against:
        return (f"{a.obligor} must {a.duty} {a.beneficiary} ({article_label(a.article)}) and {b.duty} against "
                f"{a.beneficiary} ({article_label(b.article)}) for {a.event}")
    if (kind == "force_vs_refrain" and a.duty in OPPOSE and a.means in FORCE and b.duty == "refrain"
            and b.beneficiary in a.against):
        return (f"{a.obligor} must {a.duty} against {b.beneficiary} with armed force ({article_label(a.article)}) and "
                f"refrain from force against {b.beneficiary} ({article_label(b.article)}) for {a.event}")
    return None
