"""The three kinds of input file, told apart by their keys, and the checks of treaty and world files.

A scenario has ``scenario:`` (or ``events:``), a treaty file ``id:`` or
``clauses:``, a shared world file only world sections (``actors:``,
``territories:``, ``memberships:``, ``relations:``).  ``validate`` and
``verify`` both read a treaty file through :func:`check_treaty`, and a
scenario's ``world:`` files go through :func:`check_world_file`, so the
checkers agree on what a valid file is.
"""

from __future__ import annotations

from typing import Any, Literal

from sahel_sim.clauses.treaty import Treaty
from sahel_sim.errors import Problem, ScenarioError, format_path
from sahel_sim.world import World
from sahel_sim.scenario.names import TerritoryNames
from sahel_sim.scenario.references import Ref, world_references
from sahel_sim.scenario.schema import WorldFragment
from sahel_sim.scenario.validation import validate
from sahel_sim.scenario.yaml_source import Located

__all__ = ["WORLD_SECTIONS", "FileKind", "check_treaty", "check_world_file", "file_kind", "located"]

WORLD_SECTIONS = ("actors", "territories", "memberships", "relations", "governments", "consent_authorities",
                  "arrangements")

FileKind = Literal["scenario", "treaty", "world"]


def file_kind(data: Any) -> FileKind:
    """What a file's top-level keys say it is; anything unclear is read as a scenario (whose errors guide best).

    Examples:
        >>> file_kind({"scenario": "x", "events": []})
        'scenario'
        >>> file_kind({"id": "my-pact", "clauses": []})
        'treaty'
        >>> file_kind({"actors": [], "territories": []})
        'world'
        >>> file_kind(["not", "a", "mapping"])
        'scenario'
    """
    if not isinstance(data, dict) or "scenario" in data or "events" in data:
        return "scenario"
    if {"id", "clauses"} & set(data):
        return "treaty"
    if set(WORLD_SECTIONS) & set(data):
        return "world"
    return "scenario"


def check_treaty(src: Located, lib: World) -> tuple[Treaty, World]:
    """A treaty file validated and checked against the library: the treaty, and the library with it.

    Raises:
        ScenarioError: the file is not a valid treaty, reuses a shipped
            treaty's id, or names something the library does not hold
            (each problem at its line in the file).
    """
    treaty = TerritoryNames(lib.territories).rewrite(validate(Treaty, src))
    if lib.treaty(treaty.id) is not None:
        line, col = src.where(("id",))
        raise ScenarioError.from_problems([Problem(
            f"treaty id '{treaty.id}' is already a shipped treaty's id", src.file, line, col, "id",
            "give your treaty an id of its own, so that it can run next to the library")])
    world = lib.merged(World(treaties=(treaty,)))
    index = len(lib.treaties)
    problems = []
    for r in world_references(world):
        if r.path[:2] == ("treaties", index):
            line, col = src.where(r.path[2:])
            problems.append(Problem(r.message, src.file, line, col, format_path(r.path[2:]), r.hint))
    if problems:
        raise ScenarioError.from_problems(problems)
    return treaty, world


def check_world_file(src: Located, world: World) -> World:
    """A shared world file validated and merged after ``world``, each problem at its line in the file.

    Raises:
        ScenarioError: invalid, or naming an actor, organisation or treaty
            that neither ``world`` nor the file holds.
    """
    fragment = validate(WorldFragment, src)
    fragment = TerritoryNames((*world.territories, *fragment.territories)).rewrite(fragment)
    sizes = {name: len(getattr(world, name)) for name in World.model_fields}
    merged = world.merged(World(**{name: getattr(fragment, name) for name in WORLD_SECTIONS}))
    refs = [r for r in world_references(merged, own_from=sizes)
            if isinstance(r.path[1], int) and r.path[1] >= sizes[str(r.path[0])]]
    if refs:
        raise located(src, [Ref((r.path[0], r.path[1] - sizes[str(r.path[0])], *r.path[2:]), r.message, r.hint)
                            for r in refs])
    return merged


def located(src: Located, refs: list[Ref]) -> ScenarioError:
    """Reference problems as one error, each at its line in ``src``."""
    problems = []
    for r in refs:
        line, col = src.where(r.path)
        problems.append(Problem(r.message, src.file, line, col, format_path(r.path), r.hint))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return ScenarioError.from_problems(problems)
