"""Conflicting duties: one actor bound to do what it is bound not to do.

Two kinds are found, both from the clause data alone:

* **assist vs refrain**: an actor bound to assist A with armed force against
  B, where carrying the duty out (the response event a cascade would create)
  would itself be a breach of a prohibition binding that actor, e.g. a
  non-aggression clause binding both;
* **both sides**: an actor bound to assist A against B and, for the same
  event, to assist B.

Each conflict carries both obligations, and so both clauses and their reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping

from sahel_sim.clauses.treaty import Modality
from sahel_sim.engine.cascade import is_armed_assistance, response_event
from sahel_sim.engine.findings import EventResult, Obligation
from sahel_sim.engine.precedence import Precedence, prevailing
from sahel_sim.engine.query import Query
from sahel_sim.engine.run import Run, evaluate_event
from sahel_sim.graph.compiled import CompiledWorld
from sahel_sim.model.events import Event

__all__ = ["Conflict", "ConflictSearch", "find_conflicts"]


@dataclass(frozen=True, slots=True)
class Conflict:
    """``actor`` owes ``first`` and ``second``, which cannot both be kept."""

    actor: str
    kind: str
    event: str
    first: Obligation
    second: Obligation
    explanation: str
    precedence: Precedence | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (both obligations in full, with their reasons, and which prevails)."""
        return {"actor": self.actor, "kind": self.kind, "event": self.event, "explanation": self.explanation,
                "precedence": self.precedence.to_dict() if self.precedence else None,
                "first": self.first.to_dict(), "second": self.second.to_dict()}


def _ref(o: Obligation) -> str:
    return f"{o.ref.treaty_name} {o.ref.reference or 'Art. ' + str(o.article)}"


def find_conflicts(world: CompiledWorld, results: Iterable[EventResult], perspective: str,
                   history: tuple[Event, ...]) -> tuple[Conflict, ...]:
    """Every conflict of duties among the obligations of ``results``."""
    search = ConflictSearch(world, perspective, history)
    for r in results:
        search.add(r)
    return search.found()


class ConflictSearch:
    """Conflicts of duties gathered event by event, for results judged (and written) one at a time.

    ``add`` looks for the conflicts within one event's result at once and
    keeps only its duties to assist (which meet across events, on one date);
    ``found`` gives every conflict, in the order of :func:`find_conflicts`.
    """

    def __init__(self, world: CompiledWorld, perspective: str, history: tuple[Event, ...]) -> None:
        # a response never strikes first: its strikes stay the history's
        self._run = Run.start(world, perspective, history)
        self._refraining = refraining(world)
        self._found: list[Conflict] = []
        self._assists: dict[tuple[str, object], list[Obligation]] = {}

    def add(self, r: EventResult) -> None:
        """Take in one event's result."""
        if self._refraining:  # no treaty forbids anything: carrying out a duty breaches none
            self._found += _assist_vs_refrain(self._run, r, self._refraining)
        for o in r.obligations:
            if o.duty == "assist" and o.beneficiary:
                self._assists.setdefault((o.obligor, o.date), []).append(o)

    def found(self) -> tuple[Conflict, ...]:
        """Every conflict among the results taken in so far, sorted."""
        found = self._found + _both_sides(self._assists, self._run.world)
        return tuple(sorted(found, key=lambda c: (c.event, c.actor, c.kind, c.first.key(), c.second.key())))


def refraining(world: CompiledWorld) -> frozenset[str]:
    """Ids of the treaties with a prohibition clause: the only ones a duty carried out can breach.

    A probe judges those alone: each treaty is judged on its own, so their breaches are the ones a probe
    judging every treaty finds.
    """
    return frozenset(t.treaty.id for t in world.treaties
                     if any(c.clause.modality is Modality.prohibition for c in t.clauses))


def _assist_vs_refrain(run: Run, r: EventResult, treaties: frozenset[str]) -> list[Conflict]:
    """``treaties``: :func:`refraining` of the run's world."""
    out = []
    for o in r.obligations:
        if not is_armed_assistance(o):
            continue
        for adversary in o.against:
            response = response_event(o, adversary, r.event)
            asked = frozenset({o.obligor})
            probe = replace(run, history=run.history + (response,),
                            query=Query(asked, among=asked, treaties=treaties))
            judged = evaluate_event(probe, response)
            for duty in judged.breaches:
                if duty.obligor == o.obligor and duty.modality == "prohibition":
                    ranked = prevailing(run.world, o.obligor, o, duty, adversary)
                    text = (f"{o.obligor} must assist {o.beneficiary} against {adversary} ({_ref(o)}), "
                            f"but doing so would breach its duty to refrain from force against "
                            f"{duty.beneficiary} ({_ref(duty)}); {ranked.reasoning}")
                    out.append(Conflict(o.obligor, "assist_vs_refrain", r.event.id, o, duty, text, ranked))
    return out


def _both_sides(by_actor: Mapping[tuple[str, object], list[Obligation]], world: CompiledWorld) -> list[Conflict]:
    """Duties of one actor, on one date, to assist A against B and to assist B (any events).

    ``by_actor`` holds the duties to assist someone, by obligor and date.
    """
    out = []
    for duties in by_actor.values():
        for o in duties:
            for other in duties:
                if other is not o and other.beneficiary in o.against and other.beneficiary != o.obligor:
                    ranked = prevailing(world, o.obligor, o, other, None)
                    text = (f"{o.obligor} must assist {o.beneficiary} against {other.beneficiary} ({_ref(o)}), "
                            f"and must assist {other.beneficiary} ({_ref(other)}); {ranked.reasoning}")
                    out.append(Conflict(o.obligor, "both_sides", o.event, o, other, text, ranked))
    return out
