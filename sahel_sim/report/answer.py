"""The answer for one event as paragraphs: who is bound, grouped by status, and who is not.

Table cells squeeze long reasons into ellipses on a narrow terminal, so the
terminal answer is a list of short paragraphs instead, each with an indent:
a heading, then one block per finding (or per group of parties that are
bound alike), with the reason in full on its own wrapped lines.  Rich only
wraps them; what is said is decided here, once, as plain data.

The "not bound" part is condensed by default: treaties the event does not
concern and parties no one asked about stay in ``--all`` (and in JSON), and
parties that fail a clause for the same reason share one paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Sequence

from sahel_sim.clauses.checks import Check
from sahel_sim.engine.findings import EventResult, NonObligation, Obligation, informativeness
from sahel_sim.report.condense import article_of, condensed, did_not_act
from sahel_sim.report.explain import fact_texts, why_not
from sahel_sim.report.i18n import gettext_ as _
from sahel_sim.report.i18n import tr
from sahel_sim.report.status import group_by_status, status_label
from sahel_sim.report.text import joined

__all__ = ["Para", "because_in_full", "cascade_summary", "duty_words", "event_paras", "party_paras", "response_paras"]


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph of the answer: its indent (in steps of two spaces), text and style; ``hang``: the steps its
    wrapped lines sit further in (an item of a list, so that where the next item starts shows)."""

    indent: int
    text: str
    style: str = ""
    hang: int = 0


_DUTY = {
    "assist": "assist {b}",
    "refrain": "refrain from force against {b}",
    "consult": "consult (towards {b})",
    "mediate": "mediate (towards {b})",
    "combat_terrorism": "combat terrorism (towards {b})",
    "counter_rebellion": "counter the rebellion (towards {b})",
    "manage_crisis": "manage the crisis (towards {b})",
    "sanction": "sanction (towards {b})",
    "intervene": "intervene (towards {b})",
    "neutrality": "observe neutrality in the attack on {b}",
    "benevolent_neutrality": "give no help to the attackers of {b}",
    "mobilise": "mobilise (alongside {b})",
    "guarantee": "uphold its guarantee of {b}",
}
_BREACH = {"refrain": "used force against {b}, which the clause forbids",
           "guarantee": "acted against {b}, whose guarantor it is"}
_DUTY_NOBODY = {"assist": "assist", "refrain": "refrain from force"}
_MEANS = {
    "armed_force_included": "armed force included",
    "armed_force_if_necessary": "armed force if necessary",
    "armed_force_with_consent": "armed force only with its own consent",
    "non_military": "non-military means",
    "unspecified": "means not specified",
}


def duty_words(o: Obligation) -> str:
    """What the obligor must do, towards whom and by which means, in words.

    Examples:
        >>> from types import SimpleNamespace as O
        >>> duty_words(O(duty="assist", beneficiary="NER", means="armed_force_included", against=("NGA",)))
        'assist NER against NGA, armed force included'
        >>> duty_words(O(duty="mediate", beneficiary=None, means="none", against=()))
        'mediate'
    """
    if o.beneficiary and getattr(o, "status", None) == "in_breach" and o.duty in _BREACH:
        words = _(_BREACH[o.duty]).format(b=o.beneficiary)
    elif o.beneficiary:
        words = _(_DUTY.get(o.duty, o.duty.replace("_", " ") + " (towards {b})")).format(b=o.beneficiary)
    else:
        words = _(_DUTY_NOBODY.get(o.duty, o.duty.replace("_", " ")))
    breach = getattr(o, "status", None) == "in_breach" and o.duty in _BREACH
    if o.against and (o.duty == "assist" or (o.duty == "guarantee" and not breach)):
        words = _("{duty} against {who}").format(duty=words, who=joined(o.against))
    means = None if breach else _MEANS.get(o.means)
    return _("{duty}, {means}").format(duty=words, means=_(means)) if means else words


def because_in_full(o: Obligation) -> str:
    """Every fact of the trigger and the conditions that made the obligation hold.

    Built-in checks (the obligor is a party, its role) hold for every
    obligation and are left to ``--explain``.
    """
    facts: list[str] = []
    for check in o.reasons:
        if check.role in ("trigger", "condition"):
            facts += [tr(t) for t in _merged_categories(check)] or fact_texts(check) or [tr(check.text)]
    return "; ".join(dict.fromkeys(facts))


