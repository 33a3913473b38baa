"""ISO 3166-1 alpha-3 codes of dependent territories (GUF for FRA-GUF), wherever a scenario names a place or an actor."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim import simulate
from sahel_sim.cli import Exit, main
from sahel_sim.errors import ScenarioError, UnknownEntityError
from sahel_sim.library import library_world
from sahel_sim.scenario.load import load_scenario, scenario_from_text
from sahel_sim.whatif import with_event_changes

ATTACK = "  - {id: e1, date: 2025-03-01, kind: armed_attack, actors: [VEN], target: FRA, location: %s}\n"


def _text(location: str = "GUF", extra: str = "") -> str:
    return "scenario: guiana\nevents:\n" + ATTACK % location + extra


def test_every_alias_is_the_iso_code_of_its_territory() -> None:
    pycountry = pytest.importorskip("pycountry")
    aliased = [t for t in library_world().territories if t.aliases]
    assert {a for t in aliased for a in t.aliases} >= {"GUF", "GLP", "MTQ", "REU", "FLK", "GRL", "PRI", "GIB"}
    for t in aliased:
        for alias in t.aliases:
            country = pycountry.countries.get(alpha_3=alias)
            assert country is not None, f"{alias} ({t.id}) is not an ISO 3166-1 alpha-3 code"
            first = [name.replace("-", " ").split()[0].casefold() for name in (t.name, country.name)]
            assert first[0] == first[1], f"{alias} is {country.name} in ISO 3166-1, not {t.name}"


def test_a_location_by_its_iso_code_is_the_territory() -> None:
    scenario = scenario_from_text(_text("GUF"))
    assert scenario.events[0].location == "FRA-GUF"
    same = scenario_from_text(_text("FRA-GUF"))
    run, other = simulate(scenario, parties=["FRA"]), simulate(same, parties=["FRA"])
    assert [r.obligations for r in run.events] == [r.obligations for r in other.events]
    assert [r.non_obligations for r in run.events] == [r.non_obligations for r in other.events]


def test_a_metropolitan_id_is_never_read_as_an_alias() -> None:
    # FRA-DZA ends in DZA, but DZA is Algeria's own territory: only listed aliases count
    scenario = scenario_from_text(_text("DZA"))
    assert scenario.events[0].location == "DZA"


def test_an_unknown_location_suggests_the_code_and_its_territory() -> None:
    with pytest.raises(ScenarioError) as err:
        scenario_from_text(_text("GFU"))
    text = str(err.value)
    assert "events[0].location: unknown territory 'GFU'" in text
    assert "GUF (FRA-GUF, French Guiana)" in text


def test_a_territory_code_as_an_actor_names_its_holder() -> None:
    text = "scenario: guiana\nevents:\n  - {id: e1, date: 2025-03-01, kind: armed_attack, actors: [VEN], target: GUF}\n"
    with pytest.raises(ScenarioError) as err:
        scenario_from_text(text)
    assert ("events[0].target: unknown actor 'GUF' (GUF is the territory FRA-GUF (French Guiana), held by FRA "
            "(France): name the actor FRA here, and place an event there with location: FRA-GUF)") in str(err.value)
    text = "scenario: guiana\nevents:\n  - {id: e1, date: 2025-03-01, kind: armed_attack, actors: [FLK], target: ARG}\n"
    with pytest.raises(ScenarioError, match=r"events\[0\]\.actors\[0\]: unknown actor 'FLK' \(FLK is the territory "
                                            r"GBR-FLK \(Falkland Islands \(Malvinas\)\), held by GBR"):
        scenario_from_text(text)


def test_an_expect_block_naming_a_territory_code_is_refused_with_the_holder() -> None:
    extra = "expect:\n  obligated:\n    - {obligor: GUF, treaty: north-atlantic-treaty, article: '5', duty: assist}\n"
    with pytest.raises(ScenarioError) as err:
        scenario_from_text(_text("GUF", extra))
    assert "expect.obligated[0].obligor: unknown actor 'GUF' (GUF is the territory FRA-GUF" in str(err.value)


def test_a_territory_part_of_an_aliased_territory(tmp_path: Path) -> None:
    extra = ("territories:\n  - {id: FRA-GUF-KOUROU, name: Kourou, kind: region, part_of: GUF, confidence: recalled}\n")
    scenario = scenario_from_text(_text("FRA-GUF-KOUROU", extra))
    assert scenario.world.territories[-1].part_of == "FRA-GUF"
    world = tmp_path / "w.yaml"
    world.write_text("territories:\n  - {id: FRA-GUF-KOUROU, name: Kourou, kind: region, part_of: GUF}\n")
    path = tmp_path / "s.yaml"
    path.write_text(f"scenario: s\nworld: [w.yaml]\nevents:\n" + ATTACK % "FRA-GUF-KOUROU")
    assert load_scenario(path).world.territories[-1].part_of == "FRA-GUF"


def test_a_clause_of_a_scenario_treaty_names_a_territory_by_its_code() -> None:
    treaty = """treaties:
  - id: guiana-pact
    name: Guiana pact
    signed: 2020-01-01
    in_force: 2020-01-01
    parties:
      members:
        - {party: FRA, since: 2020-01-01}
        - {party: BRA, since: 2020-01-01}
    clauses:
      - id: art-1
        article: "1"
        text: an attack in French Guiana
        text_kind: paraphrase
        trigger: {test: category, any_of: [armed_attack]}
        conditions:
          - {test: location_within, territories: [GUF]}
          - {test: is_party, who: target}
        obligor: each_other_party
        duty: assist
        means: unspecified
        strength: mandatory
