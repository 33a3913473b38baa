"""Judge one clause of one treaty for one event, for every candidate.

The trigger and the conditions that do not mention the obligor are evaluated
once per (clause, event); only the obligor-dependent conditions and the
exceptions run per candidate.  Every candidate ends with either an
:class:`Obligation` carrying all the checks that held, or a
:class:`NonObligation` naming the first check that failed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

from sahel_sim.clauses.checks import Check, Fact
from sahel_sim.clauses.conditions import IsPartyTest, walk
from sahel_sim.clauses.families.chains import borrowed
from sahel_sim.clauses.families.parties import party_fact
from sahel_sim.engine.evaluate import Situation, evaluate
from sahel_sim.clauses.treaty import (NEUTRALITY_DUTIES, Adversary, Beneficiary, Clause, ClauseException, Duty,
                                      Modality, Obligor, PartyStatement, StatementEffect, Treaty)
from sahel_sim.engine.query import Query
from sahel_sim.engine.findings import Basis, ClauseRef, Flag, NonObligation, Obligation
from sahel_sim.clauses.status import PENDING_STATUSES, Status, duty_status
from sahel_sim.graph.compiled import CompiledClause
from sahel_sim.model.base import CONFIDENCE_RANK, Confidence, Sourced, weakest
from sahel_sim.model.memberships import Membership
from sahel_sim.model.events import dated_facts
from sahel_sim.clauses.families.requests import recorded_dates

__all__ = ["PARTY_TEST", "PartyEntries", "clause_ref", "judge_clause", "party_check"]

GUARANTEE = Duty.guarantee.value
PARTY_TEST = IsPartyTest(test="is_party", who="obligor", label="the obligor is a party on the event date")
_PARTY_WORDS = PARTY_TEST.describe()
_CONFIRMED = Confidence.confirmed.value


@dataclass(frozen=True, slots=True)
class _Shared:
    """What a clause's evaluation shares between all candidates."""

    situation: Situation
    ref: ClauseRef
    event_checks: tuple[Check, ...]
    failed: Check | None
    exception: Check | None = None
    grounds: tuple[Basis, ...] = ()
    in_force: Check | None = None
    #: Worked out once per clause and event, the same for every candidate:
    beneficiary_ground: tuple[Basis, ...] = ()  # the beneficiary's party entry, when uncertain
    against: tuple[str, ...] = ()  # whom the duty is against
    rule: str = ""  # the obligor rule's words
    words: tuple[str, str, str, str] = ("", "", "", "")  # duty, means, strength, modality
    borrows: bool = True  # whether the clause borrows another clause's case (clause_applies)
    cascade_round: int = 0  # the cascade round of the event, which its obligations carry
    status: str = ""  # the status of a party bound and not in breach (duty_status of the clause's words)
    kind: str = ""  # the obligor rule's value (each_other_party …), which the obligor check's fact names
    #: Whether judging a candidate reads the situation with the candidate filled in as obligor (a condition or
    #: exception that depends on it, a reservation, a supposed party test); when not, the shared one serves.
    per_candidate: bool = True
    #: :func:`standing` of ``grounds`` alone: a finding's when the candidate adds no uncertain ground.
    standing: tuple[str, tuple[Basis, ...]] = (_CONFIRMED, ())
    #: Whether the treaty has reservations (a limiting one's check may borrow a clause's case).
    reserved: bool = False


class PartyEntries:
    """A treaty's parties on the event date, each with its party entry or membership, read once for the treaty
    (:func:`~sahel_sim.graph.queries.party_entries`); and what a candidate's judgement builds from its entry
    alone (its party check, its entry as a ground), built once for all the treaty's clauses and dates.

    It serves one treaty for one event: the party checks it keeps are under that treaty.
    """

    __slots__ = ("records", "_checks", "_grounds")

    def __init__(self, records: Mapping[str, Any]) -> None:
        self.records = records
        self._checks: dict[str, Check] = {}
        self._grounds: dict[tuple[str, str], tuple[Basis, ...]] = {}

    def get(self, who: str) -> Any | None:
        """``who``'s party entry or membership, if it is a party."""
        return self.records.get(who)

    def party_check(self, s: Situation, who: str) -> Check:
        """:func:`party_check` of ``who`` in ``s`` (the same check for every clause and date of the event: it is
        judged on the event date)."""
        if PARTY_TEST.test in s.supposed:
            return party_check(s, who, self.records.get(who))
        check = self._checks.get(who)
        if check is None:
            check = self._checks[who] = party_check(s, who, self.records.get(who))
        return check

    def ground(self, who: str, role: str) -> tuple[Basis, ...]:
        """``who``'s entry as a ground of a finding where it is in ``role``, when the entry is uncertain."""
        key = (who, role)
        found = self._grounds.get(key)
        if found is None:
            found = self._grounds[key] = _ground_of(self.records.get(who), who, role)
        return found


