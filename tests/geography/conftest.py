"""A small self-contained world with geography: land, an island, overseas land, a sea, an airspace.

  AAA (Aland): metropolitan, tagged europe, at 50°N 10°E; AAA-NORTH is a region of it with no point of
  its own; AAA-ISLE an island of AAA in the north_atlantic at 30°N 20°W; AAA-SOUTH overseas land of
  AAA in south_america at 4°N 53°W, held until 2020-01-01.  BBB (Bland): metropolitan at 10°S 170°E.
  OCEAN: a sea area (no holder) at 45°N 35°W; SKY: an airspace area with no point.  ORG has AAA and BBB.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

import pytest

GEO_WORLD_YAML = """
categories:
  - {id: armed_attack, description: An armed attack.}
perspectives:
  - {id: literal, name: Plain, description: none, rules: []}
actors:
  - {id: AAA, kind: state, name: Aland}
  - {id: BBB, kind: state, name: Bland}
  - {id: XXX, kind: state, name: Xland}
  - {id: ORG, kind: organisation, name: Organisation, organs: [{id: council, name: Council}]}
territories:
  - {id: AAA, name: Aland, holders: [{state: AAA, since: 1950-01-01}], regions: [europe], lat: 50, lon: 10}
  - {id: AAA-NORTH, name: North Aland, kind: region, part_of: AAA, regions: [hills]}
  - {id: AAA-ISLE, name: Aland Isle, kind: island, holders: [{state: AAA, since: 1950-01-01}], regions: [north_atlantic], lat: 30, lon: -20}
  - {id: AAA-SOUTH, name: South Aland, kind: overseas, holders: [{state: AAA, since: 1950-01-01, until: 2020-01-01}], regions: [south_america], lat: 4, lon: -53}
  - {id: BBB, name: Bland, holders: [{state: BBB, since: 1950-01-01}], regions: [oceania], lat: -10, lon: 170}
  - {id: XXX, name: Xland, holders: [{state: XXX, since: 1950-01-01}], regions: [asia], lat: 40, lon: 60}
  - {id: OCEAN, name: The Ocean, kind: sea, regions: [north_atlantic], lat: 45, lon: -35}
  - {id: SKY, name: The Sky, kind: airspace}
memberships:
  - {member: AAA, of: ORG, since: 1960-01-01}
  - {member: BBB, of: ORG, since: 1960-01-01}
treaties:
  - id: geo-pact
    name: Geo Pact
    signed: 1960-01-01
    in_force: 1960-01-01
    organisation: ORG
    parties: {organisation: ORG}
    note: invented for the geography tests
"""


@pytest.fixture(scope="session")
def geo_world() -> Any:
    """The geography world."""
    from sahel_sim.world import World
    from sahel_sim.scenario.references import world_references
    from sahel_sim.scenario.validation import validate
    from sahel_sim.scenario.yaml_source import parse_yaml

    world = validate(World, parse_yaml(GEO_WORLD_YAML, "<geo world>"))
    assert world_references(world) == []
    return world


@pytest.fixture(scope="session")
def geo_graph(geo_world: Any) -> Any:
    """The geography world's graph."""
    from sahel_sim.graph import build_graph

    return build_graph(geo_world)


@pytest.fixture
def judge_at(geo_graph: Any, geo_world: Any) -> Callable[..., Any]:
    """Evaluate a condition (YAML-shaped data) for an attack by XXX on AAA at ``location``."""
    from pydantic import TypeAdapter

    from sahel_sim.clauses import conditions as c
    from sahel_sim.engine.evaluate import Characterisation, Situation, evaluate
    from sahel_sim.model.events import Event

    adapter = TypeAdapter(c.Condition)

    def run(cond: dict, location: str = "AAA", *, day: date = date(2010, 1, 1), **event: Any) -> Any:
        data: dict[str, Any] = {"id": "e1", "date": day, "kind": "armed_attack", "actors": ["XXX"],
                                "target": "AAA", "location": location}
        data.update(event)
        s = Situation(geo_graph, Event.model_validate(data), Characterisation("literal", frozenset({"armed_attack"})),
                      geo_world.treaty("geo-pact"))
        return evaluate(adapter.validate_python(cond), s)

    return run
