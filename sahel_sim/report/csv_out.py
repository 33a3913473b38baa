"""CSV: one row per finding, for spreadsheets and quick joins; the ``kind`` column says which.

By default the findings that reach a party are exported (``breach``,
``duty``, ``permission``), and those of a party within a clause but for the
invocation or determination it waits for (``pending``: status
``not_invoked`` or ``not_determined``, with the duty it would then owe):
they are what a spreadsheet user filters and counts.  With ``show_all``
(``run --all``) every other kind has rows too: each ``non_obligation`` (the
party, the clause and the condition that failed) and each ``conflict`` of
duties (the two clauses, joined by ``;``).  Full reason trees are in the
JSON output.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from typing import Any, Iterator, Sequence

from sahel_sim.engine.findings import NonObligation, Obligation, SimulationResult
from sahel_sim.engine.stream import ResultStream
from sahel_sim.report.explain import fact_texts
from sahel_sim.report.spool import Sections

__all__ = ["COLUMNS", "KINDS", "conflict_row", "csv_chunks", "non_obligation_row", "obligation_row", "pending_row",
           "render_csv"]

COLUMNS = ("scenario", "event", "date", "obligor", "beneficiary", "against", "duty", "means", "strength",
           "treaty", "article", "clause", "reasons", "modality", "status", "confidence", "contested", "kind")
#: The values of the ``kind`` column: the first four by default, the last two with ``show_all``.
KINDS = ("breach", "duty", "permission", "pending", "non_obligation", "conflict")


def obligation_row(scenario: str, o: Obligation, kind: str = "duty") -> tuple[str, ...]:
    """One obligation in :data:`COLUMNS` order; reasons are every fact, joined by `` | ``."""
    facts = dict.fromkeys(t for check in o.reasons for t in fact_texts(check))
    return (scenario, o.event, o.date.isoformat(), o.obligor, o.beneficiary or "", ";".join(o.against), o.duty,
            o.means, o.strength, o.treaty, o.article or "", o.ref.clause or "", " | ".join(facts),
            o.modality, o.status, o.confidence, _readings(o.readings), kind)


def _readings(readings: Sequence[object]) -> str:
    return "; ".join(f"{r.alternative}: {r.status}" for r in readings)  # type: ignore[attr-defined]


def non_obligation_row(scenario: str, n: NonObligation) -> tuple[str, ...]:
    """A party not bound: the clause, and the condition that failed (its facts, else its words) as the reasons."""
    leaf = n.reason.failing_leaf()
    why = " | ".join(dict.fromkeys(fact_texts(leaf))) or leaf.text
    return (scenario, n.event, n.date.isoformat(), n.party, "", "", "", "", "", n.treaty, n.article or "",
            n.ref.clause or "", why, "", n.status, n.confidence, _readings(n.readings), "non_obligation")


def conflict_row(scenario: str, date_: str, c: Any) -> tuple[str, ...]:
    """Conflicting duties of one actor: both clauses' fields joined by ``;``, the explanation as the reason."""
    a, b = c.first, c.second

    def both(x: str, y: str) -> str:
        return f"{x};{y}"

    return (scenario, c.event, date_, c.actor, both(a.beneficiary or "", b.beneficiary or ""),
            both("+".join(a.against), "+".join(b.against)), both(a.duty, b.duty), both(a.means, b.means),
            both(a.strength, b.strength), both(a.treaty, b.treaty), both(a.article or "", b.article or ""),
            both(a.ref.clause or "", b.ref.clause or ""), c.explanation, both(a.modality, b.modality), c.kind,
            both(str(a.confidence), str(b.confidence)), "", "conflict")


def pending_row(scenario: str, n: NonObligation) -> tuple[str, ...]:
    """A party within a clause but for an invocation or determination: the duty it would owe, with the
    party's own status and readings, and the missing fact last among the reasons."""
    assert n.within is not None
    o = replace(n.within, reasons=(*n.within.reasons, n.reason.failing_leaf()), status=n.status,
                readings=n.readings, confidence=n.confidence)
    return obligation_row(scenario, o, "pending")


#: The parts of one result's rows, in this order (non-obligations: the pending ones, and with ``show_all`` all).
PARTS = (("breach", "breaches"), ("duty", "obligations"), ("permission", "permissions"))


def render_csv(results: Sequence[SimulationResult], *, show_all: bool = False) -> str:
    """A header and one row per finding that reaches a party (breach, duty, permission, pending) of every result;
    with ``show_all``, also one per non-obligation and per conflict of duties."""
    return "".join(csv_chunks([ResultStream.of(r) for r in results], show_all=show_all))


def csv_chunks(streams: Sequence[ResultStream], *, show_all: bool = False) -> Iterator[str]:
    """:func:`render_csv`'s text in pieces, each result's events read once, one at a time.

    The rows of each part (every breach, then every duty …) go to their own
    temporary section as the events come, and are read back in order.
    """
    yield _line(COLUMNS)
    for stream in streams:
        with Sections(*(kind for kind, _ in PARTS), "non_obligation") as parts:
            dates: dict[str, str] = {}
            for event in stream:
                dates[event.event.id] = event.event.date.isoformat()
                for kind, name in PARTS:
                    for o in getattr(event, name):
                        parts.add(kind, _line(obligation_row(stream.scenario, o, kind)))
                for n in event.non_obligations:
                    if n.within is not None:
                        parts.add("non_obligation", _line(pending_row(stream.scenario, n)))
                    elif show_all:
                        parts.add("non_obligation", _line(non_obligation_row(stream.scenario, n)))
            for kind, _ in PARTS:
                yield from parts.read(kind)
            yield from parts.read("non_obligation")
        if show_all:
            for c in stream.conflicts:
                yield _line(conflict_row(stream.scenario, dates.get(c.event, ""), c))


def _line(row: Sequence[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(row)
    return buf.getvalue()