def clause_ref(treaty: Treaty, clause: Clause | None) -> ClauseRef:
    """The legal reference of a clause (or of the whole treaty when ``clause`` is None)."""
    if clause is None:
        return ClauseRef(treaty.id, treaty.title, None, None, confidence=treaty.confidence.value)
    return ClauseRef(treaty.id, treaty.title, clause.article, clause.id,
                     clause.text, clause.text_kind.value, clause.confidence.value, clause.reference)


def judge_clause(base: Situation, treaty: Treaty, clause: CompiledClause, candidates: tuple[str, ...],
                 parties: frozenset[str], query: Query, cascade_round: int,
                 entries: PartyEntries) -> list[Obligation | NonObligation]:
    """Obligations and non-obligations of every candidate under ``clause`` (the ones ``query`` asks for).

    ``cascade_round``: the round of a cascade the event belongs to, which its obligations carry.
    ``entries``: each party on the event date with its party entry or membership
    (:func:`~sahel_sim.graph.queries.party_entries`), read once for the treaty.

    A scenario is a history: requests, decisions, invocations and
    determinations dated after the event count from their own date.  The
    clause is judged on the event date, then again on each later date such a
    fact comes; a candidate's duty binds from the first date it holds
    (``binding_from``), and a candidate never bound is reported with the
    reason of the last judgement, when every recorded fact counts.  A fact
    dated later never takes away a duty that held earlier: it does not count
    on the earlier date.

    When the organisation itself owes the duty, member states are judged only
    if asked about: "the duty falls on ECOWAS, not on Benin" for every member
    would bury the findings that matter.
    """
    found = _judge_on(base, treaty, clause, candidates, parties, query, cascade_round, entries)
    later = dated_facts(base.event)
    if clause.tests & _RECORDABLE:
        later = tuple(sorted(set(later) | set(recorded_dates(base, _organisations(clause.clause)))))
    if later:
        best: dict[str, Obligation | NonObligation] = {_who(f): f for f in found}
        for day in later:
            if all(isinstance(f, Obligation) for f in best.values()) and best:
                break
            for f in _judge_on(base.by(day), treaty, clause, candidates, parties, query, cascade_round, entries):
                if not isinstance(best.get(_who(f)), Obligation):
                    best[_who(f)] = f
        order = {_who(f): i for i, f in enumerate(found)}
        found = sorted(best.values(), key=lambda f: (order.get(_who(f), len(order)), _who(f)))
    return _pending(base.by(later[-1]) if later else base, treaty, clause, found, parties, query, cascade_round,
                    entries)


#: Tests a decision recorded in the world data can satisfy (:mod:`sahel_sim.model.records`).
_RECORDABLE = frozenset({"decided", "determined"})
#: Tests a party not bound may be waiting for (:data:`~sahel_sim.clauses.status.PENDING_STATUSES`).
_WAITS = frozenset(PENDING_STATUSES)


def _organisations(clause: Clause) -> frozenset[str]:
    """The organisations whose decisions or determinations the clause's trigger and conditions test."""
    return frozenset(x.organisation for root in (clause.trigger, *clause.conditions) for x in walk(root)
                     if x.test in _RECORDABLE)


