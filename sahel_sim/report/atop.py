"""An ATOP-style summary of a treaty: its obligations in the vocabulary of the ATOP project.

The Alliance Treaty Obligations and Provisions project (ATOP, Leeds et al.)
codes alliance treaties by the obligations they create (defense, offense,
neutrality, nonaggression, consultation) and by the conditions those
obligations carry (a location, a specific adversary, non-provocation by the
partner, a request, and so on).  This module reads a clause as written in the
clause language and names it in that vocabulary, so that an encoding can be
set beside the ATOP dataset and compared *by eye*.

It is an approximation, not an ATOP coding: ATOP's coders read whole treaty
texts with rules of their own, and this mapping only looks at the clause's
duty, its parties and its conditions.  The rules are:

- ``assist`` a party that is attacked, against the attackers → **defense**;
  ``refrain`` by the party using force → **nonaggression**; ``refrain`` by
  the other parties (no haven for the attackers) → **neutrality**;
  ``neutrality`` and ``benevolent_neutrality`` → **neutrality**;
  ``consult`` → **consultation**.  Duties ATOP does not code (mediation,
  sanctions, intervention, terrorism, rebellion) are reported as *other*.
- conditions: scope tests on the place (``location_*``) → *location*; tests
  on the attackers → *adversary* (ATOP's *specific adversary* only when
  states are named, which no shipped clause does); a ``struck_first``
  exception → *non-provocation*; ``requested`` → *on request*; ``decided`` →
  *collective decision*; ``consented`` → *consent of the target*;
  ``event_date`` → *period of application*; internal-conflict tests →
  *internal conflict*.
- the strength and means are kept as notes: a discretionary duty leaves the
  means to each party, which ATOP does not code as a condition.

Everything here is pure: a treaty in, plain data out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.treaty import Adversary, Clause, Duty, Means, Obligor, Strength, Treaty

__all__ = ["APPROXIMATION", "ATOP_OBLIGATIONS", "AtopClause", "AtopCondition", "AtopSummary", "atop_fields",
           "clause_conditions", "clause_obligation", "summarise", "summary_row", "SUMMARY_HEADER"]

ATOP_OBLIGATIONS = ("defense", "offense", "neutrality", "nonaggression", "consultation")
APPROXIMATION = ("An approximation in the vocabulary of the Alliance Treaty Obligations and Provisions (ATOP) "
                 "project, derived from this encoding's clauses for comparison by eye with that dataset; "
                 "it is not an ATOP coding.")
SUMMARY_HEADER = ("id", *ATOP_OBLIGATIONS, "defense conditions", "not coded by ATOP")

_LOCATION = (c.LocationInTerritoryOfTest, c.LocationInRegionTest, c.LocationInBoxTest, c.LocationLatitudeTest,
             c.LocationKindTest, c.LocationWithinTest)
_ATTACK_CATEGORIES = frozenset({"armed_attack", "aggression", "attack_on_sovereignty", "attack_on_forces",
                                "attack_on_ship_or_aircraft", "use_of_force", "threat_of_force", "blockade"})
_OTHER_DUTIES = {
    Duty.mediate: "other: mediation",
    Duty.manage_crisis: "other: crisis management",
    Duty.sanction: "other: sanctions",
    Duty.intervene: "other: intervention",
    Duty.combat_terrorism: "other: fight against terrorism",
    Duty.counter_rebellion: "other: counter-rebellion",
    Duty.mobilise: "other: mobilisation",
}


@dataclass(frozen=True, slots=True)
class AtopCondition:
    """One condition of an obligation, with its ATOP-style kind and the clause's words for it."""

    kind: str
    text: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True, slots=True)
class AtopClause:
    """One clause named in ATOP's vocabulary."""

    clause: str
    reference: str
    obligation: str
    conditions: tuple[AtopCondition, ...]
    notes: tuple[str, ...]

    @property
    def conditional(self) -> bool:
        """True when the obligation carries at least one condition."""
        return bool(self.conditions)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"clause": self.clause, "reference": self.reference, "obligation": self.obligation,
                "conditional": self.conditional, "conditions": [x.to_dict() for x in self.conditions],
                "notes": list(self.notes)}


