"""``sahel-sim validate``: check scenario, treaty and world files without running them.

The quick check for editors and pre-commit hooks: schema, references and
line numbers, no simulation.  Each file is read as the kind its keys say
(``scenario:`` a scenario, ``id:``/``clauses:`` a treaty, world sections a
shared world file), and the answer says which kind it read.
"""

from __future__ import annotations

import argparse

from sahel_sim.cli._common import Exit, error, expand, in_language

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any
    from sahel_sim.scenario.yaml_source import Located

__all__ = ["handle", "register"]


def register(sub: Any) -> None:
    """Add the ``validate`` subcommand."""
    p = sub.add_parser("validate", help="check scenario, treaty and world files, without running them",
                       description="Read each file as a scenario, a treaty or a shared world file (by its keys), "
                                   "check its schema and references, and report it ok or its errors.")
    p.add_argument("files", nargs="+", metavar="PATH",
                   help="scenario, treaty or world YAML files, or directories (searched recursively)")
    p.set_defaults(handler=handle, leaves_no_cycles=True)


def handle(args: argparse.Namespace) -> int:
    """Report each file; exit 2 if any is invalid, after reporting all of them."""
    from pathlib import Path

    from sahel_sim.errors import SahelSimError, printable

    from sahel_sim.report.width import wrap_width, wrapped
    from sahel_sim.scenario.files import file_kind
    from sahel_sim.scenario.yaml_source import read_yaml

    failed = 0
    width = wrap_width()
    for path in _files(args.files):
        if isinstance(path, SahelSimError):  # a directory with no YAML file in it
            error(in_language(str(path)))
            failed += 1
            continue
        kind = "scenario"
        try:
            src = read_yaml(Path(path))
            kind = file_kind(src.data)
            summary = _validate(Path(path), src, kind)
        except SahelSimError as exc:
            # A scenario's errors list the scenario's fields; a treaty or world file's say which kind was read.
            error(in_language(str(exc) if kind == "scenario" else f"{exc}\n  {_READ_AS[kind]}"))
            failed += 1
            continue
        print(wrapped(printable(f"{path}: ok ({summary})"), width))
    return Exit.INPUT_ERROR if failed else Exit.OK


def _files(given: list[str]) -> Any:
    """Each path given, a directory as its YAML files (world files too: each is read as its keys say);
    a directory without one is its error, in its place."""
    from sahel_sim.errors import SahelSimError

    for raw in given:
        try:
            yield from expand(raw, worlds=True)
        except SahelSimError as exc:
            yield exc


_READ_AS = {"treaty": "(read as a treaty file, because it has id: or clauses:)",
            "world": "(read as a world file, because it has only world sections)"}


def _validate(path: Path, src: Located, kind: str) -> str:
    """Which kind the valid file is and what it holds, in a few words (``treaty anzus-1951: 3 clauses``)."""
    from sahel_sim.library import library_world
    from sahel_sim.scenario.files import check_treaty, check_world_file

    if kind == "treaty":
        lib = library_world()
        shipped = lib.treaty(str(src.data.get("id")))
        if shipped is not None and _is_shipped(path):
            from sahel_sim.library import load_treaty_file

            treaty = load_treaty_file(path)  # the library's own file: checked with the library
        else:
            treaty, _ = check_treaty(src, lib)
        return f"treaty {treaty.id}: {_count(len(treaty.clauses), 'clause')}"
    if kind == "world":
        lib = library_world()
        merged = check_world_file(src, lib)
        sizes = {noun: len(getattr(merged, f"{section}")) - len(getattr(lib, section))
                 for section, noun in _WORLD_NOUNS.items()}
        return "world file: " + (", ".join(_count(n, noun) for noun, n in sizes.items() if n) or "empty")
    from sahel_sim.scenario.load import load_scenario

    scenario = load_scenario(path)
    expect = scenario.expect
    n_expect = len(expect.obligated) + len(expect.not_obligated) if expect else 0
    return f"scenario: {_count(len(scenario.events), 'event')}, {_count(n_expect, 'expectation')}"


_WORLD_NOUNS = {"actors": "actor", "territories": "territory", "memberships": "membership", "relations": "relation",
                "governments": "government", "consent_authorities": "consent authority",
                "arrangements": "arrangement"}


def _is_shipped(path: Path) -> bool:
    from sahel_sim.library import treaty_files

    try:
        return path.resolve() in {p.resolve() for p in treaty_files()}
    except (OSError, RuntimeError):
        return False


def _count(n: int, noun: str) -> str:
    """``1 event``, ``2 events``, ``2 territories``."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"