def _pending(base: Situation, treaty: Treaty, compiled: CompiledClause, found: list[Obligation | NonObligation],
             parties: frozenset[str], query: Query, cascade_round: int,
             entries: PartyEntries) -> list[Obligation | NonObligation]:
    """Tell *within the clause, not invoked* (or *no determination*) apart from *not bound*.

    A party not bound is within the clause when supposing the invocation (or
    the determination) the clause waits for would bind it, every other
    requirement being met; its reason stays the missing invocation, a true
    sentence, and ``within`` records the duty it would then owe.
    """
    clause = compiled.clause
    waits = compiled.tests & _WAITS
    if not waits:
        return found
    missing = [f.party for f in found if isinstance(f, NonObligation) and f.ref.clause == clause.id]
    if not missing:
        return found
    within: dict[str, tuple[str, Obligation]] = {}
    for test in sorted(waits, key=list(PENDING_STATUSES).index):
        pending = tuple(p for p in missing if p not in within)
        supposed = base.supposing(frozenset({test}))
        for f in _judge_on(supposed, treaty, compiled, pending, parties, query, cascade_round, entries):
            if isinstance(f, Obligation) and f.obligor in pending:
                within[f.obligor] = (PENDING_STATUSES[test].value, f)
    return [replace(f, status=within[f.party][0], within=within[f.party][1])
            if isinstance(f, NonObligation) and f.party in within else f for f in found]


def _who(f: Obligation | NonObligation) -> str:
    return f.obligor if isinstance(f, Obligation) else f.party


def _judge_on(base: Situation, treaty: Treaty, compiled: CompiledClause, candidates: tuple[str, ...],
              parties: frozenset[str], query: Query, cascade_round: int,
              entries: PartyEntries) -> list[Obligation | NonObligation]:
    """The judgement of every candidate with the facts dated up to ``base.cutoff``."""
    clause = compiled.clause
    shared = _share(base, treaty, compiled, cascade_round, entries)
    if not query.non_obligations and (shared.failed is not None or shared.exception is not None):
        return []
    pool = candidates
    if clause.obligor is Obligor.organisation and treaty.organisation:
        pool = tuple(sorted((set(candidates) & query.asked) | {treaty.organisation}))
        if query.among is not None:
            pool = tuple(who for who in pool if who in query.among)
    found = [_judge(shared, compiled, who, who in parties, entries) for who in pool]
    if clause.collective:
        found = _collective(shared, clause, parties, found)
    return found if query.non_obligations else [f for f in found if isinstance(f, Obligation)]


def _collective(sh: _Shared, clause: Clause, parties: frozenset[str],
                found: list[Obligation | NonObligation]) -> list[Obligation | NonObligation]:
    """A collective guarantee binds the guarantors only together: it lapses when one of them is the violator.

    The violator's own breach of it stands: only the others' duties lapse.
    """
    e = sh.situation.event
    violators = sorted(parties & set(e.actors))
    if not violators:
        return found
    fact = Fact("collective_lapses", (e.id, *violators),
                f"the guarantee binds the guarantors only together, and {', '.join(violators)}, "
                f"{'one' if len(violators) == 1 else 'some'} of them, carried out {e.id}")
    check = Check("collective", "no guarantor of a collective guarantee is the violator", False, (fact,), role="builtin")
    return [NonObligation(f.obligor, f.ref, f.event, f.date, check, (*f.reasons, check))
            if isinstance(f, Obligation) and f.status != Status.in_breach else f for f in found]


def _beneficiary(s: Situation, treaty: Treaty, clause: Clause) -> str | None:
    if clause.beneficiary is Beneficiary.target:
        return s.event.target
    if clause.beneficiary is Beneficiary.organisation:
        return treaty.organisation
    return None


def _share(base: Situation, treaty: Treaty, compiled: CompiledClause, cascade_round: int,
           entries: PartyEntries) -> _Shared:
    """What every candidate's judgement under the clause shares, worked out once for the clause and event.

    ``entries``: the treaty's parties with their entries on the event date (as for :func:`judge_clause`).
    """
    clause = compiled.clause
    s = base.judging(None, _beneficiary(base, treaty, clause))
    checks = [evaluate(clause.trigger, s).as_role("trigger")]
    if checks[0].holds:
        for cond in compiled.event_level:
            checks.append(evaluate(cond, s))
            if not checks[-1].holds:
                break
    failed = next((ch for ch in checks if not ch.holds), None)
    words = (clause.duty.value, clause.means.value, clause.strength.value, clause.modality.value)
    beneficiary = s.beneficiary  # its party entry, from those read once for the treaty
    beneficiary_ground = () if beneficiary is None else entries.ground(beneficiary, "beneficiary")
    per_candidate = bool(compiled.per_obligor or compiled.obligor_exceptions or treaty.reservations
                         or s.treaty is None or PARTY_TEST.test in s.supposed)
    grounds = _grounds(s, treaty, clause)
    return _Shared(s, clause_ref(treaty, clause), tuple(checks), failed,
                   None if failed is not None else _first_exception(compiled.event_exceptions, s), grounds,
                   _imprecise_in_force(treaty, s), beneficiary_ground,
                   _against(s, clause), _obligor_rule(clause), words, compiled.borrows, cascade_round,
                   duty_status(words[3], words[0], words[2]).value, clause.obligor.value, per_candidate,
                   standing(grounds), bool(treaty.reservations))


