"""Compare a run's findings with what the scenario expects.

One function serves ``sahel-sim check`` and the pytest suite alike.  An
expected obligation is met when some obligation matches every field it names.
An expected non-obligation is met when no obligation of that party matches,
*and* the engine recorded why (a non-obligation for that party and treaty),
so a "not obligated" always comes with its reason.  An expected pending
finding (``not_invoked``, ``not_determined``) is met when the party has a
non-obligation of that status under the clause, waiting for the duty named.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sahel_sim.clauses.articles import article_label
from sahel_sim.engine.findings import NonObligation, Obligation, SimulationResult, informativeness
from sahel_sim.clauses.status import label
from sahel_sim.scenario.schema import (ExpectedContested, ExpectedNonObligation, ExpectedObligation, ExpectedPending,
                                       Findings)

__all__ = ["ExpectationOutcome", "check_expectations"]


@dataclass(frozen=True, slots=True)
class ExpectationOutcome:
    """One expectation and whether the run met it, with the findings that decided."""

    kind: str
    expected: Any
    met: bool
    detail: str

    def describe(self) -> str:
        """One line for reports."""
        e = self.expected
        if not isinstance(e, (ExpectedObligation, ExpectedNonObligation, ExpectedContested, ExpectedPending)):
            return f"{'PASS' if self.met else 'FAIL'} {self.kind}: {self.detail}"
        if isinstance(e, ExpectedObligation):
            verb = _VERBS.get(self.kind, "obligated")
            what = f"{e.obligor} {verb} under {e.treaty}" + (f" {article_label(e.article)}" if e.article else "")
            if e.beneficiary:
                what += f" towards {e.beneficiary}"
        elif isinstance(e, ExpectedContested):
            what = f"{e.party} contested under {e.treaty}" + (f" {article_label(e.article)}" if e.article else "")
        elif isinstance(e, ExpectedPending):
            what = (f"{e.party} {label(self.kind)} under {e.treaty}"
                    + (f" {article_label(e.article)}" if e.article else ""))
            if e.beneficiary:
                what += f" towards {e.beneficiary}"
        else:
            what = f"{e.party} not obligated under {e.treaty}" + (f" {article_label(e.article)}" if e.article else "")
        if e.event:
            what += f" (event {e.event})"
        return f"{'PASS' if self.met else 'FAIL'} {what}: {self.detail}"


_VERBS = {"obligated": "obligated", "permitted": "may act", "in_breach": "in breach"}
_NOUNS = {"obligated": "obligation", "permitted": "permission", "in_breach": "breach"}


def _matches(o: Obligation, e: ExpectedObligation | ExpectedNonObligation, who: str) -> bool:
    pairs: list[tuple[Any, Any]] = [(who, o.obligor), (e.treaty, o.treaty), (e.article, o.article), (e.event, o.event)]
    if isinstance(e, ExpectedObligation):
        pairs += [(e.beneficiary, o.beneficiary), (e.duty, o.duty), (e.strength, o.strength),
                  (e.status.value if e.status else None, o.status),
                  (e.binding_from, o.binds_from), (e.flagged, bool(o.flags) if e.flagged is not None else None)]
    return all(want is None or want == got for want, got in pairs)


def _positive(kind: str, found: tuple[Obligation, ...], e: ExpectedObligation) -> ExpectationOutcome:
    hits = [o for o in found if _matches(o, e, e.obligor)]
    if hits:
        h = hits[0]
        detail = (f"found ({label(h.status)}) under {h.ref.reference or h.article} for {h.event}, "
                  f"binding from {h.binds_from}")
    else:
        detail = f"no matching {_NOUNS[kind]}"
    return ExpectationOutcome(kind, e, bool(hits), detail)


def _contested(result: SimulationResult, e: ExpectedContested) -> ExpectationOutcome:
    found = [f for r in result.events for f in r.findings()
             if (getattr(f, "obligor", None) or getattr(f, "party", None)) == e.party and f.treaty == e.treaty
             and (e.article is None or f.article == e.article) and (e.event is None or f.event == e.event)]
    for f in found:
        if e.status is not None and f.status != e.status.value:
            continue
        for r in f.readings:
            if (e.alternative in (None, r.alternative)
                    and (e.alternative_status is None or r.status == e.alternative_status.value)):
                return ExpectationOutcome("contested", e, True, f"{label(f.status)}; under '{r.alternative}' "
                                          f"({r.label}): {label(r.status)}")
    seen = "; ".join(f"{label(f.status)}" + (f", contested by {', '.join(r.alternative for r in f.readings)}"
                                             if f.readings else ", not contested") for f in found)
    return ExpectationOutcome("contested", e, False, f"no matching contested finding ({seen or 'no finding'})")


def _explained(n: NonObligation, e: ExpectedNonObligation) -> bool:
    return (n.party == e.party and n.treaty == e.treaty and (e.event is None or n.event == e.event)
            and (e.article is None or n.article in (None, e.article)))


def check_expectations(result: SimulationResult, expect: Findings | None) -> list[ExpectationOutcome]:
    """Every expectation of the scenario, met or not, in file order."""
    if expect is None:
        return []
    out = [_positive("obligated", result.obligations, e) for e in expect.obligated]
    out += [_positive("permitted", result.permissions, e) for e in expect.permitted]
    out += [_positive("in_breach", result.breaches, e) for e in expect.in_breach]
    for n in expect.not_obligated:
        hits = [o for o in result.obligations if _matches(o, n, n.party)]
        reasons = [x for x in result.non_obligations if _explained(x, n)]
        if hits:
            detail = f"but obligated under {article_label(hits[0].article)} for {hits[0].event}"
        elif not reasons:
            detail = "no reason recorded for this party and treaty"
        else:
            leaf = min(reasons, key=informativeness).reason.failing_leaf()
            # a negated or composite condition records its facts on its parts, as `run` prints them
            facts = "; ".join(f.text for f in leaf.facts) or "; ".join(
                dict.fromkeys(f.text for c in leaf.walk() for f in c.facts))
            detail = _unmet(leaf, facts)
        out.append(ExpectationOutcome("not_obligated", n, not hits and bool(reasons), detail))
    out += [_contested(result, c) for c in expect.contested]
    out += [_pending(result, "not_invoked", e) for e in expect.not_invoked]
    out += [_pending(result, "not_determined", e) for e in expect.not_determined]
    return out


def _pending(result: SimulationResult, status: str, e: ExpectedPending) -> ExpectationOutcome:
    """Met when the party is within the clause but waits, with ``status``, for the duty named; else what it got."""
    found = [f for r in result.events for f in r.findings()
             if (getattr(f, "obligor", None) or getattr(f, "party", None)) == e.party and f.treaty == e.treaty
             and f.article in (None, e.article or f.article) and (e.event is None or f.event == e.event)]
    for f in found:  # a treaty-level finding (no article: not a party) says why the party is outside every clause
        w = getattr(f, "within", None)
        if f.status == status and w is not None and e.beneficiary in (None, w.beneficiary) and e.duty in (None, w.duty):
            return ExpectationOutcome(status, e, True, f"found under {_where(f)} for {f.event}; {_once(w)}")
    if not found:
        return ExpectationOutcome(status, e, False, "no finding for this party under that clause")
    return ExpectationOutcome(status, e, False, "but " + "; ".join(sorted({_instead(f) for f in found})))


def _where(f: Obligation | NonObligation) -> str:
    return f.ref.cited or f"the {f.ref.treaty_name}"


def _once(w: Obligation) -> str:
    return f"once it comes: {label(w.status)}, {w.duty}" + (f" {w.beneficiary}" if w.beneficiary else "")


def _instead(f: Obligation | NonObligation) -> str:
    """What the party got under the clause instead of the pending status expected (and why, when not bound)."""
    head = f"{label(f.status)} under {_where(f)} for {f.event}"
    if isinstance(f, Obligation):
        return head + (f" towards {f.beneficiary}" if f.beneficiary else "")
    if f.within is not None:
        return f"{head} ({_once(f.within)})"
    leaf = f.reason.failing_leaf()
    return f"{head}: {_unmet(leaf, '; '.join(x.text for x in leaf.facts))}"


def _unmet(leaf: Any, facts: str) -> str:
    """Why a party is not bound, as true sentences: the facts first, then what the clause required.

    An exception that applies holds, so its text is stated as a fact; a failed
    condition's text is a requirement, so it is labelled as one rather than
    printed as if it were true.
    """
    if leaf.role == "exception":
        return f"exception applies: {leaf.text}" + (f" ({facts})" if facts else "")
    return f"{facts} (required: {leaf.text})" if facts else f"not shown: {leaf.text}"