"""
    scenario = scenario_from_text(_text("FRA-GUF", treaty))
    clause = scenario.world.treaty("guiana-pact").clauses[0]
    assert clause.conditions[0].territories == ("FRA-GUF",)
    found = simulate(scenario, parties=["BRA"]).events[0].obligations
    assert [(o.obligor, o.ref.treaty) for o in found if o.ref.treaty == "guiana-pact"] == [("BRA", "guiana-pact")]
    with pytest.raises(ScenarioError, match=r"territories\[0\]: unknown territory 'GFU'"):
        scenario_from_text(_text("FRA-GUF", treaty.replace("[GUF]", "[GFU]")))


def test_an_alias_that_is_another_territorys_id_is_refused() -> None:
    extra = "territories:\n  - {id: XX-ONE, name: One, kind: island, aliases: [FRA-GLP], holders: [{state: FRA, since: 2000-01-01}]}\n"
    with pytest.raises(ScenarioError, match=r"territories\[0\]\.aliases\[0\]: alias 'FRA-GLP' of XX-ONE is the id of "
                                            r"another territory"):
        scenario_from_text(_text("GUF", extra))
    extra = "territories:\n  - {id: XX-ONE, name: One, kind: island, aliases: [GUF], holders: [{state: FRA, since: 2000-01-01}]}\n"
    with pytest.raises(ScenarioError, match=r"alias 'GUF' of XX-ONE is already an alias of FRA-GUF"):
        scenario_from_text(_text("GUF", extra))


def test_a_what_if_location_by_its_code() -> None:
    scenario = scenario_from_text(_text("FRA-GUF"))
    changed = with_event_changes(scenario, "e1", location="GLP")
    assert changed.events[0].location == "FRA-GLP"
    with pytest.raises(UnknownEntityError, match=r"events\[0\]\.location: unknown territory 'GLQ'"):
        with_event_changes(scenario, "e1", location="GLQ")


def test_party_flag_with_a_code_still_points_to_the_holder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(_text("GUF"))
    assert main(["run", str(path), "--party", "GUF"]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert "--party GUF: no such actor; GUF is the territory FRA-GUF (French Guiana), held by FRA (France)" in err
    assert "Traceback" not in err
    assert main(["run", str(path), "--party", "FRA"]) == Exit.OK
    assert "VEN → FRA at FRA-GUF" in capsys.readouterr().out


def test_a_bad_location_in_a_file_exits_2_with_file_line_and_field(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(_text("GFU"))
    assert main(["run", str(path)]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert f"{path}:3:" in err and "events[0].location: unknown territory 'GFU'" in err and "GUF (FRA-GUF" in err
