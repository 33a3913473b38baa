"""Compare a run's findings with what the scenario expects.

One function serves ``sahel-sim check`` and the pytest suite alike.  An
expected obligation is met when some obligation matches every field it names.
An expected non-obligation is met when no obligation of that party matches,
*and* the engine recorded why (a non-obligation for that party and treaty),
so a "not obligated" always comes with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sahel_sim.engine.findings import NonObligation, Obligation, SimulationResult, informativeness
from sahel_sim.scenario.schema import ExpectedNonObligation, ExpectedObligation, Findings

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
        if not isinstance(e, (ExpectedObligation, ExpectedNonObligation)):
            return f"{'PASS' if self.met else 'FAIL'} {self.kind}: {self.detail}"
        if isinstance(e, ExpectedObligation):
            what = f"{e.obligor} obligated under {e.treaty}" + (f" Art. {e.article}" if e.article else "")
            if e.beneficiary:
                what += f" towards {e.beneficiary}"
        else:
            what = f"{e.party} not obligated under {e.treaty}" + (f" Art. {e.article}" if e.article else "")
        if e.event:
            what += f" (event {e.event})"
        return f"{'PASS' if self.met else 'FAIL'} {what}: {self.detail}"


def _matches(o: Obligation, e: ExpectedObligation | ExpectedNonObligation, who: str) -> bool:
    pairs: list[tuple[Any, Any]] = [(who, o.obligor), (e.treaty, o.treaty), (e.article, o.article), (e.event, o.event)]
    if isinstance(e, ExpectedObligation):
        pairs += [(e.beneficiary, o.beneficiary), (e.duty, o.duty), (e.strength, o.strength)]
    return all(want is None or want == got for want, got in pairs)


def _explained(n: NonObligation, e: ExpectedNonObligation) -> bool:
    return (n.party == e.party and n.treaty == e.treaty and (e.event is None or n.event == e.event)
            and (e.article is None or n.article in (None, e.article)))


def check_expectations(result: SimulationResult, expect: Findings | None) -> list[ExpectationOutcome]:
    """Every expectation of the scenario, met or not, in file order."""
    if expect is None:
        return []
    out = []
    for e in expect.obligated:
        hits = [o for o in result.obligations if _matches(o, e, e.obligor)]
        detail = f"found under {hits[0].ref.reference or hits[0].article} for {hits[0].event}" if hits else "no matching obligation"
        out.append(ExpectationOutcome("obligated", e, bool(hits), detail))
    for n in expect.not_obligated:
        hits = [o for o in result.obligations if _matches(o, n, n.party)]
        reasons = [x for x in result.non_obligations if _explained(x, n)]
        if hits:
            detail = f"but obligated under Art. {hits[0].article} for {hits[0].event}"
        elif not reasons:
            detail = "no reason recorded for this party and treaty"
        else:
            leaf = min(reasons, key=informativeness).reason.failing_leaf()
            facts = "; ".join(f.text for f in leaf.facts)
            detail = ("exception: " if leaf.role == "exception" else "failed: ") + leaf.text + (f" ({facts})" if facts else "")
        out.append(ExpectationOutcome("not_obligated", n, not hits and bool(reasons), detail))
    return out
