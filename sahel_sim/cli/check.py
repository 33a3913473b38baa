"""``sahel-sim check``: run scenarios and compare with their ``expect:`` blocks.

The regression test of the treaty library: every scenario states who must
and must not be obligated, and this command says which statements hold.  A
file that cannot be loaded is reported and the others are still checked, so
one bad file does not hide the state of the rest.
"""

from __future__ import annotations

import argparse

from sahel_sim.cli._common import Exit, error, expand, in_language

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any
    from pathlib import Path

__all__ = ["handle", "register"]


class _Tally:
    """Counts for the summary line (a plain class: ``dataclasses`` would slow ``--help``)."""

    def __init__(self) -> None:
        self.scenarios = 0
        self.passed = 0
        self.failed = 0
        self.errors = 0

    def summary(self) -> str:
        expectations = self.passed + self.failed
        line = (f"{self.scenarios} scenario{'s' * (self.scenarios != 1)}, {expectations} expectation"
                f"{'s' * (expectations != 1)}: {self.passed} passed, {self.failed} failed")
        return line + (f"; {self.errors} input error{'s' * (self.errors != 1)}" if self.errors else "")

    def code(self) -> Exit:
        if self.errors:
            return Exit.INPUT_ERROR
        return Exit.EXPECTATION_FAILED if self.failed else Exit.OK


def register(sub: Any) -> None:
    """Add the ``check`` subcommand."""
    p = sub.add_parser("check", help="check scenarios against their expectations",
                       description="Run each scenario and compare the findings with its 'expect:' block. "
                                   "Exit 1 if an expectation fails, 2 if a file cannot be loaded.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or directories (searched recursively)")
    p.add_argument("--quiet", "-q", action="store_true", help="print failures and the summary only")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Check every scenario found; the exit code reflects the worst outcome."""
    from sahel_sim.errors import SahelSimError

    from sahel_sim.report.width import wrap_width

    tally = _Tally()
    width = wrap_width()
    shared: dict[str, Any] = {}  # the library's readings and compiled world, worked out with the first scenario
    for raw in args.paths:
        try:
            files = expand(raw)
        except SahelSimError as exc:
            error(in_language(str(exc)))
            tally.errors += 1
            continue
        for path in files:
            try:
                _check_one(path, tally, quiet=args.quiet, shared=shared, width=width)
            except SahelSimError as exc:
                error(in_language(str(exc)))
                tally.errors += 1
    print(tally.summary())
    return tally.code()


def _check_one(path: Path, tally: _Tally, *, quiet: bool, shared: dict[str, Any], width: int | None) -> None:
    from sahel_sim.analysis.expectations import run_expectations
    from sahel_sim.api import library_readings
    from sahel_sim.cli.limits import check_events
    from sahel_sim.errors import printable
    from sahel_sim.graph import compile_world
    from sahel_sim.report.width import wrapped
    from sahel_sim.scenario.load import load_scenario

    scenario = load_scenario(path)
    check_events(scenario, "check", path)
    if "library" not in shared:
        shared["library"] = library_readings()
        shared["compiled"] = compile_world(shared["library"].world)
    # the library's compiled world, for every scenario: one on the library shares what it compiled
    outcomes = run_expectations(scenario.reusing(shared["compiled"]), shared["library"])
    tally.scenarios += 1
    tally.passed += sum(o.met for o in outcomes)
    tally.failed += sum(not o.met for o in outcomes)
    if not outcomes:
        if not quiet:
            print(wrapped(printable(f"{path}: {scenario.name}: no expectations"), width))
        return
    shown = [o for o in outcomes if not (quiet and o.met)]
    if shown:
        print(wrapped(printable(f"{path}: {scenario.name}"), width))
        for outcome in shown:
            print(wrapped(printable(f"  {outcome.describe()}"), width))
