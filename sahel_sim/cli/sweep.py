"""``sahel-sim sweep``: run every variant of a scenario, on all cores or a Dask cluster."""

from __future__ import annotations

import argparse
import os

from sahel_sim.cli._common import Exit, emit

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any

__all__ = ["handle", "register"]


def register(sub: Any) -> None:
    """Add the ``sweep`` subcommand."""
    p = sub.add_parser("sweep", help="run every variant of a scenario and write a table of obligations",
                       description="Vary dates, perspectives, cascade depths, accessions or compliance and run "
                                   "every combination; write one row per obligation per variant (CSV or Parquet).",
                       epilog="Axes: date=2023-07-26..2025-02-28:7d | date=D1,D2 ; perspective=aes,ecowas ; "
                              "cascade=0,2 ; accession=none,TCD:AES ; non_compliant=none,MLI,MLI+BFA")
    p.add_argument("file", metavar="FILE", help="scenario YAML file")
    p.add_argument("--vary", action="append", default=[], metavar="AXIS=VALUES", help="an axis to vary (repeatable)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="local worker processes (default: all cores)")
    p.add_argument("--dask", metavar="SCHEDULER_ADDRESS", help="run on a Dask distributed cluster instead")
    p.add_argument("--format", "-f", type=str.lower, choices=("csv", "parquet"), help="table format (default: from --out, else csv)")
    p.add_argument("--out", "-o", metavar="PATH", help="write the table here (atomically) instead of stdout")
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Parse the axes, run the variants and write the table."""
    from sahel_sim.analysis.sweep import parse_axis, run_sweep, write_table
    from sahel_sim.errors import SahelSimError

    if args.workers < 1:
        raise SahelSimError("--workers must be at least 1")
    axes = [parse_axis(spec) for spec in args.vary]
    from sahel_sim.cli._common import output_format

    fmt = output_format(args.format, args.out, ("csv", "parquet"), "csv")
    if fmt == "parquet" and not args.out:
        raise SahelSimError("Parquet is binary: give --out FILE.parquet")
    from sahel_sim.analysis.sweep import variants
    from sahel_sim.cli._common import with_progress
    from sahel_sim.cli.limits import check_sweep
    from sahel_sim.scenario.load import load_scenario

    check_sweep(load_scenario(args.file), len(variants(axes)), args.file)

    rows = with_progress(args.quiet, "variants", lambda progress: run_sweep(args.file, axes, workers=args.workers,
                                                            dask_address=args.dask, progress=progress))
    table = write_table(rows, fmt)
    if isinstance(table, bytes):
        from sahel_sim.report.write import write_atomic
        from sahel_sim.scenario.yaml_source import files_read

        write_atomic(args.out, table, inputs=[args.file, *files_read()], force=args.force)
    else:
        emit(table, out=args.out, force=args.force, inputs=[args.file])
    return Exit.OK

