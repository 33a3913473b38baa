"""The readings' facts in the cache: validated once, read back without validating (or building a validator) again.

A warm run reads each contested reading's fact (the fact with its alternative's changes) and the library's
clause texts from a ``facts-…`` entry instead of validating them; the entry is keyed by what they are
made from, and an entry that does not hold what its readings need is not used.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from sahel_sim import library_cache
from sahel_sim.api import library_readings, reading_worlds
from sahel_sim.cli import main
from sahel_sim.engine import contested
from sahel_sim.engine import readings as readings_module
from sahel_sim.graph import compile_world
from sahel_sim.model.base import alternative_of
from sahel_sim.scenario import cache as scenario_cache
from sahel_sim.scenario import plain
from sahel_sim.scenario.load import Scenario, load_scenario
from tests.test_scenario_cache import cache, same  # noqa: F401 - the cache folder fixture, deep equality

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
OWN = SCENARIOS / "attack-on-the-unified-force-niamey-2026.yaml"  # a reading of one of its own events
NIGER = SCENARIOS / "ecowas-intervention-niger-2023-10.yaml"


class Validations:
    """Counts the facts validated and the clause texts written by the readings (a cache hit does neither)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.facts = self.texts = 0

        def validating(*args: Any) -> Any:
            self.facts += 1
            return alternative_of(*args)

        def writing(*args: Any) -> Any:
            self.texts += 1
            return contested.clause_text(*args)

        monkeypatch.setattr(readings_module, "alternative_of", validating)
        monkeypatch.setattr(readings_module, "clause_text", writing)


def facts_entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("facts-*.json"))


def validated(readings: Any) -> list[Any]:
    """Each fact its readings validate, validated here."""
    return [alternative_of(r.owner, r.alternative) for _, r in readings.to_validate()]


def test_a_scenarios_own_facts_are_read_back_as_validated_without_validating_them(cache: Path, monkeypatch) -> None:
    scenario = load_scenario(OWN)
    library = library_readings()
    first = reading_worlds(scenario, library, store=True)
    assert [i for i, _ in first.to_validate()] and len(facts_entries(cache)) == 2  # the library's and the scenario's
    counted = Validations(monkeypatch)
    again = reading_worlds(load_scenario(OWN), library_readings())
    got = [again.fact(i) for i, _ in again.to_validate()]
    assert counted.facts == 0
    same(got, validated(first))
    assert again.fact(again.to_validate()[0][0]) is got[0]  # given once, then the same object


def test_the_library_facts_and_clause_texts_are_read_back_without_validating_or_writing_them(cache: Path,
                                                                                             monkeypatch) -> None:
    first = library_readings()
    assert len(facts_entries(cache)) == 1
    counted = Validations(monkeypatch)
    again = library_readings()
    got = [again.fact(origin) for origin, _ in again.to_validate()]
    texts = again.texts()
    assert (counted.facts, counted.texts) == (0, 0)
    same(got, validated(first))
    assert texts == [contested.clause_text(first.world, k) for k in range(len(first.world.treaties))]


def test_without_store_a_miss_writes_nothing_and_the_facts_are_validated_when_needed(cache: Path,
                                                                                     monkeypatch) -> None:
    scenario = load_scenario(OWN)
    counted = Validations(monkeypatch)
    readings = reading_worlds(scenario)  # no library: every reading is the scenario's
    assert facts_entries(cache) == [] and counted.facts == 0
    same([readings.fact(i) for i, _ in readings.to_validate()], validated(readings))
    assert counted.facts == len(readings.to_validate()) > 0


def test_without_a_cache_the_facts_are_validated_and_nothing_is_written(cache: Path, monkeypatch) -> None:
    monkeypatch.setenv("SAHEL_SIM_NO_CACHE", "1")
    readings = reading_worlds(load_scenario(OWN), library_readings(), store=True)
    assert not cache.exists() or facts_entries(cache) == []
    assert scenario_cache.facts_key([], [(1, 2)]) is None
    same([readings.fact(i) for i, _ in readings.to_validate()], validated(readings))


