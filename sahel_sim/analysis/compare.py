"""Competing readings side by side: which obligations depend on the perspective, and why.

The same scenario is run under each perspective.  Obligations are matched by
(event, obligor, beneficiary, treaty, clause); a row that is present under
some readings and absent under others is explained by the categories its
clause's trigger needs and the characterisation rule that gave or removed
them under each reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from sahel_sim.api import simulate
from sahel_sim.clauses import conditions as c
from sahel_sim.engine.findings import Obligation, SimulationResult
from sahel_sim.scenario.load import Scenario

__all__ = ["ComparisonRow", "PerspectiveComparison", "compare_perspectives"]

RowKey = tuple[str, str, str, str, str]


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One obligation and, per perspective, whether it holds; with the reason it differs."""

    event: str
    obligor: str
    beneficiary: str
    treaty: str
    article: str
    clause: str
    present: dict[str, bool]
    why: str
    statuses: dict[str, str] | None = None
    reference: str = ""
    """How a sentence cites the clause (``Art. 6``, ``Protocol 1(b) (with Art. 1, 2)``)."""

    @property
    def differs(self) -> bool:
        """True when the readings disagree about this finding (whether it holds, or its status)."""
        return len(set(self.present.values())) > 1 or len(set((self.statuses or {}).values())) > 1

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"event": self.event, "obligor": self.obligor, "beneficiary": self.beneficiary,
                "treaty": self.treaty, "article": self.article, "clause": self.clause,
                "reference": self.reference, "present": self.present, "statuses": self.statuses or {},
                "differs": self.differs, "why": self.why}


@dataclass(frozen=True, slots=True)
class PerspectiveComparison:
    """Results under several perspectives and the rows that compare them."""

    perspectives: tuple[str, ...]
    results: dict[str, SimulationResult]
    rows: tuple[ComparisonRow, ...]

    @property
    def differences(self) -> tuple[ComparisonRow, ...]:
        """Only the rows on which the readings disagree."""
        return tuple(r for r in self.rows if r.differs)

    def categories(self, event_id: str) -> dict[str, list[str]]:
        """The event's categories under each perspective."""
        out = {}
        for p, res in self.results.items():
            ev = next(e for e in res.events if e.event.id == event_id)
            out[p] = sorted(ev.characterisation.categories)
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        events = sorted({r.event for r in self.rows} | {e.event.id for res in self.results.values() for e in res.events})
        return {"perspectives": list(self.perspectives),
                "categories": {e: self.categories(e) for e in events},
                "rows": [r.to_dict() for r in self.rows]}


def _key(o: Obligation) -> RowKey:
    return (o.event, o.obligor, o.beneficiary or "", o.treaty, o.ref.clause or "")


def compare_perspectives(scenario: Scenario, perspectives: Sequence[str] | None = None,
                         **options: Any) -> PerspectiveComparison:
    """Run ``scenario`` under each perspective (all shipped ones by default) and compare."""
    names = tuple(perspectives or sorted(p.id for p in scenario.world.perspectives))
    results = {p: simulate(scenario, perspective=p, **options) for p in names}
    found: dict[RowKey, Obligation] = {}
    status: dict[str, dict[RowKey, str]] = {p: {} for p in names}
    for p, res in results.items():
        for o in res.obligations + res.permissions + res.breaches:
            found.setdefault(_key(o), o)
            status[p][_key(o)] = o.status
    rows = []
    for key in sorted(found):
        o = found[key]
        present = {p: key in status[p] for p in names}
        statuses = {p: status[p].get(key, "not_bound") for p in names}
        rows.append(ComparisonRow(key[0], key[1], key[2], key[3], o.article or "", key[4], present,
                                  _why(scenario, results, o, present), statuses, o.ref.cited or ""))
    return PerspectiveComparison(names, results, tuple(rows))


def _trigger_categories(scenario: Scenario, o: Obligation) -> set[str]:
    treaty = scenario.world.treaty(o.treaty)
    clause = treaty.clause(o.ref.clause or "") if treaty else None
    if clause is None:
        return set()
    return {cat for cond in c.walk(clause.trigger) if isinstance(cond, c.CategoryTest) for cat in cond.any_of}


def _why(scenario: Scenario, results: dict[str, SimulationResult], o: Obligation, present: dict[str, bool]) -> str:
    """Name the trigger categories whose characterisation differs, and the rules behind them."""
    if len(set(present.values())) == 1:
        return "the same under every reading"
    chars = {p: next(e.characterisation for e in res.events if e.event.id == o.event) for p, res in results.items()}
    parts = []
    for cat in sorted(_trigger_categories(scenario, o)):
        has = {p for p, ch in chars.items() if cat in ch.categories}
        if not has or len(has) == len(chars):
            continue
        given = sorted({_rule(chars[p].because.get(cat, "given")) for p in has})
        lacking = sorted(set(chars) - has)
        removed = sorted({_rule(chars[p].removed[cat]) for p in lacking if cat in chars[p].removed})
        text = f"{cat}: under {', '.join(sorted(has))} ({'; '.join(given)}); not under {', '.join(lacking)}"
        parts.append(text + (f" ({'; '.join(removed)})" if removed else ""))
    return " | ".join(parts) or "the clause's other conditions differ between readings"


def _rule(because: str) -> str:
    """``rule X`` from ``rule X: words`` (the full text is in each result's characterisation)."""
    return because.split(":", 1)[0]
