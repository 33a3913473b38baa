"""actor_in_region: an actor whose own territory carries a region tag ('a European Power')."""

from __future__ import annotations

import pytest

from sahel_sim import simulate
from sahel_sim.errors import ScenarioError
from sahel_sim.scenario.load import scenario_from_text

PACT = """treaties:
  - id: europe-pact
    name: Europe pact
    signed: 1990-01-01
    in_force: 1990-01-01
    parties:
      members:
        - {party: FRA, since: 1990-01-01}
        - {party: ESP, since: 1990-01-01}
    clauses:
      - id: art-1
        article: "1"
        text: consultation when a European state attacks a party
        text_kind: paraphrase
        trigger: {test: event_kind, kinds: [armed_attack]}
        conditions:
          - {test: is_party, who: target}
          - {test: actor_in_region, who: attackers, regions: %s}
        obligor: each_other_party
        duty: consult
        means: none
        strength: consultation
"""


def _esp(attacker: str, regions: str = "[europe]"):  # noqa: ANN202
    text = (f"scenario: x\nevents:\n  - {{id: e1, date: 2000-01-01, kind: armed_attack, actors: [{attacker}], "
            f"target: FRA}}\n" + PACT % regions)
    result = simulate(scenario_from_text(text), parties=["ESP"]).events[0]
    bound = [o for o in result.obligations if o.ref.treaty == "europe-pact"]
    not_bound = [n for n in result.non_obligations if n.ref.treaty == "europe-pact" and n.party == "ESP"]
    return bound, not_bound


def test_a_european_attacker_satisfies_it() -> None:
    bound, _ = _esp("DEU")
    assert [(o.obligor, o.duty) for o in bound] == [("ESP", "consult")]
    assert "DEU's territory is in europe" in str(bound[0].reasons)


def test_an_attacker_elsewhere_fails_it_with_where_it_is() -> None:
    bound, not_bound = _esp("ARG")
    assert bound == []
    assert "ARG's territory is in south_america only" in str(not_bound[0].reason)
    bound, _ = _esp("ARG", "[europe, south_america]")
    assert [o.obligor for o in bound] == ["ESP"]


def test_an_actor_without_a_territory_of_its_own_is_in_no_region() -> None:
    bound, not_bound = _esp("AQ")
    assert bound == []
    assert "AQ has no territory of its own" in str(not_bound[0].reason)


def test_it_needs_at_least_one_region() -> None:
    with pytest.raises(ScenarioError, match="regions"):
        _esp("DEU", "[]")