def test_the_key_is_the_facts_the_alternatives_and_the_validating_code(cache: Path, tmp_path: Path) -> None:
    scenario = load_scenario(OWN)
    reading = reading_worlds(scenario).to_validate()[0][1]
    source = tmp_path / "readings.py"
    source.write_text("one", encoding="utf-8")
    key = scenario_cache.facts_key([source], [(reading.owner, reading.alternative)])
    other = reading.alternative.model_copy(update={"changes": {**reading.alternative.changes, "note": "x"}})
    assert key == scenario_cache.facts_key([source], [(reading.owner, reading.alternative)])
    assert key != scenario_cache.facts_key([source], [(reading.owner, other)])
    assert key != scenario_cache.facts_key([source], [(reading.owner.model_copy(update={"note": "y"}),
                                                       reading.alternative)])
    assert key != scenario_cache.facts_key([source], None)  # the shipped library's readings
    source.write_text("two", encoding="utf-8")
    assert key != scenario_cache.facts_key([source], [(reading.owner, reading.alternative)])
    assert scenario_cache.facts_key([source], [(object(), reading.alternative)]) is None  # not plain data: no key


def _spoilt_entries(readings: Any) -> list[Any]:
    """Entries with a valid checksum that do not hold one fact of each reading's kind, no texts and no layout."""
    facts = validated(readings)
    other = next(r.owner for r in contested.readings_of(load_scenario(NIGER).world, ())
                 if type(r.owner) is not type(facts[0]))
    return [
        [facts],  # not a dict
        {"facts": facts, "texts": []},  # no layout
        {"facts": facts, "texts": [], "layout": None, "more": 1},  # a key too many
        {"facts": facts * 2, "texts": [], "layout": None},  # a fact too many
        {"facts": [], "texts": [], "layout": None},  # too few
        {"facts": [other], "texts": [], "layout": None},  # another kind of fact
        {"facts": [readings.to_validate()[0][1].owner], "texts": [], "layout": None},  # before the reading: contested
        {"facts": tuple(facts), "texts": [], "layout": None},  # a tuple, not the list stored
        {"facts": facts, "texts": ["x"], "layout": None},  # a text, where a scenario's readings have none
        {"facts": facts, "texts": [1], "layout": None},  # not a text
        {"facts": facts, "texts": (), "layout": None},  # not the list stored
        {"facts": facts, "texts": [], "layout": {"readings": [], "treaties": [], "rules": [],
                                                 "through_requests": []}},  # a library's
    ]


def test_a_spoilt_entry_is_not_used_and_the_facts_are_validated(cache: Path, monkeypatch) -> None:
    scenario, library = load_scenario(OWN), library_readings()
    readings = reading_worlds(scenario, library)
    todo = readings.to_validate()
    assert len(todo) == 1  # the spoilt entries below are made for one fact
    key = scenario_cache.facts_key(readings_module_sources(), [(r.owner, r.alternative) for _, r in todo])
    assert key is not None
    kinds = [type(r.owner) for _, r in todo]
    for spoilt in _spoilt_entries(readings):
        library_cache.store(key, spoilt, kind="facts", encode=plain.dumps)
        entry = scenario_cache.load_facts(key)
        assert entry is None or not scenario_cache.fitting(entry["facts"], kinds) or entry["texts"] \
            or entry["layout"] is not None, spoilt
        counted = Validations(monkeypatch)
        again = reading_worlds(scenario, library)
        same([again.fact(i) for i, _ in todo], validated(readings))
        assert counted.facts == 1, spoilt
    library_cache.store(key, {"facts": validated(readings), "texts": [], "layout": None}, kind="facts",
                        encode=plain.dumps)
    counted = Validations(monkeypatch)
    again = reading_worlds(scenario, library)
    same([again.fact(i) for i, _ in todo], validated(readings))
    assert counted.facts == 0  # the same entry, unspoilt, is used


