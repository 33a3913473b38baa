"""``sahel-sim graph``: the world on the event date with its obligations, as a picture or a graph file.

The format follows the suffix of ``--out``: ``.png``, ``.svg`` and ``.pdf``
are drawn with matplotlib (the lean ``plot`` extra); ``.graphml`` and
``.gexf`` are written with NetworkX, for Gephi and other graph tools.  With
``--cascade N`` the picture is the cascade tree, and graph files carry each
obligation's round.  Nothing heavy is imported until the command runs.
"""

from __future__ import annotations

import argparse

from sahel_sim.cli._common import Exit, cascade_rounds, iso_date

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any

__all__ = ["handle", "register"]

PICTURES = (".png", ".svg", ".pdf")
GRAPHS = (".graphml", ".gexf")


def register(sub: Any) -> None:
    """Add the ``graph`` subcommand."""
    p = sub.add_parser("graph", help="draw the world and its obligations (PNG/SVG/PDF) or export it (GraphML/GEXF)",
                       description="Draw the actors of a scenario by rough geography with every obligation as an "
                                   "arrow from obligor to beneficiary, coloured by treaty; or export the world graph "
                                   "on the event date with obligation edges as GraphML or GEXF (Gephi).")
    p.add_argument("file", metavar="FILE", help="scenario YAML file")
    p.add_argument("--out", "-o", required=True, metavar="PATH",
                   help="output file; its suffix picks the format: " + ", ".join(PICTURES + GRAPHS))
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="move every event to this date")
    p.add_argument("--perspective", metavar="NAME", help="the reading to characterise events with")
    p.add_argument("--cascade", type=cascade_rounds, default=0, metavar="N",
                   help="run N rounds of responses; pictures then show the cascade tree")
    p.add_argument("--dynamic", action="store_true",
                   help="GEXF only: every dated membership, party and relation with its start and end, and each "
                        "finding from the day it binds, for Gephi's timeline (not one day's snapshot)")
    p.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    p.set_defaults(handler=handle)



def handle(args: argparse.Namespace) -> int:
    """Simulate, then draw or export, and write ``--out`` atomically."""
    from pathlib import Path

    from sahel_sim.errors import SahelSimError

    suffix = Path(args.out).suffix.lower()
    if suffix not in PICTURES + GRAPHS:
        raise SahelSimError(f"--out {args.out}: unknown format '{suffix or '(no suffix)'}'; "
                            f"use one of {', '.join(PICTURES + GRAPHS)}")
    if args.dynamic and suffix != ".gexf":
        raise SahelSimError(f"--dynamic writes GEXF, whose timeline Gephi replays: name the file {Path(args.out).stem}"
                            f".gexf, or drop --dynamic")
    if suffix in PICTURES:
        from sahel_sim.report.plots import pyplot

        pyplot()  # fails early, with the install hint, when matplotlib is missing
    from sahel_sim.api import simulate
    from sahel_sim.report.write import write_atomic
    from sahel_sim.scenario.yaml_source import files_read
    from sahel_sim.scenario.load import load_scenario

    scenario = load_scenario(args.file)
    from sahel_sim.cli.limits import check_events

    check_events(scenario, "cascade" if args.cascade else "graph", args.file)
    result = simulate(scenario, perspective=args.perspective, as_of=args.as_of, cascade=args.cascade)
    data = _picture(scenario, result, suffix, args) if suffix in PICTURES else _graph(scenario, result, suffix, args)
    write_atomic(args.out, data, inputs=[args.file, *files_read()], force=args.force)
    return Exit.OK


def _picture(scenario: Any, result: Any, suffix: str, args: argparse.Namespace) -> bytes:
    from sahel_sim.report.picture import scenario_picture

    return scenario_picture(scenario, result, suffix[1:], as_of=args.as_of, cascade=args.cascade)


def _graph(scenario: Any, result: Any, suffix: str, args: argparse.Namespace) -> bytes:
    from sahel_sim.report.graph_export import export_graph, graph_bytes

    return graph_bytes(export_graph(scenario, result, args.as_of, dynamic=args.dynamic), suffix)
