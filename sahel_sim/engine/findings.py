"""What the engine concludes: obligations, non-obligations, per-event results.

Findings are plain frozen dataclasses (cheap to build in bulk) that carry
their reasons as :class:`~sahel_sim.clauses.checks.Check` trees.  ``to_dict``
gives the JSON shape the command line prints; nothing here renders text for
people, which is the report layer's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sahel_sim.clauses.articles import article_label
from sahel_sim.clauses.checks import Check
from sahel_sim.engine.evaluate import Characterisation
from sahel_sim.model.events import Event

__all__ = ["Basis", "ClauseRef", "EventResult", "Flag", "NonObligation", "Obligation", "OtherReading", "SimulationResult",
           "informativeness"]


@dataclass(frozen=True, slots=True)
class Basis:
    """One uncertain fact a finding rests on: the fact in words, how sure it is, and where it comes from."""

    fact: str
    confidence: str
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"fact": self.fact, "confidence": self.confidence, "source": self.source}


@dataclass(frozen=True, slots=True)
class OtherReading:
    """The status of a finding under a competing reading of the law (a contested alternative)."""

    alternative: str
    label: str
    status: str
    disputes: str
    source: str | None = None
    note: str | None = None
    reason: str | None = None
    combines: tuple[str, ...] = ()
    """For readings taken together (``run --combine-readings``): the ids of the readings combined."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``combines`` only for a combination of readings)."""
        return {"alternative": self.alternative, "label": self.label, "status": self.status,
                "disputes": self.disputes, "source": self.source, "note": self.note, "reason": self.reason,
                **({"combines": list(self.combines)} if self.combines else {})}


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """The legal reference of a finding: treaty, article, clause and its text."""

    treaty: str
    treaty_name: str
    article: str | None
    clause: str | None
    text: str | None = None
    text_kind: str | None = None
    confidence: str = "confirmed"
    reference: str | None = None

    @property
    def cited(self) -> str | None:
        """How a sentence cites the clause: its reference (``Art. 7 (with Art. 6)``), else its article
        (``Art. 7``, or a named provision as written), else None for a finding about the whole treaty."""
        return self.reference or (article_label(self.article) if self.article else None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "treaty": self.treaty,
            "treaty_name": self.treaty_name,
            "article": self.article,
            "clause": self.clause,
            "text": self.text,
            "text_kind": self.text_kind,
            "confidence": self.confidence,
            "reference": self.cited,
        }


@dataclass(frozen=True, slots=True)
class Flag:
    """A party's reservation, declaration or understanding shown beside its duty (it does not remove it)."""

    party: str
    kind: str
    text: str
    text_kind: str = "paraphrase"
    source: str | None = None
    confidence: str = "confirmed"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"party": self.party, "kind": self.kind, "text": self.text, "text_kind": self.text_kind,
                "source": self.source, "confidence": self.confidence}


@dataclass(frozen=True, slots=True)
class Obligation:
    """``obligor`` owes ``duty`` to ``beneficiary`` (against ``against``) under a clause, because of ``reasons``."""

    obligor: str
    beneficiary: str | None
    against: tuple[str, ...]
    duty: str
    means: str
    strength: str
    ref: ClauseRef
    event: str
    date: date
    reasons: tuple[Check, ...]
    round: int = 0
    modality: str = "obligation"
    status: str = "bound"
    confidence: str = "confirmed"
    rests_on: tuple[Basis, ...] = ()
    readings: tuple[OtherReading, ...] = ()

    @property
    def contested(self) -> bool:
        """True when some competing reading gives this finding another status."""
        return bool(self.readings)
    binding_from: date | None = None
    flags: tuple["Flag", ...] = ()

    @property
    def treaty(self) -> str:
        """The treaty id."""
        return self.ref.treaty

    @property
    def binds_from(self) -> date:
        """The date from which the duty binds: the event date, or the later date of the request,
        decision, invocation or determination it needs."""
        return self.binding_from or self.date

    @property
    def article(self) -> str | None:
        """The article."""
        return self.ref.article

    def key(self) -> tuple[str, ...]:
        """A sort key that makes output order independent of input order."""
        return (self.date.isoformat(), self.event, self.ref.treaty, self.ref.clause or "", self.obligor)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "obligor": self.obligor,
            "beneficiary": self.beneficiary,
            "against": list(self.against),
            "duty": self.duty,
            "means": self.means,
            "strength": self.strength,
            "modality": self.modality,
            "status": self.status,
            **_standing(self),
            "event": self.event,
            "date": self.date.isoformat(),
            "binding_from": self.binds_from.isoformat(),
            "round": self.round,
            **({"flags": [f.to_dict() for f in self.flags]} if self.flags else {}),
            "reasons": [r.to_dict() for r in self.reasons],
        }