def readings_module_sources() -> list[Path]:
    """The modules whose source is part of the facts' key (as the command line's runs key them)."""
    return [Path(readings_module.__file__), Path(contested.__file__)]


def _library_entry(cache: Path) -> tuple[str, dict[str, Any]]:
    """The shipped library's entry, written by reading its readings once: its key and what it holds."""
    library_readings()
    key = scenario_cache.facts_key(readings_module_sources())
    assert key is not None
    entry = scenario_cache.load_facts(key)
    assert entry is not None and entry["layout"] is not None
    return key, entry


def test_a_library_entry_with_texts_that_are_not_the_treaties_is_not_used(cache: Path, monkeypatch) -> None:
    key, entry = _library_entry(cache)
    first = library_readings()
    n = len(first.world.treaties)
    for texts in ([], ["x"] * (n - 1), ["x"] * (n + 1), [1] * n, [None] * n):
        library_cache.store(key, {**entry, "texts": texts}, kind="facts", encode=plain.dumps)
        counted = Validations(monkeypatch)
        again = library_readings()
        assert again.texts() == first.texts() and counted.texts == n and counted.facts == len(again.to_validate())


def test_a_library_entry_with_facts_that_are_not_its_readings_is_not_used(cache: Path, monkeypatch) -> None:
    key, entry = _library_entry(cache)
    facts = entry["facts"]
    for spoilt in (facts[:-1], facts + facts[:1], facts[::-1], []):
        library_cache.store(key, {**entry, "facts": spoilt}, kind="facts", encode=plain.dumps)
        counted = Validations(monkeypatch)
        again = library_readings()
        same([again.fact(o) for o, _ in again.to_validate()], facts)
        assert counted.facts == len(facts)


def test_the_library_read_back_by_its_layout_has_the_readings_and_names_a_walk_finds(cache: Path) -> None:
    first = library_readings()  # walks the library, and stores what it found
    layout = first.layout()
    assert layout is not None and len(layout["readings"]) == len(first.to_validate()) > 0
    walked = readings_module.LibraryReadings(first.world, compile_world)
    laid = readings_module.LibraryReadings(first.world, compile_world, layout=json.loads(json.dumps(layout)))
    assert laid.parts == walked.parts
    for p in contested.PARTS:  # the same facts and alternatives: the objects, not copies
        assert [(r.owner, r.alternative) for r in laid.parts[p]] == [(r.owner, r.alternative) for r in walked.parts[p]]
        assert all(a.owner is b.owner and a.alternative is b.alternative for a, b in zip(laid.parts[p], walked.parts[p]))
    assert laid.mentions() == walked.mentions() == contested.Mentions.of(first.world)
    assert list(laid.mentions().treaties) == list(walked.mentions().treaties)
    assert library_readings().parts == walked.parts  # read back from the cache


def _spoilt_layouts(layout: dict[str, Any]) -> list[Any]:
    row = layout["readings"][0]
    place = row[0]
    return [
        [],  # not a dict
        {k: v for k, v in layout.items() if k != "rules"},  # a key missing
        {**layout, "more": 1},  # a key too many
        {**layout, "readings": {}},  # not a list
        {**layout, "readings": [row[:3]]},  # a row too short
        {**layout, "readings": [[[], *row[1:]]]},  # no place
        {**layout, "readings": [[["nowhere", *place[1:]], *row[1:]]]},  # not a part
        {**layout, "readings": [[[*place, "nothing"], *row[1:]]]},  # no such field
        {**layout, "readings": [[[place[0], 10_000, *place[2:]], *row[1:]]]},  # no such place
        {**layout, "readings": [[place[:1], *row[1:]]]},  # a part, not a fact
        {**layout, "readings": [[place, 99, *row[2:]]]},  # not so many readings
        {**layout, "readings": [[place, -1, *row[2:]]]},  # before the first
        {**layout, "readings": [[place, "0", *row[2:]]]},  # not a number
        {**layout, "readings": [[place, row[1], 3, row[3]]]},  # words that are not a text
        {**layout, "readings": [[place, row[1], row[2], 3]]},  # a treaty that is not an id
        {**layout, "treaties": [["x"]]},  # not a treaty and its names
        {**layout, "treaties": [[1, []]]},  # not a treaty's id
        {**layout, "treaties": [["x", [1]]]},  # not names
        {**layout, "rules": [1]},  # not names
        {k: v for k, v in layout.items() if k != "through_requests"},  # as stored before requests read memberships
        {**layout, "through_requests": [1]},  # not treaty ids
    ]


