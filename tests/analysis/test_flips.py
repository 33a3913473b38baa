"""What would flip it: the smallest changes of fact, each proved by a re-run.

Chad is not a member of the AES (Mali, Burkina Faso, Niger since 16 Sep 2023), so the
Charter does not bind it; acceding would make Art. 6 bind it to assist Niger.  Mali is
bound; leaving the AES, reading the intervention as an ECOWAS enforcement measure, or
dating it before the Charter (16 Sep 2023) would each release it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from analysis.conftest import CHARTER, RAID, S2023, pact
from sahel_sim import load_scenario, scenario_from_text, simulate
from sahel_sim.analysis.flips import find_flips


def _rerun(scenario: Any, flip: Any, party: str, treaty: str | None) -> set[str]:
    variant = scenario
    for ch in flip.changes:
        variant = ch.apply(variant)
    chosen = next((ch.perspective for ch in flip.changes if ch.perspective), None)
    result = simulate(variant, perspective=chosen, parties=[party], conflicts=False)
    return {f"{o.event} {o.treaty} {o.ref.clause}" for o in result.obligations
            if o.obligor == party and (treaty is None or o.treaty == treaty)}


@pytest.fixture(scope="module")
def chad(s2023: Any) -> Any:
    return find_flips(s2023, "TCD", treaty=CHARTER)


@pytest.fixture(scope="module")
def mali(s2023: Any) -> Any:
    return find_flips(s2023, "MLI", treaty=CHARTER)


def test_chad_accession_to_the_aes_turns_art_6_on(chad: Any) -> None:
    assert chad, "at least one flip for Chad"
    first = chad[0]
    assert first.size == 1 and first.turned == "on"
    (change,) = first.changes
    assert change.kind == "membership"
    assert "TCD accedes to AES" in change.description
    assert first.before == ()
    assert first.after == (f"intervention {CHARTER} art-6-collective-defence",)
    assert any("Art. 6" in line and "NER" in line and line.startswith("now obligated") for line in first.proof)


def test_chad_flip_is_proved_by_a_re_run(s2023: Any, chad: Any) -> None:
    for flip in chad:
        assert _rerun(s2023, flip, "TCD", CHARTER) == set(flip.after)
    assert not any(o.obligor == "TCD" for o in simulate(s2023, parties=["TCD"]).obligations)


def test_mali_off_flips(mali: Any) -> None:
    assert mali and all(f.turned == "off" and f.size == 1 for f in mali)
    assert all(f.before == (f"intervention {CHARTER} art-6-collective-defence",) and f.after == () for f in mali)
    by_kind: dict[str, list[Any]] = {}
    for f in mali:
        by_kind.setdefault(f.changes[0].kind, []).append(f)
    leave = by_kind["membership"][0]
    assert "MLI leaves AES" in leave.changes[0].description
    assert any("not a party" in line for line in leave.proof)
    ecowas = by_kind["perspective"][0]
    assert ecowas.changes[0].perspective == "ecowas"
    assert any("enforcement_measure" in line for line in ecowas.proof)
    dates = [f for f in by_kind["date"]]
    assert any("2023-09-15" in f.changes[0].description for f in dates)
    before_charter = next(f for f in dates if "2023-09-15" in f.changes[0].description)
    assert before_charter.changes[0].distance == 16  # 2023-10-01 minus 16 days
    assert any("not in force" in line for line in before_charter.proof)
    # every date that releases Mali is before the Charter
    for f in dates:
        moved = date.fromisoformat(f.changes[0].description.split(" on ")[1].split(" ")[0])
        assert moved < date(2023, 9, 16)


def test_mali_flips_are_proved_by_re_runs(s2023: Any, mali: Any) -> None:
    for flip in mali:
        assert _rerun(s2023, flip, "MLI", CHARTER) == set(flip.after) == set()


def test_consent_releases_mali(mali: Any) -> None:
    """With Niger's consent there is no infringement of its sovereignty (literal reading)."""
    assert any(f.changes[0].kind == "consent" for f in mali)


