"""The disputes the data records, encoded as alternatives with their sources, and readings that cannot matter not run."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sahel_sim import load_scenario, simulate
from sahel_sim.engine import contested

SCENARIOS = Path(__file__).parents[2] / "scenarios"
CST = "collective-security-treaty"


def _contested(result, treaty: str):
    found = result.breaches + result.obligations + result.permissions + result.non_obligations
    return {(getattr(f, "obligor", None) or f.party, f.article): f for f in found if f.treaty == treaty and f.contested}


def test_cuba_is_contested_as_a_rio_party_after_1962(shipped_runs: Any) -> None:
    result = shipped_runs.result(SCENARIOS / "rio-binding-decision-hypothetical.yaml")
    cuba = _contested(result, "rio-treaty")
    assert {k for k in cuba} == {("CUB", "3"), ("CUB", "20")}
    art3 = cuba[("CUB", "3")]
    assert art3.status == "not_bound" and art3.confidence == "disputed"
    (other,) = art3.readings
    assert (other.alternative, other.status) == ("cuba-still-rio-party", "bound_discretion")
    assert other.source == "trinidadexpress.com (Sanders, 2019)" and "Punta del Este" in other.note


def test_csto_art_4_read_alone_binds_on_armenias_request_without_a_council_decision(shipped_runs: Any) -> None:
    result = shipped_runs.result(SCENARIOS / "csto-armenia-2022-and-2024.yaml")
    found = _contested(result, CST)
    assert {who for who, art in found if art == "4"} == {"BLR", "KAZ", "KGZ", "RUS", "TJK"}
    rus = found[("RUS", "4")]
    assert rus.status == "not_bound"
    assert [(r.alternative, r.status) for r in rus.readings] == [("cst-art-4-2010-without-decision", "bound")]
    assert "zakonpravo.kz" in rus.readings[0].source


def test_uzbekistan_suspended_not_withdrawn_contests_its_not_being_a_party(shipped_runs: Any) -> None:
    result = shipped_runs.result(SCENARIOS / "csto-request-before-and-after-2010.yaml")
    uzb = [n for n in result.non_obligations if n.party == "UZB" and n.treaty == CST and n.contested]
    assert uzb and all(n.confidence == "disputed" for n in uzb)
    assert {(r.alternative, r.status) for n in uzb for r in n.readings} == {("uzbekistan-csto-suspended-only", "bound")}
    assert {n.ref.clause for n in uzb} == {None}  # "not a party" under the main reading


def test_readings_that_cannot_bear_on_the_events_are_not_run(shipped_runs: Any) -> None:
    result = shipped_runs.result(SCENARIOS / "ecowas-intervention-niger-2023-10.yaml")
    ran = {a.id for a in result.alternatives}
    assert "charter-in-force-on-ratification" in ran
    assert not ran & {"cuba-still-rio-party", "uzbekistan-csto-suspended-only", "cst-art-4-2010-without-decision",
                      "cst-art-4-1992-without-decision"}


@pytest.mark.parametrize("name", ["ecowas-intervention-niger-2023-10", "csto-armenia-2022-and-2024",
                                  "nato-september-11-2001"])
def test_skipping_a_reading_never_changes_a_finding(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    filtered = simulate(scenario).to_dict()
    monkeypatch.setattr("sahel_sim.engine.readings.bears_on", lambda *args, **kw: True)
    everything = simulate(scenario).to_dict()
    filtered.pop("alternatives"), everything.pop("alternatives")
    assert filtered == everything


def test_a_membership_reading_matters_where_its_treaty_is_concerned_and_the_dates_differ() -> None:
    niger = load_scenario(SCENARIOS / "ecowas-intervention-niger-2023-10.yaml")
    cuba = next(r for r in contested.readings_of(niger.world) if r.id == "cuba-still-rio-party")
    assert not contested.bears_on(cuba, simulate(niger, alternatives=False), niger.world)  # Niger: no Rio party
    nine_eleven = load_scenario(SCENARIOS / "nato-september-11-2001.yaml")
    result = simulate(nine_eleven, alternatives=False)
    assert contested.bears_on(cuba, result, nine_eleven.world)  # the United States is a Rio party in 2001
    assert not contested.bears_on(cuba, simulate(nine_eleven, as_of=date(1955, 1, 1), alternatives=False),
                                  nine_eleven.world)  # 1955: Cuba is a party under both readings


@pytest.mark.parametrize("name", ["ecowas-intervention-niger-2023-10", "csto-armenia-2022-and-2024",
                                  "csto-request-before-and-after-2010", "rio-binding-decision-hypothetical",
                                  "nato-september-11-2001"])
def test_judging_again_only_the_treaties_a_reading_reaches_never_changes_a_finding(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every reading run (none skipped), each judged in the treaties it reaches, against each judged in all."""
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    monkeypatch.setattr("sahel_sim.engine.readings.bears_on", lambda *args, **kw: True)
    reached = []
    real = contested.reach

    def spy(*args, **kw):
        reached.append(real(*args, **kw))
        return reached[-1]

    monkeypatch.setattr("sahel_sim.engine.readings.reach", spy)
    restricted = simulate(scenario).to_dict()
    assert any(r is not None for r in reached)  # the restriction was used
    monkeypatch.setattr("sahel_sim.engine.readings.reach", lambda *args, **kw: None)
    assert restricted == simulate(scenario).to_dict()


