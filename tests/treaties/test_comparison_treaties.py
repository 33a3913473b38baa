"""NATO, the Rio Treaty and the CSTO as data: parties over time, duty strengths, and the acceptance criteria."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sahel_sim.clauses import conditions as c
from sahel_sim.graph import queries as q

D = date
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
NATO, RIO, CST = "north-atlantic-treaty", "rio-treaty", "collective-security-treaty"


# ------------------------------------------------------------------ parties over time


@pytest.mark.parametrize(("day", "count"), [
    (D(1949, 8, 24), 12), (D(1952, 2, 18), 14), (D(1955, 5, 6), 15), (D(1982, 5, 30), 16), (D(1999, 3, 12), 19),
    (D(2004, 3, 29), 26), (D(2009, 4, 1), 28), (D(2017, 6, 5), 29), (D(2020, 3, 27), 30), (D(2023, 4, 4), 31),
    (D(2024, 3, 7), 32), (D(2025, 6, 1), 32),
])
def test_nato_parties_over_time(graph: Any, day: date, count: int) -> None:
    assert len(q.parties(graph, NATO, day)) == count


def test_nato_accession_days(graph: Any) -> None:
    assert not q.is_party(graph, "FIN", NATO, D(2023, 4, 3)) and q.is_party(graph, "FIN", NATO, D(2023, 4, 4))
    assert not q.is_party(graph, "SWE", NATO, D(2024, 3, 6)) and q.is_party(graph, "SWE", NATO, D(2024, 3, 7))
    assert not q.is_party(graph, "AUT", NATO, D(2025, 1, 1))


@pytest.mark.parametrize(("day", "absent", "present"), [
    (D(1950, 1, 1), {"TTO", "BHS", "MEX"} - {"MEX"}, {"CUB", "MEX", "ECU", "VEN"}),
    (D(1982, 4, 2), {"CUB", "BHS"}, {"TTO", "MEX", "VEN", "ARG", "USA"}),
    (D(2005, 1, 1), {"MEX"}, {"BHS", "VEN", "BOL"}),
    (D(2025, 6, 1), {"MEX", "BOL", "ECU", "NIC", "VEN", "CUB"}, {"ARG", "BRA", "USA", "TTO", "BHS", "URY"}),
])
def test_rio_parties_over_time(graph: Any, day: date, absent: set[str], present: set[str]) -> None:
    parties = set(q.parties(graph, RIO, day))
    assert present <= parties and not (absent & parties)


def test_rio_party_counts(graph: Any) -> None:
    assert len(q.parties(graph, RIO, D(1982, 4, 2))) == 21  # the 21 listed by the State Department in 1982
    assert len(q.parties(graph, RIO, D(2025, 6, 1))) == 17


def test_rio_withdrawals_are_recorded_with_their_notice(world: Any) -> None:
    by = {m.member: m for m in world.memberships if m.of == "TIAR" and m.withdrawal}
    assert by["MEX"].withdrawal.notified == D(2002, 9, 6) and by["MEX"].until == D(2004, 9, 6)
    assert by["VEN"].confidence.value == "disputed" and "Guaidó" in by["VEN"].note
    assert {"BOL", "ECU", "NIC", "VEN", "MEX"} <= set(by)


@pytest.mark.parametrize(("day", "expected"), [
    (D(1994, 4, 20), {"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"}),
    (D(2000, 1, 1), {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}),
    (D(2008, 1, 1), {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"}),
    (D(2013, 1, 1), {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}),
    (D(2025, 1, 1), {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}),
])
def test_csto_parties_over_time(graph: Any, day: date, expected: set[str]) -> None:
    assert set(q.parties(graph, CST, day)) == expected


def test_frozen_armenia_is_suspended_but_still_a_party(graph: Any) -> None:
    record = q.membership(graph, "ARM", "CSTO", D(2025, 1, 1))
    assert record is not None and record.until is None
    suspension = record.suspended_on(D(2025, 1, 1))
    assert suspension is not None and suspension.since == D(2024, 2, 22) and "not a withdrawal" in suspension.note


# ------------------------------------------------------------------ each duty keeps its strength


def _clause(world: Any, treaty: str, clause: str) -> Any:
    found = world.treaty(treaty).clause(clause)
    assert found is not None, (treaty, clause)
    return found


def _tests(clause: Any) -> set[str]:
    return {n.test for cond in (clause.trigger, *clause.conditions) for n in c.walk(cond)}


def test_nato_strengths(world: Any) -> None:
    art5 = _clause(world, NATO, "art-5-collective-defence")
    assert (art5.duty.value, art5.means.value, art5.strength.value) == ("assist", "armed_force_included", "discretionary")
    assert art5.read_with == ("6",) and {"location_latitude", "location_within", "location_kind", "event_date"} <= _tests(art5)
    art4 = _clause(world, NATO, "art-4-consultation")
    assert (art4.duty.value, art4.strength.value) == ("consult", "consultation")


def test_rio_needs_a_request_or_a_decision_and_never_compels_force(world: Any) -> None:
    art3 = _clause(world, RIO, "art-3-reciprocal-assistance")
    assert art3.strength.value == "discretionary" and "requested" in _tests(art3) and "location_in_box" in _tests(art3)
    art20 = _clause(world, RIO, "art-20-binding-measures")
    assert art20.means.value == "armed_force_with_consent" and art20.strength.value == "mandatory"
    assert "decided" in _tests(art20)


def test_csto_two_wordings_of_art_4(world: Any) -> None:
    old, new = _clause(world, CST, "art-4-1992"), _clause(world, CST, "art-4-2010")
    assert "requested" not in _tests(old) and "requested" in _tests(new)
    assert {"decided", "event_date"} <= _tests(old) & _tests(new)
    assert old.strength.value == new.strength.value == "conditional"


# ------------------------------------------------------------------ acceptance: the "done when"


def _run(name: str, **kwargs: Any) -> dict[str, Any]:
    from sahel_sim import load_scenario, simulate

    return simulate(load_scenario(SCENARIOS / name), **kwargs).to_dict()


def _words(check: dict[str, Any]) -> str:
    out = [check["text"], *(f["text"] for f in check["facts"])]
    for child in check.get("children", []):
        out.append(_words(child))
    return " ".join(out)


def test_done_when_attack_on_a_metropolitan_territory(graph: Any) -> None:
    """Every other NATO party is obligated under Art. 5, discretionary as to means, for reasons citing Arts 5 and 6."""
    doc = _run("nato-armed-attack-on-estonia-2025.yaml")
    art5 = [o for o in doc["obligations"] if o["treaty"] == NATO and o["article"] == "5"]
    others = set(q.parties(graph, NATO, D(2025, 6, 1))) - {"EST"}
    assert {o["obligor"] for o in art5} == others and len(others) == 31
    for o in art5:
        assert (o["duty"], o["strength"], o["beneficiary"]) == ("assist", "discretionary", "EST")
        assert o["reference"] == "Art. 5 (with Art. 6)"
        words = " ".join(_words(r) for r in o["reasons"])
        assert "Art. 5" in words and "Art. 6(1)" in words and "EST is in europe" in words


def test_done_when_attack_outside_the_art6_area() -> None:
    """Not obligated under Art. 5, the Art. 6 condition being the reason; Art. 4 consultation still open."""
    doc = _run("nato-attacks-outside-the-art6-area-2025.yaml")
    for event in ("attack-on-french-guiana", "attack-on-hawaii", "attack-on-ceuta"):
        bound = [o for o in doc["obligations"] if o["event"] == event and o["treaty"] == NATO]
        assert [(o["obligor"], o["article"], o["duty"]) for o in bound] == [("NATO", "4", "consult")]
        art5 = [n for n in doc["non_obligations"] if n["event"] == event and n["treaty"] == NATO and n["article"] == "5"]
        reasons = {n["reason"]["text"] for n in art5 if n["party"] not in ("FRA", "USA", "ESP")}
        assert len(reasons) == 1 and next(iter(reasons)).startswith("the attack falls within the area of Art. 6")


def test_literal_reading_of_september_11_engages_only_art_4() -> None:
    """The same facts under the literal reading: a terrorist attack is not an armed attack."""
    nac = _run("nato-september-11-2001.yaml")
    literal = _run("nato-september-11-2001.yaml", perspective="literal")
    assert len([o for o in nac["obligations"] if o["article"] == "5"]) == 18
    assert [(o["obligor"], o["article"]) for o in literal["obligations"] if o["treaty"] == NATO] == [("NATO", "4")]
