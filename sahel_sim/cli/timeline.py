"""``sahel-sim timeline``: obligations switching on and off as the calendar moves."""

from __future__ import annotations

import argparse

from sahel_sim.cli._common import Exit, add_output_options, emit, iso_date, output_format

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any

__all__ = ["handle", "register"]


FORMATS = ("table", "json", "svg", "png", "pdf")
PICTURES = ("svg", "png", "pdf")


def register(sub: Any) -> None:
    """Add the ``timeline`` subcommand."""
    p = sub.add_parser("timeline", help="how obligations switch on and off between two dates",
                       description="Replay the scenario's events as of every date on which a membership, a "
                                   "treaty or a holding changes, and show which obligations switch on and off.")
    p.add_argument("file", metavar="FILE", help="scenario YAML file")
    p.add_argument("--from", dest="start", type=iso_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=iso_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--perspective", metavar="NAME")
    p.add_argument("--format", "-f", type=str.lower, choices=FORMATS,
                   help="table, json, or a picture of each finding's span: svg, png, pdf (the plot extra: "
                        "pip install 'sahel-sim[plot]'); default: from the --out suffix, else table")
    add_output_options(p)
    p.set_defaults(handler=handle, leaves_no_cycles=True)


def handle(args: argparse.Namespace) -> int:
    """Build and print the timeline."""
    from sahel_sim.analysis.timeline import build_timeline
    from sahel_sim.errors import SahelSimError
    from sahel_sim.scenario.load import load_scenario

    args.format = output_format(args.format, args.out, FORMATS, "table")
    if args.end < args.start:
        raise SahelSimError(f"--to {args.end} is before --from {args.start}")
    if args.format in ("png", "pdf") and (not args.out or args.out == "-"):
        raise SahelSimError(f"{args.format.upper()} is binary: give --out FILE.{args.format}")
    if args.format in PICTURES:
        from sahel_sim.report.plots import pyplot

        pyplot()  # fails early, with the install hint, when matplotlib is missing
    from sahel_sim.cli.limits import check_events

    scenario = load_scenario(args.file)
    check_events(scenario, "timeline", args.file)
    timeline = build_timeline(scenario, args.start, args.end, perspective=args.perspective)
    if args.format == "json":
        import json

        text = json.dumps(timeline.to_dict(), indent=2, ensure_ascii=False)
    elif args.format in PICTURES:
        from sahel_sim.report.picture import timeline_picture

        data = timeline_picture(timeline, args.format)
        if args.format == "svg":
            text = data.decode("utf-8")
        else:
            from sahel_sim.report.write import write_atomic
            from sahel_sim.scenario.yaml_source import files_read

            write_atomic(args.out, data, inputs=[args.file, *files_read()], force=args.force)
            return Exit.OK
    else:
        from sahel_sim.report.analysis import render_timeline
        from sahel_sim.report.width import PIPE_WIDTH, narrow_width

        # printed: as wide as a run's report (the terminal's, else COLUMNS, else 160); into --out, 160
        text = render_timeline(timeline, width=narrow_width(PIPE_WIDTH) if args.out is None else None)
    emit(text, out=args.out, force=args.force, inputs=[args.file])
    return Exit.OK
