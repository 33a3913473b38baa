"""``sahel-sim forces STATE --on DATE``: the foreign forces present in a state, and the arrangements behind them.

Who may act on a state's territory depends on whether a foreign force is
there at the host's invitation: this shows each recorded troop presence on
the date, the bilateral instruments it ran under (status-of-forces,
defence-cooperation and stationing agreements), whether each was in force
or had been denounced with effect, and the status under each contested
reading (Niger's 2023 denunciations, which France held invalid).
"""

from __future__ import annotations

import argparse

from sahel_sim.cli._common import Exit, add_output_options, emit, iso_date

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any

__all__ = ["handle", "register"]


def register(sub: Any) -> None:
    """Add the ``forces`` subcommand."""
    p = sub.add_parser("forces", help="foreign forces present in a state on a date, and on what basis",
                       description="List the foreign troop presences recorded in STATE on the date, the bilateral "
                                   "arrangements each ran under, whether they were in force or denounced with "
                                   "effect, and the status under each contested reading.")
    p.add_argument("state", metavar="STATE", help="a state id, e.g. NER")
    p.add_argument("--on", type=iso_date, required=True, metavar="YYYY-MM-DD", help="the date to look at")
    p.add_argument("--format", "-f", choices=("table", "json"), default="table", help="output format (default: table)")
    add_output_options(p)
    p.set_defaults(handler=handle, leaves_no_cycles=True)


def handle(args: argparse.Namespace) -> int:
    """Print the presences; an unknown state is an input error with a suggestion."""
    import shutil

    from sahel_sim.errors import UnknownEntityError, suggest
    from sahel_sim.graph import compile_world
    from sahel_sim.graph.presence import presence
    from sahel_sim.library import library_world
    from sahel_sim.report.presence import presence_dict, presence_text

    world = library_world()
    states = {a.id: a.name for a in world.actors if a.kind.value == "state"}
    known = {a.id: a for a in world.actors}
    if args.state in known and args.state not in states:
        kind = known[args.state].kind.value.replace("_", " ")
        raise UnknownEntityError(f"'{args.state}' is {'an' if kind[0] in 'aeiou' else 'a'} {kind}, not a state; "
                                 f"give the id of the state hosting the forces")
    if args.state not in states:
        hint = suggest(args.state, states, labels=states)
        raise UnknownEntityError(f"unknown state '{args.state}'" + (f"; {hint}" if hint else
                                                                      "; give a state id such as NER"))
    found = presence(compile_world(world).G, args.state, args.on)
    if args.format == "json":
        import json

        text = json.dumps(presence_dict(args.state, args.on, found), indent=2, ensure_ascii=False) + "\n"
    else:
        text = presence_text(args.state, args.on, found, width=shutil.get_terminal_size((80, 24)).columns)
    emit(text, out=args.out, force=args.force)
    return Exit.OK
