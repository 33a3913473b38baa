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
    ("csto", "collective-security-treaty"), ("seato", "manila-pact-1954"), ("aes", "liptako-gourma-charter"),
    ("warsaw-pact", "warsaw-pact-1955"), ("WEU", "brussels-treaty-1948"), ("rio-treaty", "rio-treaty"),
])
def test_a_treaty_by_its_name_acronym_or_organisation(given: str, treaty: str) -> None:
    assert find_treaty(shipped_treaties(), given).id == treaty


def test_a_name_several_treaties_share_lists_them() -> None:
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
    assert main(["explain", NIGER, "--party", "TCD", "--treaty", "aes", "--format", "json"]) == Exit.OK
    assert '"treaty": "liptako-gourma-charter"' in capsys.readouterr().out
    assert main(["explain", NIGER, "--party", "TCD", "--treaty", "liptako-gourma-chartr"]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert "--treaty: unknown treaty 'liptako-gourma-chartr'; did you mean liptako-gourma-charter" in err
    assert "Traceback" not in err
