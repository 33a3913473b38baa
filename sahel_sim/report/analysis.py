"""Render the analyses: conflicts, cascades, perspective comparisons, flips, timelines.

Rendering only: every function takes results the engine or
:mod:`sahel_sim.analysis` computed and turns them into Rich tables (printed to
a console) or plain text.  Nothing here recomputes a finding.
"""

from __future__ import annotations

import io
from typing import Any, Sequence

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from sahel_sim.clauses.status import label as status_label
from sahel_sim.report.answer import Para
from sahel_sim.report.tables import fit_table, fits, make_console, print_paras, string_table

__all__ = ["print_cascade", "print_comparison", "print_conflicts", "render_flips", "render_timeline"]


def _title(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style="bold"))


def print_conflicts(console: Console, conflicts: Sequence[Any]) -> None:
    """Conflicting duties: actor, the two clauses, and why they cannot both be kept."""
    if not conflicts:
        return
    rows = [(c.actor, c.event, f"{c.first.ref.treaty_name} {c.first.ref.reference}",
             f"{c.second.ref.treaty_name} {c.second.ref.reference}", c.explanation) for c in conflicts]
    _title(console, f"Conflicting duties ({len(conflicts)})")
    console.print(string_table(("actor", "event", "duty", "conflicts with", "why"), rows))


def print_cascade(console: Console, cascade: Any) -> None:
    """The escalation tree, round by round: which obligation produced which event."""
    ending = "fixpoint reached" if cascade.fixpoint else "stopped at the round limit"
    _title(console, f"Cascade: {len(cascade.rounds) - 1} round(s) of responses, {ending}")
    for rnd in cascade.rounds:
        brought = ", ".join(rnd.new_treaties) or "none new"
        obligations = sum(len(r.obligations) for r in rnd.results)
        console.print(Text(f"round {rnd.number}: {len(rnd.results)} event(s), {obligations} obligation(s); "
                           f"treaties brought in: {brought}"))
        for resp in rnd.responses:
            c = resp.cause
            console.print(Text(f"  {resp.event.id}: {resp.event.actors[0]} against {resp.event.target}  "
                               f"<- {c.obligor} bound by {c.ref.treaty_name} {c.ref.reference} to assist "
                               f"{c.beneficiary} ({c.event})"))
        for o in rnd.declined:
            console.print(Text(f"  declined: {o.obligor} does not comply with {o.ref.treaty_name} {o.ref.reference}"))


def print_comparison(console: Console, comparison: Any) -> None:
    """Obligations under each perspective side by side, differences first, with the reason."""
    names = comparison.perspectives
    _title(console, f"Perspectives compared: {', '.join(names)}")
    for event in sorted({r.event for r in comparison.rows}):
        cats = comparison.categories(event)
        for p in names:  # indented as a whole: a line that wraps stays under its own start
            console.print(Padding(Text(f"{event} under {p}: {', '.join(cats[p]) or 'no category'}"), (0, 0, 0, 2),
                                  expand=False))
    # rows alike but for their obligor are one row naming them all (an armed attack's UN Charter Art. 51: one
    # row, not a hundred), in the order of their first: differences first
    alike: dict[tuple[str, ...], list[str]] = {}
    for r in sorted(comparison.rows, key=lambda r: (not r.differs, r.event, r.treaty, r.article, r.obligor)):
        alike.setdefault((r.event, r.beneficiary or "—", r.treaty, r.article,
                          *("yes" if r.present[p] else "no" for p in names), r.why), []).append(r.obligor)
    rows = [(key[0], ", ".join(sorted(obligors)), *key[1:]) for key, obligors in alike.items()]
    fit_table(console, ("event", "obligor", "beneficiary", "treaty", "art.", *names, "why they differ"), rows)


def _render(draw: Any, width: int | None = None) -> str:
    buf = io.StringIO()
    console = make_console(buf)
    if width is not None:
        console.width = width
    draw(console)
    return buf.getvalue()


def render_flips(party: str, treaty: str | None, flips: Sequence[Any], *, width: int | None = None) -> str:
    """The flips for a party as text: each change, which way it turns, and the re-run's proof.

    ``width``: the columns the text is fitted to (160 when not given).
    """
    def draw(console: Console) -> None:
        scope = f" under {treaty}" if treaty else ""
        if not flips:
            console.print(Text(f"No single or paired change of fact flips {party}'s obligations{scope}."))
            return
        console.print(Text(f"What would flip {party}'s obligations{scope} ({len(flips)} found, smallest first):",
                           style="bold"))
        rows = [(str(f.size), f.turned, "; ".join(ch.description for ch in f.changes), "\n".join(f.proof))
                for f in flips]
        fit_table(console, ("size", "turns", "change", "re-run result"), rows)
    return _render(draw, width)


#: The narrowest timeline drawn as a table: below it, its three columns of changes and obligations would each be
#: under 30 columns, and a date's lists read better as lines.
TIMELINE_TABLE_WIDTH = 120


def render_timeline(timeline: Any, *, width: int | None = None) -> str:
    """The timeline as text: date, world changes, obligations on and off.

    ``width``: the columns the text is fitted to (160 when not given). Narrower
    than :data:`TIMELINE_TABLE_WIDTH`, or where the table would have to cut
    words, each date is a record with each change and obligation on a line.
    """
    from sahel_sim.analysis.timeline import by_obligors

    several = len(timeline.events()) > 1  # then each line names its event: two may otherwise read alike

    def labels(found: Any) -> list[str]:  # the obligations alike but for their obligor: one line
        out = []
        for obligors, o in by_obligors(found):
            to = f" → {o.beneficiary}" if o.beneficiary else ""
            line = (f"{', '.join(obligors)}{to}: {o.duty}, {status_label(o.status)} "
                    f"({o.ref.treaty_name} {o.ref.reference})")
            out.append(f"{line} for {o.event}" if several else line)
        return out

    header = ("date", "world changes", "switched on", "switched off", "holding")

    def draw(console: Console) -> None:
        console.print(Text(f"Timeline of {timeline.scenario} ({timeline.perspective} reading), "
                           f"{timeline.start} to {timeline.end}", style="bold"))
        rows = [(s.date.isoformat(), "\n".join(s.changes) or "—", "\n".join(labels(s.on)) or "—",
                 "\n".join(labels(s.off)) or "—", str(s.holding)) for s in timeline.steps]
        if console.width >= TIMELINE_TABLE_WIDTH and fits(console, header, rows):
            console.print(string_table(header, rows))
        else:  # each date a record, each change and obligation a line of its own
            paras = []
            for s in timeline.steps:
                paras.append(Para(0, f"{s.date.isoformat()}: {s.holding} obligation{'s' * (s.holding != 1)} "
                                      f"hold{'s' * (s.holding == 1)}", "bold"))
                for name, items in (("world changes", s.changes), ("switched on", labels(s.on)),
                                    ("switched off", labels(s.off))):
                    if items:
                        paras.append(Para(1, f"{name}:"))
                        paras.extend(Para(2, item, hang=1) for item in items)  # an item's wrapped lines hang
            print_paras(console, paras)
        if timeline.dated:
            console.print(Text("Also dated in the data for these actors:", style="bold"))
            print_paras(console, [Para(1, f"{day.isoformat()}  {text}", hang=6) for day, text in timeline.dated])
    return _render(draw, width)
