"""``sahel-sim explain``: the smallest changes of fact that would flip a party's obligation."""

from __future__ import annotations

import argparse

from sahel_sim.cli._common import Exit, add_output_options, emit, output_format

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any

__all__ = ["handle", "register"]


FORMATS = ("table", "json")


def register(sub: Any) -> None:
    """Add the ``explain`` subcommand."""
    p = sub.add_parser("explain", help="what would flip a party's obligation on or off",
                       description="List the smallest changes to the scenario's facts (a date, a membership, a "
                                   "request, a decision, a location, a reading) that would turn the party's "
                                   "obligation on or off; each is checked by re-running the engine.")
    p.add_argument("file", metavar="FILE", help="scenario YAML file")
    p.add_argument("--party", required=True, metavar="ID", help="the actor whose obligation to explain")
    p.add_argument("--treaty", metavar="ID", help="only this treaty's obligations")
    p.add_argument("--perspective", metavar="NAME", help="the reading to start from")
    p.add_argument("--limit", type=_positive, default=20, help="at most this many flips (default 20)")
    p.add_argument("--format", "-f", type=str.lower, choices=FORMATS,
                   help="output format (default: from the --out suffix .json .txt, else table)")
    add_output_options(p)
    p.set_defaults(handler=handle)


def _positive(value: str) -> int:
    """A whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of at least 1")
    return int(value)


def handle(args: argparse.Namespace) -> int:
    """Find and print the flips."""
    from sahel_sim.analysis.flips import find_flips
    from sahel_sim.api import check_parties
    from sahel_sim.errors import UnknownEntityError
    from sahel_sim.scenario.load import load_scenario

    args.format = output_format(args.format, args.out, FORMATS, "table")
    scenario = load_scenario(args.file)
    from sahel_sim.cli.limits import check_events

    check_events(scenario, "explain", args.file)
    check_parties(scenario.world, [args.party])
    if args.treaty:
        from sahel_sim.library import find_treaty

        try:  # an id, or a name or acronym one treaty has (--treaty nato)
            args.treaty = find_treaty(scenario.world.treaties, args.treaty).id
        except UnknownEntityError as exc:
            raise UnknownEntityError(f"--treaty: {exc}") from None
    flips = find_flips(scenario, args.party, treaty=args.treaty, perspective=args.perspective, limit=args.limit)
    if args.format == "json":
        import json

        text = json.dumps({"party": args.party, "treaty": args.treaty, "flips": [f.to_dict() for f in flips]},
                          indent=2, ensure_ascii=False)
    else:
        from sahel_sim.report.analysis import render_flips
        from sahel_sim.report.tables import narrow_width

        text = render_flips(args.party, args.treaty, flips, width=narrow_width())
    emit(text, out=args.out, force=args.force, inputs=[args.file])
    return Exit.OK