def _basis(fact: str, record: Sourced | None) -> tuple[Basis, ...]:
    """The fact as a basis when its record is less than confirmed (confirmed facts are not listed)."""
    if record is None or record.confidence is Confidence.confirmed:
        return ()
    return (Basis(fact, record.confidence.value, record.source),)


def _grounds(s: Situation, treaty: Treaty, clause: Clause) -> tuple[Basis, ...]:
    """What every finding under the clause rests on: the treaty in force, the clause's text, the event."""
    out: tuple[Basis, ...] = ()
    if treaty.confidence is not Confidence.confirmed:  # confirmed facts are not listed: no words to build
        when = f"from {treaty.in_force_words()}" if treaty.in_force else "entry into force not recorded"
        src = treaty.source or ("; ".join(treaty.sources) if treaty.sources else None)
        out = (Basis(f"the {treaty.title} is in force ({when})", treaty.confidence.value, src),)
    if clause.confidence is not Confidence.confirmed:
        out += _basis(f"{treaty.title} {clause.reference} ({clause.text_kind.value})", clause)
    if s.event.confidence is not Confidence.confirmed:
        out += _basis(f"the event {s.event.id} as described", s.event)
    return out


def _borrowed_grounds(s: Situation, checks: list[Check], borrows: bool = True) -> tuple[Basis, ...]:
    """The uncertain texts of the clauses whose case the finding's checks borrow (``clause_applies``).

    ``borrows=False``: the clause borrows no other clause (known when compiled); only a reservation's
    condition could then borrow one.
    """
    if not borrows and not any(ch.role == "reservation" for ch in checks):
        return ()
    facts = [f for ch in checks for x in ch.walk() for f in x.facts]
    out: list[Basis] = []
    for treaty, clause in borrowed(facts, s.treaties.__getitem__):
        out += _basis(f"{treaty.title} {clause.reference} ({clause.text_kind.value}), whose case is borrowed", clause)
    return tuple(out)


def _borrowed(sh: _Shared, s: Situation, checks: list[Check]) -> tuple[Basis, ...]:
    """:func:`_borrowed_grounds` of a finding under the clause ``sh`` shares (none when nothing can borrow)."""
    return _borrowed_grounds(s, checks, sh.borrows) if sh.borrows or sh.reserved else ()


def _ground_of(record: Sourced | None, who: str, role: str) -> tuple[Basis, ...]:
    """``who``'s party entry or membership ``record`` as a ground of the finding, when it is uncertain."""
    if record is None or record.confidence is Confidence.confirmed:  # confirmed entries are not listed
        return ()
    org = record.of if isinstance(record, Membership) else None
    what = f"{who} ({role}) is a member of {org} since {record.since}" if org else \
        f"{who} ({role}) is a party since {record.since}"
    return _basis(what, record)


def standing(grounds: tuple[Basis, ...]) -> tuple[str, tuple[Basis, ...]]:
    """A finding's confidence (the weakest of its grounds) and its grounds, without repeats."""
    if not grounds:
        return _CONFIRMED, ()
    unique = tuple(dict.fromkeys(grounds))
    return weakest(b.confidence for b in unique).value, unique


def _standing_with(first: tuple[str, tuple[Basis, ...]], more: tuple[Basis, ...]) -> tuple[str, tuple[Basis, ...]]:
    """``standing(grounds + more)`` from ``first``, which is ``standing(grounds)`` (worked out once per clause)."""
    if not more:
        return first
    confidence, unique = first
    if len(more) == 1:  # the common case (a candidate's uncertain entry): no set of grounds to build
        b = more[0]
        if b in unique:
            return first
        return (b.confidence if CONFIDENCE_RANK[b.confidence] < CONFIDENCE_RANK[confidence] else confidence), unique + more
    added = tuple(b for b in dict.fromkeys(more) if b not in unique)
    if not added:
        return first
    return weakest((confidence, *(b.confidence for b in added))).value, unique + added