@pytest.fixture(scope="module")
def mali_all(s2023: Any) -> Any:
    return find_flips(s2023, "MLI", limit=100)


def test_flips_are_ranked_by_size_then_date_distance(mali_all: Any) -> None:
    keys = [(f.size, sum(ch.distance for ch in f.changes)) for f in mali_all]
    assert keys == sorted(keys)
    distances = [k[1] for k in keys]
    assert distances[0] == 0 and max(distances) > 16
    dated = [f for f in mali_all if f.changes[0].kind == "date"]
    assert "2023-09-15" in dated[0].changes[0].description  # the nearest date comes first


def test_limit_is_respected(s2023: Any, mali_all: Any) -> None:
    assert len(mali_all) > 3
    assert find_flips(s2023, "MLI", limit=3) == mali_all[:3]


def test_flips_never_mutate_the_scenario() -> None:
    from analysis.conftest import S2023

    s = load_scenario(S2023)
    graph = s.graph
    spec_before, world_before = s.spec.model_dump(), s.world.model_dump()
    edges_before = sorted(map(repr, graph.edges(keys=True, data=False)))
    result_before = simulate(s).to_dict()
    find_flips(s, "TCD", treaty=CHARTER)
    find_flips(s, "MLI")
    assert s.spec.model_dump() == spec_before
    assert s.world.model_dump() == world_before
    assert s.graph is graph
    assert sorted(map(repr, graph.edges(keys=True, data=False))) == edges_before
    assert simulate(s).to_dict() == result_before


def test_a_party_nothing_can_flip_gets_no_flips(s2023: Any) -> None:
    """Niger is the beneficiary of Art. 6: nobody is bound to assist itself, whatever the facts."""
    assert find_flips(s2023, "NER", treaty=CHARTER) == ()


def test_two_changes_when_one_is_not_enough() -> None:
    """The ECOWAS Defence Protocol Art. 3 needs both a written request and an Authority decision."""
    s = scenario_from_text(
        "scenario: Chad attacks Niger\n"
        "events:\n"
        "  - {id: raid, date: 2023-01-10, kind: armed_attack, actors: [TCD], target: NER, location: NER}\n")
    flips = find_flips(s, "GHA", treaty="ecowas-pmad-1981")
    assert flips and all(f.size == 2 and f.turned == "on" for f in flips)
    kinds = {frozenset(ch.kind for ch in f.changes) for f in flips}
    assert frozenset({"request", "decision"}) in kinds
    f = next(f for f in flips if {ch.kind for ch in f.changes} == {"request", "decision"})
    assert any("Art. 3" in line for line in f.proof)
    assert _rerun(s, f, "GHA", "ecowas-pmad-1981") == set(f.after)


def test_starting_from_another_reading(s2023: Any) -> None:
    flips = find_flips(s2023, "MLI", treaty=CHARTER, perspective="ecowas")
    readings = {f.changes[0].perspective for f in flips if f.changes[0].kind == "perspective"}
    assert readings == {"aes", "broad", "literal"}
    assert all(f.turned == "on" for f in flips if f.changes[0].kind == "perspective")


def test_to_dict_shape(chad: Any) -> None:
    d = chad[0].to_dict()
    assert set(d) == {"size", "turned", "changes", "before", "after", "proof"}
    assert d["changes"] == [{"kind": "membership", "description": chad[0].changes[0].description}]


def test_accession_to_a_listed_party_treaty_is_proposed() -> None:
    s = scenario_from_text("scenario: listed pact\ntreaties:\n"
                           + pact("listed-pact", ["BFA", "NER"], name="Listed Pact", trigger="armed_attack")
                           + RAID)
    flips = find_flips(s, "TCD", treaty="listed-pact")
    assert any(f.turned == "on" and f.size == 1 for f in flips)