def _reading(scenario: str, alternative: str):
    """The world and events of a shipped scenario, one of its readings, the world and events as it has them, and
    the texts its treaties write."""
    loaded = load_scenario(SCENARIOS / f"{scenario}.yaml")
    world, events = loaded.world, tuple(loaded.events)
    reading = next(r for r in contested.readings_of(world) if r.id == alternative)
    changed, theirs = contested.apply_reading(world, events, reading)
    return world, events, reading, changed, theirs, contested.Mentions.of(world)


def test_a_reading_reaches_its_treaty_and_every_treaty_that_names_one_reached() -> None:
    world, events, reading, changed, theirs, mentions = _reading("ecowas-intervention-niger-2023-10",
                                                                 "cst-art-4-2010-without-decision")
    got = contested.reach(reading, world, changed, events, theirs, mentions)
    assert got is not None and CST in got and "ecowas-pmad-1981" not in got
    assert {t for t, named in mentions.treaties.items() if CST in named} <= got
    chain = contested.Mentions({CST: frozenset(), "a": frozenset({CST}), "b": frozenset({"a"}), "c": frozenset({"x"})},
                               frozenset())
    assert contested.reach(reading, world, changed, events, theirs, chain) == {CST, "a", "b"}
    # the characterisation every finding rests on names the treaty: every treaty
    assert contested.reach(reading, world, changed, events, theirs,
                           contested.Mentions(mentions.treaties, frozenset({CST}))) is None


def test_a_membership_reading_reaches_the_treaties_that_name_its_organisation_or_member() -> None:
    world, events, reading, changed, theirs, mentions = _reading("rio-binding-decision-hypothetical",
                                                                 "cuba-still-rio-party")
    got = contested.reach(reading, world, changed, events, theirs, mentions)
    owner = reading.owner
    addressed = {r.to for e in events for r in e.requests}
    assert got == {t for t, named in mentions.treaties.items() if named & {owner.member, owner.of}
                   or t in mentions.through_requests and owner.of in addressed}
    assert "rio-treaty" in got


def test_a_membership_reading_reaches_a_treaty_that_counts_a_request_to_the_organisation() -> None:
    """UN Art. 51 names no CSTO, but counts Armenia's request to the CSTO as one to its members: whether
    Uzbekistan is still a member decides whether it may act."""
    world, events, reading, changed, theirs, mentions = _reading("csto-armenia-2022-and-2024",
                                                                 "uzbekistan-csto-suspended-only")
    assert "un-charter" in mentions.through_requests and "CSTO" not in mentions.treaties["un-charter"]
    assert "un-charter" in contested.reach(reading, world, changed, events, theirs, mentions)
    unasked = tuple(e.model_copy(update={"requests": ()}) for e in events)
    assert "un-charter" not in contested.reach(reading, world, changed, unasked, unasked, mentions)