def _imprecise_in_force(treaty: Treaty, s: Situation) -> Check | None:
    """A built-in note when the event falls in the month (or year) the treaty entered into force.

    The data knows only that month, so whether the treaty was already in force
    on the event date is an assumption the finding must show.
    """
    if not treaty.in_force_uncertain_on(s.day):
        return None
    fact = Fact("in_force_imprecise", (treaty.id, s.day.isoformat()),
                f"the {treaty.title} entered into force in {treaty.in_force_words()}, so whether it was "
                f"in force on {s.day} is not known")
    return Check("treaty_in_force", "the treaty is in force on the event date (assumed)", True, (fact,), role="builtin")


def _first_exception(exceptions: tuple[ClauseException, ...], s: Situation) -> Check | None:
    """The first of ``exceptions`` that holds in ``s``, as the exception's check, if any.

    A compiled clause's ``event_exceptions`` hold whatever the obligor ("the target struck first"); its
    ``obligor_exceptions`` read the obligor, and are asked for each candidate.
    """
    for exc in exceptions:
        hit = evaluate(exc.when, s)
        if hit.holds:
            return hit.as_role("exception")
    return None


def _judge(sh: _Shared, compiled: CompiledClause, who: str, is_party: bool,
           entries: PartyEntries) -> Obligation | NonObligation:
    clause = compiled.clause
    # The candidate filled in as obligor only when a check reads it (what else is read is the same): when the
    # clause fails whatever the obligor, only a supposed party test reads it.
    s = sh.situation
    if sh.per_candidate and (sh.failed is None or PARTY_TEST.test in s.supposed):
        s = s.judging(who, s.beneficiary)
    ground = entries.ground(who, "candidate")  # its party entry (or membership), when uncertain
    checks: list[Check] = []
    if sh.in_force is not None:
        checks.append(sh.in_force)
    if clause.obligor is not Obligor.organisation:
        checks.append(entries.party_check(s, who))
        if not is_party:
            return _not(sh, s, who, checks[-1], checks, ground)
    if sh.failed is not None:
        return _not(sh, s, who, sh.failed, [*checks, *sh.event_checks], ground)
    checks += sh.event_checks
    checks.append(_obligor_check(s, clause, who, sh.rule, sh.kind))
    # A party pledged to neutrality that takes part in the attack, or a guarantor acting against the party it
    # guarantees, passes the obligor check: it is judged on, and is in breach if the pledge binds it (its
    # conditions hold, no exception lifts it, it is neither suspended nor limited by a reservation).
    # ... unless the duty would be owed to itself: then it binds nobody, and nobody breaches it.
    owes_itself = _owes_itself(s, clause, who)
    neutral = not owes_itself and sh.words[0] in NEUTRALITY_DUTIES and _takes_part(s, who)
    violates = neutral or (not owes_itself and sh.words[0] == GUARANTEE and who in s.event.actors)
    if neutral:
        checks[-1] = _takes_part_check(sh, s, who)
    elif violates:
        checks[-1] = _violates_guarantee(s, who)
    for cond in compiled.per_obligor:
        if not checks[-1].holds:
            break
        checks.append(evaluate(cond, s))
    if not checks[-1].holds:
        return _not(sh, s, who, checks[-1], checks, ground)
    if sh.exception is not None:
        return _not(sh, s, who, sh.exception, [*checks, sh.exception], ground)
    hit = _first_exception(compiled.obligor_exceptions, s)
    if hit is not None:
        return _not(sh, s, who, hit, [*checks, hit], ground)
    treaty = s.treaty
    if treaty is not None:
        suspended = _suspension(s, treaty, who) if treaty.suspensions else None
        if suspended is not None:
            return _not(sh, s, who, suspended, [*checks, suspended], ground)
        flags = []
        for r in treaty.reservations:
            if r.party != who or not r.concerns(clause.id, s.day):
                continue
            if r.effect is StatementEffect.limit and r.condition is not None:
                limit = _limit(s, r, evaluate(r.condition, s))
                checks.append(limit)
                if not limit.holds:
                    return _not(sh, s, who, limit, checks, ground)
            else:
                flags.append(Flag(who, r.kind.value, r.text, r.text_kind.value, r.source, r.confidence.value))
        return _obligation(sh, s, compiled, who, checks, entries, breached=violates, flags=tuple(flags))
    return _obligation(sh, s, compiled, who, checks, entries, breached=violates)