def _merged_categories(check: Check) -> list[str]:
    """A trigger's "X is A under the R reading (rule …)" facts, the categories one rule gave joined in one.

    Returns [] for any other check (its facts are worded as they are).

    Examples:
        >>> from sahel_sim.clauses.checks import Check, Fact
        >>> f = lambda c: Fact("characterised_as", ("e", c, "literal"), f"e is {c} under the literal reading (rule r: t)")
        >>> _merged_categories(Check("category", "t", True, (f("aggression"), f("use_of_force"))))
        ['e is aggression and use_of_force under the literal reading (rule r: t)']
    """
    if not check.facts or any(f.predicate != "characterised_as" or len(f.args) != 3 for f in check.facts):
        return []
    merged: dict[tuple[str, str, str], list[str]] = {}
    for f in check.facts:
        event, category, perspective = f.args
        head = f"{event} is {category} under the {perspective} reading "
        if not f.text.startswith(head):
            return []
        merged.setdefault((event, perspective, f.text[len(head):]), []).append(category)
    return [f"{event} is {' and '.join(cats)} under the {perspective} reading {why}"
            for (event, perspective, why), cats in merged.items()]


def _reference(treaty_name: str, article: str) -> str:
    name = tr(treaty_name)
    return name if article == "—" else f"{name} {tr(article)}"


def _obligation_groups(obligations: Iterable[Obligation]) -> list[tuple[list[str], Obligation, str]]:
    """Obligations bound alike (same clause, duty, beneficiary and reason), their obligors together."""
    groups: dict[tuple[str, ...], tuple[list[str], Obligation, str]] = {}
    for o in obligations:
        reason = because_in_full(o)
        key = (o.treaty, o.ref.clause or "", o.beneficiary or "", duty_words(o), reason,
               tuple((r.alternative, r.status) for r in o.readings), o.confidence, o.binds_from.isoformat(),
               tuple((f.kind, f.text) for f in o.flags))
        if key in groups:
            groups[key][0].append(o.obligor)
        else:
            groups[key] = ([o.obligor], o, reason)
    return list(groups.values())


MANY = 12
"""More alike parties than this are named in part: "USA, FRA … and 180 more" (a right of every UN member)."""


def positive(event: EventResult) -> tuple[Obligation, ...]:
    """Every finding that reaches a party: breaches first, then duties, then permissions."""
    return event.breaches + event.obligations + event.permissions


def _who(obligors: Sequence[str]) -> str:
    names = sorted(obligors)
    if len(names) <= MANY:
        return joined(names)
    return _("{names} … and {count} more ({total} parties)").format(names=joined(names[:8]), count=len(names) - 8,
                                                                      total=len(names))


def standing_paras(o: Obligation, indent: int) -> list[Para]:
    """Where the law is disputed: the status under each other reading, with its source."""
    by_status: dict[str, list[str]] = {}
    for r in o.readings:
        by_status.setdefault(r.status, []).append(r.alternative)
    out = [Para(indent, _("contested: {status} under '{alternative}'").format(
        status=_(status_label(status)).lower(), alternative="', '".join(names)), "yellow")
        for status, names in by_status.items()]
    return out


def _confidence(o: Obligation) -> str:
    """`` · confidence: recalled`` after the reference when the finding is not confirmed (JSON lists the facts)."""
    return "" if o.confidence == "confirmed" else _(" · confidence: {confidence}").format(confidence=_(o.confidence))


def obligation_paras(obligations: Sequence[Obligation], indent: int = 0) -> list[Para]:
    """Findings grouped by status, each group of alike obligors as one block."""
    out: list[Para] = []
    for status, found in group_by_status(obligations):
        style = "bold red" if status == "in_breach" else "bold green"
        out.append(Para(indent, f"{_(status_label(status))} ({len(found)})", style))
        for obligors, o, reason in _obligation_groups(found):
            out.append(Para(indent + 1, _("{obligors}: {duty}").format(obligors=_who(obligors), duty=duty_words(o)),
                            "bold"))
            since = _(" · binding from {day}").format(day=o.binds_from.isoformat()) if o.binds_from != o.date else ""
            out.append(Para(indent + 2, _reference(o.ref.treaty_name, article_of(o.ref)) + _confidence(o) + since))
            for f in o.flags:
                src = f" [{f.source}]" if f.source else ""
                out.append(Para(indent + 2, f"{f.party}: {_(f.kind)} ({_(f.text_kind)}): {f.text}{src}", "yellow"))
            if reason:
                out.append(Para(indent + 2, _("because {reason}").format(reason=reason)))
            out += standing_paras(o, indent + 2)
    return out


