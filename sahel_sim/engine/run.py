"""Run a scenario: every event, every treaty, every clause, every candidate.

For each event the world is read as of the event's date: which treaties are
in force, who their parties are.  Candidates are every party of each treaty
in force plus every actor the user asked about, so that "why is Chad not
bound?" always has an answer.  The result is deterministic: everything is
sorted by stable keys, whatever the order of the input.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable, Mapping

import networkx as nx

from sahel_sim.clauses.checks import Check, Fact
from sahel_sim.engine.evaluate import Situation, evaluate
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.clauses.families.conflict import first_strikes
from sahel_sim.clauses.perspective import CharacterisationRule
from sahel_sim.engine.characterise import characterise, perspective_rules
from sahel_sim.engine.clause_eval import PARTY_TEST, clause_ref, judge_clause
from sahel_sim.engine.findings import Basis, EventResult, NonObligation, Obligation, SimulationResult
from sahel_sim.clauses.status import DUTY_STATUSES, Status
from sahel_sim.graph import queries as q
from sahel_sim.graph.index import treaty_index
from sahel_sim.model.events import Event
from sahel_sim.world import World

__all__ = ["DEFAULT_PERSPECTIVE", "run_events"]

DEFAULT_PERSPECTIVE = "literal"


def run_events(
    G: nx.MultiDiGraph,
    events: Iterable[Event],
    *,
    name: str = "scenario",
    perspective: str = DEFAULT_PERSPECTIVE,
    asked: Iterable[str] = (),
    as_of: date | None = None,
    negatives: bool = True,
) -> SimulationResult:
    """Evaluate every event and return the findings, sorted by date and id.

    With ``negatives=False`` only obligations are built (no non-obligations),
    and treaties that cannot concern an event are skipped through the index:
    the mode for sweeps and benchmarks, where nobody reads the "why not".
    """
    world: World = G.graph["world"]
    rules = perspective_rules(world, perspective)  # the chain of readings, resolved once per run
    history = tuple(e.on(as_of) if as_of else e for e in events)
    wanted = frozenset(a for a in asked if q.has_actor(G, a))
    ordered = sorted(history, key=lambda e: (e.date, e.id))
    strikes = first_strikes(history)
    results = tuple(evaluate_event(G, e, perspective, history, wanted, negatives, strikes=strikes, rules=rules)
                    for e in ordered)
    return SimulationResult(name, perspective, results)


def evaluate_event(G: nx.MultiDiGraph, event: Event, perspective: str, history: tuple[Event, ...],
                   asked: frozenset[str], negatives: bool = True, *,
                   strikes: Mapping[tuple[str, str], Event] | None = None,
                   rules: tuple[CharacterisationRule, ...] | None = None) -> EventResult:
    """All findings for one event.

    ``strikes`` (the history's first strikes) and ``rules`` (the reading's rules, its chain resolved)
    are computed once per run by the caller; without them they are worked out here.
    """
    ch = characterise(G, event, perspective, rules=rules)
    base = Situation(G, event, ch, history=history, strikes=first_strikes(history) if strikes is None else strikes)
    index = treaty_index(G)
    treaties = index.treaties if negatives or asked else index.relevant(event.target, event.date)
    found: list[Obligation | NonObligation] = []
    for treaty in treaties:
        found += _judge_treaty(G, base, treaty, asked, negatives)
    positive = sorted((f for f in found if isinstance(f, Obligation)), key=Obligation.key)
    non = sorted((f for f in found if isinstance(f, NonObligation)), key=NonObligation.key)
    tied = frozenset(index.treaties_of(event.target, event.date))
    organisations = frozenset(a for a in asked if q.actor(G, a).kind.value == "organisation")
    return EventResult(event, ch, tuple(o for o in positive if o.status in DUTY_STATUSES), tuple(non), tied, asked,
                       permissions=tuple(o for o in positive if o.status == Status.may_act),
                       breaches=tuple(o for o in positive if o.status == Status.in_breach),
                       organisations=organisations)


def _judge_treaty(G: nx.MultiDiGraph, base: Situation, treaty: Treaty,
                  asked: frozenset[str], negatives: bool = True) -> list[Obligation | NonObligation]:
    day = base.day
    if not treaty.in_force_on(day):
        return [_not_in_force(treaty, base, who) for who in sorted(asked)] if negatives else []
    parties = frozenset(q.parties(G, treaty.id, day))
    s = Situation(G, base.event, base.characterisation, treaty, base.history, strikes=base.strikes)
    outsiders = sorted(asked - parties - ({treaty.organisation} if treaty.organisation else set()))
    found: list[Obligation | NonObligation] = [_not_party(s, treaty, who) for who in outsiders]
    candidates = tuple(sorted(parties))
    for clause in treaty.clauses:
        found += judge_clause(s, treaty, clause, candidates, parties, asked, negatives)
    return found


def _not_in_force(treaty: Treaty, s: Situation, who: str) -> NonObligation:
    if treaty.in_force is None:
        text = f"the {treaty.title}'s entry into force is not recorded"
    elif s.day < treaty.in_force:
        text = f"the {treaty.title} is not in force on {s.day} (in force from {treaty.in_force_words()}; signed {treaty.signed})"
    else:
        text = f"the {treaty.title} ceased to be in force on {treaty.terminated}"
    fact = Fact("not_in_force", (treaty.id, s.day.isoformat()), text)
    check = Check("treaty_in_force", "the treaty is in force on the event date", False, (fact,), role="builtin")
    rests = () if treaty.confidence.value == "confirmed" else (
        Basis(f"the {treaty.title}'s entry into force ({treaty.in_force or 'not recorded'})",
              treaty.confidence.value, treaty.source or "; ".join(treaty.sources) or None),)
    return NonObligation(who, clause_ref(treaty, None), s.event.id, s.day, check, (check,),
                         rests[0].confidence if rests else "confirmed", rests)


def _not_party(s: Situation, treaty: Treaty, who: str) -> NonObligation:
    check = evaluate(PARTY_TEST, s.judging(who, None)).as_role("builtin")
    return NonObligation(who, clause_ref(treaty, None), s.event.id, s.day, check, (check,))
