"""The scenario cache: an unchanged file is not validated again; a changed, tampered or unsafe entry is not used."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from sahel_sim import library_cache
from sahel_sim.errors import ScenarioError
from sahel_sim.scenario import cache as scenario_cache
from sahel_sim.scenario import load as loader
from sahel_sim.scenario import plain
from sahel_sim.scenario.load import load_scenario
from sahel_sim.scenario.yaml_source import files_read

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
TREATY = ("id: pact\nname: Pact\nsigned: 2000-01-01\nin_force: 2000-01-01\n"
          "parties: {members: [{party: MLI, since: 2000-01-01}, {party: NER, since: 2000-01-01}]}\n"
          "clauses:\n  - id: art-1\n    article: '1'\n    text: x\n    text_kind: paraphrase\n"
          "    trigger: {test: category, any_of: [aggression]}\n    obligor: each_other_party\n"
          "    duty: assist\n    means: armed_force_included\n    strength: {strength}\n")
SCENARIO = ("scenario: x\ntreaties: [pact.yaml]\nevents:\n  - {id: a, date: 2025-06-01, "
            "kind: armed_attack, actors: [MRT], target: MLI}\n")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SAHEL_SIM_CACHE_DIR", str(folder))
    monkeypatch.delenv("SAHEL_SIM_NO_CACHE", raising=False)
    monkeypatch.setattr(library_cache, "_warned", set())
    return folder


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A scenario that names a treaty file beside it."""
    (tmp_path / "pact.yaml").write_text(TREATY.replace("{strength}", "mandatory"), encoding="utf-8")
    scenario = tmp_path / "s.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    return scenario


class Validations:
    """Counts the loads that read and validate the file (a cache hit does neither)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = loader._resolve

        def counting(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(loader, "_resolve", counting)


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("scenario-*.json"))


def same(a: Any, b: Any, at: str = "$") -> None:
    """Equal, and of the same types all the way down (a str is not the str enum it equals)."""
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


# --------------------------------------------------------------------------- hit and miss


def test_an_unchanged_scenario_is_read_from_the_cache_as_it_was_validated(cache: Path, files: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from sahel_sim import simulate

    counted = Validations(monkeypatch)
    first = load_scenario(files)
    assert counted.count == 1 and len(entries(cache)) == 1
    assert (cache.stat().st_mode & 0o777) == 0o700
    again = load_scenario(files)
    assert counted.count == 1, "the second load is a hit"
    same(again.spec, first.spec)
    same(again.world, first.world)
    assert again.path == first.path
    assert simulate(again).to_dict() == simulate(first).to_dict()


def test_the_shipped_scenarios_come_back_the_same(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counted = Validations(monkeypatch)
    for path in [SCENARIOS / "ecowas-intervention-niger-2023-10.yaml", SCENARIOS / "poland-september-1939.yaml"]:
        first = load_scenario(path)
        before = counted.count
        again = load_scenario(path)
        assert counted.count == before
        same(again.spec, first.spec)
        same(again.world, first.world)


def test_changed_bytes_are_a_miss(cache: Path, files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counted = Validations(monkeypatch)
    load_scenario(files)
    files.write_text(SCENARIO.replace("scenario: x", "scenario: y"), encoding="utf-8")
    assert load_scenario(files).name == "y"
    assert counted.count == 2
    files.write_text(SCENARIO + "# a comment changes the bytes, not the meaning\n", encoding="utf-8")
    load_scenario(files)
    assert counted.count == 3 and len(entries(cache)) == 3


def test_a_changed_treaty_file_it_names_is_a_miss(cache: Path, files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counted = Validations(monkeypatch)
    first = load_scenario(files)
    assert first.world.treaty("pact").clauses[0].strength.value == "mandatory"
    (files.parent / "pact.yaml").write_text(TREATY.replace("{strength}", "discretionary"), encoding="utf-8")
    again = load_scenario(files)
    assert counted.count == 2
    assert again.world.treaty("pact").clauses[0].strength.value == "discretionary"


def test_a_treaty_file_gone_is_reported_as_without_the_cache(cache: Path, files: Path) -> None:
    load_scenario(files)
    (files.parent / "pact.yaml").unlink()
    with pytest.raises(ScenarioError, match="pact.yaml"):
        load_scenario(files)


def test_other_limits_or_another_library_are_not_served_from_the_cache(cache: Path, files: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from sahel_sim.library import library_world

    counted = Validations(monkeypatch)
    load_scenario(files)
    monkeypatch.setenv("SAHEL_SIM_MAX_EVENTS", "1")
    load_scenario(files)
    assert counted.count == 2
    load_scenario(files, library=library_world())
    assert counted.count == 3 and len(entries(cache)) == 2, "a given library is neither read nor written"


def test_a_hit_still_counts_its_files_as_inputs(cache: Path, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An output never replaces a scenario or a treaty file it names, read from the cache or not."""
    from sahel_sim.cli import main

    load_scenario(files)
    loader_files = files_read()
    load_scenario(files)
    assert {str(files.resolve()), str((files.parent / "pact.yaml").resolve())} <= files_read() == loader_files
    treaty = files.parent / "pact.yaml"
    before = treaty.read_bytes()
    assert main(["run", str(files), "-f", "json", "--out", str(treaty), "--force"]) == 2
    assert "it is one of the input files" in capsys.readouterr().err
    assert treaty.read_bytes() == before