def _treaty_level(n: NonObligation) -> bool:
    """A finding about the whole treaty (not in force, or not a party), not about one of its clauses."""
    leaf = n.reason.failing_leaf()
    return leaf.role == "builtin" and n.ref.clause is None or _not_a_party(n)


def _not_a_party(n: NonObligation) -> bool:
    leaf = n.reason.failing_leaf()
    return leaf.test == "is_party" and leaf.role == "builtin"


def _not_in_force(n: NonObligation) -> bool:
    return n.reason.test == "treaty_in_force"


def not_bound_paras(event: EventResult, *, show_all: bool, indent: int = 0,
                    skip: frozenset[str] = frozenset()) -> list[Para]:
    """The "not bound" part: parties failing a clause for the same reason share a block.

    Parties that are simply not parties to a treaty on the date are listed
    last, one line for those alike; by default treaties the event does not
    concern are only counted there.  Treaties not in force on the event
    date are only counted, unless ``show_all``, which lists every finding.
    """
    waiting = [n for n in event.non_obligations if n.within is not None and n.party not in skip
               and (show_all or event.concerns(n.party, n.treaty))]  # every clause that waits, not one per treaty
    out = pending_paras(waiting, indent)
    shown = [n for n in condensed(event, show_all=show_all) if n.party not in skip and n.within is None]
    if not show_all:  # a state that used no force breaches no prohibition on those who used it: --all has it
        shown = [n for n in shown if not did_not_act(n) or n.contested]
    if not shown:
        return out
    dormant = sorted({n.ref.treaty_name for n in shown if _not_in_force(n) and not n.contested}) if not show_all else []
    shown = [n for n in shown if show_all or not _not_in_force(n) or n.contested]
    outsiders = [n for n in shown if _not_a_party(n) and not n.contested]
    if not show_all:
        outsiders = [n for n in outsiders if n.treaty in event.target_treaties]
    listed = [n for n in shown if not _not_a_party(n) or n.contested]
    if not show_all:  # a treaty the event does not concern, not even in force: a row in --all only
        listed = [n for n in listed if n.treaty in event.target_treaties or not _treaty_level(n) or n.contested]
    rest = len(event.non_obligations) - len(listed) - len(outsiders) - len(waiting)
    title = _("Not bound ({count} more with --all)").format(count=rest) if rest > 0 else _("Not bound")
    out.append(Para(indent, title, "bold red"))
    groups: dict[tuple[str, ...], list[NonObligation]] = {}
    for n in listed:
        leaf = n.reason.failing_leaf()
        groups.setdefault((n.treaty, article_of(n.ref), leaf.test, leaf.text, leaf.role,
                           tuple((r.alternative, r.status) for r in n.readings)), []).append(n)
    for found in groups.values():
        first = found[0]
        out.append(Para(indent + 1, f"{_reference(first.ref.treaty_name, article_of(first.ref))} — "
                                    f"{_parties(found, show_all=show_all)}", "bold"))
        out.append(Para(indent + 2, _shared_reason(found, show_all=show_all)))
        out += standing_paras(first, indent + 2)
    out += _outsider_paras(outsiders, event.event.date, indent + 1)
    if dormant:
        template = ("{count} treaty of the library not in force on {day}" if len(dormant) == 1 else
                    "{count} treaties of the library not in force on {day}")
        out.append(Para(indent + 1, _(template).format(count=len(dormant), day=event.event.date.isoformat())))
    return out