def _standing(f: "Obligation | NonObligation") -> dict[str, Any]:
    """The clause reference, then the finding's confidence, what it rests on and the other readings."""
    ref = f.ref.to_dict()
    ref["clause_confidence"] = ref.pop("confidence")
    return {**ref, "confidence": f.confidence, "rests_on": [b.to_dict() for b in f.rests_on],
            "contested": f.contested, "readings": [r.to_dict() for r in f.readings]}


@dataclass(frozen=True, slots=True)
class NonObligation:
    """``party`` is not bound by a clause (or a whole treaty) for an event, and ``reason`` says why."""

    party: str
    ref: ClauseRef
    event: str
    date: date
    reason: Check
    checks: tuple[Check, ...] = ()
    confidence: str = "confirmed"
    rests_on: tuple[Basis, ...] = ()
    readings: tuple[OtherReading, ...] = ()
    status: str = "not_bound"
    #: For *within the clause, not invoked* (or *no determination*): the duty the clause gives the party
    #: once the invocation (or determination) it waits for comes; None otherwise.
    within: Obligation | None = None

    @property
    def contested(self) -> bool:
        """True when some competing reading gives this party a status under the clause."""
        return bool(self.readings)

    @property
    def treaty(self) -> str:
        """The treaty id."""
        return self.ref.treaty

    @property
    def article(self) -> str | None:
        """The article, or None when the whole treaty does not bind the party."""
        return self.ref.article

    def key(self) -> tuple[str, ...]:
        """A sort key that makes output order independent of input order."""
        return (self.date.isoformat(), self.event, self.ref.treaty, self.ref.clause or "", self.party)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "party": self.party,
            "status": self.status,
            **_standing(self),
            "event": self.event,
            "date": self.date.isoformat(),
            "reason": self.reason.to_dict(),
            "checks": [c.to_dict() for c in self.checks],
            **({"within_clause": _pending(self.within)} if self.within is not None else {}),
        }


def _pending(o: Obligation) -> dict[str, Any]:
    """What a party within a clause would owe once the invocation or determination comes."""
    return {"status": o.status, "modality": o.modality, "duty": o.duty, "means": o.means, "strength": o.strength,
            "beneficiary": o.beneficiary, "against": list(o.against)}


def informativeness(finding: NonObligation) -> tuple[int, int, int]:
    """A sort key, smallest first: relevant clauses before irrelevant ones, then furthest got.

    A clause is irrelevant when its trigger failed (or its failure is the
    trigger itself), unless the party is within it but for an invocation or
    a determination (those come first).  "Furthest" counts the checks that
    held, leaving out an exception that applied, which held but did not help
    the party be bound.
    """
    pending = finding.within is not None
    trigger_failed = finding.reason.role == "trigger" or any(
        c.role == "trigger" and not c.holds for c in finding.checks)
    passed = sum(1 for c in finding.checks if c.holds and c.role != "exception")
    return (1 if trigger_failed and not pending else 0, 0 if pending else 1, -passed)


