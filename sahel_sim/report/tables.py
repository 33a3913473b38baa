"""Rich tables for the terminal: findings per event, and the treaty library.

Everything printed goes through :class:`rich.text.Text`, never Rich markup,
because treaty texts and facts come from user files and may contain square
brackets.  The console is created by the caller: stdout (Rich decides on
colour itself, so piped output is plain) or a string buffer for ``--out``.
"""

from __future__ import annotations

import io
import sys
from typing import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sahel_sim.engine.findings import EventResult, SimulationResult
from sahel_sim.report.condense import article_of, condensed, not_obligated_rows
from sahel_sim.report.explain import as_text, because, finding_lines
from sahel_sim.report.text import event_heading, joined

__all__ = ["make_console", "print_results", "print_table", "render_results", "results_table"]

PIPE_WIDTH = 160


def make_console(file: io.TextIOBase | None = None) -> Console:
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


def render_results(results: Sequence[SimulationResult], *, explain: bool = False, show_all: bool = False) -> str:
    """The same report as a string (for ``--out``), plain text at 160 columns."""
    buf = io.StringIO()
    print_results(make_console(buf), results, explain=explain, show_all=show_all)
    return buf.getvalue()


def _print_event(console: Console, event: EventResult, *, explain: bool, show_all: bool) -> None:
    console.print(Text(event_heading(event), style="bold"))
    if event.obligations:
        console.print(_obligated_table(event))
    else:
        console.print(Text("Obligated: nobody", style="italic"))
    rows = not_obligated_rows(event, show_all=show_all)
    if rows:
        console.print(_not_obligated_table(rows, show_all))
    if explain:
        _print_explanations(console, event, show_all)


def _obligated_table(event: EventResult) -> Table:
    table = Table(title=Text("Obligated", style="bold green"), title_justify="left", expand=False)
    for name in ("obligor", "beneficiary", "duty", "means", "strength", "treaty", "article"):
        table.add_column(name, no_wrap=name in ("obligor", "beneficiary"))
    table.add_column("because", ratio=1, min_width=30)
    for o in event.obligations:
        table.add_row(*(Text(x) for x in (o.obligor, o.beneficiary or "—", o.duty, o.means, o.strength,
                                          o.ref.treaty_name, article_of(o.ref), because(o))))
    return table


def _not_obligated_table(rows: Sequence, show_all: bool) -> Table:
    title = "Not obligated" + ("" if show_all else " (most telling reason per party and treaty)")
    table = Table(title=Text(title, style="bold red"), title_justify="left")
    for name in ("party", "treaty", "article"):
        table.add_column(name, no_wrap=name == "party")
    table.add_column("reason", ratio=1, min_width=30)
    for r in rows:
        table.add_row(Text(r.party), Text(r.treaty_name), Text(r.article), Text(r.reason))
    return table


def _print_explanations(console: Console, event: EventResult, show_all: bool) -> None:
    """The full reason tree after the tables, one block per finding shown."""
    console.print(Text("Reasons", style="bold"))
    for o in event.obligations:
        _print_tree(console, f"{o.obligor} obligated towards {o.beneficiary or '—'} under "
                             f"{o.ref.treaty_name} {article_of(o.ref)}", finding_lines(o))
    for n in condensed(event, show_all=show_all):
        _print_tree(console, f"{n.party} not obligated under {n.ref.treaty_name} {article_of(n.ref)}",
                    finding_lines(n))


def _print_tree(console: Console, title: str, lines: Sequence) -> None:
    console.print(Text(title, style="bold"))
    for line in as_text(lines):
        console.print(Text("  " + line), overflow="fold")


# --- treaties ---------------------------------------------------------------------------


def print_table(console: Console, title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain table from strings (used for the treaty list)."""
    console.print(results_table(title, header, rows))


def results_table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """A table of strings, with wide last column."""
    table = Table(title=Text(title, style="bold"), title_justify="left")
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


__all__ += ["print_fields", "joined"]