def _suspension(s: Situation, treaty: Treaty, who: str) -> Check | None:
    """A built-in check that fails when ``who`` suspended its obligations towards the beneficiary on the date."""
    for x in treaty.suspensions:
        if x.party == who and x.towards == s.beneficiary and x.active_on(s.day):
            until = f" until {x.until}" if x.until else ""
            text = (f"{who} suspended its obligations under the {treaty.title} towards {x.towards} "
                    f"from {x.since}{until}" + (f" ({x.text})" if x.text else ""))
            fact = Fact("suspended", (who, x.towards, treaty.id, s.day.isoformat()), text)
            return Check("suspension", "the obligor has not suspended its obligations towards the beneficiary",
                         False, (fact,), role="builtin")
    return None


def _limit(s: Situation, r: PartyStatement, inner: Check) -> Check:
    """The check of a party's limiting reservation: its condition, with the reservation's words."""
    word = f"{r.party}'s {r.kind.value}"
    fact = Fact("statement", (r.party, r.kind.value, s.treaty.id if s.treaty else ""),
                f"{word} ({r.text_kind.value}): {r.text}" + (f" [{r.source}]" if r.source else ""))
    return Check("reservation", f"{word}: {inner.text}", inner.holds, (fact,), (inner,), role="reservation")


def party_check(s: Situation, who: str, record: Sourced | None) -> Check:
    """The built-in check that the candidate is a party on the event date, from its entry ``record`` (or none).

    The same check as evaluating :data:`PARTY_TEST`, without looking the entry up again.
    """
    if s.treaty is None or PARTY_TEST.test in s.supposed:
        return evaluate(PARTY_TEST, s).as_role("builtin")
    fact = party_fact(who, s.treaty.id, s.treaty.title, s.day, record)
    return Check(PARTY_TEST.test, _PARTY_WORDS, record is not None, (fact,), role="builtin")


def _not(sh: _Shared, s: Situation, who: str, reason: Check, checks: list[Check],
         ground: tuple[Basis, ...]) -> NonObligation:
    """``ground``: the candidate's party entry, when it is uncertain."""
    confidence, rests_on = _standing_with(sh.standing, ground + _borrowed(sh, s, checks))
    return NonObligation(who, sh.ref, s.event.id, s.day, reason, tuple(checks), confidence, rests_on)


def _takes_part(s: Situation, who: str) -> bool:
    return who in s.event.actors or who in s.event.external_support


def _violates_guarantee(s: Situation, who: str) -> Check:
    """The built-in check of a guarantor that is itself one of the actors against the party it guarantees."""
    e = s.event
    fact = Fact("guarantor_acts_against", (who, e.id, s.beneficiary or ""),
                f"{who} is a guarantor of {s.beneficiary} and itself one of the actors of {e.id}")
    return Check("breaches_guarantee", "the guarantor acts against the party it guarantees", True, (fact,),
                 role="builtin")


def _takes_part_check(sh: _Shared, s: Situation, who: str) -> Check:
    """The built-in check of a party pledged to neutrality that takes part in the attack (or supports it)."""
    role = "one of the actors of" if who in s.event.actors else "a supporter of the actors of"
    fact = Fact("takes_part", (who, s.event.id), f"{who} is {role} {s.event.id}, which its pledge of "
                f"{sh.words[0].replace('_', ' ')} forbids")
    return Check("breaches_neutrality", "the party pledged to neutrality takes part in the attack", True,
                 (fact,), role="builtin")


def _against(s: Situation, clause: Clause) -> tuple[str, ...]:
    """Whom the clause's duty is against, for this event."""
    e = s.event
    if clause.against is Adversary.attackers:
        return tuple(e.actors)
    if clause.against is Adversary.target:
        return (e.target,)
    if clause.against is Adversary.external_supporters:
        return tuple(e.external_support)
    if clause.against is Adversary.attackers_and_supporters:
        return (*e.actors, *(x for x in e.external_support if x not in e.actors))
    return ()


