"""What ``sahel-sim --help`` and ``--version`` import: argparse's own needs and the command modules, nothing else.

Each case runs in a fresh interpreter and lists the modules the command
added to those Python had already loaded at start-up.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys

import pytest

# What a bare argparse parser printing its help brings in, measured in a fresh interpreter of the same
# Python: what the interpreter loads at start-up depends on the installation (site, .pth files), so the
# allowance is measured, not listed.
BARE_ARGPARSE = """
import json, sys
before = set(sys.modules)
import argparse
parser = argparse.ArgumentParser(prog="bare", description="A parser with nothing of the package.")
parser.add_argument("--flag", help="a flag")
parser.format_help()
print("\\x00" + json.dumps(sorted(set(sys.modules) - before)))
"""
# The package modules a parser needs: the root, the version, the view registry, the command line, the era table
# (and ``__future__``, which every package module imports first).
PACKAGE_NEEDS = {"__future__", "sahel_sim", "sahel_sim._version", "sahel_sim.display", "sahel_sim.clauses",
                 "sahel_sim.clauses.eras"}

PROBE = """
import json, sys
before = set(sys.modules)
from sahel_sim.cli import main
code = main({argv!r})
print("\\x00" + json.dumps([code, sorted(set(sys.modules) - before)]))
"""


def added_modules(argv: list[str]) -> tuple[int, set[str]]:
    """The exit code of ``main(argv)`` and the modules it (and importing the command line) loaded."""
    code, added = json.loads(_fresh(PROBE.format(argv=argv)))
    return code, set(added)


def _fresh(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    return out.stdout.rsplit("\x00", 1)[1]


@functools.cache
def argparse_needs() -> frozenset[str]:
    """The modules a bare argparse parser loads to print its help, on this interpreter."""
    return frozenset(json.loads(_fresh(BARE_ARGPARSE)))


def unexpected(added: set[str]) -> set[str]:
    return {m for m in added if m not in argparse_needs() | PACKAGE_NEEDS and not m.startswith("sahel_sim.cli")}


def test_the_bare_parser_probe_measures_argparse() -> None:
    """The allowance holds argparse itself and nothing of the package or of the heavy libraries."""
    needs = argparse_needs()
    assert "argparse" in needs
    assert not {m for m in needs if m.startswith("sahel_sim")}
    assert not {"pydantic", "yaml", "networkx", "rich", "datetime", "pathlib"} & needs


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["run", "--help"], ["treaties", "--help"]])
def test_help_and_version_import_only_what_argparse_needs(argv: list[str]) -> None:
    code, added = added_modules(argv)
    assert code == 0
    assert unexpected(added) == set()
    assert not {"datetime", "typing", "pathlib", "pydantic", "yaml", "networkx", "rich"} & added


def test_the_probe_sees_a_heavy_import() -> None:
    """A command that does work imports far more: the check above can fail."""
    code, added = added_modules(["schema"])
    assert code == 0
    assert "pydantic" in unexpected(added)


def test_version_alone_prints_what_the_parser_prints(capsys: pytest.CaptureFixture[str]) -> None:
    """``--version`` alone skips building the parser; with more arguments argparse answers: the same line."""
    from sahel_sim import __version__
    from sahel_sim.cli import main

    assert main(["--version"]) == 0
    alone = capsys.readouterr().out
    assert main(["--version", "run", "scenario.yaml"]) == 0
    assert capsys.readouterr().out == alone == f"sahel-sim {__version__}\n"
    _, added = added_modules(["--version"])
    assert not {m for m in added if m.startswith("sahel_sim.cli.")} - {"sahel_sim.cli._common"}


@pytest.mark.parametrize("fails", [False, True])
def test_a_command_runs_with_fewer_collections_and_restores_them(fails: bool, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import gc

    from sahel_sim.cli import COMMAND_GC_THRESHOLDS, main, schema
    from sahel_sim.errors import SahelSimError

    seen = []

    def handle(args: object) -> int:
        seen.append(gc.get_threshold())
        if fails:
            raise SahelSimError("no such thing")
        return 0

    monkeypatch.setattr(schema, "handle", handle)
    before = gc.get_threshold()
    assert COMMAND_GC_THRESHOLDS != before
    assert main(["schema"]) == (2 if fails else 0)
    assert seen == [COMMAND_GC_THRESHOLDS]
    assert gc.get_threshold() == before


@pytest.mark.parametrize("argv, code", [(["schema"], 0), (["run", "no-such-file.yaml"], 2)])
def test_the_program_freezes_what_is_left_before_the_process_exits(argv: list[str], code: int,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """``sahel-sim`` and ``python -m sahel_sim`` run ``program``: main's exit code, then (success or error)
    everything still alive frozen, so the interpreter's last collection does not walk it; main alone freezes nothing."""
    import gc

    from sahel_sim.cli import main, program

    assert gc.get_freeze_count() == 0
    assert main(argv) == code
    assert gc.get_freeze_count() == 0
    monkeypatch.setattr(sys, "argv", ["sahel-sim", *argv])
    try:
        assert program() == code
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    capsys.readouterr()


def test_the_installed_command_and_the_module_run_the_program() -> None:
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    scripts = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"sahel-sim": "sahel_sim.cli:program"}
    assert "raise SystemExit(program())" in (root / "sahel_sim" / "__main__.py").read_text(encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "sahel_sim", "--version"], capture_output=True, text=True,
                         timeout=60, cwd=root)
    assert out.returncode == 0 and out.stdout.startswith("sahel-sim ")
