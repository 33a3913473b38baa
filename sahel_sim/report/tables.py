"""Rich tables for the terminal: findings per event, and the treaty library.

Everything printed goes through :class:`rich.text.Text`, never Rich markup,
because treaty texts and facts come from user files and may contain square
brackets.  The console is created by the caller: stdout (Rich decides on
colour itself, so piped output is plain) or a string buffer for ``--out``.
"""

from __future__ import annotations

import io
import sys
from typing import Any, Sequence, TextIO

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from sahel_sim.clauses.treaty import Treaty
from sahel_sim.engine.findings import EventResult, SimulationResult
from sahel_sim.report.condense import NotObligatedRow, article_of, condensed, not_obligated_rows
from sahel_sim.report.explain import Line, because, finding_lines, obligation_title
from sahel_sim.report.text import event_heading
from sahel_sim.report.treaties import clause_fields, clause_title, provision_line, treaty_fields

__all__ = ["make_console", "print_fields", "print_results", "print_table", "print_treaty", "render_results",
           "string_table"]

PIPE_WIDTH = 160


def make_console(file: TextIO | None = None) -> Console:
    """A console for reports: stdout at the terminal's width, else 160 columns.

    Markup, emoji codes and highlighting are off: content comes from data
    files and must be printed as written.
    """
    tty = file is None and sys.stdout.isatty()
    return Console(file=file, width=None if tty else PIPE_WIDTH, markup=False, emoji=False, highlight=False)


def print_results(console: Console, results: Sequence[SimulationResult], *, explain: bool = False,
                  show_all: bool = False) -> None:
    """Print every scenario's findings, event by event."""
    for i, result in enumerate(results):
        if i:
            console.print()
        console.print(Text(f"Scenario: {result.scenario}", style="bold underline"))
        for event in result.events:
            console.print()
            _print_event(console, event, explain=explain, show_all=show_all)
        _print_analyses(console, result)


def _print_analyses(console: Console, result: SimulationResult) -> None:
    """Cascade tree and conflicting duties, when the run has them."""
    from sahel_sim.report.analysis import print_cascade, print_conflicts

    if result.cascade is not None:
        print_cascade(console, result.cascade)
    print_conflicts(console, result.conflicts)


def render_results(results: Sequence[SimulationResult], *, explain: bool = False, show_all: bool = False) -> str:
    """The same report as a string (for ``--out``), plain text at 160 columns."""
    buf = io.StringIO()
    print_results(make_console(buf), results, explain=explain, show_all=show_all)
    return buf.getvalue()


def _print_event(console: Console, event: EventResult, *, explain: bool, show_all: bool) -> None:
    console.print(Text(event_heading(event), style="bold"))
    console.print(Text("Obligated" if event.obligations else "Obligated: nobody", style="bold green"))
    if event.obligations:
        console.print(_obligated_table(event))
    rows = not_obligated_rows(event, show_all=show_all)
    if rows:
        title = "Not obligated" + ("" if show_all else " (most telling reason per party and treaty)")
        console.print(Text(title, style="bold red"))
        console.print(_not_obligated_table(rows))
    if explain:
        _print_explanations(console, event, show_all)


# Column layout: identifiers never wrap, enum values fold (they have no spaces),
# treaty names and references wrap within a cap, and the free text takes the rest.
_COLUMN_STYLE: dict[str, dict[str, Any]] = {
    "obligor": {"no_wrap": True},
    "beneficiary": {"no_wrap": True},
    "party": {"no_wrap": True},
    "duty": {"overflow": "fold", "max_width": 14},
    "means": {"overflow": "fold", "max_width": 14},
    "strength": {"overflow": "fold", "max_width": 13},
    "treaty": {"max_width": 24},
    "article": {"max_width": 13},
    "because": {"ratio": 1},
    "reason": {"ratio": 1},
}


def _findings_table(header: Sequence[str], *, roomy: bool = False) -> Table:
    """A table with the shared column layout; ``roomy`` lifts the caps on names and references."""
    table = Table(expand=True)
    for name in header:
        style = dict(_COLUMN_STYLE.get(name, {}))
        if roomy:
            style.pop("max_width", None)
        table.add_column(name, **style)
    return table


def _obligated_table(event: EventResult) -> Table:
    header = ("obligor", "beneficiary", "duty", "means", "strength", "treaty", "article", "because")
    table = _findings_table(header)
    for o in event.obligations:
        table.add_row(*(Text(x) for x in (o.obligor, o.beneficiary or "—", o.duty, o.means, o.strength,
                                          o.ref.treaty_name, article_of(o.ref), because(o))))
    return table


def _not_obligated_table(rows: Sequence[NotObligatedRow]) -> Table:
    table = _findings_table(("party", "treaty", "article", "reason"), roomy=True)
    for r in rows:
        table.add_row(Text(r.party), Text(r.treaty_name), Text(r.article), Text(r.reason))
    return table


def _print_explanations(console: Console, event: EventResult, show_all: bool) -> None:
    """The full reason tree after the tables, one block per finding shown."""
    console.print(Text("Reasons", style="bold underline"))
    for o in event.obligations:
        _print_tree(console, obligation_title(o), finding_lines(o))
    for n in condensed(event, show_all=show_all):
        _print_tree(console, f"{n.party} not obligated under {n.ref.treaty_name} {article_of(n.ref)}",
                    finding_lines(n))


def _print_tree(console: Console, title: str, lines: Sequence[Line]) -> None:
    """A title, then the tree with hanging indents so that wrapped lines stay in place."""
    console.print(Text(title, style="bold"))
    for line in lines:
        console.print(Padding(Text(line.plain), (0, 0, 0, 2 * (line.depth + 1)), expand=False))


# --- treaties ---------------------------------------------------------------------------


def print_table(console: Console, title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A titled table from strings (used for the treaty list)."""
    console.print(Text(title, style="bold"))
    console.print(string_table(header, rows))


def string_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """A table whose cells are plain strings, shown as written."""
    table = Table()
    for name in header:
        table.add_column(name)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def print_fields(console: Console, title: str, fields: Sequence[tuple[str, str]]) -> None:
    """A heading and ``label  value`` pairs in a borderless grid (treaty metadata, one clause)."""
    console.print(Text(title, style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(ratio=1)
    for label, value in fields:
        grid.add_row(Text(label), Text(value))
    console.print(grid)


def print_treaty(console: Console, treaty: Treaty) -> None:
    """One treaty: metadata, then each clause, then the provisions."""
    print_fields(console, f"{treaty.name} ({treaty.id})", treaty_fields(treaty))
    for clause in treaty.clauses:
        console.print()
        print_fields(console, clause_title(clause), clause_fields(clause))
    if treaty.provisions:
        console.print()
        console.print(Text("Provisions", style="bold"))
        for p in treaty.provisions:
            console.print(Text("  " + provision_line(p)))
