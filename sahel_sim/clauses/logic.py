"""Formulas of the clause language's static logic: plain tuples, built by pure functions.

``sahel-sim verify`` compiles conditions into these formulas over
finite-domain variables (see :mod:`sahel_sim.verify`); each condition test's
own encoding (in its family module) builds them with these constructors.
"""

from __future__ import annotations

from typing import Any, Iterable

__all__ = ["FALSE", "TRUE", "Formula", "all_of", "any_of", "atom", "implies", "negate"]

Formula = tuple[Any, ...]
TRUE: Formula = ("const", True)
FALSE: Formula = ("const", False)


def atom(var: str, true_values: Iterable[Any]) -> Formula:
    """``var`` takes one of ``true_values``."""
    return ("atom", var, frozenset(true_values))


def all_of(parts: Iterable[Formula]) -> Formula:
    """Conjunction (simplified: constants folded)."""
    out = []
    for p in parts:
        if p == FALSE:
            return FALSE
        if p != TRUE:
            out.append(p)
    return TRUE if not out else out[0] if len(out) == 1 else ("and", tuple(out))


def any_of(parts: Iterable[Formula]) -> Formula:
    """Disjunction (simplified: constants folded)."""
    out = []
    for p in parts:
        if p == TRUE:
            return TRUE
        if p != FALSE:
            out.append(p)
    return FALSE if not out else out[0] if len(out) == 1 else ("or", tuple(out))


def negate(f: Formula) -> Formula:
    """Negation (simplified)."""
    if f[0] == "const":
        return FALSE if f[1] else TRUE
    if f[0] == "not":
        return f[1]
    return ("not", f)


def implies(a: Formula, b: Formula) -> Formula:
    """``a`` implies ``b``."""
    return any_of([negate(a), b])
