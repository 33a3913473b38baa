"""Cascades: duties to assist with armed force, carried out, become new events.

Each obligation to assist with armed force whose obligor complies becomes a
response event: the obligor against each of the original attackers, at the
place of the original event, on the same date (or after a lag).  Responses
are judged again, round after round, until nothing new happens or the bound
is reached.

An actor enters a given conflict against a given adversary once: a response
that repeats an (actor, adversary, conflict) engagement adds no event.  The
cascade is therefore bounded by the number of actor pairs, not by the number
of paths, and it always ends on a fixpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any, Iterable

from sahel_sim.collector import paused
from sahel_sim.engine.findings import EventResult, Obligation
from sahel_sim.engine.query import Query
from sahel_sim.engine.run import Run, evaluate_event
from sahel_sim.graph.compiled import CompiledWorld
from sahel_sim.model.events import Event, EventKind

__all__ = ["CascadeResult", "CascadeRound", "Response", "is_armed_assistance", "response_event", "run_cascade"]

ARMED_MEANS = frozenset({"armed_force_included", "armed_force_if_necessary"})
Engagement = tuple[str, str, str]


def is_armed_assistance(o: Obligation) -> bool:
    """True for a duty to assist that allows armed force and names adversaries."""
    return o.duty == "assist" and o.means in ARMED_MEANS and bool(o.against)


def response_event(o: Obligation, adversary: str, cause: Event, lag_days: int = 0) -> Event:
    """The event of ``o.obligor`` carrying out its duty against ``adversary``.

    Built with ``model_construct`` from values that are already valid (ids and
    dates of validated records): this is the hot path of a cascade.
    """
    return Event.model_construct(
        id=f"{_short(cause.id)}>{o.obligor}-{adversary}",
        date=o.date + timedelta(days=lag_days),
        kind=EventKind.military_intervention,
        actors=(o.obligor,),
        target=adversary,
        location=cause.place,
        response_to=cause.id,
        conflict=cause.root,
        description=f"{o.obligor} assists {o.beneficiary or 'its ally'} against {adversary} "
                    f"({o.ref.treaty_name} {o.ref.reference or o.article})",
        confidence=cause.confidence,
    )


def _short(ident: str, room: int = 120) -> str:
    """An id prefix short enough that a response id stays within the id length limit."""
    if len(ident) <= room:
        return ident
    import hashlib

    return ident[: room - 9] + "." + hashlib.sha1(ident.encode()).hexdigest()[:8]


@dataclass(frozen=True, slots=True)
class Response:
    """A response event and the obligation that produced it."""

    event: Event
    cause: Obligation


@dataclass(frozen=True, slots=True)
class CascadeRound:
    """One round: the events judged in it and what they concluded."""

    number: int
    results: tuple[EventResult, ...]
    responses: tuple[Response, ...]
    new_treaties: tuple[str, ...]
    declined: tuple[Obligation, ...] = ()

    def drawn_in(self) -> tuple[str, ...]:
        """Actors whose response events this round holds."""
        return tuple(sorted({r.event.actors[0] for r in self.responses}))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "round": self.number,
            "events": [r.event.id for r in self.results],
            "responses": [{"event": r.event.id, "actor": r.event.actors[0], "against": r.event.target,
                           "caused_by": {"obligor": r.cause.obligor, "treaty": r.cause.treaty,
                                         "article": r.cause.article, "event": r.cause.event}}
                          for r in self.responses],
            "drawn_in": list(self.drawn_in()),
            "new_treaties": list(self.new_treaties),
            "declined": [{"obligor": o.obligor, "treaty": o.treaty, "article": o.article, "event": o.event}
                         for o in self.declined],
        }


@dataclass(frozen=True, slots=True)
class CascadeResult:
    """Every round of a cascade, and whether it ended on a fixpoint."""

    rounds: tuple[CascadeRound, ...]
    fixpoint: bool

    @property
    def results(self) -> tuple[EventResult, ...]:
        """Every event judged, round by round."""
        return tuple(r for rnd in self.rounds for r in rnd.results)

    def drawn_in_by(self, k: int) -> tuple[str, ...]:
        """Actors drawn in by responses up to and including round ``k``."""
        return tuple(sorted({a for rnd in self.rounds[: k + 1] for a in rnd.drawn_in()}))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"fixpoint": self.fixpoint, "rounds": [r.to_dict() for r in self.rounds]}


@paused()  # every round's findings stay alive in the result: no garbage to look for meanwhile
def run_cascade(world: CompiledWorld, events: Iterable[Event], *, perspective: str, rounds: int,
                non_compliant: Iterable[str] = (), lag_days: int = 0, query: Query = Query()) -> CascadeResult:
    """Judge ``events``, then their responses, for at most ``rounds`` rounds after the first."""
    history = tuple(sorted(events, key=lambda e: (e.date, e.id)))
    refusing = frozenset(non_compliant)
    engaged = _engagements(history)
    current = history
    seen_treaties: set[str] = set()
    done: list[CascadeRound] = []
    responses: tuple[Response, ...] = ()
    run = Run.start(world, perspective, history, query)  # responses never strike first: one run for every round
    for number in range(rounds + 1):
        run = replace(run, cascade_round=number)  # the round's obligations carry its number
        results = tuple(evaluate_event(run, e) for e in current)
        treaties = {o.treaty for r in results for o in r.obligations + r.breaches}
        new_treaties = tuple(sorted(treaties - seen_treaties))
        seen_treaties |= treaties
        last = number == rounds
        nxt, declined = _responses(results, {e.id: e for e in current}, engaged, refusing, lag_days, probe=last)
        done.append(CascadeRound(number, results, responses, new_treaties, declined))
        if not nxt:
            return CascadeResult(tuple(done), fixpoint=True)
        if last:
            break
        responses = tuple(nxt)
        current = tuple(r.event for r in nxt)
        run = replace(run, history=run.history + current)
    return CascadeResult(tuple(done), fixpoint=False)


def _engagements(events: Iterable[Event]) -> set[Engagement]:
    """(actor, adversary, conflict) triples the events already represent."""
    return {(a, e.target, e.root) for e in events for a in e.actors}


def _responses(results: tuple[EventResult, ...], by_id: dict[str, Event], engaged: set[Engagement],
               refusing: frozenset[str], lag_days: int,
               probe: bool = False) -> tuple[list[Response], tuple[Obligation, ...]]:
    """The responses the results call for, and the duties declined.

    With ``probe`` (the last round) no event is built: one placeholder says
    that the cascade would go on, which is all the caller needs to know.
    """
    out: list[Response] = []
    declined: list[Obligation] = []
    placeholder: tuple[Event, Obligation] | None = None  # with probe: the last response found, built once at the end
    for r in results:
        for o in r.obligations:
            if not is_armed_assistance(o):
                continue
            if o.obligor in refusing:
                declined.append(o)
                continue
            cause = by_id[o.event]
            for adversary in o.against:
                key = (o.obligor, adversary, cause.root)
                if key in engaged or adversary == o.obligor:
                    continue
                if probe:
                    placeholder = (cause, o)
                    continue
                engaged.add(key)
                out.append(Response(response_event(o, adversary, cause, lag_days), o))
    if placeholder is not None:
        out = [Response(*placeholder)]
    return out, tuple(declined)
