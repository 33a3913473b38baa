"""Names a user types: treaty aliases and near misses, territory ids for --party, case, folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim.cli import Exit, main
from sahel_sim.errors import UnknownEntityError
from sahel_sim.library import find_treaty, shipped_treaties

ROOT = Path(__file__).parents[2]
NIGER = str(ROOT / "scenarios" / "ecowas-intervention-niger-2023-10.yaml")


@pytest.mark.parametrize("given, treaty", [
    ("nato", "north-atlantic-treaty"), ("NATO", "north-atlantic-treaty"), ("North Atlantic Treaty", "north-atlantic-treaty"),
    ("csto", "collective-security-treaty"), ("seato", "manila-pact-1954"),
    ("Liptako-Gourma Charter", "liptako-gourma-charter"), ("Confederation Treaty (AES)", "aes-confederation-treaty"),
    ("warsaw-pact", "warsaw-pact-1955"), ("WEU", "brussels-treaty-1948"), ("rio-treaty", "rio-treaty"),
])
def test_a_treaty_by_its_name_acronym_or_organisation(given: str, treaty: str) -> None:
    assert find_treaty(shipped_treaties(), given).id == treaty


def test_a_name_several_treaties_share_lists_them() -> None:
    # since the Confederation Treaty is in the library (issue 14), 'aes' names both AES instruments
    with pytest.raises(UnknownEntityError, match=r"'aes' names 2 treaties \(aes-confederation-treaty, liptako-gourma-charter\)"):
        find_treaty(shipped_treaties(), "aes")
    with pytest.raises(UnknownEntityError, match=r"'ecowas' names 5 treaties \(ecowas-democracy-2001, .*\); give one"):
        find_treaty(shipped_treaties(), "ecowas")


@pytest.mark.parametrize("given, suggested", [
    ("north-atlantik-treaty", "north-atlantic-treaty"), ("anzus", "anzus-1951"), ("rio", "rio-treaty"),
    ("north atlantic", "north-atlantic-treaty"), ("Collective Security", "collective-security-treaty"),
])
def test_a_misspelt_treaty_suggests_the_right_one(given: str, suggested: str) -> None:
    with pytest.raises(UnknownEntityError, match=rf"unknown treaty '{given}'; did you mean .*{suggested}"):
        find_treaty(shipped_treaties(), given)


def test_treaties_command_takes_an_alias(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", "nato"]) == Exit.OK
    assert capsys.readouterr().out.startswith("North Atlantic Treaty (north-atlantic-treaty)\n")
    assert main(["treaties", "zzzz"]) == Exit.INPUT_ERROR
    assert "unknown treaty 'zzzz'; run 'sahel-sim treaties' to list them" in capsys.readouterr().err


def test_explain_treaty_takes_an_alias_and_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", NIGER, "--party", "TCD", "--treaty", "Liptako-Gourma Charter", "--format", "json"]) == Exit.OK
    assert '"treaty": "liptako-gourma-charter"' in capsys.readouterr().out
    assert main(["explain", NIGER, "--party", "TCD", "--treaty", "liptako-gourma-chartr"]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert "--treaty: unknown treaty 'liptako-gourma-chartr'; did you mean liptako-gourma-charter" in err
    assert "Traceback" not in err


OUTSIDE = str(ROOT / "scenarios" / "nato-attacks-outside-the-art6-area-2025.yaml")


@pytest.mark.parametrize("given", ["GUF", "guf", "French Guiana", "FRA-GUF"])
def test_party_naming_a_territory_points_to_its_holder(given: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", OUTSIDE, "--party", given]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert err == (f"sahel-sim: error: --party {given}: no such actor; {given} is the territory FRA-GUF (French "
                   f"Guiana), held by FRA (France): ask about --party FRA, and place an event there with location: "
                   f"FRA-GUF\n")
    assert "Guinea" not in err and "Uruguay" not in err  # the old near misses by spelling


def test_party_in_another_case_or_by_name_or_alias(capsys: pytest.CaptureFixture[str]) -> None:
    for given in ("tcd", "Chad", "chad"):
        assert main(["run", OUTSIDE, "--party", given]) == Exit.INPUT_ERROR
        assert capsys.readouterr().err.endswith(f"--party {given}: no such actor; did you mean TCD (Chad)?\n")


def test_party_territory_hint_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", OUTSIDE, "--party", "GUF", "--lang", "fr"]) == Exit.INPUT_ERROR
    assert capsys.readouterr().err == (
        "sahel-sim: erreur: --party GUF : aucun acteur de ce nom ; GUF est le territoire FRA-GUF (Guyane), détenu par "
        "FRA (France) : interrogez --party FRA, et placez-y un événement avec location: FRA-GUF\n")


def test_perspective_in_any_case_is_the_same_reading(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for given in ("ecowas", "ECOWAS", "Ecowas"):
        assert main(["run", NIGER, "--perspective", given, "--format", "json"]) == Exit.OK
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == outputs[2]
    assert '"perspective": "ecowas"' in outputs[0]


def test_a_misspelt_perspective_is_still_refused_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", NIGER, "--perspective", "ECOWA"]) == Exit.INPUT_ERROR
    assert "unknown perspective 'ECOWA'; valid: aes, broad, ecowas, literal (did you mean ecowas?)" in \
        capsys.readouterr().err


def test_run_on_a_folder_runs_every_scenario_sorted_one_header_each(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    for name in ("suez-1956.yaml", "damansky-island-1969.yaml"):
        shutil.copy(ROOT / "scenarios" / name, tmp_path / name)
    (tmp_path / "world").mkdir()
    shutil.copy(ROOT / "scenarios" / "world" / "europe-1939.yaml", tmp_path / "world")  # not a scenario: left out
    assert main(["run", str(tmp_path)]) == Exit.OK
    headers = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Scenario: ")]
    assert [h.split(",")[0] for h in headers] == ["Scenario: The clash on Damansky (Zhenbao) Island",
                                                  "Scenario: The attack on Egypt in October and November 1956 under "
                                                  "the Arab League Joint Defence Treaty"]
    assert main(["run", str(tmp_path), "--format", "json"]) == Exit.OK
    import json

    assert [r["scenario"] for r in json.loads(capsys.readouterr().out)] == [h[len("Scenario: "):] for h in headers]


def test_run_on_an_empty_folder_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(tmp_path)]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert err == f"sahel-sim: error: {tmp_path}: no .yaml or .yml files in this directory\n"
