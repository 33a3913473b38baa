"""The geographic and dated leaf tests: holding and failing, with facts a reader can follow."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from sahel_sim.clauses import conditions as c

COND = TypeAdapter(c.Condition)
TROPIC = {"test": "location_latitude", "north_of": 23.44, "parallel": "the Tropic of Cancer"}


def texts(check: Any) -> list[str]:
    return [f.text for f in check.facts]


# ------------------------------------------------------------------ location_latitude


def test_latitude_north_of_holds_and_names_the_parallel(judge_at: Any) -> None:
    ch = judge_at(TROPIC, "AAA-ISLE")
    assert ch.holds and ch.test == "location_latitude"
    assert texts(ch) == ["AAA-ISLE (Aland Isle) lies at 30°N, north of 23.44°N (the Tropic of Cancer)"]
    assert ch.text == "the event takes place north of 23.44°N (the Tropic of Cancer)"


def test_latitude_fails_south_of_the_parallel(judge_at: Any) -> None:
    ch = judge_at(TROPIC, "AAA-SOUTH")
    assert not ch.holds
    assert texts(ch) == ["AAA-SOUTH (South Aland) lies at 4°N, south of 23.44°N (the Tropic of Cancer)"]
    assert ch.facts[0].args == ("AAA-SOUTH", "4")


def test_latitude_band_and_southern_hemisphere(judge_at: Any) -> None:
    band = {"test": "location_latitude", "north_of": -23.44, "south_of": 23.44}
    assert judge_at(band, "AAA-SOUTH").holds
    bland = judge_at(band, "BBB")
    assert bland.holds and texts(bland) == ["BBB (Bland) lies at 10°S, north of 23.44°S and south of 23.44°N"]
    assert not judge_at(band, "AAA").holds


def test_latitude_inherited_from_the_territory_a_region_is_part_of(judge_at: Any) -> None:
    ch = judge_at(TROPIC, "AAA-NORTH")
    assert ch.holds and texts(ch)[0].startswith("AAA-NORTH (North Aland) lies at 50°N")


def test_latitude_without_a_point_fails_and_says_why(judge_at: Any) -> None:
    ch = judge_at(TROPIC, "SKY")
    assert not ch.holds
    assert texts(ch) == ["SKY (The Sky) has no recorded latitude, so north of 23.44°N (the Tropic of Cancer) cannot be shown"]


@pytest.mark.parametrize("data", [
    {"test": "location_latitude"},
    {"test": "location_latitude", "north_of": 30, "south_of": 10},
    {"test": "location_latitude", "north_of": 91},
])
def test_latitude_malformed(data: dict) -> None:
    with pytest.raises(ValidationError):
        COND.validate_python(data)


# ------------------------------------------------------------------ location_in_box

REGION = {"test": "location_in_box", "area": "the test region",
          "boxes": [{"label": "west", "min_lat": -60, "max_lat": 10, "min_lon": -90, "max_lon": -30},
                    {"label": "date line", "min_lat": -20, "max_lat": 0, "min_lon": 160, "max_lon": -170}]}


def test_box_holds_and_cites_the_box(judge_at: Any) -> None:
    ch = judge_at(REGION, "AAA-SOUTH")
    assert ch.holds
    assert texts(ch) == ["AAA-SOUTH (South Aland) at 4°N 53°W lies within the test region: west (60°S–10°N, 90°W–30°W)"]
    assert ch.text == "the event takes place within the test region"


def test_box_across_the_180th_meridian(judge_at: Any) -> None:
    ch = judge_at(REGION, "BBB")
    assert ch.holds and "date line (20°S–0°, 160°E–170°W)" in texts(ch)[0]


def test_box_fails_outside_every_box(judge_at: Any) -> None:
    ch = judge_at(REGION, "AAA-ISLE")
    assert not ch.holds
    assert texts(ch) == ["AAA-ISLE (Aland Isle) at 30°N 20°W lies outside the test region"]


def test_box_without_a_point_fails(judge_at: Any) -> None:
    ch = judge_at(REGION, "SKY")
    assert not ch.holds and "has no recorded coordinates" in texts(ch)[0]


def test_single_box_shorthand_and_words() -> None:
    cond = COND.validate_python({"test": "location_in_box", "min_lat": 0, "max_lat": 10, "min_lon": -10, "max_lon": 10})
    assert isinstance(cond, c.LocationInBoxTest) and len(cond.boxes) == 1
    assert cond.describe() == "the event takes place within 0°–10°N, 10°W–10°E"
    assert cond.boxes[0].contains(5, 0) and not cond.boxes[0].contains(11, 0)


def test_box_malformed() -> None:
    with pytest.raises(ValidationError, match="min_lat"):
        COND.validate_python({"test": "location_in_box", "min_lat": 10, "max_lat": 0, "min_lon": 0, "max_lon": 1})
    with pytest.raises(ValidationError):
        COND.validate_python({"test": "location_in_box", "boxes": []})


# ------------------------------------------------------------------ location_kind, location_within


def test_location_kind(judge_at: Any) -> None:
    isle = judge_at({"test": "location_kind", "kinds": ["island"]}, "AAA-ISLE")
    assert isle.holds and texts(isle) == ["AAA-ISLE (Aland Isle) is an island"]
    sea = judge_at({"test": "location_kind", "kinds": ["island", "overseas"]}, "OCEAN")
    assert not sea.holds and texts(sea) == ["OCEAN (The Ocean) is a sea area"]
    assert sea.text == "the event's place is an island or an overseas territory"


def test_location_within_itself_or_a_parent(judge_at: Any) -> None:
    same = judge_at({"test": "location_within", "territories": ["AAA"]}, "AAA")
    assert same.holds and texts(same) == ["AAA (Aland) is AAA (Aland)"]
    part = judge_at({"test": "location_within", "territories": ["BBB", "AAA"]}, "AAA-NORTH")
    assert part.holds and texts(part) == ["AAA-NORTH (North Aland) lies within AAA (Aland)"]


def test_location_within_fails_for_separate_land_and_unknown_ids(judge_at: Any) -> None:
    """An island of AAA is AAA's but not part of AAA's metropolitan territory."""
    isle = judge_at({"test": "location_within", "territories": ["AAA"]}, "AAA-ISLE")
    assert not isle.holds and texts(isle) == ["AAA-ISLE (Aland Isle) does not lie within AAA (Aland)"]
    unknown = judge_at({"test": "location_within", "territories": ["ZZZ"]}, "AAA")
    assert not unknown.holds and "ZZZ (unknown territory)" in texts(unknown)[0]


def test_sea_area_has_no_holder(judge_at: Any) -> None:
    """The existing holder test still works on a sea area: nobody holds it."""
    ch = judge_at({"test": "location_in_territory_of", "who": "target"}, "OCEAN")
    assert not ch.holds and "held by no state" in texts(ch)[0]
    assert judge_at({"test": "location_in_region", "regions": ["north_atlantic"]}, "OCEAN").holds


def test_holding_that_ended(judge_at: Any) -> None:
    """Land given up stops counting from the day its holding ends (as the Algerian departments in 1962)."""
    cond = {"test": "location_in_territory_of", "who": "target"}
    assert judge_at(cond, "AAA-SOUTH", day=date(2019, 12, 31)).holds
    assert not judge_at(cond, "AAA-SOUTH", day=date(2020, 1, 1)).holds


# ------------------------------------------------------------------ event_date


def test_event_date_on_or_after_and_before(judge_at: Any) -> None:
    after = {"test": "event_date", "on_or_after": "2012-12-19"}
    yes = judge_at(after, day=date(2015, 1, 1))
    assert yes.holds and texts(yes) == ["e1 is dated 2015-01-01, on or after 2012-12-19"]
    no = judge_at(after, day=date(2005, 1, 1))
    assert not no.holds and texts(no) == ["e1 is dated 2005-01-01, before 2012-12-19"]
    before = judge_at({"test": "event_date", "before": "2012-12-19"}, day=date(2012, 12, 19))
    assert not before.holds and texts(before) == ["e1 is dated 2012-12-19, not before 2012-12-19"]


def test_event_date_period_words_and_validation() -> None:
    both = COND.validate_python({"test": "event_date", "on_or_after": "1952-02-15", "before": "1962-07-03"})
    assert both.describe() == "the event is dated on or after 1952-02-15 and before 1962-07-03"
    for bad in ({"test": "event_date"}, {"test": "event_date", "on_or_after": "2000-01-01", "before": "1999-01-01"}):
        with pytest.raises(ValidationError):
            COND.validate_python(bad)


# ------------------------------------------------------------------ decided, with measures


def _decision(measure: str) -> dict:
    return {"organisation": "ORG", "organ": "council", "measure": measure, "date": date(2010, 1, 1)}


def test_decided_with_measures_needs_a_listed_measure(judge_at: Any) -> None:
    cond = {"test": "decided", "organisation": "ORG", "organ": "council", "measures": ["use_of_force"]}
    yes = judge_at(cond, decisions=[_decision("use_of_force")])
    assert yes.holds and texts(yes) == ["ORG (council) decided on 2010-01-01: use_of_force"]
    no = judge_at(cond, decisions=[_decision("monitoring_mission")])
    assert not no.holds
    assert texts(no) == ["no decision of ORG (council) on use_of_force is recorded for e1 "
                         "(it decided only: monitoring_mission on 2010-01-01)"]
    assert COND.validate_python(cond).describe() == "ORG (council) decided on use_of_force"


def test_decided_without_measures_is_unchanged(judge_at: Any) -> None:
    cond = {"test": "decided", "organisation": "ORG", "organ": "council"}
    assert judge_at(cond, decisions=[_decision("monitoring_mission")]).holds
    none = judge_at(cond)
    assert not none.holds and texts(none) == ["no decision of ORG (council) is recorded for e1"]


def test_new_tests_are_in_the_vocabulary() -> None:
    assert {"location_latitude", "location_in_box", "location_kind", "location_within", "event_date"} <= set(c.LEAF_TESTS)