def _obligation(sh: _Shared, s: Situation, compiled: CompiledClause, who: str, checks: list[Check],
                entries: PartyEntries, breached: bool = False, flags: tuple[Flag, ...] = ()) -> Obligation:
    """``entries``: the treaty's party entries (the obligor's is a ground when it is uncertain)."""
    duty, means, strength, modality = sh.words
    breached = breached or (compiled.clause.modality is Modality.prohibition and who in s.event.actors)
    against = tuple(a for a in sh.against if a != who) if breached else sh.against  # never against itself
    confidence, rests_on = _standing_with(sh.standing, entries.ground(who, "obligor")
                                          + sh.beneficiary_ground + _borrowed(sh, s, checks))
    return Obligation(
        obligor=who,
        beneficiary=s.beneficiary,
        against=against,
        duty=duty,
        means=means,
        strength=strength,
        ref=sh.ref,
        event=s.event.id,
        date=s.day,
        reasons=tuple(checks),
        modality=modality,
        status=Status.in_breach.value if breached else sh.status,
        confidence=confidence,
        rests_on=rests_on,
        binding_from=s.cutoff,
        flags=flags,
        round=sh.cascade_round,
    )


#: The obligor rules that can name the beneficiary itself (the organisation, the target): the candidate is then
#: not bound, since nobody owes a duty to itself (``each_other_party`` leaves the beneficiary out by its words).
SELF_OWED = (Obligor.organisation, Obligor.target)


def _owes_itself(s: Situation, clause: Clause, who: str) -> bool:
    """The clause's obligor rule names its beneficiary, and ``who`` is it."""
    return clause.obligor in SELF_OWED and who == s.beneficiary


def _obligor_rule(clause: Clause) -> str:
    """The words of the clause's obligor rule (the built-in check's text)."""
    supporters = " or a supporter" if clause.exclude_supporters else ""
    return {
        Obligor.each_other_party: f"the obligor is a party other than the beneficiary, and not an attacker{supporters}",
        Obligor.each_party: f"the obligor is a party that is not an attacker{supporters}",
        Obligor.attacking_parties: "the obligor is a party that carried out the event",
        Obligor.organisation: "the obligor is the organisation itself",
        Obligor.target: "the obligor is the target itself",
    }[clause.obligor]


def _obligor_check(s: Situation, clause: Clause, who: str, rule: str, value: str) -> Check:
    """Built-in: is this candidate the one the clause binds (and not bound against itself)?

    ``rule``: the rule's words (:func:`_obligor_rule`); ``value``: ``clause.obligor.value``, both read once per clause.
    """
    e = s.event
    kind = clause.obligor
    if kind is Obligor.attacking_parties:
        holds, text = who in e.actors, f"{who} is {'one' if who in e.actors else 'not one'} of the actors of {e.id}"
    elif kind is Obligor.organisation:
        org = s.treaty.organisation if s.treaty else None
        organ = f" ({clause.organ})" if clause.organ else ""
        holds, text = who == org, f"the duty falls on {org}{organ}" + ("" if who == org else f", not on {who}")
    elif kind is Obligor.target:
        holds, text = who == e.target, f"the duty falls on the target {e.target}"
    else:
        holds, text = _other_party(s, clause, who)
    if holds and _owes_itself(s, clause, who):
        holds, text = False, f"{who} is the beneficiary (nobody owes a duty to itself)"
    return Check("obligor_role", rule, holds, (Fact("obligor_role", (who, value), text),), role="builtin")


def _other_party(s: Situation, clause: Clause, who: str) -> tuple[bool, str]:
    if who in s.event.actors:
        return False, f"{who} is itself one of the actors of {s.event.id}"
    if clause.exclude_supporters and who in s.event.external_support:
        return False, f"{who} supports the actors of {s.event.id}, and the clause leaves supporters out"
    if clause.obligor is Obligor.each_other_party and who == s.beneficiary:
        return False, f"{who} is the beneficiary (nobody is bound to assist itself)"
    return True, f"{who} is neither the beneficiary nor an actor of {s.event.id}"
