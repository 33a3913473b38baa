"""``sahel-sim validate``: load scenario files without running them.

The quick check for editors and pre-commit hooks: schema, references and
line numbers, no simulation.
"""

from __future__ import annotations

import argparse

from sahel_sim.cli._common import Exit, error

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any

__all__ = ["handle", "register"]


def register(sub: Any) -> None:
    """Add the ``validate`` subcommand."""
    p = sub.add_parser("validate", help="check that scenario files are valid, without running them",
                       description="Load each scenario (schema and references) and report it ok or its errors.")
    p.add_argument("files", nargs="+", metavar="FILE", help="scenario YAML files")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Report each file; exit 2 if any is invalid, after reporting all of them."""
    from sahel_sim.errors import SahelSimError, printable
    from sahel_sim.scenario.load import load_scenario

    failed = 0
    for path in args.files:
        try:
            scenario = load_scenario(path)
        except SahelSimError as exc:
            error(str(exc))
            failed += 1
            continue
        expect = scenario.expect
        n_expect = len(expect.obligated) + len(expect.not_obligated) if expect else 0
        print(printable(f"{path}: ok ({_count(len(scenario.events), 'event')}, {_count(n_expect, 'expectation')})"))
    return Exit.INPUT_ERROR if failed else Exit.OK


def _count(n: int, noun: str) -> str:
    """``1 event``, ``2 events``."""
    return f"{n} {noun}{'s' * (n != 1)}"
