"""A library reading's compiled world, shared by the scenarios that add nothing, is compiled like the asking
scenario's compiled world, and is what compiling the reading's world alone gives."""

from __future__ import annotations

from pathlib import Path

from sahel_sim import load_scenario
from sahel_sim.api import library_readings, reading_worlds
from sahel_sim.graph import compile_world
from tests.graph.test_compiled_like import assert_same

SCENARIOS = Path(__file__).parents[2] / "scenarios"
ALONE = ("ecowas-intervention-niger-2023-10", "csto-armenia-2022-and-2024")  # nothing added to the library


def test_a_library_reading_of_a_scenario_that_adds_nothing_compiles_like_it_and_as_alone() -> None:
    library = library_readings()
    first, second = (reading_worlds(load_scenario(SCENARIOS / f"{n}.yaml"), library) for n in ALONE)
    changed = [i for i in range(len(first.readings)) if first.applied(i)[0] is not first.world]
    assert changed
    for i in changed:
        world, _, compiled = first.world_of(i)
        assert_same(compiled, compile_world(world))
        # compiled like the scenario's: the treaties the reading leaves are the scenario's compiled treaties
        assert any(compiled.by_id[t] is first.compiled.by_id.get(t) for t in compiled.by_id)
        assert second.world_of(i)[2] is compiled  # compiled once, for both
