"""Rich tables for the terminal: findings per event, and the treaty library.

Everything printed goes through :class:`rich.text.Text`, never Rich markup,
because treaty texts and facts come from user files and may contain square
brackets.  The console is created by the caller: stdout (Rich decides on
colour itself, so piped output is plain) or a string buffer for ``--out``.
"""

from __future__ import annotations

import io
import re
import sys
from datetime import date
from typing import Any, Sequence, TextIO

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from sahel_sim.clauses.treaty import Treaty
from sahel_sim.engine.findings import EventResult, SimulationResult
from sahel_sim.errors import control_pictures
from sahel_sim.report.answer import Para, cascade_summary, event_paras, response_paras
from sahel_sim.report.condense import condensed, place_of
from sahel_sim.report.explain import Line, finding_lines, obligation_title
from sahel_sim.report.i18n import gettext_ as _
from sahel_sim.report.i18n import tr
from sahel_sim.report.treaties import clause_fields, clause_title, provision_line, treaty_fields, unencoded_line
from sahel_sim.report.width import NARROW_WIDTH, PIPE_WIDTH, narrow_width

__all__ = ["NARROW_WIDTH", "fit_table", "fits", "make_console", "narrow_width", "print_fields", "print_paras",
           "print_records", "print_results", "print_table", "print_treaty", "render_results", "string_table"]


def make_console(file: TextIO | None = None, *, narrow: bool = False) -> Console:
    """A console for reports.

    On standard output: the terminal's width at a terminal, else COLUMNS when it is set (as
    ``COLUMNS=80 sahel-sim run … | less``), else 160 columns (``narrow``: 80). Into ``file``: 160
    columns, whatever the environment, until the caller sets ``width``.

    Markup, emoji codes and highlighting are off: content comes from data
    files and must be printed as written.
    """
    tty = file is None and sys.stdout.isatty()
    default = NARROW_WIDTH if narrow else PIPE_WIDTH
    width = None if tty else narrow_width(default) if file is None else default
    console = _SafeConsole(file=file, width=width, markup=False, emoji=False, highlight=False)
    if width is not None and not console.legacy_windows and not console.is_dumb_terminal:
        # The height, read once as Rich reads it (LINES, else the terminal's, else 25): Rich would read the
        # environment and ask the terminal again for every line printed (4,210 times in an --explain run).
        console.height = console.size.height
    return console


class _SafeConsole(Console):
    """A console that shows a control character from a file as a symbol instead of sending it, and ends no
    line it writes in spaces.

    A scenario name holding ``ESC [2J`` would clear the screen, and cursor
    moves could fake a report; Rich passes such text through as written.
    Rich's own styling is added after this, so colours still work.

    Rich pads a wrapped, indented line to the width of its block, and keeps the space a line was wrapped
    at; a report piped to a file would carry those spaces.  So the console writes through
    :class:`_LineEnds`, which drops them from the text as it is written.
    """

    @property  # type: ignore[override]
    def file(self) -> Any:
        return _LineEnds(Console.file.fget(self))  # type: ignore[attr-defined]

    @file.setter
    def file(self, new_file: Any) -> None:
        Console.file.fset(self, new_file)  # type: ignore[attr-defined]

    def render(self, renderable: Any, options: Any = None) -> Any:
        from rich.segment import Segment

        for segment in super().render(renderable, options):
            text = segment.text
            if segment.control is None and not text.isprintable() and text != "\n":
                yield Segment(control_pictures(text), segment.style, segment.control)
            else:
                yield segment


