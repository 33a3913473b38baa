"""Evaluate conditions against a situation, leaving a :class:`Check` for each.

Each leaf test has one small pure predicate, kept with the rest of its test
in its family (:mod:`sahel_sim.clauses.families`).  The predicate reads the
:class:`Situation` (the world graph and its queries, the event, the roles,
the history) and returns whether the condition holds together with the
facts that decided it; this module combines them (``all_of``, ``any_of``,
``not``) and builds the checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, ClassVar, Iterable, Mapping

import networkx as nx

from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.families import LEAVES
from sahel_sim.clauses.families.conflict import first_strikes
from sahel_sim.clauses.checks import Check
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.graph import queries
from sahel_sim.model.events import Event

__all__ = ["Characterisation", "Situation", "evaluate", "holds"]


@dataclass(frozen=True, slots=True)
class Characterisation:
    """The legal categories of one event under one perspective, with the rules that gave them."""

    perspective: str
    categories: frozenset[str]
    because: dict[str, str] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Situation:
    """Everything a condition may look at: world, event, treaty, roles and history."""

    G: nx.MultiDiGraph
    event: Event
    characterisation: Characterisation
    treaty: Treaty | None = None
    history: tuple[Event, ...] = ()
    obligor: str | None = None
    beneficiary: str | None = None
    #: The history's first strikes (:func:`~sahel_sim.clauses.families.conflict.first_strikes`), computed once
    #: per run by the caller; None: computed from ``history`` when a test asks.
    strikes: Mapping[tuple[str, str], Event] | None = None
    until: date | None = None
    #: Roles filled otherwise than by the event and the candidate: ``((role, actors), …)`` (a borrowed
    #: clause judged with the roles its borrower gives, :mod:`~sahel_sim.clauses.families.chains`).
    cast: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Tests supposed to hold (``invoked``, ``determined``): to tell whether a party not bound is within
    #: the clause but for the invocation or determination it needs.  Empty in every real judgement.
    supposed: frozenset[str] = frozenset()
    #: Every treaty of the world by id (:attr:`~sahel_sim.graph.compiled.CompiledWorld.models`), for a test
    #: that reads another treaty than :attr:`treaty` (its name, or a clause whose case it borrows).
    treaties: Mapping[str, Treaty] = field(default_factory=dict)

    #: The graph's query functions, which the predicates call as ``s.q.holder(s.G, place, day)``.
    q: ClassVar[Any] = queries

    @property
    def day(self) -> date:
        """The event date, which decides who is a party."""
        return self.event.date

    @property
    def cutoff(self) -> date:
        """The last day whose requests, decisions, invocations and determinations count (the event date by default).

        A scenario is a history: a fact dated after the event counts from its
        own date, so the engine judges a clause again on each such date.
        """
        return self.until or self.event.date

    def counts(self, fact_date: date | None) -> bool:
        """Whether a dated fact of the event counts by the cutoff (an undated one counts from the event date)."""
        return (fact_date or self.event.date) <= self.cutoff

    def later(self, dates: Iterable[date | None]) -> str:
        """`` on or before D (…)`` when some matching fact comes only after the cutoff, else nothing."""
        after = sorted({d for d in dates if d is not None and d > self.cutoff})
        if not after:
            return ""
        return f" on or before {self.cutoff} (one dated {after[0]} counts from that date)"

    def role(self, name: str) -> tuple[str, ...]:
        """The actors filling a role (empty when the role is unfilled)."""
        for role, actors in self.cast:
            if role == name:
                return actors
        if name == "obligor":
            return (self.obligor,) if self.obligor is not None else ()
        if name == "target":
            return (self.event.target,) if self.event.target is not None else ()
        if name == "beneficiary":
            return (self.beneficiary,) if self.beneficiary is not None else ()
        if name == "attackers":
            return tuple(self.event.actors)
        if name == "external_supporters":
            return tuple(self.event.external_support)
        raise KeyError(name)

    def first_strikes(self) -> Mapping[tuple[str, str], Event]:
        """The earliest original event of each (actor, target) pair in the history."""
        return self.strikes if self.strikes is not None else first_strikes(self.history)

    def judging(self, obligor: str | None, beneficiary: str | None) -> "Situation":
        """The same situation with the candidate obligor and beneficiary filled in.

        Built field by field rather than with :func:`dataclasses.replace`: it runs for every candidate,
        and ``replace`` walks the fields by name each time (a test checks that every other field is kept).
        """
        return Situation(self.G, self.event, self.characterisation, self.treaty, self.history, obligor, beneficiary,
                         self.strikes, self.until, self.cast, self.supposed, self.treaties)

    def check(self, condition: Any) -> Check:
        """Evaluate a condition here (for a test that borrows another clause)."""
        return evaluate(condition, self)

    def under(self, treaty: Treaty, cast: Mapping[str, tuple[str, ...]] | None = None) -> "Situation":
        """The same event and dates judged under another treaty.

        Without ``cast`` the roles stay as they are; with it, exactly the roles
        it names are filled (with those actors), and every other role is the
        event's own (the candidate and beneficiary unfilled unless named).
        """
        if cast is None:  # once per treaty and event: field by field, as judging
            return Situation(self.G, self.event, self.characterisation, treaty, self.history, self.obligor,
                             self.beneficiary, self.strikes, self.until, self.cast, self.supposed, self.treaties)
        roles = tuple(sorted(cast.items()))
        one = {r: (a[0] if len(a) == 1 else None) for r, a in roles if r in ("obligor", "beneficiary")}
        return replace(self, treaty=treaty, obligor=one.get("obligor"), beneficiary=one.get("beneficiary"), cast=roles)

    def by(self, until: date | None) -> "Situation":
        """The same situation judged with the facts dated up to ``until``."""
        return replace(self, until=until)

    def supposing(self, tests: frozenset[str]) -> "Situation":
        """The same situation with ``tests`` supposed to hold (a hypothesis, never a finding's reason)."""
        return replace(self, supposed=tests)


def evaluate(condition: Any, s: Situation) -> Check:
    """Evaluate a condition (leaf or combinator) and return its check."""
    test = condition.test
    if test == "all_of":
        return _combine(condition, s, stop_on=False)
    if test == "any_of":
        return _combine(condition, s, stop_on=True)
    if test == "not":
        inner = evaluate(condition.condition, s)
        return Check("not", condition.describe(), not inner.holds, (), (inner,))
    if test in s.supposed:
        return Check(test, condition.describe(), True)
    holds, facts = LEAVES[test].holds(condition, s)
    return Check(test, condition.describe(), holds, tuple(facts))


def _combine(condition: c.AllOf | c.AnyOf, s: Situation, *, stop_on: bool) -> Check:
    """all_of stops at the first failure, any_of at the first success."""
    children = []
    for part in condition.conditions:
        check = evaluate(part, s)
        children.append(check)
        if check.holds is stop_on:
            break
    holds = children[-1].holds if stop_on else all(ch.holds for ch in children)
    return Check(condition.test, condition.describe(), holds, (), tuple(children))


def holds(condition: Any, s: Situation) -> bool:
    """``evaluate(condition, s).holds``, without building the checks and their words.

    For a caller that keeps only the answer (a characterisation rule): the same predicates run in the same
    order and stop where :func:`evaluate` stops (all_of at the first failure, any_of at the first success).
    """
    test = condition.test
    if test == "all_of":
        return all(holds(part, s) for part in condition.conditions)
    if test == "any_of":
        return any(holds(part, s) for part in condition.conditions)
    if test == "not":
        return not holds(condition.condition, s)
    if test in s.supposed:
        return True
    return LEAVES[test].holds(condition, s)[0]