@dataclass(frozen=True, slots=True)
class EventResult:
    """Findings for one event under one perspective."""

    event: Event
    characterisation: Characterisation
    obligations: tuple[Obligation, ...]
    non_obligations: tuple[NonObligation, ...]
    target_treaties: frozenset[str] = frozenset()
    asked: frozenset[str] = frozenset()
    permissions: tuple[Obligation, ...] = ()
    breaches: tuple[Obligation, ...] = ()
    organisations: frozenset[str] = frozenset()

    def findings(self) -> tuple["Obligation | NonObligation", ...]:
        """Every finding of the event, whatever its status."""
        return self.obligations + self.permissions + self.breaches + self.non_obligations

    def concerns(self, party: str, treaty: str, *, treaty_level: bool = False) -> bool:
        """Whether a "why not" for ``party`` under ``treaty`` is worth showing by default.

        It is when the target is a party to the treaty, when the user asked
        about the party, or when the party took part in the event; the rest
        (every party of an unrelated alliance) stays in the full listing.  An
        organisation's treaty-level "not a party" is never shown by default:
        a treaty among states has no organisation as its party, so the row
        would say nothing about the case.
        """
        if treaty_level and party in self.organisations:
            return False
        e = self.event
        return treaty in self.target_treaties or party in self.asked or party == e.target or party in e.actors

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        ch = self.characterisation
        return {
            "id": self.event.id,
            "date": self.event.date.isoformat(),
            "kind": self.event.kind.value,
            "actors": list(self.event.actors),
            "target": self.event.target,
            "location": self.event.place,
            "perspective": ch.perspective,
            "categories": sorted(ch.categories),
            "characterised_by": dict(sorted(ch.because.items())),
        }


@dataclass(frozen=True, slots=True)
class SimulationResult:
    """Everything one run concluded, event by event."""

    scenario: str
    perspective: str
    events: tuple[EventResult, ...]
    conflicts: tuple[Any, ...] = ()
    cascade: Any = None
    alternatives: tuple[Any, ...] = ()

    @property
    def obligations(self) -> tuple[Obligation, ...]:
        """Every obligation, in a stable order."""
        return tuple(o for e in self.events for o in e.obligations)

    @property
    def non_obligations(self) -> tuple[NonObligation, ...]:
        """Every non-obligation, in a stable order."""
        return tuple(n for e in self.events for n in e.non_obligations)

    @property
    def permissions(self) -> tuple[Obligation, ...]:
        """Every permission (a party that may act), in a stable order."""
        return tuple(p for e in self.events for p in e.permissions)

    @property
    def breaches(self) -> tuple[Obligation, ...]:
        """Every breach (a party that did what a clause forbids), in a stable order."""
        return tuple(b for e in self.events for b in e.breaches)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document that ``sahel-sim run --format json`` prints."""
        return {
            "scenario": self.scenario,
            "perspective": self.perspective,
            "events": [e.to_dict() for e in self.events],
            "obligations": [o.to_dict() for o in self.obligations],
            "permissions": [p.to_dict() for p in self.permissions],
            "breaches": [b.to_dict() for b in self.breaches],
            "non_obligations": [n.to_dict() for n in self.non_obligations],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "alternatives": [a.to_dict() for a in self.alternatives],
            **({"cascade": self.cascade.to_dict()} if self.cascade is not None else {}),
        }

    def to_dataframe(self, kind: str = "obligations") -> Any:
        """The findings as a pandas DataFrame, one tidy row each (needs ``sahel-sim[notebook]``).

        Args:
            kind: ``obligations`` (the duties: obligor, beneficiary, treaty,
                article, duty, means, strength, event, status, modality,
                confidence, contested, other_readings, binding_from, flags …),
                ``breaches`` and ``permissions`` (the same columns),
                ``findings`` (all three), ``non_obligations`` (party, treaty,
                article, the failed test and the reason) or ``conflicts``.
        """
        from sahel_sim.display import render

        return render("frame", self, kind)

    def _repr_html_(self) -> str:
        """Jupyter's rich display: the findings event by event, as HTML tables."""
        from sahel_sim.display import render

        return render("result_html", self)
