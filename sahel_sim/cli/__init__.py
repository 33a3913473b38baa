"""The ``sahel-sim`` command line: argparse, one module per subcommand.

Start-up is kept lean on purpose: building the parser imports only argparse
and the command modules, which themselves import Pydantic, NetworkX, PyYAML
and Rich inside their handlers.  ``sahel-sim --help`` therefore answers in
the time it takes Python to start, and a typo costs nothing.

Every error a user can cause is a :class:`~sahel_sim.errors.SahelSimError`;
:func:`main` catches that one class, prints its message and returns
:attr:`Exit.INPUT_ERROR`.  Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any, Sequence

__all__ = ["Exit", "build_parser", "main", "program"]

from sahel_sim.cli._common import PROG, Exit, error, in_language
#: The cyclic collector's thresholds while a command runs.  A command builds its models, world and findings
#: once and keeps nearly all of them to the end; with Python's default (700, 10, 10) the collector walks that
#: growing heap some 160 times in one run of the Niger scenario (a tenth of its CPU time) and frees nothing.
#: Restored when the command returns (``main`` may be called in-process).
COMMAND_GC_THRESHOLDS = (10_000, 10, 10)
#: A command that reads its input, judges it once and reports (run, validate, timeline, treaties, forces,
#: schema) says so with ``p.set_defaults(leaves_no_cycles=True)``: what it builds stays alive to the end and
#: almost none of it is cyclic garbage, so the collector is off while it runs (a warm run of the Niger scenario:
#: 7 to 10 % less CPU time; 1,000 events to JSON: the same peak memory, 88 MB against 87). Each scenario judged
#: still leaves some 0.2 MB of cycles, so ``run`` of several files turns it back on, and ``check`` keeps it, as
#: do the commands that run many variants, search or serve.
LANGUAGES = ("en", "fr")  # as in sahel_sim.report.i18n, kept here so that --help imports nothing


class _VersionAction(argparse.Action):
    """``--version`` that reads the installed version only when asked.

    argparse's own ``version`` action needs the string when the parser is
    built; reading package metadata then would slow down every invocation.
    """

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        import sahel_sim

        print(f"{PROG} {sahel_sim.__version__}")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """argparse, with control characters in a usage error shown as escapes (an argument may hold ESC)."""

    def error(self, message: str) -> Any:
        from sahel_sim.errors import printable

        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every subcommand registered."""
    from sahel_sim.cli import (check, explain, forces, graph, run, schema, serve, sweep, timeline, treaties, validate,
                              verify)

    parser = _Parser(
        prog=PROG,
        description="Who is legally bound to respond, under which clause, and why.",
        epilog="Exit codes: 0 ok, 1 an expectation or a verification failed, 2 bad input or usage.",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (run, check, explain, timeline, sweep, graph, validate, verify, treaties, forces, schema, serve):
        module.register(sub)
    for command in sub.choices.values():
        command.add_argument("--lang", type=str.lower, choices=LANGUAGES, default=None,
                             help="language of the answer and of error messages (default: from the locale, "
                                  "e.g. LANG=fr_FR.UTF-8)")
    return parser


def main(argv: Sequence[str] | None = None, *, exiting: bool = False) -> int:
    """Run the command line and return the exit code (for ``sys.exit``).

    Args:
        argv: arguments without the program name; ``sys.argv[1:]`` when None.
        exiting: the process ends when this returns (:func:`program`). The cyclic collector, off while a
            command that leaves no cycles ran, is then not turned back on: its first pass would walk all
            the command built (about a tenth of a warm run's CPU time) just before the process ends.

    Returns:
        An :class:`Exit` code; argparse usage errors and ``--help`` are
        returned as their codes (2 and 0) instead of raising ``SystemExit``,
        so the function can be called in-process.
    """
    given = sys.argv[1:] if argv is None else list(argv)
    if given == ["--version"]:  # what the parser would print, without building eleven subcommands first
        from sahel_sim._version import __version__

        print(f"{PROG} {__version__}")
        return Exit.OK
    parser = build_parser()
    if not given:  # `sahel-sim` alone: the commands, not an error
        parser.print_help()
        return Exit.OK
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return _code(exc.code)
    from sahel_sim.errors import SahelSimError

    from sahel_sim.report.i18n import chosen, language_from_env, use

    # The language of the whole command: --lang, else the one in use, else the locale environment's, read
    # once (every sentence would read the same environment again); given back as it was at the end.
    settled = bool(getattr(args, "lang", None)) or chosen() is None
    if settled:
        use(getattr(args, "lang", None) or language_from_env())
    import gc

    thresholds, collecting = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(*COMMAND_GC_THRESHOLDS)
    if getattr(args, "leaves_no_cycles", False):
        gc.disable()
    try:
        _check_out(args)
        return int(args.handler(args))
    except SahelSimError as exc:
        error(in_language(str(exc)))
        return Exit.INPUT_ERROR
    except BrokenPipeError:
        _quiet_stdout()
        return Exit.BROKEN_PIPE
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        error("interrupted")
        return 130
    finally:
        gc.set_threshold(*thresholds)
        if collecting and not exiting:
            gc.enable()
        if settled:
            use(None)


def program() -> int:
    """The ``sahel-sim`` program (and ``python -m sahel_sim``): :func:`main` on ``sys.argv``, in a process that then exits.

    What a command builds (its models, world, findings, and the modules it
    imported) stays alive to the end, and at exit the interpreter's last
    collection walks all of it again, about a seventh of a warm ``run``'s CPU
    time.  Freezing what is left (:func:`gc.freeze`) before the process exits
    spares that walk; the operating system takes the memory back.  Not in
    :func:`main`, which may be called in-process, where a frozen cycle would
    never be collected.
    """
    try:
        return main(exiting=True)
    finally:
        import gc

        gc.freeze()


def _check_out(args: argparse.Namespace) -> None:
    """Refuse an ``--out`` that will not be written (a device, a link, the package) before doing the work."""
    out = getattr(args, "out", None)
    if not isinstance(out, str) or out == "-":
        return
    from sahel_sim.report.write import check_target

    named = getattr(args, "files", None) or [getattr(args, "file", None)]
    check_target(out, inputs=[f for f in named if isinstance(f, str)], force=bool(getattr(args, "force", False)))


def _quiet_stdout() -> None:
    """After a broken pipe, point standard output at /dev/null so that Python's final flush stays silent."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests, notebooks)
        pass


def _code(code: object) -> int:
    """Translate a ``SystemExit.code`` into an int as ``sys.exit`` would."""
    if code is None:
        return Exit.OK
    if isinstance(code, int):
        return code
    return Exit.INPUT_ERROR
