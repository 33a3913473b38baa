"""``sahel-sim run``: simulate scenarios and print who is obligated, and why.

All files are loaded and checked before any event is judged, and nothing
is printed before the whole report is made, so a bad file among several
gives an error and no half-written output.  JSON, Markdown and CSV are
written event by event as the engine judges them (to a temporary file, put
in place at the end), so their memory does not grow with the events.
"""

from __future__ import annotations

import argparse
import io

from sahel_sim.cli._common import (Exit, add_output_options, cascade_rounds, emit, emit_chunks, expand, iso_date,
                                   output_format)

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from datetime import date
    from typing import Any, Iterator, Sequence
    from sahel_sim.engine.findings import SimulationResult
    from sahel_sim.engine.readings import LibraryReadings
    from sahel_sim.engine.stream import ResultStream
    from sahel_sim.scenario.load import Scenario

__all__ = ["handle", "register"]

FORMATS = ("table", "json", "markdown", "csv")


def register(sub: Any) -> None:
    """Add the ``run`` subcommand."""
    p = sub.add_parser("run", help="simulate scenarios and report obligations",
                       description="Simulate each scenario and report who is obligated to respond, under which "
                                   "article and why, and who is not (with the condition that failed).")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="scenario YAML files, or folders (every scenario in them, sorted; world/ folders left out)")
    p.add_argument("--format", "-f", type=str.lower, choices=FORMATS,
                   help="output format (default: from the --out suffix .json .md .csv .txt, else table)")
    p.add_argument("--explain", action="store_true", help="print the full reason tree of every finding shown")
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="move every event to this date")
    p.add_argument("--perspective", metavar="NAME", help="the reading to characterise events with")
    p.add_argument("--party", action="append", default=[], metavar="ID",
                   help="also judge this actor, party or not (repeatable; commas allowed)")
    p.add_argument("--all", action="store_true", dest="show_all",
                   help="list every non-obligation, not one per party and treaty")
    p.add_argument("--cascade", type=cascade_rounds, default=0, metavar="N",
                   help="carry out duties to assist with armed force as response events, for up to N rounds")
    p.add_argument("--compare-perspectives", action="store_true",
                   help="run under every perspective and set the obligations side by side")
    p.add_argument("--combine-readings", action="store_true",
                   help="also run every combination of two or more contested readings that can change the case "
                        "(their product), refused when they number more than --max-combinations")
    p.add_argument("--max-combinations", type=_combinations, default=None, metavar="N",
                   help="the most combinations --combine-readings may run (default 64, at most 1,024)")
    add_output_options(p)
    p.set_defaults(handler=handle, leaves_no_cycles=True)



