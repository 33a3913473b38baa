"""Which of two conflicting duties prevails, and by which rule, or that none does.

The rules are the general law of treaties, applied in order: the UN Charter's
Art. 103 (Charter obligations prevail), then the Vienna Convention on the Law
of Treaties' Art. 30(4)(b) (between a state party to both treaties and a
state party to only one, the treaty both are parties to governs), then
Art. 30(3) with 30(4)(a) (*lex posterior* between states parties to both).  Each rule is data (its
id, its text, quoted with its article, and when it applies); what none of
them settles is reported as unresolved, with both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from sahel_sim.engine.findings import Obligation
from sahel_sim.graph import queries as q

__all__ = ["RULES", "Precedence", "PrecedenceRule", "prevailing"]


@dataclass(frozen=True, slots=True)
class PrecedenceRule:
    """One rule of precedence between treaty duties, with its legal text."""

    id: str
    name: str
    text: str
    text_kind: str
    source: str


#: The rules, in the order they are tried.
RULES = (
    PrecedenceRule("un-charter-103", "UN Charter Art. 103",
                   '"In the event of a conflict between the obligations of the Members of the United Nations under '
                   'the present Charter and their obligations under any other international agreement, their '
                   'obligations under the present Charter shall prevail."', "quote", "Charter of the United Nations"),
    PrecedenceRule("vclt-30-4-b", "Vienna Convention on the Law of Treaties Art. 30(4)(b)",
                   '"as between a State party to both treaties and a State party to only one of the treaties, the '
                   'treaty to which both States are parties governs their mutual rights and obligations."',
                   "quote", "Vienna Convention on the Law of Treaties (1969)"),
    PrecedenceRule("vclt-30-3-lex-posterior", "Vienna Convention on the Law of Treaties Art. 30(3), 30(4)(a) "
                   "(lex posterior)",
                   "Between states parties to both treaties, the earlier treaty applies only so far as its "
                   "provisions are compatible with those of the later one.", "paraphrase", "Vienna Convention on the Law of Treaties (1969)"),
)
_BY_ID = {r.id: r for r in RULES}


@dataclass(frozen=True, slots=True)
class Precedence:
    """The outcome: which duty prevails (``first``, ``second`` or None when unresolved), by which rule, and why."""

    prevails: str | None
    rule: str | None
    reasoning: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with the rule's text."""
        rule = _BY_ID.get(self.rule or "")
        return {"prevails": self.prevails, "rule": self.rule, "reasoning": self.reasoning,
                "rule_text": rule.text if rule else None, "rule_text_kind": rule.text_kind if rule else None}


def _name(o: Obligation) -> str:
    return f"{o.ref.treaty_name} {o.ref.reference or 'Art. ' + str(o.article)}"


def prevailing(G: nx.MultiDiGraph, actor: str, first: Obligation, second: Obligation, counterparty: str | None) -> Precedence:
    """Which of ``first`` and ``second`` prevails for ``actor``, towards ``counterparty``.

    ``counterparty`` is the state the conflict is about: the one the actor must
    assist against under ``first`` and must not use force against under
    ``second``.
    """
    charter = [side for side, o in (("first", first), ("second", second)) if o.treaty == "un-charter"]
    if len(charter) == 1:
        win = first if charter[0] == "first" else second
        lose = second if win is first else first
        return Precedence(charter[0], "un-charter-103",
                          f"{_name(win)} is an obligation under the UN Charter and {_name(lose)} is not, so by "
                          f"UN Charter Art. 103 the Charter obligation prevails")
    day = first.date
    if counterparty is not None and first.treaty != second.treaty:
        in_first = q.is_party(G, counterparty, first.treaty, day)
        in_second = q.is_party(G, counterparty, second.treaty, day)
        if in_first != in_second:
            both, only = (first, second) if in_first else (second, first)
            side = "first" if both is first else "second"
            return Precedence(side, "vclt-30-4-b",
                              f"{counterparty} is a party to the {both.ref.treaty_name} but not to the "
                              f"{only.ref.treaty_name} on {day}, so between {actor}, a party to both, and "
                              f"{counterparty} the treaty both are parties to governs (VCLT Art. 30(4)(b)): "
                              f"{_name(both)} prevails")
        if in_first and in_second:
            t1, t2 = q.treaty(G, first.treaty), q.treaty(G, second.treaty)
            if t1.signed != t2.signed:
                later = first if t1.signed > t2.signed else second
                earlier = second if later is first else first
                side = "first" if later is first else "second"
                return Precedence(side, "vclt-30-3-lex-posterior",
                                  f"{actor} and {counterparty} are parties to both treaties on {day}, and the "
                                  f"{later.ref.treaty_name} is the later one, so the earlier {earlier.ref.treaty_name} "
                                  f"applies only so far as it is compatible with it (VCLT Art. 30(3), 30(4)(a)): "
                                  f"{_name(later)} prevails")
    return Precedence(None, None,
                      f"no rule of precedence settles it (neither duty is a UN Charter obligation, and the treaties' "
                      f"parties do not let VCLT Art. 30 choose): {actor} owes both {_name(first)} and {_name(second)}")
