"""The world picture as a map: outlines shipped with the package, states where they are, labels apart."""

from __future__ import annotations

import json
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahel_sim import load_scenario, simulate
from sahel_sim.report.labels import Box, overlaps, place_labels
from sahel_sim.report.outlines import load_outlines, outlines_source

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
NIGER = SCENARIOS / "ecowas-intervention-niger-2023-10.yaml"
ESTONIA = SCENARIOS / "nato-armed-attack-on-estonia-2025.yaml"
OUTSIDE = SCENARIOS / "nato-attacks-outside-the-art6-area-2025.yaml"
DATA = Path(__file__).resolve().parents[2] / "sahel_sim" / "data" / "outlines" / "countries-110m.geojson"


# --- the outlines --------------------------------------------------------------------------------------


def test_the_outlines_file_is_small_and_says_where_it_comes_from() -> None:
    assert DATA.stat().st_size < 300_000
    doc = json.loads(DATA.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert "Natural Earth" in doc["source"] and "1:110m" in doc["source"]
    assert doc["licence"].startswith("Public domain")
    assert "Natural Earth" in outlines_source() and "Public domain" in outlines_source()


def test_every_outline_has_a_code_of_its_own_and_a_point_inside_it() -> None:
    outlines = load_outlines()
    assert len(outlines) == 177
    assert {"NER", "MLI", "EST", "USA", "FRA", "NOR", "XKX"} <= set(outlines)
    for code, outline in outlines.items():
        assert len(code) == 3 and outline.contains(*outline.point()), code


def test_outlines_know_where_countries_are() -> None:
    o = load_outlines()
    assert o["FRA"].contains(2.35, 48.86)  # Paris
    assert o["FRA"].contains(-53.0, 4.0)  # French Guiana belongs to France's outline
    assert not o["FRA"].contains(-3.7, 40.4)  # Madrid
    assert o["NER"].contains(2.1, 13.5) and not o["NER"].contains(-8.0, 12.6)  # Niamey, not Bamako
    assert o["HRV"].contains(*o["HRV"].point())  # a crescent: its centroid lies outside


def test_a_crescent_takes_the_widest_stretch_of_land() -> None:
    from sahel_sim.report.outlines import Outline

    # a U shape: the centroid (2, 1.6) lies in the gap between the arms
    ring = ((0, 0), (4, 0), (4, 4), (3, 4), (3, 1), (1, 1), (1, 4), (0, 4), (0, 0))
    u = Outline("UUU", "U", ((ring,),))
    x, y = u.point()
    assert u.contains(x, y) and not u.contains(2.0, 2.5)


def test_an_outlines_file_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from sahel_sim.report import outlines

    monkeypatch.setattr(outlines, "MAX_BYTES", 1000)
    with pytest.raises(ValueError, match="over 1000"):
        outlines.load_outlines()


# --- labels that do not overlap ------------------------------------------------------------------------


boxes = st.lists(st.tuples(st.floats(4, 40), st.floats(4, 14), st.floats(0, 300), st.floats(0, 200)),
                 min_size=1, max_size=25)


@given(boxes)
def test_placed_labels_never_overlap_nor_cover_a_dot(items) -> None:
    sizes = [(w, h) for w, h, _, _ in items]
    anchors = [(x, y) for _, _, x, y in items]
    centres = place_labels(sizes, anchors, bounds=Box(0, 0, 300, 200), dot=3.0, gap=1.0)
    placed = [Box.around(c, s) for c, s in zip(centres, sizes)]
    for a, b in combinations(placed, 2):
        assert not overlaps(a, b)
    for box in placed:
        assert not any(overlaps(box, Box(x - 3, y - 3, x + 3, y + 3)) for x, y in anchors)


def test_labels_are_placed_the_same_way_every_time() -> None:
    sizes, anchors = [(20.0, 8.0)] * 6, [(50.0, 50.0), (50.0, 50.0), (49.0, 48.0), (10, 10), (11, 10), (50, 52)]
    first = place_labels(sizes, anchors, bounds=Box(0, 0, 100, 100))
    assert first == place_labels(sizes, anchors, bounds=Box(0, 0, 100, 100))
    assert first[0] == (50.0 + 10 + 3 + 1.5, 50.0)  # the first label sits right beside its point


def test_label_sizes_and_anchors_must_pair_up() -> None:
    with pytest.raises(ValueError, match="2 label sizes for 1 anchors"):
        place_labels([(1, 1), (1, 1)], [(0, 0)])


# --- the map -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def maps(plt):
    from sahel_sim import draw_world

    drawn = {}
    for path in (NIGER, ESTONIA, OUTSIDE):
        scenario = load_scenario(path)
        result = simulate(scenario)
        drawn[path.stem] = (scenario, result, draw_world(result, scenario=scenario))
    return drawn


def _texts(ax, prefix: str) -> dict[str, object]:
    return {t.get_gid()[len(prefix):]: t for t in ax.texts if (t.get_gid() or "").startswith(prefix)}


def test_states_are_drawn_inside_their_outline(maps) -> None:
    from sahel_sim.report.plots import world_positions

    outlines = load_outlines()
    for scenario, result, _ in maps.values():
        pos, kinds = world_positions(result, scenario.world, result.events[0].event.date)
        states = [s for s in pos if kinds[s] == "state" and s in outlines]
        assert len(states) >= 12
        for s in states:
            assert outlines[s].contains(*pos[s]), s
    # the point of a state's own data is kept when it lies inside (Moscow, not the middle of Siberia)
    scenario, result, _ = maps[ESTONIA.stem]
    pos, _ = world_positions(result, scenario.world, date(2025, 6, 1))
    assert pos["RUS"] == (37.6, 55.8)


def test_countries_are_filled_by_where_their_state_stands(maps) -> None:
    from sahel_sim.report.plots import actor_categories

    _, result, ax = maps[NIGER.stem]
    filled = {g.split(":")[1]: g.split(":")[2] for g in (a.get_gid() or "" for a in ax.patches)
              if g.startswith("country:")}
    standing = actor_categories(result)
    assert filled["NER"] == "attacked"
    assert {filled[s] for s in ("BEN", "CIV", "NGA", "SEN")} == {"in_breach"}  # the intervening states
    assert filled["MLI"] == filled["BFA"] == standing["MLI"][0] == "bound"
    assert filled["GHA"] == "not_bound" and filled["DZA"] == "none"
    hatched = {a.get_gid().split(":")[1] for a in ax.patches if (a.get_gid() or "").startswith("country:")
               and a.get_hatch()}
    assert hatched == {s for s, (_, contested) in standing.items() if contested and s in filled}
    assert "MLI" in hatched  # Mali's signature of the Charter is read two ways


def test_the_legend_lists_the_statuses_present(maps) -> None:
    from sahel_sim.clauses.status import Status
    from sahel_sim.report.plots import CATEGORY_FILL, actor_categories, category_label

    assert {s.value for s in Status} <= set(CATEGORY_FILL), "every status has a fill colour"
    for _, result, ax in maps.values():
        legends = [a for a in ax.artists if a.__class__.__name__ == "Legend"]
        assert len(legends) == 1
        words = [t.get_text() for t in legends[0].get_texts()]
        drawn = set(_texts(ax, "label:"))
        present = {c for a, (c, _) in actor_categories(result).items() if a in drawn}
        assert [w for w in words if w in {category_label(c) for c in present}] == \
               [category_label(c) for c in CATEGORY_FILL if c in present]
        assert not [c for c in ("may_act", "bound_to_neutrality") if category_label(c) in words and c not in present]
    niger = [t.get_text() for t in next(a for a in maps[NIGER.stem][2].artists
                                        if a.__class__.__name__ == "Legend").get_texts()]
    assert "in breach" in niger and "the event's target (attacked)" in niger and "may act" not in niger
    assert any(w.startswith("contested (hatched)") for w in niger)


def test_no_two_labels_overlap(maps) -> None:
    for name, (_, _, ax) in maps.items():
        ax.figure.canvas.draw()
        boxes = {k: t.get_bbox_patch().get_window_extent() for k, t in _texts(ax, "label:").items()}
        assert len(boxes) >= 12
        for (a, p), (b, q) in combinations(boxes.items(), 2):
            assert not p.overlaps(q), f"{name}: the labels {a} and {b} overlap"


def test_a_territory_apart_is_drawn_where_it_is(maps) -> None:
    from sahel_sim.library import library_world

    _, _, ax = maps[OUTSIDE.stem]
    labels = _texts(ax, "label:")
    events = {p.get_gid() for p in ax.patches if (p.get_gid() or "").startswith("event:")}
    star = next(c for c in ax.collections if c.get_gid() == "places")
    stars = {(round(float(x), 1), round(float(y), 1)) for x, y in star.get_offsets()}
    territories = {t.id: t for t in library_world().territories}
    for tid, name, event in (("USA-HI", "Hawaii", "attack-on-hawaii"), ("FRA-GUF", "French Guiana",
                                                                        "attack-on-french-guiana")):
        assert labels[tid].get_text() == name
        assert f"event:{event}:XLD->{tid}" in events  # the attack is drawn to the place, not to the state
        t = territories[tid]
        assert (round(t.lon, 1), round(t.lat, 1)) in stars
    assert territories["USA-HI"].lon < -150  # in the Pacific, not at the mainland point of the United States


def test_arrows_stay_in_the_frame(maps) -> None:
    from sahel_sim.report.plots import arc_apex

    for name, (_, _, ax) in maps.items():
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        aspect = ax.get_aspect()
        for p in ax.patches:
            gid = p.get_gid() or ""
            if ":" not in gid or not gid.split(":")[0] in ("obligation", "consultation", "breach", "permission"):
                continue
            (sx, sy), (ex, ey) = p._posA_posB  # noqa: SLF001 - the arrow's two ends as given
            rad = float(p.get_connectionstyle().rad)
            for x, y in ((sx, sy), (ex, ey), arc_apex((sx, sy), (ex, ey), rad, aspect)):
                assert x0 <= x <= x1 and y0 <= y <= y1, f"{name}: {gid} leaves the frame"