def test_a_reading_of_anything_but_treaties_and_memberships_reaches_every_treaty() -> None:
    world, events, reading, changed, theirs, mentions = _reading("ecowas-intervention-niger-2023-10",
                                                                 "cst-art-4-2010-without-decision")
    other_actors = changed.model_copy(update={"actors": world.actors[1:]})
    assert contested.reach(reading, world, other_actors, events, theirs, mentions) is None
    moved = tuple(e.model_copy(update={"date": date(2024, 1, 1)}) for e in events)
    assert contested.reach(reading, world, changed, events, moved, mentions) is None
    from dataclasses import replace

    perspective = replace(reading, alternative=reading.alternative.model_copy(update={"perspective": "aes"}))
    assert contested.reach(perspective, world, changed, events, theirs, mentions) is None


def test_applying_a_reading_replaces_its_fact_alone_and_shares_the_rest() -> None:
    world, events, reading, changed, theirs, _ = _reading("ecowas-intervention-niger-2023-10",
                                                          "cst-art-4-2010-without-decision")
    assert theirs is events  # the events hold no disputed fact: the same tuple
    moved = [(a, b) for a, b in zip(world.treaties, changed.treaties) if a is not b]
    assert [a.id for a, _ in moved] == [CST]
    (old, new), = moved
    swapped = [(x, y) for x, y in zip(old.clauses, new.clauses) if x is not y]
    assert [x for x, _ in swapped] == [reading.owner]
    from sahel_sim.model.base import alternative_of

    assert swapped[0][1] == alternative_of(reading.owner, reading.alternative)
    assert all(getattr(changed, f) is getattr(world, f) for f in type(world).model_fields if f != "treaties")


def test_runs_of_one_scenario_share_its_readings_worlds_and_find_the_same() -> None:
    from sahel_sim.api import reading_worlds

    scenario = load_scenario(SCENARIOS / "csto-armenia-2022-and-2024.yaml")
    shared = reading_worlds(scenario)
    for perspective in (None, "literal"):
        assert simulate(scenario, perspective=perspective, readings=shared).to_dict() == \
            simulate(scenario, perspective=perspective).to_dict()
    built = dict(shared._worlds)
    assert built  # the readings run were built, once: a second run builds nothing new
    simulate(scenario, readings=shared)
    assert all(shared._worlds[i] is built[i] for i in built) and shared._worlds.keys() == built.keys()
    other = load_scenario(SCENARIOS / "ecowas-intervention-niger-2023-10.yaml")
    with pytest.raises(ValueError, match="another scenario's"):
        simulate(other, readings=shared)


def test_a_reading_of_a_successor_reaches_the_treaty_it_ends() -> None:
    """The Confederation Treaty read as succeeding the Charter (once in force) ends the Charter in the compiled
    world: the Charter is reached, though its data names neither the Confederation Treaty nor the reading."""
    from sahel_sim.engine.stream import ReadingWorlds
    from sahel_sim.graph import compile_world

    niger = load_scenario(SCENARIOS / "ecowas-intervention-niger-2023-10.yaml")
    confederation = "aes-confederation-treaty"
    world = niger.world.model_copy(update={"treaties": tuple(
        t.model_copy(update={"in_force": date(2025, 1, 29)}) if t.id == confederation else t
        for t in niger.world.treaties)})
    readings = ReadingWorlds(world, tuple(niger.events), (), compile_world(world), compile_world)
    i = next(i for i, r in enumerate(readings.readings) if r.id == "confederation-treaty-succeeds-charter")
    got = readings.reach_of(i)
    assert got is not None and {confederation, "liptako-gourma-charter"} <= got
    assert confederation not in contested.Mentions.of(world).treaties["liptako-gourma-charter"]
