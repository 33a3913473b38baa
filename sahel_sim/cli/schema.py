"""``sahel-sim schema``: the JSON Schema of scenario files, for editors.

Point an editor's YAML language server at the output and scenario files get
completion and inline validation.
"""

from __future__ import annotations

import argparse

from sahel_sim.cli._common import Exit, add_output_options, emit, output_format

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any

__all__ = ["handle", "register"]


def register(sub: Any) -> None:
    """Add the ``schema`` subcommand."""
    p = sub.add_parser("schema", help="print the JSON Schema of scenario files",
                       description="Print the JSON Schema of the scenario format.")
    add_output_options(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Print or write the schema."""
    import json

    from sahel_sim.scenario.schema import json_schema

    output_format(None, args.out, ("json",), "json")  # refuses --out schema.md
    emit(json.dumps(json_schema(), indent=2), out=args.out, force=args.force)
    return Exit.OK
