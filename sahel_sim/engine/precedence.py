"""Which of two conflicting duties prevails, and by which rule, or that none does.

The rules are the general law of treaties, applied in order: the UN Charter's
Art. 103 (Charter obligations prevail); a treaty's own compatibility clause
(VCLT Art. 30(2)), recorded as data on the treaty (``precedence:``); then,
only for "successive treaties relating to the same subject-matter" (VCLT
Art. 30(1), checked against each treaty's ``subject_matter``), Art. 30(4)(b)
(between a state party to both treaties and a state party to only one, the
treaty both are parties to governs); *lex specialis*, where a treaty's data
says it is the special rule; and Art. 30(3) with 30(4)(a) (*lex posterior*
between states parties to both).  Each rule is data (its id, its text,
quoted with its article, and when it applies); what none of them settles is
reported as unresolved, with both sides and the reason each rule did not
apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sahel_sim.clauses.articles import article_label
from sahel_sim.engine.findings import Obligation
from sahel_sim.graph import queries as q
from sahel_sim.graph.compiled import CompiledWorld

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
    PrecedenceRule("vclt-30-2", "Vienna Convention on the Law of Treaties Art. 30(2) (the treaty's own "
                   "compatibility clause)",
                   '"When a treaty specifies that it is subject to, or that it is not to be considered as incompatible '
                   'with, an earlier or later treaty, the provisions of that other treaty prevail."', "quote",
                   "Vienna Convention on the Law of Treaties (1969)"),
    PrecedenceRule("vclt-30-4-b", "Vienna Convention on the Law of Treaties Art. 30(4)(b)",
                   '"as between a State party to both treaties and a State party to only one of the treaties, the '
                   'treaty to which both States are parties governs their mutual rights and obligations."',
                   "quote", "Vienna Convention on the Law of Treaties (1969)"),
    PrecedenceRule("lex-specialis", "lex specialis derogat legi generali",
                   "Where two rules deal with the same matter, the more specific one prevails over the more general.",
                   "paraphrase", "International Law Commission, Fragmentation of International Law, conclusions of "
                   "the Study Group (2006), conclusion 5"),
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


def prevailing(world: CompiledWorld, actor: str, first: Obligation, second: Obligation,
               counterparty: str | None) -> Precedence:
    """Which of ``first`` and ``second`` prevails for ``actor``, towards ``counterparty``, in ``world``.

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
    clause = _entry(world, "compatibility_clause", first, second)
    if clause is not None:
        return clause
    day = first.date
    same, why_not = _same_subject_matter(world, first, second)
    vclt = counterparty is not None and first.treaty != second.treaty and same  # Art. 30 may choose
    in_first = vclt and q.is_party(world.G, counterparty, first.treaty, day)
    in_second = vclt and q.is_party(world.G, counterparty, second.treaty, day)
    if in_first != in_second:
        both, only = (first, second) if in_first else (second, first)
        side = "first" if both is first else "second"
        return Precedence(side, "vclt-30-4-b",
                          f"{counterparty} is a party to the {both.ref.treaty_name} but not to the "
                          f"{only.ref.treaty_name} on {day}, so between {actor}, a party to both, and "
                          f"{counterparty} the treaty both are parties to governs (VCLT Art. 30(4)(b)): "
                          f"{_name(both)} prevails{_subject_words(why_not)}")
    special = _entry(world, "lex_specialis", first, second)
    if special is not None:
        return special
    if in_first and in_second:
        t1, t2 = world.treaty(first.treaty), world.treaty(second.treaty)
        if t1.signed != t2.signed:
            later = first if t1.signed > t2.signed else second
            earlier = second if later is first else first
            side = "first" if later is first else "second"
            return Precedence(side, "vclt-30-3-lex-posterior",
                              f"{actor} and {counterparty} are parties to both treaties on {day}, and the "
                              f"{later.ref.treaty_name} is the later one, so the earlier {earlier.ref.treaty_name} "
                              f"applies only so far as it is compatible with it (VCLT Art. 30(3), 30(4)(a)): "
                              f"{_name(later)} prevails{_subject_words(why_not)}")
    if not same:
        return Precedence(None, None,
                          f"no rule of precedence settles it: neither duty is a UN Charter obligation, neither treaty "
                          f"has a compatibility clause or a lex specialis entry for the other, and {why_not}: "
                          f"{actor} owes both {_name(first)} and {_name(second)}")
    return Precedence(None, None,
                      f"no rule of precedence settles it (neither duty is a UN Charter obligation, and the treaties' "
                      f"parties do not let VCLT Art. 30 choose): {actor} owes both {_name(first)} and {_name(second)}")


def _subject_words(unknown: str | None) -> str:
    """What the reasoning adds when the treaties' subject-matter is not recorded (empty when it is, and the same)."""
    return f" ({unknown}: the rule is applied as if the treaties related to the same subject-matter)" if unknown else ""


def _same_subject_matter(world: CompiledWorld, first: Obligation, second: Obligation) -> tuple[bool, str | None]:
    """Whether VCLT Art. 30 may apply: the treaties relate to the same subject-matter (Art. 30(1)).

    Returns ``(applies, words)``: ``words`` says why it does not apply, or
    that the subject-matter is not recorded (then it is taken to apply);
    None when both treaties record a common subject.
    """
    if first.treaty == second.treaty:
        return True, None
    t1, t2 = world.treaty(first.treaty), world.treaty(second.treaty)
    if not t1.subject_matter or not t2.subject_matter:
        missing = " and the ".join(o.ref.treaty_name for t, o in ((t1, first), (t2, second)) if not t.subject_matter)
        return True, f"the subject-matter of the {missing} is not recorded"
    if set(t1.subject_matter) & set(t2.subject_matter):
        return True, None
    return False, (f"VCLT Art. 30 applies only to \"successive treaties relating to the same subject-matter\" "
                   f"(Art. 30(1)), and the {first.ref.treaty_name} concerns {_words(t1.subject_matter)} while the "
                   f"{second.ref.treaty_name} concerns {_words(t2.subject_matter)}")


def _words(subjects: tuple[str, ...]) -> str:
    """``use_of_force, collective_defence`` as ``the use of force and collective defence``."""
    names = [s.replace("_", " ") for s in subjects]
    names = ["the use of force" if n == "use of force" else n for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _entry(world: CompiledWorld, kind: str, first: Obligation, second: Obligation) -> Precedence | None:
    """The first ``precedence:`` entry of ``kind`` one treaty gives about the other, as the outcome it decides.

    ``compatibility_clause``: the treaty's own clause (VCLT Art. 30(2));
    ``lex_specialis``: the data says which treaty is the special rule.
    """
    if first.treaty == second.treaty:
        return None
    for own, other in ((first, second), (second, first)):
        for e in world.treaty(own.treaty).precedence:
            if e.treaty != other.treaty or e.kind.value != kind:
                continue
            win = own if e.prevails == "this" else other
            lose = other if win is own else own
            side = "first" if win is first else "second"
            if kind == "lex_specialis":
                return Precedence(side, "lex-specialis",
                                  f"the {win.ref.treaty_name} is the special rule and the {lose.ref.treaty_name} the "
                                  f"general one on this matter ({e.text}), so {_name(win)} prevails (lex specialis)")
            where = article_label(e.article) if e.article else "a clause"
            words = "in its own words" if e.text_kind.value == "quote" else "in paraphrase"
            return Precedence(side, "vclt-30-2",
                              f"{where} of the {own.ref.treaty_name} settles how it stands to the other treaty "
                              f"({words}: {e.text}), so {_name(win)} prevails (VCLT Art. 30(2))")
    return None