def pending_paras(found: Sequence[NonObligation], indent: int = 0) -> list[Para]:
    """Parties within a clause but for the invocation (or determination) it waits for, by status and clause.

    Each block names the clause and the parties, the missing fact as a true
    sentence, and what the clause gives them once it comes.
    """
    out: list[Para] = []
    for status, group in group_by_status(found):
        out.append(Para(indent, f"{_(status_label(status))} ({len(group)})", "bold yellow"))
        clauses: dict[tuple[str, ...], list[NonObligation]] = {}
        for n in group:
            o = n.within
            assert o is not None
            clauses.setdefault((n.treaty, article_of(n.ref), why_not(n), o.status, duty_words(o)), []).append(n)
        for (_t, article, reason, then, duty), same in clauses.items():
            out.append(Para(indent + 1, f"{_reference(same[0].ref.treaty_name, article)} — "
                                        f"{joined(n.party for n in same)}", "bold"))
            out.append(Para(indent + 2, reason))
            out.append(Para(indent + 2, _("every other requirement is met; once it comes: {status}, {duty}").format(
                status=_(status_label(then)).lower(), duty=duty)))
    return out


LONG = 20
"""More parties than this in one "not bound" block are counted, not named (every UN member under Art. 51)."""


def _parties(found: Sequence[NonObligation], *, show_all: bool) -> str:
    """The parties of a "not bound" block: named, or counted when more than LONG (``--all`` names them)."""
    if show_all or len(found) <= LONG:
        return joined(n.party for n in found)
    return _("{count} parties, named with --all").format(count=len(found))


def _outsider_paras(outsiders: Sequence[NonObligation], day: date, indent: int) -> list[Para]:
    """"Not a party" findings, one line for the parties outside the same treaties."""
    treaties: dict[str, set[str]] = {}
    for n in outsiders:
        treaties.setdefault(n.party, set()).add(n.ref.treaty_name)
    alike: dict[tuple[str, ...], list[str]] = {}
    for party, names in treaties.items():
        alike.setdefault(tuple(sorted(names)), []).append(party)
    out = []
    for names, parties in sorted(alike.items(), key=lambda kv: sorted(kv[1])):
        template = ("{parties} is not a party on {day} to: {treaties}" if len(parties) == 1 else
                    "{parties} are not parties on {day} to: {treaties}")
        out.append(Para(indent, _(template).format(parties=joined(sorted(parties)), day=day.isoformat(),
                                                   treaties=joined((tr(n) for n in names), "; "))))
    return out


def _shared_reason(found: Sequence[NonObligation], *, show_all: bool) -> str:
    """The reason of one or several parties for one clause.

    In full when it reads the same for all of them; otherwise the condition
    that failed, since its facts differ only by party (``--explain`` has them).
    """
    limit = None if show_all else 2
    texts = {why_not(n, limit=limit) for n in found}
    if len(texts) == 1:
        return texts.pop()
    leaf = found[0].reason.failing_leaf()
    if leaf.role == "exception" and leaf.holds:
        return _("exception applies to each: {condition}").format(condition=tr(leaf.text))
    return _("for each of them, this does not hold: {condition}").format(condition=tr(leaf.text))


def party_paras(event: EventResult, party: str) -> list[Para]:
    """One short block answering for ``party`` first: every treaty, bound or not, and why."""
    out = [Para(0, _("{party}, treaty by treaty").format(party=party), "bold")]
    bound = [o for o in positive(event) if o.obligor == party]
    out += obligation_paras(bound, indent=1) if bound else []
    best: dict[str, NonObligation] = {}
    for n in event.non_obligations:
        if n.party == party and not any(o.treaty == n.treaty for o in bound):
            if n.treaty not in best or informativeness(n) < informativeness(best[n.treaty]):
                best[n.treaty] = n
    outside = sorted(tr(n.ref.treaty_name) for n in best.values() if _not_a_party(n))
    out += pending_paras(sorted((n for n in best.values() if n.within is not None), key=lambda n: n.ref.treaty_name),
                         indent=1)
    others = [n for n in best.values() if not _not_a_party(n) and n.within is None]
    if others or outside:
        out.append(Para(1, f"{_('Not bound')} ({len(others) + len(outside)})", "bold red"))
    for n in sorted(others, key=lambda n: n.ref.treaty_name):
        out.append(Para(2, _reference(n.ref.treaty_name, article_of(n.ref)), "bold"))
        out.append(Para(3, why_not(n, limit=None)))
    if outside:
        out.append(Para(2, _("not a party on {day} to {treaties}").format(day=event.event.date.isoformat(),
                                                                           treaties=joined(outside))))
    if len(out) == 1:
        out.append(Para(1, _("no finding for this party in this event")))
    return out


