"""CSV: one row per obligation, for spreadsheets and quick joins.

Only obligations are exported: they are what a spreadsheet user filters and
counts.  Non-obligations and full reason trees are in the JSON output.
"""

from __future__ import annotations

import csv
import io
from typing import Iterator, Sequence

from sahel_sim.engine.findings import Obligation, SimulationResult
from sahel_sim.report.explain import fact_texts

__all__ = ["COLUMNS", "obligation_row", "render_csv"]

COLUMNS = ("scenario", "event", "date", "obligor", "beneficiary", "against", "duty", "means", "strength",
           "treaty", "article", "clause", "reasons", "modality", "status", "confidence", "contested")


def obligation_row(scenario: str, o: Obligation) -> tuple[str, ...]:
    """One obligation in :data:`COLUMNS` order; reasons are every fact, joined by `` | ``."""
    facts = dict.fromkeys(t for check in o.reasons for t in fact_texts(check))
    return (scenario, o.event, o.date.isoformat(), o.obligor, o.beneficiary or "", ";".join(o.against), o.duty,
            o.means, o.strength, o.treaty, o.article or "", o.ref.clause or "", " | ".join(facts),
            o.modality, o.status, o.confidence, "; ".join(f"{r.alternative}: {r.status}" for r in o.readings))


def _rows(results: Sequence[SimulationResult]) -> Iterator[tuple[str, ...]]:
    for result in results:
        for o in result.breaches + result.obligations + result.permissions:
            yield obligation_row(result.scenario, o)


def render_csv(results: Sequence[SimulationResult]) -> str:
    """A header and one row per finding that reaches a party (breach, duty, permission) of every result."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_rows(results))
    return buf.getvalue()
