"""CSV: one row per obligation, for spreadsheets and quick joins.

The findings that reach a party are exported (breaches, duties,
permissions), and those of a party within a clause but for the invocation or
determination it waits for (status ``not_invoked`` or ``not_determined``,
with the duty it would then owe): they are what a spreadsheet user filters
and counts.  Other non-obligations and full reason trees are in the JSON
output.
"""

from __future__ import annotations

import csv
import io
from typing import Iterator, Sequence

from dataclasses import replace

from sahel_sim.engine.findings import NonObligation, Obligation, SimulationResult
from sahel_sim.report.explain import fact_texts

__all__ = ["COLUMNS", "obligation_row", "pending_row", "render_csv"]

COLUMNS = ("scenario", "event", "date", "obligor", "beneficiary", "against", "duty", "means", "strength",
           "treaty", "article", "clause", "reasons", "modality", "status", "confidence", "contested")


def obligation_row(scenario: str, o: Obligation) -> tuple[str, ...]:
    """One obligation in :data:`COLUMNS` order; reasons are every fact, joined by `` | ``."""
    facts = dict.fromkeys(t for check in o.reasons for t in fact_texts(check))
    return (scenario, o.event, o.date.isoformat(), o.obligor, o.beneficiary or "", ";".join(o.against), o.duty,
            o.means, o.strength, o.treaty, o.article or "", o.ref.clause or "", " | ".join(facts),
            o.modality, o.status, o.confidence, "; ".join(f"{r.alternative}: {r.status}" for r in o.readings))


def pending_row(scenario: str, n: NonObligation) -> tuple[str, ...]:
    """A party within a clause but for an invocation or determination: the duty it would owe, with the
    party's own status and readings, and the missing fact last among the reasons."""
    assert n.within is not None
    o = replace(n.within, reasons=(*n.within.reasons, n.reason.failing_leaf()), status=n.status,
                readings=n.readings, confidence=n.confidence)
    return obligation_row(scenario, o)


def _rows(results: Sequence[SimulationResult]) -> Iterator[tuple[str, ...]]:
    for result in results:
        for o in result.breaches + result.obligations + result.permissions:
            yield obligation_row(result.scenario, o)
        for n in result.non_obligations:
            if n.within is not None:
                yield pending_row(result.scenario, n)


def render_csv(results: Sequence[SimulationResult]) -> str:
    """A header and one row per finding that reaches a party (breach, duty, permission) of every result."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_rows(results))
    return buf.getvalue()
