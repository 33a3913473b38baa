"""GitHub-flavoured Markdown: findings for reports and pull requests, and treaties.

The same content as the terminal tables (condensed "not obligated" view,
same "because" and "reason" texts), laid out as Markdown tables, with the
reason trees as nested bullet lists when asked for.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from sahel_sim.clauses.treaty import Treaty
from sahel_sim.engine.findings import EventResult, SimulationResult
from sahel_sim.engine.stream import ResultStream
from sahel_sim.report.condense import article_of, condensed, not_obligated_rows, place_of
from sahel_sim.report.explain import Line, because, finding_lines, obligation_title
from sahel_sim.report.standing import STANDING_COLUMNS, standing_texts
from sahel_sim.report.text import event_heading
from sahel_sim.report.treaties import (LIST_HEADER, clause_fields, clause_title, list_row, provision_line, treaty_fields,
                                      unencoded_line)

__all__ = ["bullets", "cell", "markdown_chunks", "render_results", "render_treaties", "render_treaty", "table"]

OBLIGATED_HEADER = ("obligor", "beneficiary", "duty", "means", "strength", "treaty", "article", "because",
                    *(c.replace("_", " ") for c in STANDING_COLUMNS))
NOT_OBLIGATED_HEADER = ("party", "treaty", "article", "reason")


def cell(text: str) -> str:
    """Text made safe for a table cell: pipes escaped, line breaks flattened.

    Examples:
        >>> cell("a | b\\nc")
        'a \\\\| b c'
    """
    return " ".join(text.replace("|", "\\|").split())


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A GitHub-style table as lines.

    Examples:
        >>> print("\\n".join(table(["a", "b"], [["1", "2"]])))
        | a | b |
        |---|---|
        | 1 | 2 |
    """
    out = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return out


def bullets(lines: Sequence[Line], depth: int = 0) -> list[str]:
    """A reason tree as a nested bullet list, two spaces per level, facts one level below their check."""
    return ["  " * (depth + line.depth) + "- " + " ".join(line.text.split()) for line in lines]


def render_results(results: Sequence[SimulationResult], *, explain: bool = False, show_all: bool = False) -> str:
    """Every scenario's findings as one Markdown document."""
    return "".join(markdown_chunks([ResultStream.of(r) for r in results], explain=explain, show_all=show_all))


def markdown_chunks(streams: Sequence[ResultStream], *, explain: bool = False,
                    show_all: bool = False) -> Iterator[str]:
    """:func:`render_results`'s text in pieces, one event at a time, as each is judged."""
    def lines() -> Iterator[str]:
        for stream in streams:
            yield from [f"# {stream.scenario}", "", f"Perspective: {stream.perspective}", ""]
            for event in stream:
                yield from _event(event, explain=explain, show_all=show_all)

    return _joined(lines())


def _joined(lines: Iterator[str]) -> Iterator[str]:
    """``"\\n".join(lines).rstrip() + "\\n"``, in pieces: blank lines are held until a line follows them."""
    held: str | None = None
    blanks: list[str] = []
    for line in lines:
        if not line.strip():
            blanks.append(line)
            continue
        yield "".join(x + "\n" for x in ([] if held is None else [held]) + blanks)
        held, blanks = line, []
    if held is None:
        yield "\n".join(blanks).rstrip() + "\n"
    else:
        yield held.rstrip() + "\n"


def _event(event: EventResult, *, explain: bool, show_all: bool) -> list[str]:
    out = [f"## {event_heading(event)}", ""]
    for heading, found in (("In breach", event.breaches), ("Obligated", event.obligations),
                           ("May act", event.permissions)):
        if found:
            rows = [(o.obligor, o.beneficiary or "—", o.duty, o.means, o.strength, o.ref.treaty_name,
                     article_of(o.ref), because(o), *standing_texts(o)) for o in found]
            out += [f"### {heading}", "", *table(OBLIGATED_HEADER, rows), ""]
        elif heading == "Obligated":
            out += ["### Obligated", "", "Nobody.", ""]
    not_rows = not_obligated_rows(event, show_all=show_all)
    if not_rows:
        rows = [(r.party, r.treaty_name, r.article, r.reason) for r in not_rows]
        out += ["### Not obligated", "", *table(NOT_OBLIGATED_HEADER, rows), ""]
    if explain:
        out += ["### Reasons", "", *_reasons(event, show_all), ""]
    return out


def _reasons(event: EventResult, show_all: bool) -> list[str]:
    out: list[str] = []
    for o in event.obligations:
        out.append(f"- {obligation_title(o)}")
        out += bullets(finding_lines(o), depth=1)
    for n in condensed(event, show_all=show_all):
        out.append(f"- {n.party} not obligated under {' '.join(place_of(n.ref))}")
        out += bullets(finding_lines(n), depth=1)
    return out


def render_treaties(treaties: Sequence[Treaty]) -> str:
    """The treaty library as one table."""
    return "\n".join(["# Treaties", "", *table(LIST_HEADER, [list_row(t) for t in treaties])]) + "\n"


def render_treaty(treaty: Treaty) -> str:
    """One treaty: metadata, every clause, then the provisions."""
    out = [f"# {treaty.name} (`{treaty.id}`)", "", *table(("field", "value"), treaty_fields(treaty)), ""]
    for clause in treaty.clauses:
        out += [f"## {clause_title(clause)}", "", *table(("field", "value"), clause_fields(clause)), ""]
    if treaty.provisions:
        out += ["## Provisions", "", *[f"- {cell(provision_line(p))}" for p in treaty.provisions], ""]
    if treaty.unencoded:
        out += ["## Not encoded", "", *[f"- {cell(unencoded_line(u))}" for u in treaty.unencoded], ""]
    return "\n".join(out).rstrip() + "\n"
