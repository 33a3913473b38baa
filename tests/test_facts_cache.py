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
from pydantic import BaseModel

from sahel_sim import library_cache
from sahel_sim.api import library_readings, reading_worlds
from sahel_sim.cli import main
from sahel_sim.engine import contested
from sahel_sim.engine import readings as readings_module
from sahel_sim.model.base import alternative_of
from sahel_sim.scenario import cache as scenario_cache
from sahel_sim.scenario import plain
from sahel_sim.scenario.load import Scenario, load_scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
OWN = SCENARIOS / "attack-on-the-unified-force-niamey-2026.yaml"  # a reading of one of its own events
NIGER = SCENARIOS / "ecowas-intervention-niger-2023-10.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SAHEL_SIM_CACHE_DIR", str(folder))
    monkeypatch.delenv("SAHEL_SIM_NO_CACHE", raising=False)
    monkeypatch.setattr(library_cache, "_warned", set())
    return folder


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


def same(a: Any, b: Any, at: str = "$") -> None:
    """Equal, and of the same types all the way down, with the same fields set."""
    assert type(a) is type(b), (at, type(a), type(b))
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set, at
        for name in type(a).model_fields:
            same(getattr(a, name), getattr(b, name), f"{at}.{name}")
    elif isinstance(a, (tuple, list)):
        assert len(a) == len(b), at
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{at}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), at
        for k in a:
            same(a[k], b[k], f"{at}[{k!r}]")
    else:
        assert a == b, at


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
    """Entries with a valid checksum that do not hold one fact of each reading's kind and no texts."""
    facts = validated(readings)
    other = next(r.owner for r in contested.readings_of(load_scenario(NIGER).world, ())
                 if type(r.owner) is not type(facts[0]))
    return [
        [facts],  # not a dict
        {"facts": facts},  # no texts
        {"facts": facts, "texts": [], "more": 1},  # a key too many
        {"facts": facts * 2, "texts": []},  # a fact too many
        {"facts": [], "texts": []},  # too few
        {"facts": [other], "texts": []},  # another kind of fact
        {"facts": [readings.to_validate()[0][1].owner], "texts": []},  # the fact before the reading: contested
        {"facts": tuple(facts), "texts": []},  # a tuple, not the list stored
        {"facts": facts, "texts": ["x"]},  # a text too many
    ]


def test_a_spoilt_entry_is_not_used_and_the_facts_are_validated(cache: Path, monkeypatch) -> None:
    scenario, library = load_scenario(OWN), library_readings()
    readings = reading_worlds(scenario, library)
    todo = readings.to_validate()
    assert len(todo) == 1  # the spoilt entries below are made for one fact
    key = scenario_cache.facts_key(readings_module_sources(), [(r.owner, r.alternative) for _, r in todo])
    assert key is not None
    for spoilt in _spoilt_entries(readings):
        library_cache.store(key, spoilt, kind="facts", encode=plain.dumps)
        assert scenario_cache.load_facts(key, [type(r.owner) for _, r in todo]) is None, spoilt
        counted = Validations(monkeypatch)
        again = reading_worlds(scenario, library)
        same([again.fact(i) for i, _ in todo], validated(readings))
        assert counted.facts == 1, spoilt
    library_cache.store(key, {"facts": validated(readings), "texts": []}, kind="facts", encode=plain.dumps)
    assert scenario_cache.load_facts(key, [type(r.owner) for _, r in todo]) is not None  # the same, unspoilt


def readings_module_sources() -> list[Path]:
    """The modules whose source is part of the facts' key (as the command line's runs key them)."""
    return [Path(readings_module.__file__), Path(contested.__file__)]


def test_a_library_entry_with_texts_that_are_not_the_treaties_is_not_used(cache: Path, monkeypatch) -> None:
    first = library_readings()
    facts = validated(first)
    key = scenario_cache.facts_key(readings_module_sources())
    kinds = [type(r.owner) for _, r in first.to_validate()]
    n = len(first.world.treaties)
    for texts in ([], ["x"] * (n - 1), ["x"] * (n + 1), [1] * n, [None] * n):
        library_cache.store(key, {"facts": facts, "texts": texts}, kind="facts", encode=plain.dumps)
        assert scenario_cache.load_facts(key, kinds, texts=n) is None, texts
        counted = Validations(monkeypatch)
        again = library_readings()
        assert again.texts() == first.texts() and counted.texts == n
        same([again.fact(o) for o, _ in again.to_validate()], facts)


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