def _combinations(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= n <= 1024:
        raise argparse.ArgumentTypeError(f"{value!r} must be from 1 to 1024 combinations")
    return n


def handle(args: argparse.Namespace) -> int:
    """Load, simulate and render; returns :attr:`Exit.OK` (errors are raised)."""
    from sahel_sim.cli._common import error

    if args.max_combinations is not None and not args.combine_readings:
        error("run: --max-combinations bounds --combine-readings; give both, or neither")
        return Exit.INPUT_ERROR
    if args.combine_readings and args.compare_perspectives:
        error("run: --combine-readings does not apply to --compare-perspectives; give one of them")
        return Exit.INPUT_ERROR
    parties = [p.strip() for value in args.party for p in value.split(",") if p.strip()]
    args.format = output_format(args.format, args.out, FORMATS, "table")
    args.files = [str(p) for raw in args.files for p in expand(raw)]  # a folder: its scenarios, sorted
    if len(args.files) > 1:  # judged together and reported as one: the cycles each leaves are collected
        import gc

        gc.enable()
    if args.compare_perspectives:
        return _compare(args, parties)
    scenarios = [_load(path, args) for path in args.files]
    library = _library()
    if args.format == "table":
        results = [_stream(s, args, parties, library).collect() for s in scenarios]
        if args.out is None:
            from sahel_sim.report.tables import make_console, print_results

            print_results(make_console(), results, explain=args.explain, show_all=args.show_all, parties=parties,
                          as_of=args.as_of)
            return Exit.OK
        emit(render(results, "table", explain=args.explain, show_all=args.show_all, parties=parties,
                    as_of=args.as_of), out=args.out, force=args.force, inputs=args.files)
        return Exit.OK
    streams = [_stream(s, args, parties, library) for s in scenarios]  # every question checked before any event is judged
    emit_chunks(chunks(streams, args.format, explain=args.explain, show_all=args.show_all),
                out=args.out, force=args.force, inputs=args.files)
    return Exit.OK


def chunks(streams: Sequence[ResultStream], fmt: str, *, explain: bool = False,
           show_all: bool = False) -> Iterator[str]:
    """The report in ``fmt`` (json, csv or markdown) in pieces, each stream's events read once."""
    if fmt == "json":
        from sahel_sim.report.results_json import json_chunks

        return json_chunks(streams)
    if fmt == "csv":
        from sahel_sim.report.csv_out import csv_chunks

        return csv_chunks(streams, show_all=show_all)
    from sahel_sim.report.markdown import markdown_chunks

    return markdown_chunks(streams, explain=explain, show_all=show_all)


def render(results: list[SimulationResult], fmt: str, *, explain: bool = False, show_all: bool = False,
           parties: Sequence[str] = (), as_of: date | None = None) -> str:
    """The whole report as text in ``fmt``."""
    if fmt != "table":
        from sahel_sim.engine.stream import ResultStream

        return "".join(chunks([ResultStream.of(r) for r in results], fmt, explain=explain, show_all=show_all))
    from sahel_sim.report.tables import render_results as render_table

    return render_table(results, explain=explain, show_all=show_all, parties=parties, as_of=as_of)


def _load(path: str, args: argparse.Namespace) -> Scenario:
    from sahel_sim.cli.limits import check_events
    from sahel_sim.scenario.load import load_scenario

    scenario = load_scenario(path)
    check_events(scenario, "cascade" if args.cascade else "json" if args.format == "json" else "run", path)
    return scenario


def _stream(scenario: Scenario, args: argparse.Namespace, parties: list[str], library: LibraryReadings) -> ResultStream:
    from sahel_sim.api import reading_worlds, stream

    from sahel_sim.engine.combined import MAX_COMBINATIONS

    # the readings' facts validated once, then read back from the cache by the next run of the same scenario
    return stream(scenario, perspective=args.perspective, as_of=args.as_of, parties=parties, cascade=args.cascade,
                  combine_readings=args.combine_readings,
                  max_combinations=args.max_combinations or MAX_COMBINATIONS,
                  readings=reading_worlds(scenario, library, store=True))


def _library() -> LibraryReadings:
    """The shipped library's readings, shared by the scenarios run (their facts and texts cached)."""
    from sahel_sim.api import library_readings

    return library_readings()


def _compare(args: argparse.Namespace, parties: list[str]) -> int:
    """``--compare-perspectives``: every reading side by side, differences explained."""
    from sahel_sim.analysis.compare import compare_perspectives
    from sahel_sim.cli.limits import check_events
    from sahel_sim.scenario.load import load_scenario

    comparisons = []
    for path in args.files:
        scenario = load_scenario(path)
        check_events(scenario, "compare", path)
        comparisons.append(compare_perspectives(scenario, as_of=args.as_of, parties=parties, conflicts=False))
    if args.format == "json":
        import json

        doc: Any = [c.to_dict() for c in comparisons]
        text = json.dumps(doc[0] if len(doc) == 1 else doc, indent=2, ensure_ascii=False)
    else:
        from sahel_sim.report.analysis import print_comparison
        from sahel_sim.report.tables import PIPE_WIDTH, make_console, narrow_width

        buf = io.StringIO()
        console = make_console(buf)
        if args.out is None:  # printed: as wide as the report of a run
            console.width = narrow_width(PIPE_WIDTH)
        for c in comparisons:
            print_comparison(console, c)
        text = buf.getvalue()
    emit(text, out=args.out, force=args.force, inputs=args.files)
    return Exit.OK
