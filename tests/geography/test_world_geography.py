"""The shipped geography: continents, separate overseas land, sea areas, and the points scope clauses read."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sahel_sim.clauses import conditions as c
from sahel_sim.graph import queries as q

CONTINENTS = {"africa", "asia", "europe", "north_america", "oceania", "south_america", "caribbean"}
LAND_APART = {"island", "overseas", "exclave", "enclave"}


def test_every_land_territory_has_a_continent(world: Any) -> None:
    """A state's land carries a continent tag itself, or each of its parts does (Türkiye)."""
    parts: dict[str, list[Any]] = {}
    for t in world.territories:
        if t.part_of:
            parts.setdefault(t.part_of, []).append(t)
    missing = []
    for t in world.territories:
        if t.kind.value in ("sea", "airspace") or t.part_of:
            continue
        if not (set(t.regions) & CONTINENTS) and not any(set(p.regions) & CONTINENTS for p in parts.get(t.id, [])):
            missing.append(t.id)
    assert missing == []


def test_land_apart_is_not_part_of_its_state(world: Any) -> None:
    """Islands, overseas land and exclaves have their own holders, so they inherit no tags."""
    wrong = [t.id for t in world.territories if t.kind.value in LAND_APART and (t.part_of or not t.holders)]
    assert wrong == []


def test_sea_areas_are_held_by_nobody_and_have_a_point(world: Any) -> None:
    seas = [t for t in world.territories if t.kind.value == "sea"]
    assert {"MEDITERRANEAN", "NORTH-ATLANTIC", "SOUTH-ATLANTIC", "RED-SEA", "CARIBBEAN-SEA"} <= {t.id for t in seas}
    assert all(not t.holders and t.lat is not None and t.lon is not None for t in seas)


@pytest.mark.parametrize(("tid", "holder", "north_of_tropic", "continent"), [
    ("FRA-GUF", "FRA", False, "south_america"),
    ("USA-HI", "USA", False, "oceania"),
    ("USA-AK", "USA", True, "north_america"),
    ("ESP-CNR", "ESP", True, "africa"),
    ("ESP-CEU", "ESP", True, "africa"),
    ("PRT-AZO", "PRT", True, "europe"),
    ("DNK-GRL", "DNK", True, "north_america"),
    ("GBR-FLK", "GBR", False, "south_america"),
    ("GBR-BMU", "GBR", True, "north_america"),
    ("NOR-SJM", "NOR", True, "europe"),
])
def test_decisive_territories(graph: Any, tid: str, holder: str, north_of_tropic: bool, continent: str) -> None:
    t = q.territory(graph, tid)
    assert q.holder(graph, tid, date(2025, 6, 1)) == holder
    assert (t.lat > 23.44) is north_of_tropic
    assert continent in q.regions(graph, tid)


def test_algerian_departments_end_in_1962(graph: Any) -> None:
    assert q.holder(graph, "FRA-DZA", date(1958, 6, 1)) == "FRA"
    assert q.holder(graph, "FRA-DZA", date(1962, 7, 3)) is None
    assert q.holder(graph, "DZA", date(1963, 1, 1)) == "DZA"


def test_turkey_continents_are_on_its_parts(graph: Any) -> None:
    assert "asia" in q.regions(graph, "TUR-ANATOLIA") and "europe" not in q.regions(graph, "TUR-ANATOLIA")
    assert "europe" in q.regions(graph, "TUR-THRACE")
    assert q.holder(graph, "TUR-ANATOLIA", date(2025, 1, 1)) == "TUR"


def test_caribbean_is_not_north_america(graph: Any) -> None:
    for tid in ("USA-PR", "FRA-GLP", "FRA-MTQ", "NLD-CARIB"):
        tags = q.regions(graph, tid)
        assert "caribbean" in tags and "north_america" not in tags


def test_territories_named_in_clauses_exist(world: Any) -> None:
    """The loader does not check ``location_within`` ids, so the library is checked here."""
    ids = {t.id for t in world.territories}
    named = {tid for t in world.treaties for cl in t.clauses
             for cond in (cl.trigger, *cl.conditions, *(e.when for e in cl.exceptions))
             for node in c.walk(cond) if isinstance(node, c.LocationWithinTest) for tid in node.territories}
    assert named and named <= ids
