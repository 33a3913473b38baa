"""A sweep's variant compiles only what its change touches, and finds what a fresh compile finds."""

from __future__ import annotations

from pathlib import Path

from sahel_sim import load_scenario, simulate
from sahel_sim.analysis.sweep import _apply_accession, _apply_compliance
from sahel_sim.scenario.load import Scenario

NIGER = Path(__file__).resolve().parents[2] / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"


def test_a_variant_reuses_the_scenarios_compiled_world_where_it_can() -> None:
    scenario = load_scenario(NIGER)
    compliance = _apply_compliance(scenario, "MLI+BFA")
    assert compliance.compiled.G is scenario.compiled.G  # the same world
    accession = _apply_accession(scenario, "TCD:AES")
    assert accession.compiled.G is not scenario.compiled.G  # a membership more
    assert all(accession.compiled.by_id[t] is c for t, c in scenario.compiled.by_id.items())
    for variant in (compliance, accession):
        fresh = Scenario(variant.spec, variant.world, variant.path)
        assert simulate(variant, cascade=2).to_dict() == simulate(fresh, cascade=2).to_dict()
