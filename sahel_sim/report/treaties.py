"""Treaties as label/value pairs, so the table and Markdown views agree.

``sahel-sim treaties`` shows the library and one treaty in detail.  The
content (which fields, in which words) is decided here once; the Rich and
Markdown renderers only lay it out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sahel_sim.clauses.articles import article_label
from sahel_sim.clauses.treaty import Clause, ClauseException, Party, Provision, Rendering, Treaty, Unencoded

__all__ = ["COVERAGE_HEADER", "LIST_HEADER", "coverage_row", "clause_fields", "clause_title", "list_row", "parties_source", "provision_line",
           "text_fields", "treaty_fields", "unencoded_line"]

LIST_HEADER = ("id", "short name", "signed", "in force", "parties", "clauses", "confidence")
COVERAGE_HEADER = ("id", "era", "encoded articles", "not encoded (why)", "weakest confidence")
Fields = list[tuple[str, str]]


def parties_source(treaty: Treaty) -> str:
    """Where the parties come from: the members of an organisation, or a listed count."""
    if treaty.parties.organisation:
        return f"members of {treaty.parties.organisation}"
    return f"{len(treaty.parties.members)} listed"


def list_row(treaty: Treaty) -> tuple[str, ...]:
    """One row of the treaty list, in :data:`LIST_HEADER` order."""
    return (treaty.id, treaty.title, treaty.signed.isoformat(), _in_force(treaty), parties_source(treaty),
            str(len(treaty.clauses)), treaty.confidence.value)


def coverage_row(c: Any, *, reasons: bool = True) -> tuple[str, ...]:
    """One row of the coverage report (:class:`sahel_sim.analysis.catalogue.Coverage`), in header order.

    With ``reasons=False`` (the terminal table) each unencoded article is
    named by its title only; ``sahel-sim treaties ID`` and the Markdown and
    JSON reports give the reasons.
    """
    encoded = ", ".join(c.encoded) or "none"
    if reasons:
        missing = "; ".join(f"{article_label(a)}: {r}" for a, _, r in c.unencoded)
    else:
        missing = "; ".join(article_label(a) + (f" ({t})" if t else "") for a, t, _ in c.unencoded)
    return (c.treaty, c.era, encoded, missing or "none recorded", c.weakest.value)


def treaty_fields(treaty: Treaty) -> Fields:
    """The metadata of a treaty; absent values are left out rather than shown empty."""
    fields: Fields = [("name", treaty.name), ("signed", treaty.signed.isoformat()),
                      ("place", treaty.place or ""), ("in force", _in_force(treaty)),
                      ("terminated", treaty.terminated_words().removeprefix("on ") if treaty.terminated else ""),
                      ("era", treaty.era), ("regions", ", ".join(treaty.regions)),
                      ("confidence", treaty.confidence.value), ("note", treaty.note or ""),
                      ("parties", _parties(treaty)), ("accession", _accession(treaty)),
                      ("withdrawal", _withdrawal(treaty))]
    if treaty.withdrawal is not None and treaty.withdrawal.text_fr is not None:
        fields += _rendering_fields("withdrawal", "fr", treaty.withdrawal.text_fr, treaty.withdrawal.source)
    fields.append(("decision rule", treaty.decision_rule or ""))
    fields += [("earlier treaty", _earlier(e)) for e in treaty.earlier]
    fields += [("source", s) for s in treaty.sources]
    return [(label, value) for label, value in fields if value]


def clause_title(clause: Clause) -> str:
    """``Art. 7 (with Art. 6) — Aggression against forces [art-7-forces]``."""
    title = f" — {clause.title}" if clause.title else ""
    return f"{clause.reference}{title} [{clause.id}]"


def clause_fields(clause: Clause) -> Fields:
    """A clause as written in the data: text, trigger, conditions and the duty it creates."""
    fields: Fields = [
        *text_fields(clause),
        ("trigger", clause.trigger.describe()),
        *[("condition", c.describe()) for c in clause.conditions],
        *[("exception", _exception(e)) for e in clause.exceptions],
        ("obligor", clause.obligor.value + (f" ({clause.organ})" if clause.organ else "")),
        ("beneficiary", clause.beneficiary.value),
        ("against", clause.against.value),
        ("modality", clause.modality.value + (f" — {clause.modality_basis}" if clause.modality_basis else "")),
        ("duty", clause.duty.value),
        ("means", clause.means.value),
        ("strength", clause.strength.value),
        ("confidence", clause.confidence.value),
        ("source", clause.source or ""),
        ("note", (clause.note or "").strip()),
    ]
    return [(label, value) for label, value in fields if value]


def text_fields(clause: Clause) -> Fields:
    """The clause's text, then its rendering in the other language (French first when French is in use).

    ``text (quote, fr)``, ``text (paraphrase, en)``, each with its own source
    when it is not the clause's; a French text looked for and not found reads
    ``text (not found, fr)`` with where it was looked for.
    """
    from sahel_sim.report.i18n import current

    own: Fields = [(f"text ({clause.text_kind.value}, {clause.language})", clause.text.strip())]
    other = {"fr": "en", "en": "fr"}.get(clause.language)
    rendering = clause.rendering(other) if other else None
    if rendering is None:
        return own
    rows = _rendering_fields("text", other, rendering, clause.source)
    return rows + own if other == "fr" and current() == "fr" else own + rows


def _rendering_fields(what: str, language: str, r: Rendering, own_source: str | None) -> Fields:
    """``text (quote, fr)`` (or ``withdrawal (quote, fr)``) and its source and note, or that it was not found."""
    if r.text is None or r.kind is None:
        rows: Fields = [(f"{what} (not found, {language})", (r.missing or "").strip())]
    else:
        rows = [(f"{what} ({r.kind.value}, {language})", r.text.strip())]
        if r.source and r.source != own_source:
            rows.append((f"  source ({language})", r.source))
    if r.note:
        rows.append((f"  note ({language})", r.note.strip()))
    return rows


def provision_line(p: Provision) -> str:
    """``Art. 2 — Objective (quote): …``."""
    return f"{article_label(p.article)} — {p.title} ({p.text_kind.value}): {p.text.strip()}"


def unencoded_line(u: Unencoded) -> str:
    """``Art. 8 — Joint measures (not encoded): why``."""
    title = f" — {u.title}" if u.title else ""
    return f"{article_label(u.article)}{title} (not encoded; confidence {u.confidence.value}): {u.reason.strip()}"


def _earlier(e: Any) -> str:
    """How the treaty stands to an earlier one, with the other readings of it."""
    parts = [e.words() + (f" (confidence {e.confidence.value})" if e.confidence.value != "confirmed" else "")]
    parts += [x.strip().rstrip(".") for x in (e.note, f"source: {e.source}" if e.source else None) if x]
    parts += [f"other reading ({a.id}): {a.label}" + (f" (source: {a.source.strip()})" if a.source else "")
              for a in e.contested]
    return "; ".join(parts)


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else "not recorded"


def _in_force(treaty: Treaty) -> str:
    """The entry into force as precisely as the data knows it."""
    return treaty.in_force_words() if treaty.in_force is not None else "not recorded"


def _parties(treaty: Treaty) -> str:
    p = treaty.parties
    if p.organisation:
        text = f"members of {p.organisation}"
    else:
        text = ", ".join(_member(m) for m in p.members)
    return text + (f" — {p.note}" if p.note else "")


def _member(m: Party) -> str:
    span = f"from {m.since}" + (f" until {m.until}" if m.until else "")
    return f"{m.party} ({span})"


def _accession(treaty: Treaty) -> str:
    a = treaty.accession
    if a is None:
        return ""
    parts = [a.rule, f"open to {a.open_to}" if a.open_to else "",
                            article_label(a.article) if a.article else "", f"confidence {a.confidence.value}"]
    return "; ".join(x for x in parts if x)


def _withdrawal(treaty: Treaty) -> str:
    w = treaty.withdrawal
    if w is None:
        return ""
    parts = [f"{w.notice_months} months' notice" if w.notice_months is not None else "",
             article_label(w.article) if w.article else "", (w.text or "").strip(), f"confidence {w.confidence.value}"]
    return "; ".join(x for x in parts if x)


def _exception(e: ClauseException) -> str:
    return e.describe() + (f" ({article_label(e.article)})" if e.article else "")
