"""A world compiled ``like=`` another: what both hold is taken from the other, and the result is the same."""

from __future__ import annotations

from datetime import date as D
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from sahel_sim import load_scenario
from sahel_sim.engine import contested
from sahel_sim.graph import compile_world
from sahel_sim.graph.compiled import GRAPH_PARTS, CompiledWorld

SCENARIOS = sorted((Path(__file__).parents[2] / "scenarios").glob("*.yaml"))


def _graph(G: nx.MultiDiGraph) -> tuple[Any, ...]:
    """Everything a query can read of ``G``, in the graph's own orders (nodes, out-edges, in-edges)."""
    return (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), list(G.in_edges(keys=True, data=True)),
            dict(G.graph))


def assert_same(got: CompiledWorld, want: CompiledWorld) -> None:
    """``got`` holds what ``want`` holds: the world, the graph (orders too), the index and the compiled treaties."""
    assert got.world == want.world
    assert _graph(got.G) == _graph(want.G)
    assert got.index == want.index
    assert got.treaties == want.treaties and got.by_id == want.by_id
    assert list(got.by_id) == list(want.by_id)


@pytest.fixture(scope="module")
def library_compiled() -> CompiledWorld:
    from sahel_sim import library_world

    return compile_world(library_world())


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_reading_of_every_scenario_compiles_like_its_scenario_as_it_compiles_alone(
        path: Path, library_compiled: CompiledWorld) -> None:
    s = load_scenario(path)
    main = compile_world(s.world, like=library_compiled)
    assert_same(main, compile_world(s.world))
    for reading in contested.readings_of(s.world, s.events, s.spec.contested):
        world, _ = contested.apply_reading(s.world, s.events, reading)
        if world is not s.world:
            assert_same(compile_world(world, like=main), compile_world(world))


def test_a_scenario_that_adds_nothing_shares_the_library_graph_index_and_treaties(
        library_compiled: CompiledWorld) -> None:
    s = load_scenario(SCENARIOS[0].parent / "ecowas-intervention-niger-2023-10.yaml")
    got = s.reusing(library_compiled).compiled
    assert got.G is library_compiled.G and got.index is library_compiled.index
    assert all(a is b for a, b in zip(got.treaties, library_compiled.treaties, strict=True))
    assert got.world is s.world  # the scenario's own world, as compiled alone
    assert_same(got, s.compiled)


def test_a_scenario_with_treaties_of_its_own_takes_the_library_treaties_and_builds_the_rest(
        library_compiled: CompiledWorld) -> None:
    s = load_scenario(SCENARIOS[0].parent / "nato-september-11-2001.yaml")
    got = s.reusing(library_compiled).compiled
    lib = library_compiled.by_id
    kept = [t for t in got.treaties if t.treaty.id in lib and t.treaty is lib[t.treaty.id].treaty]
    assert kept and all(t is lib[t.treaty.id] for t in kept)
    if not all(getattr(s.world, p) is getattr(library_compiled.world, p) for p in GRAPH_PARTS):
        assert got.G is not library_compiled.G  # something the graph is built from differs: built anew
    assert_same(got, s.compiled)


def test_a_reading_of_one_clause_recompiles_that_clause_only(library_compiled: CompiledWorld) -> None:
    s = load_scenario(SCENARIOS[0].parent / "ecowas-intervention-niger-2023-10.yaml")
    base = s.compiled
    clause_readings = [r for r in contested.readings_of(s.world, s.events, s.spec.contested)
                       if type(r.owner).__name__ == "Clause" and r.alternative.changes]
    assert clause_readings
    for reading in clause_readings:
        world, _ = contested.apply_reading(s.world, s.events, reading)
        got = compile_world(world, like=base)
        changed = [t for t in got.treaties if t is not base.by_id[t.treaty.id]]
        assert [t.treaty.id for t in changed] == [reading.treaty]
        new = changed[0]
        assert [c.clause is reading.owner for c in base.by_id[reading.treaty].clauses].count(True) == 1
        for old, c in zip(base.by_id[reading.treaty].clauses, new.clauses, strict=True):
            assert (c is old) == (old.clause is not reading.owner)
        assert got.index is base.index  # the same parties: the same ties
        assert got.G is base.G  # the graph holds the treaty's parties, which the reading keeps, not its clauses
        assert_same(got, compile_world(world))


