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
from sahel_sim.report.i18n import gettext_, tr

__all__ = ["Line", "abridged", "as_text", "because", "check_lines", "fact_texts", "finding_lines", "obligation_title",
           "reason_lines", "why_not"]

HOLDS = "✓"
FAILS = "✗"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a reason tree: its nesting depth, its text, and whether it is a fact.

    Facts are marked rather than prefixed so that each format can set them
    apart in its own way (a middle dot in text, a plain bullet in Markdown).
    """

    depth: int
    text: str
    fact: bool = False

    @property
    def plain(self) -> str:
        """The line for plain text: facts get a leading middle dot."""
        return f"· {self.text}" if self.fact else self.text


def check_lines(check: Check, depth: int = 0, *, top: bool = True) -> list[Line]:
    """A check, its facts and its children, depth first.

    The role (trigger, condition, builtin, exception) is shown on top-level
    checks, where the engine sets it; nested checks only show a role when it
    is not the default, since they inherit their meaning from their parent.

    Examples:
        >>> from sahel_sim.clauses.checks import Fact
        >>> c = Check("is_party", "the state attacked is a party", True,
        ...           (Fact("party", ("NER",), "NER is a party"),))
        >>> [f"{l.depth}:{l.plain}" for l in check_lines(c)]
        ['0:✓ condition: the state attacked is a party', '1:· NER is a party']
    """
    text = tr(check.text)
    if check.role == "exception" and check.holds:
        text = gettext_("{text} (applies, so the clause does not bind)").format(text=text)
    if top or check.role != "condition":
        text = gettext_(f"{check.role}: {{text}}").format(text=text)
    out = [Line(depth, f"{HOLDS if check.holds else FAILS} {text}")]
    out += [Line(depth + 1, tr(fact.text), fact=True) for fact in check.facts]
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


def obligation_title(o: Obligation) -> str:
    """``MLI obligated towards NER under Liptako-Gourma Charter Art. 6``, for reason blocks."""
    towards = gettext_(" towards {who}").format(who=o.beneficiary) if o.beneficiary else ""
    reference = o.ref.cited or ""
    return gettext_("{who} obligated{towards} under {reference}").format(
        who=o.obligor, towards=towards, reference=f"{tr(o.ref.treaty_name)} {reference}".rstrip())


def as_text(lines: Sequence[Line], indent: str = "  ") -> list[str]:
    """Lines indented by depth, for plain-text output."""
    return [indent * line.depth + line.plain for line in lines]


def fact_texts(check: Check) -> list[str]:
    """The facts behind a check in words: its own, else those of its parts.

    A composite check (``any_of``, ``all_of``) often records its facts on its
    children; falling back to them keeps the summary concrete.
    """
    own = [tr(f.text) for f in check.facts]
    if own:
        return own
    return list(dict.fromkeys(tr(f.text) for c in check.walk() for f in c.facts))


def because(obligation: Obligation, *, conditions: int = 1) -> str:
    """A short "because" for tables: the trigger's first fact and the first condition's.

    Built-in checks (party on the date, obligor role) are left out, since they
    hold for every obligation, and so are further facts: ``--explain`` and
    the JSON output have them all.
    """
    picked = [c for c in obligation.reasons if c.role == "trigger"]
    picked += [c for c in obligation.reasons if c.role == "condition"][:conditions]
    return "; ".join(dict.fromkeys(abridged(c, limit=1) for c in picked))


def abridged(check: Check, *, limit: int) -> str:
    """A check's first ``limit`` facts (else its text), saying how many were left out.

    Examples:
        >>> from sahel_sim.clauses.checks import Fact
        >>> c = Check("t", "two facts", True, (Fact("p", (), "one"), Fact("p", (), "two")))
        >>> abridged(c, limit=1)
        'one (+1 more)'
    """
    facts = fact_texts(check) or [tr(check.text)]
    more = len(facts) - limit
    return "; ".join(facts[:limit]) + (gettext_(" (+{count} more)").format(count=more) if more > 0 else "")


def why_not(finding: NonObligation, *, limit: int | None = 2) -> str:
    """The decisive check in one line, as true sentences.

    That is the failing leaf of the reason, or the exception that applied.
    For a failed condition the facts that decided it (up to ``limit``) come
    first and the condition follows, labelled as what was required: a
    condition's text states a requirement, and printed alone it would read as
    if it held.  An exception that applied is stated as such, with its facts.
    """
    leaf = finding.reason.failing_leaf()
    condition = tr(leaf.text)
    applies = leaf.role == "exception" and leaf.holds
    if not fact_texts(leaf):
        template = "exception applies: {condition}" if applies else "not shown: {condition}"
        return gettext_(template).format(condition=condition)
    facts = abridged(leaf, limit=limit) if limit is not None else "; ".join(fact_texts(leaf))
    if applies:
        return gettext_("exception applies: {condition}").format(condition=condition) + f": {facts}"
    return gettext_("{facts} (required: {condition})").format(facts=facts, condition=condition)
