"""Run a scenario: every event, every treaty, every clause, every candidate.

For each event the world is read as of the event's date: which treaties are
in force, who their parties are.  Candidates are every party of each treaty
in force plus every actor the user asked about, so that "why is Chad not
bound?" always has an answer.  The result is deterministic: everything is
sorted by stable keys, whatever the order of the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterable, Iterator, Mapping

from sahel_sim.clauses.checks import Check, Fact
from sahel_sim.collector import paused
from sahel_sim.engine.evaluate import Situation
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.clauses.families.conflict import first_strikes
from sahel_sim.clauses.perspective import CharacterisationRule
from sahel_sim.engine.characterise import characterise, perspective_rules
from sahel_sim.engine.clause_eval import PartyEntries, party_check, clause_ref, judge_clause
from sahel_sim.engine.query import Query
from sahel_sim.engine.findings import Basis, ClauseRef, EventResult, NonObligation, Obligation, SimulationResult
from sahel_sim.clauses.status import DUTY_STATUSES, Status
from sahel_sim.graph import queries as q
from sahel_sim.graph.compiled import CompiledTreaty, CompiledWorld
from sahel_sim.model.events import Event

__all__ = ["DEFAULT_PERSPECTIVE", "Run", "evaluate_event", "run_events"]

DEFAULT_PERSPECTIVE = "literal"


@dataclass(frozen=True, slots=True)
class Run:
    """One run's values, worked out once and shared by every event it judges.

    Build it with :meth:`start`; a cascade round or a probe event takes a
    copy with :func:`dataclasses.replace` (a longer history, other asked actors).
    """

    world: CompiledWorld
    perspective: str
    rules: tuple[CharacterisationRule, ...]  # the reading's rules, its chain resolved
    history: tuple[Event, ...]
    strikes: Mapping[tuple[str, str], Event] = field(default_factory=dict)  # the history's first strikes
    query: Query = Query()
    cascade_round: int = 0  # the round of a cascade the judged events belong to (0: the scenario's own)

    @classmethod
    def start(cls, world: CompiledWorld, perspective: str, history: Iterable[Event],
              query: Query = Query()) -> "Run":
        """Resolve the reading's rules and the history's first strikes once.

        Raises:
            UnknownEntityError: the perspective does not exist.
        """
        history = tuple(history)
        return cls(world, perspective, perspective_rules(world.world, perspective), history,
                   first_strikes(history), query)

    @classmethod
    def of(cls, world: CompiledWorld, events: Iterable[Event], *, perspective: str = DEFAULT_PERSPECTIVE,
           query: Query = Query(), as_of: date | None = None) -> "Run":
        """The run of :func:`run_events`: events moved to ``as_of``, asked actors the world does not know left out."""
        history = tuple(e.on(as_of) if as_of else e for e in events)
        known = frozenset(a for a in query.asked if q.has_actor(world.G, a))
        return cls.start(world, perspective, history, replace(query, asked=known))

    def results(self) -> Iterator[EventResult]:
        """Each event of the history judged, in date and id order, as it is asked for.

        A report written event by event reads them one at a time; ``run_events`` keeps them all.
        """
        for event in sorted(self.history, key=lambda e: (e.date, e.id)):
            yield evaluate_event(self, event)


@paused()  # every event's findings stay alive in the result: no garbage to look for meanwhile
def run_events(
    world: CompiledWorld,
    events: Iterable[Event],
    *,
    name: str = "scenario",
    perspective: str = DEFAULT_PERSPECTIVE,
    query: Query = Query(),
    as_of: date | None = None,
) -> SimulationResult:
    """Evaluate every event and return the findings, sorted by date and id.

    Asked actors the world does not know are left out (``simulate`` refuses
    them first, with one message).
    """
    run = Run.of(world, events, perspective=perspective, query=query, as_of=as_of)
    return SimulationResult(name, perspective, tuple(run.results()))


def evaluate_event(run: Run, event: Event) -> EventResult:
    """All findings for one event of ``run`` (``event`` need not be in its history: a probe)."""
    world, asked = run.world, run.query.asked
    G = world.G
    ch = characterise(world, event, run.perspective, rules=run.rules)
    base = Situation(G, event, ch, history=run.history, strikes=run.strikes, treaties=world.models)
    tied = frozenset(world.index.treaties_of(event.target, event.date))
    treaties = world.treaties if run.query.non_obligations or asked else world.relevant_to(tied)
    if run.query.treaties is not None:
        treaties = tuple(t for t in treaties if t.treaty.id in run.query.treaties)
    found: list[Obligation | NonObligation] = []
    for treaty in treaties:
        found += _judge_treaty(run, base, treaty)
    positive = sorted((f for f in found if isinstance(f, Obligation)), key=Obligation.key)
    non = sorted((f for f in found if isinstance(f, NonObligation)), key=NonObligation.key)
    organisations = frozenset(a for a in asked if q.actor(G, a).kind.value == "organisation")
    return EventResult(event, ch, tuple(o for o in positive if o.status in DUTY_STATUSES), tuple(non), tied, asked,
                       permissions=tuple(o for o in positive if o.status == Status.may_act),
                       breaches=tuple(o for o in positive if o.status == Status.in_breach),
                       organisations=organisations)


def _judge_treaty(run: Run, base: Situation, compiled: CompiledTreaty) -> list[Obligation | NonObligation]:
    day, treaty, asked, why_not = base.day, compiled.treaty, run.query.asked, run.query.non_obligations
    among = run.query.among
    if not treaty.in_force_on(day):
        return _not_in_force(treaty, base, sorted(asked if among is None else asked & among)) if why_not else []
    if not compiled.clauses and not asked:
        return []  # nobody to judge, nothing to say
    entries = PartyEntries(q.party_entries(base.G, treaty.id, day))  # read once for every clause
    parties = frozenset(entries.records)
    s = base.under(treaty)
    found: list[Obligation | NonObligation] = []
    if asked:  # the asked actors that are not parties, each told why
        outsiders = sorted(asked - parties - ({treaty.organisation} if treaty.organisation else set()))
        if among is not None:
            outsiders = [who for who in outsiders if who in among]
        ref = clause_ref(treaty, None)
        found = [_not_party(s, ref, who) for who in outsiders]
    candidates = tuple(sorted(parties if among is None else parties & among))
    if among is not None and not candidates and treaty.organisation not in among:
        return found  # nobody this query judges can be bound under the treaty
    for clause in compiled.clauses:
        found += judge_clause(s, treaty, clause, candidates, parties, run.query, run.cascade_round, entries)
    return found


def _not_in_force(treaty: Treaty, s: Situation, asked: list[str]) -> list[NonObligation]:
    """Each asked actor told that the treaty is not in force: the reason is the same for all, built once."""
    if not asked:
        return []
    if treaty.in_force is None:
        text = f"the {treaty.title}'s entry into force is not recorded"
    elif s.day < treaty.in_force:
        text = f"the {treaty.title} is not in force on {s.day} (in force from {treaty.in_force_words()}; signed {treaty.signed})"
    else:
        text = f"the {treaty.title} ceased to be in force {treaty.terminated_words()}"
    fact = Fact("not_in_force", (treaty.id, s.day.isoformat()), text)
    check = Check("treaty_in_force", "the treaty is in force on the event date", False, (fact,), role="builtin")
    rests = () if treaty.confidence.value == "confirmed" else (
        Basis(f"the {treaty.title}'s entry into force ({treaty.in_force or 'not recorded'})",
              treaty.confidence.value, treaty.source or "; ".join(treaty.sources) or None),)
    ref, checks, confidence = clause_ref(treaty, None), (check,), rests[0].confidence if rests else "confirmed"
    return [NonObligation(who, ref, s.event.id, s.day, check, checks, confidence, rests) for who in asked]


def _not_party(s: Situation, ref: ClauseRef, who: str) -> NonObligation:
    """``who``, not among the treaty's parties on the day (read once for the treaty), is not bound by it.

    The check is the one evaluating the party test gives, built from the party entry it does not have.
    """
    check = party_check(s.judging(who, None), who, None)
    return NonObligation(who, ref, s.event.id, s.day, check, (check,))
