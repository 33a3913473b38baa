"""The library's readings worked out once for every scenario on the library, and runs judging only some actors."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from sahel_sim import load_scenario, simulate
from sahel_sim.api import _shipped_readings, library_readings, reading_worlds, shipped_readings
from sahel_sim.engine import contested
from sahel_sim.engine.readings import ReadingWorlds
from sahel_sim.errors import SahelSimError
from sahel_sim.graph import compile_world
from sahel_sim.library import library_world

SCENARIOS = Path(__file__).parents[2] / "scenarios"
ALONE = ("ecowas-intervention-niger-2023-10", "csto-armenia-2022-and-2024")  # nothing added to the library
OWN = ("csto-request-before-and-after-2010", "nato-september-11-2001",  # an actor; a perspective of its own
       "attack-on-the-unified-force-niamey-2026")  # a reading of one of its own events


def _load(name: str):
    return load_scenario(SCENARIOS / f"{name}.yaml")


@pytest.fixture(scope="module")
def library():
    return library_readings()


def test_every_scenario_lists_the_readings_it_lists_alone(library) -> None:
    for path in sorted(SCENARIOS.glob("*.yaml")):
        s = load_scenario(path)
        shared = reading_worlds(s, library)
        assert shared._library is library  # every shipped scenario begins with the library's entries
        assert shared.readings == contested.readings_of(s.world, s.events, s.spec.contested)


def test_every_reading_gives_the_world_and_events_applying_it_gives(library) -> None:
    """Equal, and sharing with the scenario's world and events exactly what applying the reading shares."""
    for path in sorted(SCENARIOS.glob("*.yaml")):
        s = load_scenario(path)
        alone = ReadingWorlds(s.world, s.events, s.spec.contested, s.compiled, compile_world)
        shared = reading_worlds(s, library)
        for i, reading in enumerate(alone.readings):
            world, events = contested.apply_reading(s.world, s.events, reading)
            for readings in (alone, shared):
                got, their = readings.applied(i)
                assert (got, their) == (world, events), (path.name, reading.id)
                assert (got is s.world, their is s.events) == (world is s.world, events is s.events)
                assert [getattr(got, f) is getattr(s.world, f) for f in type(world).model_fields] == \
                    [getattr(world, f) is getattr(s.world, f) for f in type(world).model_fields], (path.name, reading.id)


def _alone(s) -> ReadingWorlds:
    """The scenario's readings found and built on their own, sharing nothing with another scenario's."""
    return ReadingWorlds(s.world, s.events, s.spec.contested, s.compiled, partial(compile_world, like=s.compiled))


@pytest.mark.parametrize("name", [*ALONE, *OWN])
def test_runs_sharing_the_library_readings_find_what_each_run_finds_alone(name: str, library) -> None:
    scenario = _load(name)
    shared = reading_worlds(scenario, library)
    for perspective in (None, *(p.id for p in scenario.world.perspectives[-1:])):
        alone = simulate(scenario, perspective=perspective, readings=_alone(scenario)).to_dict()
        assert simulate(scenario, perspective=perspective, readings=shared).to_dict() == alone
        assert simulate(scenario, perspective=perspective).to_dict() == alone  # the shipped library's, shared


def test_a_run_given_no_readings_shares_the_shipped_library_readings_worked_out_once() -> None:
    first, second = (reading_worlds(_load(n)) for n in ALONE)
    assert first._library is second._library is shipped_readings() is not None
    assert shipped_readings().world is library_world()
    i = next(i for i, r in enumerate(first.readings) if r.id == "cst-art-4-2010-without-decision")
    assert second.world_of(i)[2] is first.world_of(i)[2]  # compiled once, for both scenarios


def test_the_shipped_library_readings_of_a_run_write_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = _load("csto-armenia-2022-and-2024")  # loading may write the scenario's own cache; not watched
    monkeypatch.setenv("SAHEL_SIM_CACHE_DIR", str(tmp_path))
    _shipped_readings.cache_clear()
    try:
        assert reading_worlds(scenario)._library is shipped_readings()
        simulate(scenario)
        assert list(tmp_path.iterdir()) == []
    finally:
        _shipped_readings.cache_clear()


def test_no_shipped_library_readings_before_the_shipped_library_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import sahel_sim.library

    calls = []
    monkeypatch.setattr(sahel_sim.library.library_world, "cache_info", lambda: calls.append(1) or _NoneRead())
    assert shipped_readings() is None and calls


class _NoneRead:
    currsize = 0


def test_a_library_reading_is_applied_and_compiled_once_for_the_scenarios_that_add_nothing(library) -> None:
    first, second = (reading_worlds(_load(n), library) for n in ALONE)
    i = next(i for i, r in enumerate(first.readings) if r.id == "cst-art-4-2010-without-decision")
    assert second.readings[i] is first.readings[i]
    w1, e1, c1 = first.world_of(i)
    w2, e2, c2 = second.world_of(i)
    assert c2 is c1  # the same world: compiled once
    assert (e1, e2) == (first.events, second.events) and e1 is first.events  # the events hold no disputed fact
    expected, _ = contested.apply_reading(second.world, second.events, second.readings[i])
    assert w2 == expected and w2.treaties is not second.world.treaties
    assert all(getattr(w2, f) is getattr(second.world, f) for f in type(w2).model_fields if f != "treaties")


