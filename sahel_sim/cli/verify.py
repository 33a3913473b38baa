"""``sahel-sim verify``: consistency properties of treaty files, each finding with a runnable counterexample.

Hypothesis (a dependency of sahel-sim) is imported only when the command
runs, never at start-up.
"""

from __future__ import annotations

import argparse

from sahel_sim.cli._common import Exit, error

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any

__all__ = ["FINDINGS", "handle", "register"]

FINDINGS = 1
DEFAULT_OUT_DIR = "verify-counterexamples"


def register(sub: Any) -> None:
    """Add the ``verify`` subcommand."""
    p = sub.add_parser(
        "verify", help="check treaty files for inconsistent clauses, with counterexamples",
        description="Check each treaty for clauses that can impose contradictory duties on one party for one "
                    "event, duties owed to oneself, exceptions that swallow their rule, mutual clauses that do not "
                    "run both ways, and clauses that can never fire. Each finding comes with the smallest scenario "
                    "that shows it, written as a YAML file that 'sahel-sim run' runs. "
                    "Exit 0 if nothing is found, 1 if something is, 2 on bad input.")
    p.add_argument("files", nargs="*", metavar="PATH",
                   help="treaty files (or scenario files, whose own treaties are checked), or directories of them "
                        "(searched recursively)")
    p.add_argument("--library", action="store_true", help="also check every shipped treaty")
    p.add_argument("--out-dir", default=DEFAULT_OUT_DIR, metavar="DIR",
                   help=f"where counterexample scenarios are written (default: ./{DEFAULT_OUT_DIR}/)")
    p.add_argument("--force", action="store_true", help="overwrite counterexample files that already exist")
    p.add_argument("--examples", type=_positive, default=None, metavar="N",
                   help="situations to try per search (default 100, at most 10,000; more searches longer)")
    p.add_argument("--time-limit", type=_seconds, default=None, metavar="SECONDS",
                   help="stop with exit 2 after this long, every step counted (default 600)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--format", "-f", choices=("table", "json"), default="table", help="output format")
    p.set_defaults(handler=handle)


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} must be at least 1")
    if n > 10_000:
        raise argparse.ArgumentTypeError(f"{value!r} is more than 10,000 situations per search")
    return n


def _seconds(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not 0 < n <= 86_400:
        raise argparse.ArgumentTypeError(f"{value!r} must be more than 0 and at most 86400 seconds (a day)")
    return n


def handle(args: argparse.Namespace) -> int:
    """Verify, print the findings, write their counterexamples; exit 1 when anything is found."""
    if not args.files and not args.library:
        error("verify: give treaty files, or --library for the shipped treaties")
        return Exit.INPUT_ERROR
    try:
        from sahel_sim.verify import DEFAULT_EXAMPLES, DEFAULT_SECONDS, verify
    except ImportError as exc:  # pragma: no cover - hypothesis is a dependency; a broken install lacks it
        error(f"verify needs Hypothesis ({exc}); install it with: pip install 'sahel-sim[verify]'")
        return Exit.INPUT_ERROR
    from sahel_sim.cli._common import expand, with_progress

    files = [str(p) for raw in args.files for p in expand(raw)]  # a directory without a YAML file: its error
    report = with_progress(args.quiet, "verify", lambda progress: verify(
        files, library=args.library, examples=args.examples or DEFAULT_EXAMPLES, out_dir=args.out_dir,
        force=args.force, time_limit=args.time_limit or DEFAULT_SECONDS, progress=progress))
    if args.format == "json":
        import json

        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        from sahel_sim.report.tables import make_console
        from sahel_sim.report.verify import print_report

        print_report(make_console(), report)
    return FINDINGS if report.findings else Exit.OK

