"""The walls: every import in ``sahel_sim/`` (eager, lazy and type-only) runs one way.

Layers, from the bottom: errors, display hooks and the collector's pause; model; clauses (the
language, data only); world (the validated input's container); graph;
scenario input (reading, validating, the library and its cache, what-if
edits); engine (evaluation, judgement, cascade, conflicts, ``simulate``);
analysis; testing strategies; report; verify; cli and the package's front
door.  A module may import its own layer and the layers below it, never one
above.  Besides: no module imports another package's private module or
private name, and command modules import nothing from ``sahel_sim.cli``
itself (``sahel_sim/cli/__init__.py``).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "sahel_sim"

#: Each layer's top-level units (a sub-package or a module of ``sahel_sim``); "" is ``sahel_sim/__init__``.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_version", "errors", "display", "collector"),
    ("model",),
    ("clauses",),
    ("world",),
    ("graph",),
    ("scenario", "library", "library_cache", "whatif", "examples"),
    ("engine", "api"),
    ("analysis",),
    ("testing",),
    ("report",),
    ("verify",),
    ("cli", "web", "__main__", ""),
)
RANK = {unit: i for i, layer in enumerate(LAYERS) for unit in layer}


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = ("sahel_sim", *path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources(root: Path = PACKAGE) -> dict[str, tuple[str, bool]]:
    """Every module's source, with whether it is a package's ``__init__``."""
    return {module_name(p, root): (p.read_text(encoding="utf-8"), p.name == "__init__.py") for p in sorted(root.rglob("*.py"))}


def imports(module: str, source: str, is_package: bool, known: set[str]) -> list[tuple[int, str, tuple[str, ...]]]:
    """Every ``sahel_sim`` import of a module, wherever it is written: (line, module imported, names)."""
    here = module.split(".") if is_package else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, ()) for a in node.names if a.name.split(".")[0] == "sahel_sim"]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else [])) if node.level else node.module
            if base is None or base.split(".")[0] != "sahel_sim":
                continue
            names = tuple(a.name for a in node.names)
            submodules = [n for n in names if f"{base}.{n}" in known]
            found += [(node.lineno, f"{base}.{n}", ()) for n in submodules]
            rest = tuple(n for n in names if n not in submodules)
            if rest or not submodules:
                found.append((node.lineno, base, rest))
    return found


@functools.lru_cache(maxsize=None)
def _imports_of(module: str, source: str, is_package: bool, known: frozenset[str]) -> tuple[tuple[int, str, tuple[str, ...]], ...]:
    """:func:`imports`, parsed once per source: each test below changes one module and reads every other again."""
    return tuple(imports(module, source, is_package, set(known)))


def unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations(modules: dict[str, tuple[str, bool]]) -> list[str]:
    """Every import that runs against the layers, with where it is written."""
    known = frozenset(modules)
    out = []
    for module, (source, is_package) in sorted(modules.items()):
        mine = unit(module)
        if mine not in RANK:
            out.append(f"{module}: its unit {mine!r} has no layer (add it to LAYERS)")
            continue
        for line, target, names in _imports_of(module, source, is_package, known):
            theirs = unit(target)
            where = f"{module}:{line} imports {target}"
            if theirs not in RANK:
                out.append(f"{where}, whose unit {theirs!r} has no layer")
            elif RANK[theirs] > RANK[mine]:
                out.append(f"{where}: upward, from layer {RANK[mine]} ({mine}) to layer {RANK[theirs]} ({theirs})")
            owner = target.rsplit(".", 1)[0]
            if any(p.startswith("_") and not p.startswith("__") for p in target.split(".")) and not module.startswith(owner):
                out.append(f"{where}: a private module of another package")
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private and target.split(".")[:2] != module.split(".")[:2]:
                out.append(f"{where}: private names {', '.join(private)} of another package")
            if module.startswith("sahel_sim.cli.") and target == "sahel_sim.cli":
                out.append(f"{where}: a command module imports from sahel_sim.cli itself")
    return out


def test_every_import_runs_one_way() -> None:
    assert violations(sources()) == []


def test_every_module_has_a_layer() -> None:
    units = {unit(m) for m in sources()}
    assert units <= set(RANK), sorted(units - set(RANK))


@pytest.mark.parametrize(("module", "source", "why"), [
    ("sahel_sim.model.base", "from sahel_sim.engine.run import run_events\n", "upward"),
    ("sahel_sim.clauses.treaty", "def f():\n    from sahel_sim.graph import queries\n", "upward"),
    ("sahel_sim.engine.findings", "def f():\n    import sahel_sim.report.frames\n", "upward"),
    ("sahel_sim.scenario.load", "def f():\n    from sahel_sim.report import html\n", "upward"),
    ("sahel_sim.scenario.load", "from sahel_sim.engine.findings import Obligation\n", "upward"),
    ("sahel_sim.model.base", "if False:\n    from sahel_sim.clauses.treaty import Treaty\n", "upward"),
    ("sahel_sim.verify._static", "from sahel_sim.testing._events import KINDS\n", "private module"),
    ("sahel_sim.verify._static", "from sahel_sim.testing import _sometimes\n", "private names"),
    ("sahel_sim.cli.run", "from sahel_sim.cli import Exit\n", "sahel_sim.cli itself"),
    ("sahel_sim.nowhere", "x = 1\n", "has no layer"),
])
def test_an_import_against_the_walls_is_caught(module: str, source: str, why: str) -> None:
    modules = sources()
    modules[module] = (modules.get(module, ("", False))[0] + source, False)
    found = violations(modules)
    assert any(why in v and v.startswith(module) for v in found), found


def test_relative_and_submodule_imports_are_resolved() -> None:
    known = {"sahel_sim.clauses.conditions", "sahel_sim.clauses", "sahel_sim.engine.run"}
    got = imports("sahel_sim.engine.run", "from ..clauses import conditions\nfrom . import run\n", False, known)
    assert [t for _, t, _ in got] == ["sahel_sim.clauses.conditions", "sahel_sim.engine.run"]