@dataclass(frozen=True, slots=True)
class AtopSummary:
    """A treaty's obligations in ATOP's vocabulary, clause by clause and overall."""

    treaty: str
    name: str
    clauses: tuple[AtopClause, ...]

    def has(self, obligation: str) -> bool:
        """True when some clause creates this ATOP obligation."""
        return any(x.obligation == obligation for x in self.clauses)

    def condition_kinds(self, obligation: str) -> tuple[str, ...]:
        """The kinds of condition that the clauses creating ``obligation`` carry, sorted."""
        return tuple(sorted({k.kind for x in self.clauses if x.obligation == obligation for k in x.conditions}))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: the overall yes/no per obligation, then every clause."""
        return {
            "treaty": self.treaty,
            "name": self.name,
            "approximation": APPROXIMATION,
            "obligations": {o: self.has(o) for o in ATOP_OBLIGATIONS},
            "defense_conditions": list(self.condition_kinds("defense")),
            "other_duties": sorted({x.obligation for x in self.clauses if x.obligation.startswith("other")}),
            "clauses": [x.to_dict() for x in self.clauses],
        }


def clause_obligation(clause: Clause) -> str:
    """The ATOP obligation a clause creates (or ``other: …``).

    Examples:
        >>> from sahel_sim.clauses.treaty import Clause
        >>> clause_obligation(Clause.model_validate({"id": "a", "article": "4", "text": "t", "text_kind": "quote",
        ...     "trigger": {"test": "category", "any_of": ["armed_attack"]}, "obligor": "organisation",
        ...     "duty": "consult", "means": "none", "strength": "consultation"}))
        'consultation'
    """
    if clause.duty is Duty.consult:
        return "consultation"
    if clause.duty is Duty.refrain:
        return "nonaggression" if clause.obligor is Obligor.attacking_parties else "neutrality"
    if clause.duty in (Duty.neutrality, Duty.benevolent_neutrality):
        return "neutrality"
    if clause.duty is Duty.assist:
        if clause.against is Adversary.target:
            return "offense"
        if _about_attacks(clause):
            return "defense"
        return "other: assistance against internal threats"
    return _OTHER_DUTIES.get(clause.duty, f"other: {clause.duty.value}")


def _about_attacks(clause: Clause) -> bool:
    """True when the trigger fires on an attack or threat from outside (not only on internal events)."""
    cats = {x for node in c.walk(clause.trigger) if isinstance(node, c.CategoryTest) for x in node.any_of}
    return not cats or bool(cats & _ATTACK_CATEGORIES)


def _leaves(cond: Any, negated: bool = False) -> list[tuple[Any, bool]]:
    """The leaf tests inside a condition, each with whether it sits under an odd number of ``not``."""
    if isinstance(cond, (c.AllOf, c.AnyOf)):
        return [leaf for part in cond.conditions for leaf in _leaves(part, negated)]
    if isinstance(cond, c.Not):
        return _leaves(cond.condition, not negated)
    return [(cond, negated)]


def _kind(cond: Any) -> str | None:
    """The ATOP-style kind of one top-level condition, from the leaves inside it (None: not a condition).

    A party test that is not negated (the target, or the attacker, is a party)
    is what makes the clause an alliance's: it is not a condition.  Negated on
    the attackers ("the aggressor is not a member") it restricts the adversary.
    """
    leaves = _leaves(cond)
    if any(isinstance(n, _LOCATION) for n, _ in leaves):
        return "location"
    for node, negated in leaves:
        if isinstance(node, c.IsPartyTest) and not negated:
            continue
        if isinstance(node, c.RequestedTest):
            return "on request"
        if isinstance(node, c.DecidedTest):
            return "collective decision"
        if isinstance(node, c.EventDateTest):
            return "period of application"
        if isinstance(node, c.ConsentedTest):
            return "consent of the target"
        if isinstance(node, c.MandatedByTest):
            return "mandate of an organisation"
        if isinstance(node, (c.ExternallySupportedTest, c.PurelyInternalTest)):
            return "internal conflict"
        if isinstance(node, c.StruckFirstTest):
            return "non-provocation"
        if getattr(node, "who", None) == "attackers" and isinstance(node, (c.IsPartyTest, c.MemberOfTest,
                                                                             c.ActorKindTest)):
            return "adversary"
        if isinstance(node, c.AttributeTest):
            return "other"
    return None


def clause_conditions(clause: Clause) -> tuple[AtopCondition, ...]:
    """The conditions of a clause in ATOP's terms: its conditions, trigger refinements and exceptions.

    The trigger's categories define what the obligation is about (an armed
    attack, terrorism) and are not listed; the target being a party is what
    makes it an alliance and is not listed either.
    """
    out: list[AtopCondition] = []
    trigger_parts = clause.trigger.conditions if isinstance(clause.trigger, c.AllOf) else (clause.trigger,)
    for cond in (*trigger_parts, *clause.conditions):
        kind = _kind(cond)
        if kind is not None:
            out.append(AtopCondition(kind, cond.describe()))
    for exc in clause.exceptions:
        kind = "non-provocation" if any(isinstance(n, c.StruckFirstTest) for n in c.walk(exc.when)) else "exception"
        out.append(AtopCondition(kind, "unless " + exc.describe()))
    return tuple(out)


def _notes(clause: Clause) -> tuple[str, ...]:
    notes = []
    if clause.strength is Strength.discretionary:
        notes.append("discretionary: each party chooses the means it deems necessary (not an unconditional duty)")
    elif clause.strength is Strength.conditional:
        notes.append("conditional: binds only once its request or collective decision is there")
    elif clause.strength is Strength.consultation:
        notes.append("consultation only: no duty to act follows")
    if clause.means is Means.armed_force_with_consent:
        notes.append("no party can be required to use armed force without its consent")
    elif clause.means in (Means.armed_force_included, Means.armed_force_if_necessary):
        notes.append(f"means: {clause.means.value.replace('_', ' ')}")
    if clause.obligor is Obligor.organisation:
        notes.append(f"owed by the parties together, through {clause.organ or 'the organisation'}")
    return tuple(notes)


def summarise(treaty: Treaty) -> AtopSummary:
    """Every clause of a treaty named in ATOP's vocabulary."""
    clauses = tuple(AtopClause(cl.id, cl.reference, clause_obligation(cl), clause_conditions(cl), _notes(cl))
                    for cl in treaty.clauses)
    return AtopSummary(treaty.id, treaty.title, clauses)


def _yes_no(summary: AtopSummary, obligation: str) -> str:
    if not summary.has(obligation):
        return "no"
    kinds = summary.condition_kinds(obligation)
    return "yes (conditional)" if kinds else "yes"


def summary_row(summary: AtopSummary) -> tuple[str, ...]:
    """One row for the list of treaties, in :data:`SUMMARY_HEADER` order."""
    others = sorted({x.obligation.removeprefix("other: ") for x in summary.clauses if x.obligation.startswith("other")})
    return (summary.treaty, *(_yes_no(summary, o) for o in ATOP_OBLIGATIONS),
            ", ".join(summary.condition_kinds("defense")) or "—", ", ".join(others) or "—")


def atop_fields(summary: AtopSummary) -> list[tuple[str, str]]:
    """Label/value pairs for one treaty: the approximation warning, the overall coding, then each clause."""
    fields = [("note", APPROXIMATION)]
    fields += [(o, _yes_no(summary, o)) for o in ATOP_OBLIGATIONS]
    for x in summary.clauses:
        fields.append((f"{x.reference} [{x.clause}]", x.obligation))
        fields += [(f"  {k.kind}", k.text) for k in x.conditions]
        fields += [("  note", n) for n in x.notes]
    return fields