MAY_OR_MUST = """
scenario: A state that may act under one pact and would be bound under another
treaties:
  - id: right-pact
    name: Right Pact
    signed: 2000-01-01
    in_force: 2000-01-01
    parties:
      members:
        - {party: MLI, since: 2000-01-01}
        - {party: NER, since: 2000-01-01}
    clauses:
      - id: right
        article: "1"
        text: If a party is attacked, the other party may assist it.
        text_kind: paraphrase
        trigger: {test: category, any_of: [armed_attack]}
        conditions: [{test: is_party, who: target}]
        obligor: each_other_party
        duty: assist
        means: unspecified
        strength: discretionary
        modality: permission
  - id: duty-pact
    name: Duty Pact
    signed: 2000-01-01
    in_force: 2000-01-01
    parties:
      members:
        - {party: MLI, since: 2000-01-01}
        - {party: BFA, since: 2000-01-01}
    clauses:
      - id: duty
        article: "2"
        text: If a party is attacked, the other parties shall assist it.
        text_kind: paraphrase
        trigger: {test: category, any_of: [armed_attack]}
        conditions: [{test: is_party, who: target}]
        obligor: each_other_party
        duty: assist
        means: armed_force_included
        strength: mandatory
events:
  - {id: strike, date: 2020-01-01, kind: armed_attack, actors: [MRT], target: MLI}
"""


def test_a_flip_from_a_permission_to_a_duty_says_from_may_to_must() -> None:
    scenario = scenario_from_text(MAY_OR_MUST)
    flips = find_flips(scenario, "NER")
    joins = next(f for f in flips if f.changes[0].description.startswith("NER becomes a party to the Duty Pact"))
    assert joins.turned == "from may to must"
    assert joins.before == ("strike right-pact right (may act)",)
    assert joins.after == ("strike duty-pact duty", "strike right-pact right (may act)")
    assert any(line.startswith("now obligated: assist MLI under Duty Pact Art. 2") for line in joins.proof)
    leaves = next(f for f in flips if f.changes[0].description.startswith("NER leaves the Right Pact"))
    assert leaves.turned == "off" and leaves.after == ()
    assert leaves.proof[0].startswith("may no longer act under Right Pact: the obligor is a party")


def test_a_flip_from_a_duty_to_a_permission_says_from_must_to_may() -> None:
    text = MAY_OR_MUST.replace("- {party: BFA, since: 2000-01-01}", "- {party: NER, since: 2000-01-01}")
    flips = find_flips(scenario_from_text(text), "NER", treaty=None)
    leaves = next(f for f in flips if f.changes[0].description.startswith("NER leaves the Duty Pact"))
    assert leaves.turned == "from must to may"
    assert leaves.after == ("strike right-pact right (may act)",)


def test_a_variant_reuses_what_its_change_leaves_alone_and_finds_the_same() -> None:
    """A change of the events keeps the world: the variant's compiled world is the scenario's treaties, graph and
    index; a change of the world recompiles only what it touches. Either way the findings are a fresh compile's."""
    from sahel_sim.analysis.flips import _with_events, _with_world
    from sahel_sim.scenario.load import Scenario

    scenario = load_scenario(S2023)
    events = _with_events(scenario, lambda e: e.model_copy(update={"consent": True}))
    assert events.compiled.G is scenario.compiled.G and events.compiled.index is scenario.compiled.index
    assert all(events.compiled.by_id[t] is c for t, c in scenario.compiled.by_id.items())
    world = scenario.world.model_copy(update={"memberships": scenario.world.memberships[1:]})
    changed = _with_world(scenario, world)
    assert changed.compiled.G is not scenario.compiled.G  # a membership changed: the graph is built again
    assert all(changed.compiled.by_id[t] is c for t, c in scenario.compiled.by_id.items())  # the clauses are not
    for variant in (events, changed):
        fresh = Scenario(variant.spec, variant.world, variant.path)
        assert simulate(variant).to_dict() == simulate(fresh).to_dict()
