"""Which non-obligations to show: one per party and treaty, the most telling.

An event yields a non-obligation for every party under every clause that did
not bind it, most of them "the trigger did not fire" (an invasion is not
terrorism).  Listed in full they bury the interesting rows, so the default
view keeps one per (party, treaty): preferably one whose clause was relevant
(its trigger held), and among those the one that got furthest (most checks
passed).  Parties obligated under the same treaty for the event are left out,
since the obligation already answers for them, and so are treaties the event
does not concern (the target is not a party, and the party was neither asked
about nor involved): they stay in ``--all`` and in JSON.  A contested finding
(another reading of the law binds the party) is always shown.  ``show_all`` returns every
non-obligation unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from sahel_sim.engine.findings import ClauseRef, EventResult, NonObligation, informativeness
from sahel_sim.report.explain import why_not

__all__ = ["NotObligatedRow", "article_of", "condensed", "did_not_act", "informativeness", "not_obligated_rows",
           "place_of"]

NO_ARTICLE = "—"


@dataclass(frozen=True, slots=True)
class NotObligatedRow:
    """One row of the "Not obligated" table, with the finding it shows."""

    party: str
    treaty: str
    treaty_name: str
    article: str
    reason: str
    finding: NonObligation


def condensed(event: EventResult, *, show_all: bool = False) -> tuple[NonObligation, ...]:
    """The non-obligations of ``event`` to show, ordered by treaty then party.

    Args:
        event: one event's findings.
        show_all: return every non-obligation, in the engine's order.

    Returns:
        The chosen findings; ties keep the engine's (stable) order.
    """
    if show_all:
        return event.non_obligations
    bound = {(o.obligor, o.treaty) for o in event.obligations}
    best: dict[tuple[str, str], NonObligation] = {}
    for finding in event.non_obligations:
        key = (finding.treaty, finding.party)
        if not finding.contested and ((finding.party, finding.treaty) in bound or not event.concerns(
                finding.party, finding.treaty, treaty_level=finding.ref.clause is None)):
            continue
        if key not in best or _rank(finding) < _rank(best[key]):
            best[key] = finding
    return tuple(best[k] for k in sorted(best))


def _rank(finding: NonObligation) -> tuple[int, int, int]:
    """Contested findings first (another reading binds the party), then the most informative."""
    return (0 if finding.contested else 1, *informativeness(finding))


def did_not_act(finding: NonObligation) -> bool:
    """The clause binds only the parties that carried out the event, and this party did not."""
    leaf = finding.reason.failing_leaf()
    return leaf.test == "obligor_role" and leaf.role == "builtin" and any(
        f.predicate == "obligor_role" and f.args[1:] == ("attacking_parties",) for f in leaf.facts)


def not_obligated_rows(event: EventResult, *, show_all: bool = False) -> list[NotObligatedRow]:
    """The "Not obligated" rows of an event, ready for any format."""
    return [NotObligatedRow(n.party, n.treaty, n.ref.treaty_name, article_of(n.ref), why_not(n), n)
            for n in condensed(event, show_all=show_all)]


def article_of(ref: ClauseRef) -> str:
    """The reference of a finding as shown in tables, or a dash for a treaty-level finding.

    Examples:
        >>> from sahel_sim.engine.findings import ClauseRef
        >>> article_of(ClauseRef("t", "T", "7", "c", reference="Art. 7 (with Art. 6)"))
        'Art. 7 (with Art. 6)'
        >>> article_of(ClauseRef("t", "T", None, None))
        '—'
    """
    return ref.cited or NO_ARTICLE


def place_of(ref: ClauseRef) -> tuple[str, ...]:
    """Where a finding stands, for a sentence: the treaty's name and the article, or the name alone for a
    treaty-level finding (which has no article to cite, and no dash in a sentence).

    Examples:
        >>> from sahel_sim.engine.findings import ClauseRef
        >>> place_of(ClauseRef("t", "Treaty T", "7", "c"))
        ('Treaty T', 'Art. 7')
        >>> place_of(ClauseRef("t", "Treaty T", None, None))
        ('Treaty T',)
    """
    article = article_of(ref)
    return (ref.treaty_name,) if article == NO_ARTICLE else (ref.treaty_name, article)