class _LineEnds:
    """A text file (the console's) to which each line is written without the spaces it ends in.

    Everything else is the file's own: whether it is a terminal, its encoding, its number.
    """

    __slots__ = ("_file",)
    _TRAILING = re.compile(r" +(?=\n)")

    def __init__(self, file: Any) -> None:
        self._file = file

    def write(self, text: str) -> int:
        return self._file.write(self._TRAILING.sub("", text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


def print_results(console: Console, results: Sequence[SimulationResult], *, explain: bool = False,
                  show_all: bool = False, parties: Sequence[str] = (), as_of: date | None = None) -> None:
    """Print every scenario's answer: event by event, each reason in full at any width.

    A cascade prints its summary first, then each round's events.
    """
    for i, result in enumerate(results):
        if i:
            console.print()
        title = (_("Scenario: {name} (what-if: as of {day})").format(name=result.scenario, day=as_of.isoformat())
                 if as_of else _("Scenario: {name}").format(name=result.scenario))
        console.print(Text(title, style="bold underline"))
        if result.cascade is not None:
            _print_cascade(console, result.cascade, explain=explain, show_all=show_all, parties=parties, as_of=as_of)
        else:
            for event in result.events:
                console.print()
                _print_event(console, event, explain=explain, show_all=show_all, parties=parties, as_of=as_of)
        _print_conflicts(console, result.conflicts)


def _print_cascade(console: Console, cascade: Any, *, explain: bool, show_all: bool, parties: Sequence[str],
                   as_of: date | None) -> None:
    """A cascade: its summary first, then the first round in full and each later round condensed.

    A response event of a later round shows who is bound by it; its "not
    bound" part is counted, and shown with ``--all``.
    """
    print_paras(console, cascade_summary(cascade))
    for rnd in cascade.rounds:
        if rnd.number:
            console.print()
            print_paras(console, [Para(0, f"Round {rnd.number}: {len(rnd.results)} response event(s)", "bold")])
        for event in rnd.results:
            console.print()
            if rnd.number == 0 or show_all or explain:
                _print_event(console, event, explain=explain, show_all=show_all, parties=parties, as_of=as_of)
            else:
                print_paras(console, response_paras(event))


def print_paras(console: Console, paras: Sequence[Para]) -> None:
    """Paragraphs wrapped at the console's width, each at its indent (two spaces a step).

    Wrapped here rather than by Rich so that no line carries trailing spaces
    and a word is only broken when it is longer than the line.
    """
    import textwrap

    for p in paras:
        pad = "  " * p.indent
        for line in textwrap.wrap(p.text, max(20, console.width - 1), initial_indent=pad,
                                  subsequent_indent=pad + "  " * p.hang, break_on_hyphens=False) or [pad]:
            console.print(Text(line, style=p.style), no_wrap=True, crop=False)


def _print_conflicts(console: Console, conflicts: Sequence[Any]) -> None:
    """Conflicting duties, those between the same two clauses together with one example."""
    if not conflicts:
        return
    groups: dict[tuple[str, ...], list[Any]] = {}
    for c in conflicts:
        key = (c.event, c.kind, " ".join(map(tr, place_of(c.first.ref))), " ".join(map(tr, place_of(c.second.ref))))
        settled = (c.precedence.rule or "", c.precedence.prevails or "") if c.precedence else ("", "")
        groups.setdefault(key + settled, []).append(c)  # pairs settled otherwise get an example of their own
    paras = [Para(0, _("Conflicting duties ({count})").format(count=len(conflicts)), "bold")]
    for (event, _kind, first, second, *_settled), found in groups.items():
        actors = ", ".join(sorted({c.actor for c in found}))
        template = ("{actors} ({event}): {first} conflicts with {second}, {count} pairs of duties" if len(found) > 1
                    else "{actors} ({event}): {first} conflicts with {second}")
        paras.append(Para(1, _(template).format(actors=actors, event=event, first=first, second=second,
                                                count=len(found)), "bold"))
        text = tr(found[0].explanation)
        paras.append(Para(2, _("for example, {text}").format(text=text) if len(found) > 1 else text))
    console.print()
    print_paras(console, paras)


def render_results(results: Sequence[SimulationResult], *, explain: bool = False, show_all: bool = False,
                   parties: Sequence[str] = (), as_of: date | None = None, width: int = PIPE_WIDTH) -> str:
    """The same report as a string (for ``--out``), plain text at ``width`` columns."""
    buf = io.StringIO()
    console = make_console(buf)
    console.width = width
    print_results(console, results, explain=explain, show_all=show_all, parties=parties, as_of=as_of)
    return buf.getvalue()


def _print_event(console: Console, event: EventResult, *, explain: bool, show_all: bool,
                 parties: Sequence[str] = (), as_of: date | None = None) -> None:
    print_paras(console, event_paras(event, show_all=show_all, parties=parties, as_of=as_of))
    if explain:
        _print_explanations(console, event, show_all)


def _print_explanations(console: Console, event: EventResult, show_all: bool) -> None:
    """The full reason tree after the tables, one block per finding shown."""
    console.print(Text(_("Reasons"), style="bold underline"))
    for o in event.obligations:
        _print_tree(console, obligation_title(o), finding_lines(o))
    for n in condensed(event, show_all=show_all):
        _print_tree(console, _("{who} not obligated under {reference}").format(
            who=n.party, reference=" ".join(map(tr, place_of(n.ref)))), finding_lines(n))


def _print_tree(console: Console, title: str, lines: Sequence[Line]) -> None:
    """A title, then the tree with hanging indents so that wrapped lines stay in place.

    One print for the whole tree: each line is laid out on its own as before, without a print's own work
    (locks, buffers, hooks) for every line of a long explanation.
    """
    console.print(Group(Text(title, style="bold"),
                        *(Padding(Text(line.plain), (0, 0, 0, 2 * (line.depth + 1)), expand=False) for line in lines)))


# --- treaties ---------------------------------------------------------------------------


def print_table(console: Console, title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A titled table from strings (used for the treaty list), fitted to the console (:func:`fit_table`)."""
    console.print(Text(title, style="bold"))
    fit_table(console, header, rows)


def fit_table(console: Console, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A table if it fits the console's width with its cells wrapped at spaces, else one record per row.

    A table fits when its narrowest layout (each column as wide as its
    longest word) does; otherwise a column would have to cut words or ids,
    and :func:`print_records` says the same in lines that wrap.
    """
    if fits(console, header, rows):
        console.print(string_table(header, rows))
    else:
        print_records(console, header, rows)


def fits(console: Console, header: Sequence[str], rows: Sequence[Sequence[str]]) -> bool:
    """Whether the table fits the console's width with no word or id cut (each column as wide as its longest word)."""
    return _narrowest(header, rows) <= console.width


def _narrowest(header: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
    """The width of :func:`string_table` with each column as wide as its longest word (a space and a rule between)."""
    from rich.cells import cell_len

    words = [max((cell_len(w) for cell in column for w in cell.split()), default=1) for column in zip(header, *rows)]
    return sum(w + 2 for w in words) + len(words) + 1


def print_records(console: Console, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Each row as a record: its first cell as a heading, then ``header: value`` for the others, wrapped and indented.

    An id heads its record alone, a number (column ``#``) as ``#1``; any other first column is named (``size: 1``).
    """
    paras = []
    for row in rows:
        first = " ".join(row[0].split())
        heading = first if header[0] == "id" else f"#{first}" if header[0] == "#" else f"{header[0]}: {first}"
        paras.append(Para(0, heading, "bold"))
        fields = [f"{name}: {' '.join(cell.split())}" for name, cell in zip(header[1:], row[1:]) if cell.strip()]
        paras.append(Para(1, "; ".join(fields)))
    print_paras(console, paras)


def string_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """A table whose cells are plain strings, shown as written; a word longer than its column is folded, never cut."""
    table = Table()
    for name in header:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell, overflow="fold") for cell in row))
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
        print_paras(console, [Para(1, provision_line(p)) for p in treaty.provisions])
    if treaty.unencoded:
        console.print()
        console.print(Text("Not encoded", style="bold"))
        print_paras(console, [Para(1, unencoded_line(u)) for u in treaty.unencoded])
