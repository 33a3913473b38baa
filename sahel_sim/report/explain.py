"""Reason trees and one-line reasons, as plain text shared by every format.

A finding carries its reasons as :class:`~sahel_sim.clauses.checks.Check`
trees.  The table and Markdown reports both need the same two views of them:
the whole tree (``--explain``) and a one-line summary (the "because" and
"reason" columns).  Producing them once here, as plain strings with a depth,
keeps the formats consistent; each format only decides how to indent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from sahel_sim.clauses.checks import Check
from sahel_sim.engine.findings import NonObligation, Obligation

__all__ = ["Line", "as_text", "because", "check_lines", "fact_texts", "finding_lines", "why_not"]

HOLDS = "✓"
FAILS = "✗"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a reason tree: its nesting depth and its text."""

    depth: int
    text: str


def check_lines(check: Check, depth: int = 0, *, top: bool = True) -> list[Line]:
    """A check, its facts and its children, depth first.

    The role (trigger, condition, builtin, exception) is shown on top-level
    checks, where the engine sets it; nested checks only show a role when it
    is not the default, since they inherit their meaning from their parent.

    Examples:
        >>> from sahel_sim.clauses.checks import Fact
        >>> c = Check("is_party", "the state attacked is a party", True,
        ...           (Fact("party", ("NER",), "NER is a party"),))
        >>> [f"{l.depth}:{l.text}" for l in check_lines(c)]
        ['0:✓ condition: the state attacked is a party', '1:· NER is a party']
    """
    role = f"{check.role}: " if top or check.role != "condition" else ""
    note = " (applies, so the clause does not bind)" if check.role == "exception" and check.holds else ""
    out = [Line(depth, f"{HOLDS if check.holds else FAILS} {role}{check.text}{note}")]
    out += [Line(depth + 1, f"· {fact.text}") for fact in check.facts]
    for child in check.children:
        out += check_lines(child, depth + 1, top=False)
    return out


def reason_lines(checks: Iterable[Check], depth: int = 0) -> list[Line]:
    """Every check of a finding, in the order the engine evaluated them."""
    return [line for check in checks for line in check_lines(check, depth)]


def finding_lines(finding: Obligation | NonObligation, depth: int = 0) -> list[Line]:
    """The full reason tree of an obligation (its reasons) or a non-obligation (its checks)."""
    if isinstance(finding, Obligation):
        return reason_lines(finding.reasons, depth)
    return reason_lines(finding.checks or (finding.reason,), depth)


def as_text(lines: Sequence[Line], indent: str = "  ") -> list[str]:
    """Lines indented by depth, for plain-text output."""
    return [indent * line.depth + line.text for line in lines]


def fact_texts(check: Check) -> list[str]:
    """The facts behind a check in words: its own, else those of its parts.

    A composite check (``any_of``, ``all_of``) often records its facts on its
    children; falling back to them keeps the summary concrete.
    """
    own = [f.text for f in check.facts]
    if own:
        return own
    return list(dict.fromkeys(f.text for c in check.walk() for f in c.facts))


def because(obligation: Obligation, *, conditions: int = 1) -> str:
    """A short "because" for tables: the trigger's facts and the first condition(s)'.

    Built-in checks (party on the date, obligor role) are left out: they hold
    for every obligation and are shown by ``--explain``.
    """
    picked = [c for c in obligation.reasons if c.role == "trigger"]
    picked += [c for c in obligation.reasons if c.role == "condition"][:conditions]
    texts = [t for c in picked for t in (fact_texts(c) or [c.text])]
    return "; ".join(dict.fromkeys(texts))


def why_not(finding: NonObligation) -> str:
    """The decisive failed check in one line: its text, then the facts that decided it."""
    leaf = finding.reason.failing_leaf()
    head = f"exception applies: {leaf.text}" if leaf.role == "exception" and leaf.holds else leaf.text
    facts = fact_texts(leaf)
    return f"{head}: {'; '.join(facts)}" if facts else head
