"""Static checks of one treaty's clauses, from the clause data and the readings alone.

Each check is decided with the logic of :mod:`sahel_sim.verify._logic`: a
clause that *cannot* fire, an exception that holds *whenever* its rule
applies, are proved, not guessed.  The other checks (a duty owed to
oneself, two clauses at odds, a mutual clause applied one way only) are
only screened here: the screen says which clauses *could* show the problem,
and the dynamic search then looks for a scenario that does.

The checks know the clauses' modalities (and a prohibition that binds only
the actors of the event firing it, so that it only ever reports breaches).  A permission binds nobody, so it
never contradicts a duty; a prohibition binds a party not to act, so it
never yields a duty to act (its only clash is with a duty to use force
against the actor it protects) and refraining from force against oneself is
no duty owed to oneself.  A permission to use force against an actor that a
prohibition of the same treaty forbids the same party to use force against,
for the same event, is screened here and proved *always* forbidden when the
prohibition holds whenever the permission does (and none of its exceptions
can hold then): that permission can never be used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.treaty import Adversary, Beneficiary, Clause, Duty, Modality, Obligor, Treaty
from sahel_sim.model.events import EventKind
from sahel_sim.testing import KINDS
from sahel_sim.world import World
from sahel_sim.verify._logic import Compiler, Formula, all_of, any_of, atom, negate, satisfiable

__all__ = ["ClauseFacts", "Pair", "analyse", "contradiction_pairs", "hopeless_limits", "permission_pairs", "SUPPORT",
           "OPPOSE", "FORCE"]

#: Duties that take the beneficiary's side, and duties directed against the adversaries.
SUPPORT = frozenset({Duty.assist, Duty.intervene, Duty.counter_rebellion, Duty.combat_terrorism, Duty.manage_crisis})
OPPOSE = SUPPORT | {Duty.sanction}
#: Means that allow armed force (a duty to refrain from force is at odds with them).
FORCE = frozenset({"armed_force_included", "armed_force_if_necessary"})


@dataclass(frozen=True)
class ClauseFacts:
    """What the static analysis proved or screened for one clause."""

    clause: Clause
    can_fire: bool
    unknown_categories: tuple[str, ...] = ()
    silent_categories: tuple[str, ...] = ()
    swallowed_by: tuple[int, ...] = ()
    swallowed_jointly: bool = False
    self_beneficiary: bool = False
    self_adversary: bool = False
    kinds: tuple[EventKind, ...] = ()
    """Kinds of event for which the clause can fire (where a search should look)."""
    breached_by_trigger: bool = False
    """A prohibition whose obligor is, by the engine's built-in check, one of the actors of the event
    that fires it: whenever it applies, its obligor is in breach of it."""


@dataclass(frozen=True)
class Pair:
    """Two clauses (possibly one) that may bind the same party for and against the same actor."""

    first: Clause
    second: Clause
    kind: str  # "support_vs_oppose", "force_vs_refrain" or "permission_vs_prohibition"
    kinds: tuple[EventKind, ...] = ()
    always: bool = False
    """For a permission and a prohibition: proved that the prohibition binds whenever the permission holds."""


def _org_can_be_party(treaty: Treaty, world: World) -> bool:
    org = treaty.organisation
    if org is None:
        return False
    if treaty.parties.organisation:
        return any(m.member == org and m.of == treaty.parties.organisation for m in world.memberships)
    return any(p.party == org for p in treaty.parties.members)


def _categories(clause: Clause) -> list[str]:
    return [cat for x in c.walk(clause.trigger) if isinstance(x, c.CategoryTest) for cat in x.any_of]


def analyse(treaty: Treaty, world: World) -> dict[str, ClauseFacts]:
    """Static facts about every clause of ``treaty`` read in ``world`` (its categories and perspectives)."""
    comp = Compiler(world, treaty)
    known = {cat.id for cat in world.categories}
    given = {cat for p in world.perspectives for r in p.rules for cat in r.add}
    out: dict[str, ClauseFacts] = {}
    for clause in treaty.clauses:
        fires = comp.clause_fires(clause)

        def sat(*extra: Formula, _fires: Formula = fires) -> bool:
            f = all_of([_fires, *extra])
            return satisfiable(all_of([f, comp.axioms(f)]), comp.domains)

        can_fire = sat()
        cats = _categories(clause)
        unknown = tuple(sorted({x for x in cats if x not in known}))
        silent = tuple(sorted({x for x in cats if x in known and x not in given}))
        if not can_fire:
            out[clause.id] = ClauseFacts(clause, False, unknown, silent)
            continue
        kinds = tuple(k for k in KINDS if sat(atom("kind", {k.value})))
        exceptions = [comp.exception(clause, i) for i in range(len(clause.exceptions))]
        alone = tuple(i for i, e in enumerate(exceptions) if not sat(negate(e)))
        jointly = bool(exceptions) and not alone and not sat(negate(any_of(exceptions)))
        out[clause.id] = ClauseFacts(clause, True, unknown, silent, alone, jointly,
                                     _self_beneficiary(clause, treaty, world, comp, sat),
                                     _self_adversary(clause, treaty, comp, sat), kinds, _breached_by_trigger(clause))
    return out


def _breached_by_trigger(clause: Clause) -> bool:
    """Whether every party the clause reaches is in breach of it (proved from the engine's rules).

    A prohibition's obligor that is an actor of the event is in breach; an
    ``attacking_parties`` obligor is one of the actors by the built-in obligor
    check, so such a prohibition, whenever it applies, applies to a breach.
    """
    return clause.modality is Modality.prohibition and clause.obligor is Obligor.attacking_parties


def _target_is(comp: Compiler, kind: str) -> Formula:
    comp.domains.setdefault("kind:target", frozenset({"state", "organisation", "armed_group"}))
    return atom("kind:target", {kind})


def _target_party(comp: Compiler, treaty: Treaty) -> Formula:
    return comp.party("target", None, "any")  # the compiler's own variable for it


def _self_beneficiary(clause: Clause, treaty: Treaty, world: World, comp: Compiler, sat: Any) -> bool:
    """Could the obligor be the one the duty is owed to?

    Not for a prohibition (refraining from force against oneself is no duty to
    act) nor a permission (a party may act in its own defence).
    """
    o, b = clause.obligor, clause.beneficiary
    if b is Beneficiary.none or clause.modality is not Modality.obligation:
        return False
    if b is Beneficiary.target:
        if o is Obligor.target:
            return True
        if o is Obligor.each_party:
            return sat(_target_party(comp, treaty))
        if o is Obligor.organisation:
            return sat(_target_is(comp, "organisation"))
        return False
    if o is Obligor.organisation:
        return True
    if o is Obligor.target:
        return sat(_target_is(comp, "organisation"))
    return o in (Obligor.each_party, Obligor.each_other_party) and _org_can_be_party(treaty, world)


def _self_adversary(clause: Clause, treaty: Treaty, comp: Compiler, sat: Any) -> bool:
    """Could the duty be directed against the obligor itself?"""
    o, a = clause.obligor, clause.against
    if a is Adversary.attackers:
        if o is Obligor.attacking_parties:
            return True
        if o is Obligor.organisation:
            comp.domains.setdefault("kinds:attackers", frozenset())
            return sat(comp.kind_of("attackers", ["organisation"], "any"))
        return False
    if a is Adversary.target:
        if o is Obligor.target:
            return True
        if o is Obligor.organisation:
            return sat(_target_is(comp, "organisation"))
        if o is Obligor.each_party or (o is Obligor.each_other_party and clause.beneficiary is not Beneficiary.target):
            return sat(_target_party(comp, treaty))
    return False


def _roles(clause: Clause) -> tuple[str | None, str | None, str | None]:
    """(supported, opposed, protected) roles of a clause's duty."""
    ben = clause.beneficiary.value if clause.beneficiary is not Beneficiary.none else None
    adv = clause.against.value if clause.against is not Adversary.none else None
    supported = ben if clause.duty in SUPPORT else None
    opposed = adv if clause.duty in OPPOSE else None
    protected = ben if clause.duty is Duty.refrain else None
    return supported, opposed, protected


_SAME_ACTOR = {("target", "target"), ("organisation", "organisation"), ("organisation", "target"),
               ("target", "organisation"), ("organisation", "attackers"), ("attackers", "organisation"),
               ("attackers", "attackers")}


def _same_obligor_possible(a: Clause, b: Clause) -> bool:
    """Can one actor be the obligor of both clauses for the same event?"""
    kinds = {a.obligor, b.obligor}
    parties = {Obligor.each_party, Obligor.each_other_party}
    if Obligor.attacking_parties in kinds and kinds & parties:
        return False  # parties judged under each_(other_)party are never attackers
    if kinds == {Obligor.attacking_parties, Obligor.target}:
        return False  # the target is never one of the attackers
    for x, y in ((a, b), (b, a)):
        if x.obligor is Obligor.each_other_party and y.obligor is Obligor.target and x.beneficiary is Beneficiary.target:
            return False
    return True


def contradiction_pairs(treaty: Treaty, world: World, facts: dict[str, ClauseFacts]) -> list[Pair]:
    """Pairs of clauses that could bind one party to support an actor and to act (or refrain) against it."""
    comp = Compiler(world, treaty)
    live = [cl for cl in treaty.clauses if facts[cl.id].can_fire and cl.modality is not Modality.permission]
    out = []
    for i, a in enumerate(live):
        for b in live[i:]:
            for x, y in ((a, b), (b, a)) if a is not b else ((a, a),):
                kind = _clash(x, y)
                if not kind or not _same_obligor_possible(x, y):
                    continue
                both = all_of([comp.clause_fires(x), comp.clause_fires(y)])
                both = all_of([both, comp.axioms(both)])
                kinds = tuple(k for k in KINDS if satisfiable(all_of([both, atom("kind", {k.value})]), comp.domains))
                if kinds:
                    out.append(Pair(x, y, kind, kinds))
    return out


def _clash(x: Clause, y: Clause) -> str | None:
    supported, _, _ = _roles(x)
    forced = x.against.value if x.duty in OPPOSE and x.means.value in FORCE and x.against is not Adversary.none else None
    _, opposed, protected = _roles(y)
    if supported and opposed and (supported, opposed) in _SAME_ACTOR:
        return "support_vs_oppose"
    if forced and protected and (forced, protected) in _SAME_ACTOR:
        return "force_vs_refrain"
    return None


def permission_pairs(treaty: Treaty, world: World, facts: dict[str, ClauseFacts]) -> list[Pair]:
    """Permissions to use force against an actor that a prohibition of the treaty may forbid the same party.

    Each pair is a permission and a prohibition that can hold together for one
    party and one event, the permission's adversary being the actor the
    prohibition protects; ``always`` when the prohibition is proved to bind
    whenever the permission holds.
    """
    comp = Compiler(world, treaty)
    live = [cl for cl in treaty.clauses if facts[cl.id].can_fire]
    out = []
    for p in (cl for cl in live if cl.modality is Modality.permission and _forceful(cl)):
        for r in (cl for cl in live if cl.modality is Modality.prohibition):
            if (p.against.value, r.beneficiary.value) not in _SAME_ACTOR or not _same_obligor_possible(p, r):
                continue
            may, must = comp.clause_fires(p), comp.clause_fires(r)
            both = all_of([may, must])
            kinds = tuple(k for k in KINDS if satisfiable(all_of([both, comp.axioms(both), atom("kind", {k.value})]),
                                                          comp.domains))
            if not kinds:
                continue
            escapes = [comp.exception(r, i) for i in range(len(r.exceptions))]
            free = all_of([may, any_of([negate(must), *escapes])])
            out.append(Pair(p, r, "permission_vs_prohibition", kinds,
                            not satisfiable(all_of([free, comp.axioms(free)]), comp.domains)))
    return out


def _forceful(clause: Clause) -> bool:
    """The clause is about using force against an adversary."""
    return clause.against is not Adversary.none and clause.duty in OPPOSE and clause.means.value in FORCE


def hopeless_limits(treaty: Treaty, facts: dict[str, ClauseFacts], world: World) -> list[tuple[int, Clause]]:
    """``(reservation index, clause)`` for each limiting reservation whose condition can never hold with that clause.

    A ``limit`` keeps its party bound only while its condition holds; proved
    unsatisfiable together with the clause's trigger and conditions, the party
    is never bound under the clause, whatever the events.
    """
    comp = Compiler(world, treaty)
    out = []
    for i, r in enumerate(treaty.reservations):
        if r.condition is None:
            continue
        for clause in treaty.clauses:
            if r.clauses and clause.id not in r.clauses or not facts[clause.id].can_fire:
                continue
            f = all_of([comp.clause_fires(clause), comp.compile(r.condition, comp.roles_of(clause, treaty))])
            if not satisfiable(all_of([f, comp.axioms(f)]), comp.domains):
                out.append((i, clause))
    return out