def test_a_scenario_with_data_of_its_own_has_its_own_world_under_a_library_reading(library) -> None:
    scenario = _load("csto-request-before-and-after-2010")
    shared = reading_worlds(scenario, library)
    i = next(i for i, r in enumerate(shared.readings) if r.id == "cst-art-4-2010-without-decision")
    world, events, compiled = shared.world_of(i)
    expected, theirs = contested.apply_reading(scenario.world, scenario.events, shared.readings[i])
    assert world == expected and events is theirs is scenario.events
    assert world.actors is scenario.world.actors and len(world.actors) > len(library.world.actors)
    assert compiled.world == compile_world(expected).world
    assert shared.mentions() == contested.Mentions.of(scenario.world)


def test_the_library_readings_are_not_used_for_a_world_that_does_not_begin_with_the_library(library) -> None:
    scenario = _load("ecowas-intervention-niger-2023-10")
    world = scenario.world.model_copy(update={"treaties": scenario.world.treaties[::-1]})
    shared = ReadingWorlds(world, scenario.events, (), compile_world(world), compile_world, library=library)
    assert shared._library is None
    assert shared.readings == contested.readings_of(world, scenario.events)
    assert [shared.text(k) for k in range(len(world.treaties))] == \
        [contested.clause_text(world, k) for k in range(len(world.treaties))]


def _findings(result, among):
    """Every finding of ``among``, event by event and kind by kind, in the run's order."""
    def who(f):
        return getattr(f, "obligor", None) or f.party
    return [[tuple(f for f in getattr(e, part) if who(f) in among)
             for part in ("obligations", "non_obligations", "permissions", "breaches")] for e in result.events]


@pytest.mark.parametrize("name, among", [
    ("ecowas-intervention-niger-2023-10", {"NGA", "MLI", "BFA", "ECOWAS"}),  # contested, conflicts, an organisation
    ("cyprus-turkish-intervention-1974-07", {"TUR", "GRC"}),  # a guarantor in breach, the others' duty
    ("attack-on-the-unified-force-niamey-2026", {"BFA", "MLI"}),  # a reading of an event
    ("security-council-authorised-and-unauthorised-intervention-niger", {"NGA", "NER", "ECOWAS"}),
])
def test_judging_only_some_actors_finds_for_them_what_the_whole_run_finds(name: str, among: set[str]) -> None:
    scenario = _load(name)
    whole = simulate(scenario)
    some = simulate(scenario, among=among)
    assert _findings(some, among) == _findings(whole, among)
    others = {a.id for a in scenario.world.actors} - among  # nobody else judged (the asked told of treaties not in force)
    assert {f.reason.test for e in _findings(some, others) for part in e for f in part} <= {"treaty_in_force"}
    assert any(f.party not in among for e in whole.events for f in e.non_obligations)  # the whole run judged them
    assert some.conflicts == tuple(c for c in whole.conflicts if c.actor in among)
    assert some.alternatives == whole.alternatives
    assert any(f.readings for e in _findings(some, among) for part in e for f in part) or name.startswith("security")
    for perspective in ("aes", "broad"):
        assert _findings(simulate(scenario, perspective=perspective, among=among), among) == \
            _findings(simulate(scenario, perspective=perspective), among)


@pytest.mark.parametrize("options, words", [
    ({"cascade": 2}, "drop cascade or among"),
    ({"combine_readings": True}, "drop combine_readings or among"),
])
def test_judging_only_some_actors_is_refused_where_the_answer_needs_everyone(options, words) -> None:
    with pytest.raises(SahelSimError, match=words):
        simulate(_load("ecowas-intervention-niger-2023-10"), among={"NGA"}, **options)


def test_among_is_a_collection_of_ids_not_one_string() -> None:
    with pytest.raises(SahelSimError, match=r"write among=\['NGA'\]"):
        simulate(_load("ecowas-intervention-niger-2023-10"), among="NGA")


def test_among_an_id_that_names_no_actor_is_refused_as_an_unknown_party_is() -> None:
    """Judging nobody, silently, would look like an answer: the one check of asked actors, named ``among``."""
    from sahel_sim.errors import UnknownEntityError

    scenario = _load("ecowas-intervention-niger-2023-10")
    with pytest.raises(UnknownEntityError, match=r"^among NGR: no such actor; .*NGA") as refused:
        simulate(scenario, among=["NGA", "NGR"])
    with pytest.raises(UnknownEntityError) as asked:
        simulate(scenario, parties=["NGR"])
    assert str(refused.value).removeprefix("among") == str(asked.value).removeprefix("--party")
    known = simulate(scenario, among=["NGA", "ECOWAS"])  # an organisation is an actor too
    assert any(part for e in _findings(known, {"NGA"}) for part in e)


def test_one_walk_finds_every_place_of_every_fact_as_substituting_each_does() -> None:
    """A fact held twice (a treaty listed twice), a fact inside another, and one fact with two readings."""
    scenario = _load("ecowas-intervention-niger-2023-10")
    readings = contested.readings_of(scenario.world)
    clause = next(r for r in readings if r.id == "au-downing-over-own-territory-is-force").owner
    treaty = next(t for t in scenario.world.treaties if clause in t.clauses)
    world = scenario.world.model_copy(update={"treaties": (*scenario.world.treaties, treaty)})
    targets = [clause, treaty, clause]
    places = contested.locate(world, targets)
    assert len(places[0]) == 2 and places[0] == places[2] and len(places[1]) == 2
    for target, where in zip(targets, places):
        new = target.model_copy(update={"note": "changed"})
        got = contested.rebuilt(world, where, new)
        assert got == contested.substitute(world, target, new) and got != world
        assert all(getattr(got, f) is getattr(world, f) for f in type(world).model_fields if f != "treaties")
    assert contested.rebuilt(world, [], treaty) is world