def test_a_bad_scenario_is_never_cached(cache: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: x\nevents:\n  - {id: a, date: 2025-06-01, kind: armed_attack, actors: [NOPE], target: MLI}\n",
                   encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ScenarioError, match="NOPE"):
            load_scenario(bad)
    assert entries(cache) == []


def test_the_cache_can_be_turned_off(cache: Path, files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHEL_SIM_NO_CACHE", "1")
    counted = Validations(monkeypatch)
    load_scenario(files)
    load_scenario(files)
    assert counted.count == 2 and not cache.exists()


def test_a_fifo_is_not_read_for_the_key(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert scenario_cache._bounded_bytes(fifo, 1000) is None  # would block if it were opened
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 11)
    assert scenario_cache._bounded_bytes(big, 10) is None
    assert scenario_cache._bounded_bytes(big, 11) == b"x" * 11


def test_old_entries_are_pruned(cache: Path, files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scenario_cache, "MAX_ENTRIES", 2)
    for name in "abc":
        files.write_text(SCENARIO.replace("scenario: x", f"scenario: {name}"), encoding="utf-8")
        load_scenario(files)
    assert len(entries(cache)) == 2
    counted = Validations(monkeypatch)
    assert load_scenario(files).name == "c"
    assert counted.count == 0, "the newest entry is the one kept"


# --------------------------------------------------------------------------- tampered or unsafe


def _only_entry(cache: Path) -> tuple[Path, dict[str, Any]]:
    (path,) = entries(cache)
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_a_tampered_entry_is_ignored_and_rebuilt(cache: Path, files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_scenario(files)
    path, document = _only_entry(cache)
    document["value"] = document["value"].replace('"x"', '"forged"')
    path.write_text(json.dumps(document), encoding="utf-8")
    counted = Validations(monkeypatch)
    assert load_scenario(files).name == "x"
    assert counted.count == 1, "the checksum no longer matches: read from source"
    assert load_scenario(files).name == "x" and counted.count == 1, "and the rebuilt entry is good again"


@pytest.mark.parametrize("forge", [
    lambda v: v.replace('"@":"sahel_sim.scenario.schema.ScenarioFile"', '"@":"os.system"'),
    lambda v: v.replace('"@":"sahel_sim.scenario.schema.ScenarioFile"', '"@":"pydantic.main.BaseModel"'),
    lambda v: v.replace('"scenario":"x"', '"scenario":"x","extra_field":1'),
    lambda v: v.replace('"scenario":"x",', ''),
    lambda v: v.replace('{"@date":"2025-06-01"}', '{"@date":"2025-06-01","@tuple":[]}'),
    lambda v: v.replace('{"@date":"2025-06-01"}', '{"@date":"not a date"}'),
    lambda v: v.replace('"@enum":"sahel_sim.', '"@enum":"enum.'),
    lambda v: "[" + v,
])
def test_an_entry_naming_anything_else_is_not_loaded(cache: Path, files: Path, monkeypatch: pytest.MonkeyPatch,
                                                     forge: Any) -> None:
    """Even with a checksum that matches, data naming no model of the package, or a model's fields wrongly, is a miss."""
    import hashlib

    load_scenario(files)
    path, document = _only_entry(cache)
    forged = forge(document["value"])
    assert forged != document["value"], "the forgery changes something"
    document["value"] = forged
    document["sha256"] = hashlib.sha256(forged.encode()).hexdigest()
    path.write_text(json.dumps(document), encoding="utf-8")
    counted = Validations(monkeypatch)
    assert load_scenario(files).name == "x"
    assert counted.count == 1


def test_a_folder_others_may_write_is_refused_with_one_line(cache: Path, files: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    load_scenario(files)
    cache.chmod(0o777)
    try:
        counted = Validations(monkeypatch)
        load_scenario(files)
        load_scenario(files)
        assert counted.count == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert err == [f"sahel-sim: warning: cache {cache} is writable by group or others; not using it "
                       "(reading the scenario from source)"]
    finally:
        cache.chmod(0o700)


def test_an_entry_not_owned_by_the_user_is_refused(cache: Path, files: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    load_scenario(files)
    (path,) = entries(cache)
    os.chmod(cache, 0o700)
    real = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real + 1)
    counted = Validations(monkeypatch)
    assert load_scenario(files).name == "x"
    assert counted.count == 1
    assert "is not owned by you" in capsys.readouterr().err


def test_a_group_writable_entry_is_refused(cache: Path, files: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    load_scenario(files)
    (path,) = entries(cache)
    path.chmod(0o660)
    counted = Validations(monkeypatch)
    load_scenario(files)
    assert counted.count == 1
    assert f"cache {path} is writable by group or others" in capsys.readouterr().err


# --------------------------------------------------------------------------- the plain encoding


def test_the_library_comes_back_the_same_without_validating() -> None:
    from sahel_sim.library import _read_library

    world = _read_library()
    same(plain.loads(plain.dumps(world)), world)


def test_values_outside_the_format_are_refused() -> None:
    class Foreign(BaseModel):
        x: int = 1

    for value in (Foreign(), object(), {1, 2}, b"bytes", float("nan")):
        with pytest.raises((TypeError, ValueError)):
            plain.dumps(value)
    assert plain.loads(plain.dumps({"d": date(2020, 1, 2), "t": (1, "a"), "f": frozenset({3})})) == {
        "d": date(2020, 1, 2), "t": (1, "a"), "f": frozenset({3})}


#: A whole Alternative as the format writes it; the cases below spoil one part each.
_ALTERNATIVE = ('{"@": "sahel_sim.model.base.Alternative", "id": "a", "label": "b", "source": null, "note": null, '
                '"changes": {"@dict": [["x", 1]]}, "perspective": null, "@unset": []}')


def test_the_whole_alternative_the_cases_spoil_is_readable() -> None:
    from sahel_sim.model.base import Alternative

    read = plain.loads(_ALTERNATIVE)
    assert type(read) is Alternative and read.changes == {"x": 1}
    assert type(read.model_fields_set) is set and read.model_fields_set == set(Alternative.model_fields)


@pytest.mark.parametrize("text", ['{"a": 1}', '{"@tuple": 1}', '{"@": 3}', '{"@enum": "x.Y", "value": 1}',
                                  '{"@dict": [[1]]}', '{"@enum": "sahel_sim.model.base.Confidence", "value": "sure"}',
                                  '{"@date": 5}', '{"@frozenset": "ab"}', '{"@tuple": [1], "x": 2}', '{"@dict": 3}',
                                  '{"@": "sahel_sim.model.base.Confidence"}', '{"@": "sahel_sim.model.base.Alternative"}',
                                  _ALTERNATIVE.replace('"@unset": []', '"@unset": "id"'),
                                  _ALTERNATIVE.replace('"@unset": []', '"@unset": ["colour"]'),
                                  _ALTERNATIVE.replace('"label": "b", ', ''),
                                  _ALTERNATIVE.replace('"label": "b", ', '"label": "b", "colour": 1, ')])
def test_data_that_is_not_ours_is_unreadable(text: str) -> None:
    with pytest.raises(ValueError):
        plain.loads(text)


_CONFIDENCE = '{"@enum": "sahel_sim.model.base.Confidence", "value": %s}'


def test_an_enum_member_read_again_is_the_same_member_and_a_bad_value_is_still_refused() -> None:
    from sahel_sim.model.base import Confidence

    read = plain.loads("[%s]" % ", ".join(_CONFIDENCE % v for v in ('"secondary"', '"secondary"', '"confirmed"')))
    assert read == [Confidence.secondary, Confidence.secondary, Confidence.confirmed]
    assert all(type(x) is Confidence for x in read)
    for bad in ('"sure"', "1", "true", "[1]", '{"a": 1}'):  # after good ones in the same document, and alone
        for text in ("[%s, %s]" % (_CONFIDENCE % '"secondary"', _CONFIDENCE % bad), _CONFIDENCE % bad):
            with pytest.raises(ValueError):
                plain.loads(text)


def test_a_load_without_cache_writes_reads_the_cache_but_writes_nothing(cache: Path, files: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    counted = Validations(monkeypatch)
    load_scenario(files, cache_writes=False)
    assert entries(cache) == [] and counted.count == 1
    load_scenario(files)
    assert len(entries(cache)) == 1 and counted.count == 2
    load_scenario(files, cache_writes=False)
    assert counted.count == 2  # a hit, served without validating again


def test_the_web_server_writes_no_scenario_to_the_cache(cache: Path) -> None:
    from sahel_sim.scenario.yaml_source import Limits
    from sahel_sim.web.sources import Sources

    folder = Path(__file__).resolve().parents[1] / "scenarios"
    Sources(folder, Limits()).shipped("ecowas-intervention-niger-2023-10")
    assert entries(cache) == []
