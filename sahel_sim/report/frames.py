"""Findings as pandas DataFrames: one tidy row per breach, duty, permission, non-obligation, conflict or span.

Notebook users filter, group and pivot; a DataFrame with one row per finding
and one plain value per cell (strings, dates, ints) lets them do it with
ordinary pandas.  Lists (``against``) are joined with ``", "`` and reason
trees are reduced to their facts' text; the full trees stay on the result
objects.  pandas is an optional extra, so it is imported inside the
functions, and a missing pandas raises a :class:`~sahel_sim.errors.SahelSimError`
that says how to install it.
"""

from __future__ import annotations

from typing import Any, Iterable

from sahel_sim.engine.findings import NonObligation, Obligation, SimulationResult, informativeness
from sahel_sim.report.standing import standing_cells

__all__ = ["sweep_frame", "KINDS", "OBLIGATION_COLUMNS", "NON_OBLIGATION_COLUMNS", "CONFLICT_COLUMNS", "SPAN_COLUMNS",
           "breaches_frame", "findings_frame", "frame", "obligations_frame", "non_obligations_frame",
           "permissions_frame", "conflicts_frame", "spans_frame"]

OBLIGATION_COLUMNS = ("event", "date", "obligor", "beneficiary", "against", "duty", "means", "strength",
                      "treaty", "treaty_name", "article", "clause", "confidence", "round", "reasons",
                      "status", "modality", "contested", "other_readings", "binding_from", "flags",
                      "clause_confidence")
NON_OBLIGATION_COLUMNS = ("event", "date", "party", "treaty", "treaty_name", "article", "clause", "relevant",
                          "failed_test", "reason")
CONFLICT_COLUMNS = ("event", "actor", "kind", "first_treaty", "first_article", "first_duty", "first_beneficiary",
                    "second_treaty", "second_article", "second_duty", "second_beneficiary", "explanation")
SPAN_COLUMNS = ("event", "obligor", "beneficiary", "duty", "treaty", "treaty_name", "article", "clause",
                "on", "off")
KINDS = ("obligations", "breaches", "permissions", "findings", "non_obligations", "conflicts")


def pandas() -> Any:
    """The pandas module, or a clear error naming the extra that brings it."""
    try:
        import pandas as pd
    except ImportError:
        from sahel_sim.errors import SahelSimError

        raise SahelSimError("pandas is not installed: pip install 'sahel-sim[notebook]'") from None
    return pd


def frame(result: SimulationResult, kind: str = "obligations") -> Any:
    """The DataFrame of one kind of finding (see :data:`KINDS`)."""
    builders = {"obligations": obligations_frame, "breaches": breaches_frame, "permissions": permissions_frame,
                "findings": findings_frame, "non_obligations": non_obligations_frame, "conflicts": conflicts_frame}
    if kind not in builders:
        from sahel_sim.errors import SahelSimError, suggest

        hint = suggest(kind, builders) or f"one of {', '.join(KINDS)}"
        raise SahelSimError(f"unknown kind '{kind}' ({hint})")
    return builders[kind](result)


def obligations_frame(result: SimulationResult) -> Any:
    """One row per duty (bound, at its discretion, must consult, neutrality), in the result's (stable) order."""
    return _findings(result.obligations)


def breaches_frame(result: SimulationResult) -> Any:
    """One row per breach (a party that did what a clause forbids), with the same columns as the duties."""
    return _findings(result.breaches)


def permissions_frame(result: SimulationResult) -> Any:
    """One row per permission (a party that may act), with the same columns as the duties."""
    return _findings(result.permissions)


def findings_frame(result: SimulationResult) -> Any:
    """Every breach, duty and permission in one frame, ``status`` telling them apart."""
    return _findings(result.breaches + result.obligations + result.permissions)


def _findings(found: Iterable[Obligation]) -> Any:
    return _frame([_obligation_row(o) for o in found], OBLIGATION_COLUMNS, dates=("date", "binding_from"))


def non_obligations_frame(result: SimulationResult) -> Any:
    """One row per non-obligation; ``relevant`` is False when the clause's trigger did not fire."""
    return _frame([_non_obligation_row(n) for n in result.non_obligations], NON_OBLIGATION_COLUMNS)


def conflicts_frame(result: SimulationResult) -> Any:
    """One row per conflict of duties, with both clauses."""
    rows = [{"event": c.event, "actor": c.actor, "kind": c.kind,
             "first_treaty": c.first.treaty, "first_article": c.first.article, "first_duty": c.first.duty,
             "first_beneficiary": c.first.beneficiary, "second_treaty": c.second.treaty,
             "second_article": c.second.article, "second_duty": c.second.duty,
             "second_beneficiary": c.second.beneficiary, "explanation": c.explanation}
            for c in result.conflicts]
    return _frame(rows, CONFLICT_COLUMNS, dates=())


def spans_frame(timeline: Any) -> Any:
    """A timeline's spans: each obligation with the day it switched on and off (NaT: still on)."""
    rows = [{"event": o.event, "obligor": o.obligor, "beneficiary": o.beneficiary, "duty": o.duty,
             "treaty": o.treaty, "treaty_name": o.ref.treaty_name, "article": o.article, "clause": o.ref.clause,
             "on": since, "off": until} for o, since, until in timeline.spans()]
    return _frame(rows, SPAN_COLUMNS, dates=("on", "off"))


def _obligation_row(o: Obligation) -> dict[str, Any]:
    return {"event": o.event, "date": o.date, "obligor": o.obligor, "beneficiary": o.beneficiary,
            "against": ", ".join(o.against), "duty": o.duty, "means": o.means, "strength": o.strength,
            "treaty": o.treaty, "treaty_name": o.ref.treaty_name, "article": o.article, "clause": o.ref.clause,
            "round": o.round, "reasons": _facts(o.reasons), **standing_cells(o), "clause_confidence": o.ref.confidence}


def _non_obligation_row(n: NonObligation) -> dict[str, Any]:
    from sahel_sim.report.explain import why_not

    leaf = n.reason.failing_leaf()
    return {"event": n.event, "date": n.date, "party": n.party, "treaty": n.treaty,
            "treaty_name": n.ref.treaty_name, "article": n.article, "clause": n.ref.clause,
            "relevant": informativeness(n)[0] == 0, "failed_test": leaf.test, "reason": why_not(n, limit=None)}


def _facts(checks: Iterable[Any]) -> str:
    from sahel_sim.report.explain import fact_texts

    return " | ".join(dict.fromkeys(t for c in checks for t in fact_texts(c)))


def sweep_frame(rows: list[dict[str, Any]]) -> Any:
    """The rows of a sweep as a DataFrame, the columns of ``sahel-sim sweep``'s CSV, the cells as it writes them."""
    from sahel_sim.analysis.sweep import COLUMNS

    pd = pandas()
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...], dates: tuple[str, ...] = ("date",)) -> Any:
    pd = pandas()
    df = pd.DataFrame(rows, columns=list(columns))
    for col in dates:
        df[col] = pd.to_datetime(df[col])
    return df