def heading_paras(event: EventResult, *, as_of: date | None = None) -> list[Para]:
    """The event's heading: id, date, kind, who against whom, the reading and categories."""
    e = event.event
    ch = event.characterisation
    out = [Para(0, f"{e.id} · {e.date.isoformat()} · {tr(e.kind.value.replace('_', ' '))}", "bold"),
           Para(1, _("{actors} → {target} at {place} · {perspective} reading · categories: {categories}").format(
               actors=joined(e.actors), target=e.target, place=e.place, perspective=tr(ch.perspective),
               categories=joined(tr(c) for c in sorted(ch.categories))))]
    if as_of is not None:
        out.append(Para(1, _("What-if: every event moved to {day} (--as-of); parties and memberships are those "
                             "of that date; requests, decisions, invocations and determinations keep their own "
                             "dates").format(day=as_of.isoformat()), "bold yellow"))
    return out


def event_paras(event: EventResult, *, show_all: bool = False, parties: Sequence[str] = (),
                as_of: date | None = None) -> list[Para]:
    """The whole answer for one event: heading, asked parties first, statuses, then who is not bound."""
    out = heading_paras(event, as_of=as_of)
    for party in parties:
        out += party_paras(event, party)
    if positive(event):
        out += obligation_paras(positive(event))
    else:
        out.append(Para(0, _("Bound: nobody"), "bold green"))
    out += not_bound_paras(event, show_all=show_all, skip=frozenset(parties))
    return out


def response_paras(event: EventResult) -> list[Para]:
    """A later round's response event, condensed: one heading line and who it binds."""
    e = event.event
    out = [Para(0, f"{e.id} · {e.date.isoformat()} · {joined(e.actors)} → {e.target}", "bold")]
    if positive(event):
        for status, found in group_by_status(positive(event)):
            for obligors, o, _reason in _obligation_groups(found):
                out.append(Para(1, f"{_(status_label(status))}: {_who(obligors)}: {duty_words(o)} "
                                   f"({_reference(o.ref.treaty_name, article_of(o.ref))})"))
    else:
        out.append(Para(1, _("Bound: nobody")))
    if event.non_obligations:
        out.append(Para(1, _("Not bound: {count} finding(s), shown with --all").format(
            count=len(event.non_obligations))))
    return out


def cascade_summary(cascade: Any) -> list[Para]:
    """The cascade in a few lines: rounds, who was drawn in, by which clause, and how it ended."""
    template = ("Cascade: {rounds} round(s) of responses, fixpoint reached" if cascade.fixpoint else
                "Cascade: {rounds} round(s) of responses, stopped at the round limit")
    out = [Para(0, _(template).format(rounds=len(cascade.rounds) - 1), "bold")]
    for rnd in cascade.rounds:
        obligations = sum(len(r.obligations) for r in rnd.results)
        line = _("round {number}: {events} event(s), {obligations} obligation(s); treaties brought in: {treaties}")
        out.append(Para(1, line.format(number=rnd.number, events=len(rnd.results), obligations=obligations,
                                       treaties=", ".join(rnd.new_treaties) or _("none new"))))
        causes: dict[tuple[str, ...], list[str]] = {}
        for resp in rnd.responses:
            c = resp.cause
            key = (resp.event.actors[0], c.ref.treaty_name, article_of(c.ref), c.beneficiary or "", c.event)
            causes.setdefault(key, []).append(resp.event.target)
        for (actor, treaty, article, beneficiary, cause), targets in causes.items():
            towards = f" {beneficiary}" if beneficiary else ""
            out.append(Para(2, _("{actor} acts against {targets}, to assist{towards} under {reference} ({cause})")
                            .format(actor=actor, targets=joined(targets), towards=towards,
                                    reference=_reference(treaty, article), cause=cause)))
        for o in rnd.declined:
            out.append(Para(2, _("declined: {obligor} does not comply with {reference}").format(
                obligor=o.obligor, reference=_reference(o.ref.treaty_name, article_of(o.ref)))))
    return out