def test_a_spoilt_layout_is_refused_and_the_library_is_walked(cache: Path, monkeypatch) -> None:
    key, entry = _library_entry(cache)
    first = library_readings()
    for spoilt in _spoilt_layouts(entry["layout"]):
        with pytest.raises(ValueError):
            readings_module.LibraryReadings(first.world, compile_world, layout=spoilt)
        library_cache.store(key, {**entry, "layout": spoilt}, kind="facts", encode=plain.dumps)
        counted = Validations(monkeypatch)
        again = library_readings()
        assert again.parts == first.parts and again.mentions() == first.mentions()
        assert counted.facts == len(again.to_validate())  # not used: validated and stored again


def test_a_fact_at_two_places_has_no_layout(cache: Path) -> None:
    library = library_readings().world
    shared = next(m for m in library.memberships if m.contested)
    world = library.model_copy(update={"memberships": (*library.memberships, shared)})
    readings = readings_module.LibraryReadings(world, compile_world)
    assert readings.layout() is None


def test_a_tampered_entry_is_not_used(cache: Path, monkeypatch) -> None:
    library_readings()
    (entry,) = facts_entries(cache)
    document = json.loads(entry.read_text(encoding="utf-8"))
    document["value"] += " "  # the text no longer has its checksum
    entry.write_text(json.dumps(document), encoding="utf-8")
    counted = Validations(monkeypatch)
    again = library_readings()
    assert counted.facts == len(again.to_validate())  # validated again, and stored again
    assert library_readings().fact(again.to_validate()[0][0]) == again.fact(again.to_validate()[0][0])


def test_a_fact_that_does_not_validate_is_not_stored_and_still_raises_when_needed(cache: Path) -> None:
    scenario = load_scenario(OWN)
    (_, reading), = reading_worlds(scenario, library_readings()).to_validate()
    before = facts_entries(cache)  # the library's
    bad = reading.alternative.model_copy(update={"changes": {"date": "not a date"}})
    event = reading.owner.model_copy(update={"contested": (bad,)})
    spec = scenario.spec.model_copy(update={"events": tuple(event if e is reading.owner else e
                                                            for e in scenario.spec.events)})
    broken = Scenario(spec, scenario.world, scenario.path)
    readings = reading_worlds(broken, store=True)
    assert facts_entries(cache) == before
    (j,) = [j for j, r in readings.to_validate() if r.owner is event]
    with pytest.raises(ValueError):
        readings.fact(j)


def _run(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["run", *args]) == 0
    return out.getvalue()


def test_a_warm_run_reports_what_a_run_without_the_cache_reports(cache: Path, monkeypatch) -> None:
    args = (str(OWN), str(NIGER), "-f", "json")
    first = _run(*args)  # writes the entries
    assert len(facts_entries(cache)) == 2
    counted = Validations(monkeypatch)
    warm = _run(*args)
    assert counted.facts == 0
    monkeypatch.setenv("SAHEL_SIM_NO_CACHE", "1")
    assert warm == first == _run(*args)
