"""Shared fixtures for the analysis features: shipped scenarios and small synthetic worlds.

The synthetic worlds are written as scenario YAML on top of the shipped library, with
actors whose ids (AAA, BBB …, XXX) the library does not use, so that their facts are
chosen for the test and the shipped treaties never bind them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
S2023 = SCENARIOS / "ecowas-intervention-niger-2023-10.yaml"
S2025 = SCENARIOS / "ecowas-intervention-niger-2025-03.yaml"

CHARTER = "liptako-gourma-charter"
NON_AGGRESSION = "ecowas-non-aggression-1978"
INTERVENING = ("NGA", "SEN", "CIV", "BEN")  # the event's actors, in file order

DENSE_STATES = ("AAA", "BBB", "CCC", "DDD", "EEE")


def _actors(states: Iterable[str]) -> str:
    return "\n".join(f"  - {{id: {s}, kind: state, name: Land {s}}}" for s in states)


def _territories(states: Iterable[str]) -> str:
    return "\n".join(f"  - {{id: {s}, name: Land {s}, holders: [{{state: {s}, since: 1960-01-01}}]}}"
                     for s in states)


def pact(treaty_id: str, members: Iterable[str], *, name: str | None = None, trigger: str = "aggression") -> str:
    """An inline mutual-defence treaty (dated party list) as a YAML list item, indented for ``treaties:``."""
    rows = "\n".join(f"        - {{party: {m}, since: 2000-01-01}}" for m in members)
    return f"""\
  - id: {treaty_id}
    name: "{name or treaty_id}"
    signed: 2000-01-01
    in_force: 2000-01-01
    parties:
      members:
{rows}
    clauses:
      - id: art-1
        article: "1"
        text: an attack on one party is an attack on all; each other party assists it with armed force
        text_kind: paraphrase
        trigger: {{test: category, any_of: [{trigger}]}}
        conditions:
          - {{test: is_party, who: target}}
        obligor: each_other_party
        duty: assist
        means: armed_force_included
        strength: mandatory
"""


RAID = "events:\n  - {id: raid, date: 2012-01-01, kind: armed_attack, actors: [NGA], target: NER, location: NER}\n"


HAWK = """\
  - id: hawk
    name: Hawk reading
    description: every armed action by a state is an aggression, responses in collective defence included
    rules:
      - id: all-force-is-aggression
        when:
          all_of:
            - {test: event_kind, kinds: [military_intervention, armed_attack]}
            - {test: actor_kind, who: attackers, kinds: [state]}
        add: [aggression]
"""


def dense_yaml(states: Iterable[str] = DENSE_STATES, *, events: str | None = None, policy: str = "",
               expect: str = "") -> str:
    """Every state in one mutual-defence pact; under the 'hawk' reading every response is itself an aggression."""
    states = tuple(states)
    events = events or "  - {id: e1, date: 2020-01-01, kind: armed_attack, actors: [AAA], target: BBB, location: BBB}\n"
    return (f"scenario: dense pact\nperspective: hawk\nactors:\n{_actors(states)}\n"
            f"territories:\n{_territories(states)}\nperspectives:\n{HAWK}"
            f"treaties:\n{pact('dense-pact', states)}{policy}\nevents:\n{events}{expect}")


def both_sides_yaml() -> str:
    """XXX is allied with AAA (pact-a) and with BBB (pact-b); AAA and BBB attack each other the same day."""
    states = ("AAA", "BBB", "XXX")
    events = ("  - {id: e1, date: 2020-01-01, kind: armed_attack, actors: [BBB], target: AAA, location: AAA}\n"
              "  - {id: e2, date: 2020-01-01, kind: armed_attack, actors: [AAA], target: BBB, location: BBB}\n")
    return (f"scenario: two alliances\nperspective: hawk\nactors:\n{_actors(states)}\n"
            f"territories:\n{_territories(states)}\nperspectives:\n{HAWK}"
            f"treaties:\n{pact('pact-a', ('XXX', 'AAA'))}{pact('pact-b', ('XXX', 'BBB'))}\nevents:\n{events}")


@pytest.fixture(scope="session")
def s2023() -> Any:
    """The shipped ECOWAS intervention in Niger of Oct 2023 (after the Charter, before the ECOWAS exit)."""
    from sahel_sim import load_scenario

    return load_scenario(S2023)


@pytest.fixture(scope="session")
def s2025() -> Any:
    """The same intervention in Mar 2025, after the ECOWAS exit."""
    from sahel_sim import load_scenario

    return load_scenario(S2025)


@pytest.fixture(scope="session")
def cascade2023(s2023: Any) -> Any:
    """``simulate(..., cascade=3)`` on the 2023 scenario."""
    from sahel_sim import simulate

    return simulate(s2023, cascade=3)


@pytest.fixture(scope="session")
def dense() -> Any:
    """The dense synthetic world with one attack, AAA on BBB."""
    from sahel_sim import scenario_from_text

    return scenario_from_text(dense_yaml())
