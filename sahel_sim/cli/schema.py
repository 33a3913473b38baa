"""``sahel-sim schema [KIND]``: the JSON Schema of scenario, treaty or world files (for editors), or of results.

Point an editor's YAML language server at the output and the files get
completion and inline validation.  Every shipped file passes its schema
(tests/scenarios/test_json_schema.py).
"""

from __future__ import annotations

import argparse

from sahel_sim.cli._common import Exit, add_output_options, emit, output_format

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any

__all__ = ["handle", "register"]

KINDS = ("scenario", "treaty", "world", "results")  # scenario.schema.SCHEMA_KINDS and results, not imported at start-up


def register(sub: Any) -> None:
    """Add the ``schema`` subcommand."""
    p = sub.add_parser("schema", help="print the JSON Schema of scenario, treaty, world or results files",
                       description="Print the JSON Schema of a file kind: scenario (the default), treaty, "
                                   "world (a shared world file that scenarios list under world:), or results "
                                   "(what run --format json writes).")
    p.add_argument("kind", nargs="?", type=str.lower, choices=KINDS, default="scenario",
                   help="the kind of file (default: scenario)")
    add_output_options(p)
    p.set_defaults(handler=handle, leaves_no_cycles=True)


def handle(args: argparse.Namespace) -> int:
    """Print or write the schema."""
    import json

    output_format(None, args.out, ("json",), "json")  # refuses --out schema.md
    if args.kind == "results":
        from sahel_sim.report.results_schema import results_schema

        schema = results_schema()
    else:
        from sahel_sim.scenario.schema import json_schema

        schema = json_schema(args.kind)
    emit(json.dumps(schema, indent=2), out=args.out, force=args.force)
    return Exit.OK
