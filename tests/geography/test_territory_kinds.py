"""Territory kinds: sea and airspace areas need no holder; land still does."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from sahel_sim.model.territories import HOLDERLESS_KINDS, Territory, TerritoryKind


def test_new_kinds_exist() -> None:
    assert {"enclave", "sea", "airspace"} <= {k.value for k in TerritoryKind}
    assert HOLDERLESS_KINDS == {TerritoryKind.sea, TerritoryKind.airspace}


@pytest.mark.parametrize("kind", ["sea", "airspace"])
def test_sea_and_airspace_need_no_holder(kind: str) -> None:
    t = Territory(id="MED", name="Mediterranean Sea", kind=kind, regions=("mediterranean",), lat=35, lon=18)
    assert t.holders == () and t.part_of is None


@pytest.mark.parametrize("kind", ["metropolitan", "island", "overseas", "exclave", "enclave"])
def test_land_still_needs_a_holder_or_a_parent(kind: str) -> None:
    with pytest.raises(ValidationError, match="holders"):
        Territory(id="X", name="Nowhere", kind=kind)


def test_label() -> None:
    assert Territory(id="MED", name="Mediterranean Sea", kind="sea").label == "MED (Mediterranean Sea)"
    assert Territory(id="MED", name="MED", kind="sea").label == "MED"


def test_scenario_may_define_a_sea_point(make_scenario: Any) -> None:
    """A sea area with precise coordinates, defined in a scenario, places an attack on a ship."""
    from sahel_sim import simulate

    sc = make_scenario("""
        scenario: ship attacked at a given point
        hypothetical: true
        actors:
          - {id: XLD, kind: state, name: Xland}
        territories:
          - {id: SEA-POINT, name: A point in the Atlantic, kind: sea, regions: [north_atlantic], lat: 15.0, lon: -40.0}
        events:
          - {id: ship, date: 2025-06-01, kind: attack_on_ship, actors: [XLD], target: PRT, location: SEA-POINT}
    """)
    result = simulate(sc)
    art5 = [n for n in result.non_obligations if n.treaty == "north-atlantic-treaty" and n.article == "5"]
    assert art5, "a ship south of the Tropic of Cancer is outside Art. 6"
    facts = " ".join(f.text for n in art5[:1] for ch in n.reason.walk() for f in ch.facts)
    assert "SEA-POINT (A point in the Atlantic) lies at 15°N, south of 23.44°N (the Tropic of Cancer)" in facts
    assert not [o for o in result.obligations if o.treaty == "north-atlantic-treaty" and o.article == "5"]
