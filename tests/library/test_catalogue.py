"""Browsing the treaty library: filters by region, era, date and party; the coverage report."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sahel_sim.analysis.catalogue import ERA_NAMES, coverage, parties_on, select
from sahel_sim.cli import Exit, main
from sahel_sim.clauses.treaty import Treaty, era_of
from sahel_sim.library import library_world, shipped_treaties


@pytest.fixture(scope="module")
def treaties() -> list[Treaty]:
    return shipped_treaties()


def _ids(ts: list[Treaty]) -> set[str]:
    return {t.id for t in ts}


def test_the_library_lists_at_least_twenty_treaties(treaties: list[Treaty]) -> None:
    assert len(treaties) >= 20


def test_the_library_spans_four_continents_and_three_eras(treaties: list[Treaty]) -> None:
    continents = {"africa", "asia", "europe", "north_america", "oceania", "south_america"}
    assert len(continents & {r for t in treaties for r in t.regions}) >= 4
    assert {t.era for t in treaties} == set(ERA_NAMES)


def test_era_boundaries_are_half_open() -> None:
    assert era_of(date(1945, 9, 1)) == "interwar"
    assert era_of(date(1945, 9, 2)) == "cold-war"
    assert era_of(date(1991, 12, 25)) == "cold-war"
    assert era_of(date(1991, 12, 26)) == "post-cold-war"


def test_in_force_on_a_date(treaties: list[Treaty]) -> None:
    """The Warsaw Pact was in force in 1969 and not in 1992; the Russia-DPRK treaty only from Dec 2024."""
    in_1969 = _ids(select(treaties, on=date(1969, 3, 2)))
    assert {"warsaw-pact-1955", "north-atlantic-treaty", "brussels-treaty-1948"} <= in_1969
    assert "russia-dprk-2024" not in in_1969
    assert "warsaw-pact-1955" not in _ids(select(treaties, on=date(1992, 1, 1)))
    assert "ussr-dprk-1961" not in _ids(select(treaties, on=date(1996, 9, 10)))
    assert "ussr-dprk-1961" in _ids(select(treaties, on=date(1996, 9, 9)))


def test_party_on_a_date_follows_dated_lists_and_memberships(treaties: list[Treaty]) -> None:
    world = library_world()
    # Albania left the Warsaw Pact on 13 Sep 1968; Poland is in NATO (a membership) from 1999.
    assert "warsaw-pact-1955" in _ids(select(treaties, world.memberships, party="ALB", on=date(1968, 9, 12)))
    assert "warsaw-pact-1955" not in _ids(select(treaties, world.memberships, party="ALB", on=date(1968, 9, 13)))
    pol_1990 = _ids(select(treaties, world.memberships, party="POL", on=date(1990, 1, 1)))
    assert "warsaw-pact-1955" in pol_1990 and "north-atlantic-treaty" not in pol_1990
    assert "north-atlantic-treaty" in _ids(select(treaties, world.memberships, party="POL", on=date(2001, 9, 11)))
    # Without a date: a party at any time.
    assert {"warsaw-pact-1955", "north-atlantic-treaty"} <= _ids(select(treaties, world.memberships, party="POL"))


def test_russia_continues_the_soviet_treaty() -> None:
    t = next(t for t in shipped_treaties() if t.id == "ussr-dprk-1961")
    assert parties_on(t, (), date(1980, 1, 1)) == {"SUN", "PRK"}
    assert parties_on(t, (), date(1993, 1, 1)) == {"RUS", "PRK"}


def test_region_and_era_filters_combine(treaties: list[Treaty]) -> None:
    got = _ids(select(treaties, region="europe", era="cold-war"))
    assert {"warsaw-pact-1955", "brussels-treaty-1948", "north-atlantic-treaty"} <= got
    assert not any(t.era != "cold-war" or "europe" not in t.regions for t in select(treaties, region="europe", era="cold-war"))
    assert "anzus-1951" not in got


def test_coverage_names_unencoded_articles_with_reasons(treaties: list[Treaty]) -> None:
    rows = {t.id: coverage(t) for t in treaties}
    rok = rows["us-rok-mdt-1953"]
    assert rok.encoded == ("1", "2", "3")
    assert any("per-party reservation" in reason for _, _, reason in rok.unencoded)
    assert any("suspension" in reason for _, _, reason in rows["anzus-1951"].unencoded)
    # The weakest confidence is the weakest of the treaty, its listed parties and its clauses.
    assert rows["arab-league-jdec-1950"].weakest.value == "recalled"
    assert rows["russia-dprk-2024"].weakest.value == "secondary"


def test_cli_filters_and_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", "--region", "europe", "--on", "1969-03-02", "--format", "json"]) == Exit.OK
    ids = {t["id"] for t in json.loads(capsys.readouterr().out)}
    assert "warsaw-pact-1955" in ids and "russia-dprk-2024" not in ids
    assert main(["treaties", "--coverage", "--format", "json"]) == Exit.OK
    doc = json.loads(capsys.readouterr().out)
    assert len(doc) >= 20 and all({"encoded", "unencoded", "weakest_confidence"} <= set(d) for d in doc)
    assert main(["treaties", "--coverage", "--format", "markdown", "--era", "post-cold-war"]) == Exit.OK
    md = capsys.readouterr().out
    assert "| russia-dprk-2024 | post-cold-war |" in md and "warsaw-pact" not in md


def test_cli_shows_unencoded_articles_beside_the_clauses(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", "prc-dprk-1961", "--format", "markdown"]) == Exit.OK
    md = capsys.readouterr().out
    assert "## Not encoded" in md and "thus being involved in a state of war" in md


@pytest.mark.parametrize("args, needle", [
    (["--region", "asai"], "did you mean asia"),
    (["--party", "POLL"], "did you mean POL (Poland)"),
    (["--on", "1939-02-30"], "1939-02-30"),
    (["--era", "victorian"], "invalid choice"),
])
def test_cli_bad_filters_are_input_errors(capsys: pytest.CaptureFixture[str], args: list[str], needle: str) -> None:
    code = None
    try:
        code = main(["treaties", *args])
    except SystemExit as exc:  # argparse refuses a bad choice or date itself
        code = exc.code
    assert code == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err
