"""HTML for Jupyter's rich display of results and scenarios.

The same findings as the terminal tables (obligations with a short
"because", the most telling non-obligation per party and treaty, conflicts,
the cascade), as plain HTML tables that notebooks render.  Every piece of
text comes from data files or the user, so all of it goes through
:func:`html.escape`; no pandas or plotting library is needed.
"""

from __future__ import annotations

from html import escape
from typing import Any, Iterable, Sequence

from sahel_sim.engine.findings import EventResult, SimulationResult
from sahel_sim.report.condense import article_of, not_obligated_rows
from sahel_sim.report.explain import because
from sahel_sim.report.standing import STANDING_COLUMNS, standing_texts
from sahel_sim.report.text import event_heading, joined

__all__ = ["result_html", "scenario_html", "table_html"]

STYLE = "text-align:left;vertical-align:top"


def table_html(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A small HTML table; every cell is escaped (``None`` shows as a dash)."""
    head = "".join(f'<th style="{STYLE}">{escape(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f'<td style="{STYLE}">{escape(_cell(v))}</td>' for v in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def result_html(result: SimulationResult) -> str:
    """Findings event by event; the non-obligations folded away in a ``<details>``."""
    n_obl, n_conf = len(result.obligations), len(result.conflicts)
    parts = [f"<div class=\"sahel-sim-result\"><h3>{escape(result.scenario)}</h3>",
             f"<p>{escape(result.perspective)} reading · {len(result.events)} event(s) · {n_obl} obligation(s)"
             f" · {len(result.breaches)} breach(es) · {len(result.permissions)} permission(s)"
             f" · {n_conf} conflict(s) of duties</p>"]
    parts += [_event_html(e) for e in result.events]
    if result.conflicts:
        items = "".join(f"<li>{escape(c.explanation)}</li>" for c in result.conflicts)
        parts.append(f"<h4>Conflicting duties</h4><ul>{items}</ul>")
    if result.cascade is not None:
        parts.append(_cascade_html(result.cascade))
    parts.append("</div>")
    return "".join(parts)


def scenario_html(scenario: Any) -> str:
    """Name, description and the events of a scenario, and what it brings of its own."""
    spec = scenario.spec
    badge = " <em>(hypothetical)</em>" if spec.hypothetical else ""
    parts = [f"<div class=\"sahel-sim-scenario\"><h3>{escape(spec.scenario)}{badge}</h3>"]
    if spec.description:
        parts.append(f"<p>{escape(spec.description)}</p>")
    own = [f"{len(getattr(spec, k))} {k}" for k in ("actors", "memberships", "treaties", "perspectives")
           if getattr(spec, k)]
    facts = [f"reading: {spec.perspective or 'literal (default)'}"]
    facts += [f"own data: {', '.join(own)}"] if own else []
    facts += [f"file: {scenario.path}"] if scenario.path else []
    parts.append(f"<p>{escape(' · '.join(facts))}</p>")
    rows = [(e.id, e.date.isoformat(), e.kind.value, joined(e.actors), e.target, e.place, e.mandate,
             "yes" if e.consent else ("by " + ", ".join(c.by for c in e.consents) if e.consents else "no"))
            for e in spec.events]
    parts.append(table_html(("event", "date", "kind", "actors", "target", "location", "mandate", "consent"), rows))
    parts.append("</div>")
    return "".join(parts)


def _event_html(event: EventResult) -> str:
    out = [f"<h4>{escape(event_heading(event))}</h4>"]
    header = ("obligor", "beneficiary", "duty", "means", "strength", "treaty", "article", "because",
              *(c.replace("_", " ") for c in STANDING_COLUMNS))
    for heading, found in (("In breach", event.breaches), ("Obligated", event.obligations),
                           ("May act", event.permissions)):
        if found:
            rows = [(o.obligor, o.beneficiary, o.duty, o.means, o.strength, o.ref.treaty_name, article_of(o.ref),
                     because(o), *standing_texts(o)) for o in found]
            out.append(f"<p><strong>{escape(heading)}</strong></p>" + table_html(header, rows))
        elif heading == "Obligated":
            out.append("<p>Obligated: nobody</p>")
    missing = not_obligated_rows(event)
    if missing:
        table = table_html(("party", "treaty", "article", "reason"),
                           [(r.party, r.treaty_name, r.article, r.reason) for r in missing])
        out.append(f"<details><summary>Not obligated: {len(missing)} row(s), the most telling reason per party "
                   f"and treaty</summary>{table}</details>")
    return "".join(out)


def _cascade_html(cascade: Any) -> str:
    ending = "fixpoint reached" if cascade.fixpoint else "stopped at the round limit"
    rows = [(rnd.number, len(rnd.results), sum(len(r.obligations) for r in rnd.results),
             joined(rnd.drawn_in()), joined(rnd.new_treaties)) for rnd in cascade.rounds]
    return (f"<h4>Cascade: {len(cascade.rounds) - 1} round(s) of responses, {ending}</h4>"
            + table_html(("round", "events", "obligations", "drawn in", "treaties brought in"), rows))


def _cell(value: Any) -> str:
    return "—" if value is None or value == "" else str(value)