def test_what_the_graph_and_the_index_are_built_from_decides_what_is_shared(tiny_world: Any) -> None:
    base = compile_world(tiny_world)
    persp = tiny_world.model_copy(update={"perspectives": ()})  # neither graph nor index reads the perspectives
    got = compile_world(persp, like=base)
    assert got.G is base.G and got.index is base.index and got.treaties == base.treaties
    assert_same(got, compile_world(persp))

    m = tiny_world.memberships[0]
    moved = tiny_world.model_copy(update={"memberships": (m.model_copy(update={"since": D(1999, 1, 1)}),
                                                         *tiny_world.memberships[1:])})
    got = compile_world(moved, like=base)
    assert got.G is not base.G and got.index is not base.index
    assert all(a is b for a, b in zip(got.treaties, base.treaties, strict=True))
    assert_same(got, compile_world(moved))
    assert got.index != base.index  # the membership's new start is in the rebuilt index

    listed = tiny_world.treaty("listed-pact")
    assert len(listed.parties.members) > 1
    fewer = listed.model_copy(update={"parties": listed.parties.model_copy(
        update={"members": listed.parties.members[:1]})})
    cut = tiny_world.model_copy(update={"treaties": tuple(fewer if t is listed else t for t in tiny_world.treaties)})
    got = compile_world(cut, like=base)
    assert got.index is not base.index and got.G is not base.G and got.index != base.index
    assert all(a is b for a, b in zip(got.by_id["listed-pact"].clauses, base.by_id["listed-pact"].clauses,
                                      strict=True))
    assert got.by_id["pact"] is base.by_id["pact"]
    assert_same(got, compile_world(cut))


def test_a_succession_in_force_is_applied_in_a_world_compiled_like_another(world: Any) -> None:
    """The earlier treaty's terminated copy is made for the new world; its clauses are taken from the base."""
    base = compile_world(world)
    later = next(t for t in world.treaties if t.earlier)
    earlier = later.earlier[0].treaty
    assert earlier in base.by_id and base.by_id[earlier].treaty.terminated is None
    dated = later.model_copy(update={"in_force": D(2025, 1, 29), "earlier": tuple(
        s.model_copy(update={"relation": "succeeds"}) for s in later.earlier)})
    changed = world.model_copy(update={"treaties": tuple(dated if t is later else t for t in world.treaties)})
    got = compile_world(changed, like=base)
    assert got.by_id[earlier].treaty.terminated == D(2025, 1, 29)
    assert all(a is b for a, b in zip(got.by_id[earlier].clauses, base.by_id[earlier].clauses, strict=True))
    assert_same(got, compile_world(changed))


def test_the_graph_parts_are_every_part_of_a_world_the_graph_is_built_from() -> None:
    """A part ``build_graph`` reads but GRAPH_PARTS leaves out would let a changed world keep a stale graph."""
    import ast

    import sahel_sim.graph.build as build
    from sahel_sim.world import World

    tree = ast.parse(Path(build.__file__).read_text(encoding="utf-8"))
    read = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name) and node.value.id == "world"}
    assert read and read <= set(World.model_fields)
    assert read == set(GRAPH_PARTS)


def test_the_graph_holds_each_treatys_parties_and_the_compiled_world_the_treaty(tiny_world: Any) -> None:
    """A treaty changed in anything but its parties (its title, a clause, a date; its parties given again,
    equal) leaves the graph as it is; the compiled world gives the treaty as changed, as a fresh compile does."""
    from sahel_sim.graph.build import treaty_node

    base = compile_world(tiny_world)
    for t in tiny_world.treaties:
        data = base.G.nodes[treaty_node(t.id)]
        assert data == {"kind": "treaty", "parties": base.treaty(t.id).parties} and "model" not in data
    listed = tiny_world.treaty("listed-pact")
    renamed = listed.model_copy(update={"title": "Renamed Pact", "in_force": D(2001, 1, 1), "clauses": (),
                                        "parties": listed.parties.model_copy()})  # equal parties, not the same
    assert renamed.parties == listed.parties and renamed.parties is not listed.parties
    world = tiny_world.model_copy(update={"treaties": tuple(renamed if t is listed else t for t in tiny_world.treaties)})
    got = compile_world(world, like=base)
    assert got.G is base.G and got.treaty("listed-pact") is renamed and base.treaty("listed-pact") is listed
    assert got.by_id["listed-pact"].treaty is renamed and got.by_id["listed-pact"].clauses == ()
    assert [t.id for t in got.in_force(D(2001, 6, 1))] != [t.id for t in base.in_force(D(2001, 6, 1))]
    assert_same(got, compile_world(world))
