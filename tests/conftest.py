"""Shared fixtures: the shipped library, its graph, scenarios from text, and a tiny world.

The tiny world is self-contained (four states, one organisation, one armed
group, one mutual-defence pact), so engine and predicate tests do not depend
on the shipped data and can pin the engine's logic with facts chosen for it.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIO_DIR = ROOT / "scenarios"


@pytest.fixture(autouse=True)
def _no_columns_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with no COLUMNS in the environment, as a pipe from a plain shell has none.

    A report on standard output is as wide as COLUMNS says when it is set; the runner may set it (a
    test process of ``-n auto`` has COLUMNS=80), so a test that wants a width sets it itself.
    """
    monkeypatch.delenv("COLUMNS", raising=False)

# --------------------------------------------------------------------------- tiny world
#
#   AAA, BBB, CCC, DDD: states.  ORG: an organisation with a council.  GRP: an armed group.
#   AAA-NORTH: a region of AAA (inherits AAA's holder and its "west" tag).
#   ORG members: AAA and BBB since 2000-01-01; CCC from 2000-01-01 until it withdrew
#   with effect from 2020-01-01.  DDD is never a member.
#   "pact" (ORG's members; in force 2001-06-01): Art. 1 mutual defence with a
#   "struck first" exception.  "listed-pact" (dated party list): AAA from 2005,
#   DDD from 2005 until 2010; terminated 2015-01-01.
TINY_WORLD_YAML = """
categories:
  - {id: armed_attack, description: An armed attack by a state.}
  - {id: terrorism, description: A terrorist attack.}
perspectives:
  - id: literal
    name: Plain reading
    description: Armed force by a state without consent is an armed attack.
    rules:
      - id: state-force
        when:
          all_of:
            - {test: event_kind, kinds: [armed_attack, incursion]}
            - {test: actor_kind, who: attackers, kinds: [state]}
            - {not: {test: consented}}
        add: [armed_attack]
      - id: terror
        text: a terrorist attack
        when: {test: event_kind, kinds: [terrorist_attack]}
        add: [terrorism]
actors:
  - {id: AAA, kind: state, name: Aland}
  - {id: BBB, kind: state, name: Bland}
  - {id: CCC, kind: state, name: Cland}
  - {id: DDD, kind: state, name: Dland}
  - id: ORG
    kind: organisation
    name: Organisation
    organs: [{id: council, name: Council}]
  - {id: GRP, kind: armed_group, name: The Group}
territories:
  - {id: AAA, name: Aland, holders: [{state: AAA, since: 1960-01-01}], regions: [west]}
  - {id: AAA-NORTH, name: North Aland, kind: region, part_of: AAA, regions: [desert]}
  - {id: BBB, name: Bland, holders: [{state: BBB, since: 1960-01-01}], regions: [west]}
  - {id: CCC, name: Cland, holders: [{state: CCC, since: 1960-01-01}], regions: [east]}
  - {id: DDD, name: Dland, holders: [{state: DDD, since: 1960-01-01}], regions: [east]}
memberships:
  - {member: AAA, of: ORG, since: 2000-01-01}
  - {member: BBB, of: ORG, since: 2000-01-01}
  - member: CCC
    of: ORG
    since: 2000-01-01
    withdrawal: {notified: 2019-01-01, effective: 2020-01-01}
relations:
  - {kind: troop_presence, from: AAA, to: BBB, since: 2010-01-01, until: 2012-01-01}
treaties:
  - id: pact
    name: Pact of Mutual Defence
    short_name: Pact
    signed: 2001-01-01
    in_force: 2001-06-01
    organisation: ORG
    parties: {organisation: ORG}
    sources: [invented for the test suite]
    clauses:
      - id: art-1-defence
        article: "1"
        text: An armed attack on a party's territory obliges each other party to assist it.
        text_kind: paraphrase
        trigger: {test: category, any_of: [armed_attack]}
        conditions:
          - {test: is_party, who: target, label: the state attacked is a party}
          - {test: location_in_territory_of, who: target, label: the attack is on its territory}
        exceptions:
          - when: {test: struck_first, who: target}
            text: no duty to assist a party that struck first
        obligor: each_other_party
        duty: assist
        means: armed_force_included
        strength: mandatory
  - id: listed-pact
    name: Listed Pact
    signed: 2005-01-01
    in_force: 2005-01-01
    terminated: 2015-01-01
    parties:
      members:
        - {party: AAA, since: 2005-01-01}
        - {party: DDD, since: 2005-01-01, until: 2010-01-01}
    note: invented for the test suite
"""


def _build_tiny_world() -> Any:
    from sahel_sim.world import World
    from sahel_sim.scenario.references import world_references
    from sahel_sim.scenario.validation import validate
    from sahel_sim.scenario.yaml_source import parse_yaml

    world = validate(World, parse_yaml(TINY_WORLD_YAML, "<tiny world>"))
    problems = world_references(world)
    assert not problems, problems
    return world


@pytest.fixture(scope="session")
def world() -> Any:
    """The shipped library (actors, territories, memberships, treaties, perspectives)."""
    from sahel_sim import library_world

    return library_world()


@pytest.fixture(scope="session")
def graph(world: Any) -> Any:
    """The shipped library's world graph."""
    from sahel_sim.graph import build_graph

    return build_graph(world)


@pytest.fixture(scope="session")
def compiled(world: Any) -> Any:
    """The shipped library's compiled world (graph, index, split clauses)."""
    from sahel_sim.graph import compile_world

    return compile_world(world)


@pytest.fixture(scope="session")
def tiny_world() -> Any:
    """A small self-contained world (see the module docstring)."""
    return _build_tiny_world()


@pytest.fixture(scope="session")
def tiny_graph(tiny_world: Any) -> Any:
    """The tiny world's graph."""
    from sahel_sim.graph import build_graph

    return build_graph(tiny_world)


class ShippedRuns:
    """Default runs of scenario files, each done once per test process and shared by the tests that read it.

    ``runs.result(path)`` is ``simulate(load_scenario(path))``, computed the first time a test asks for
    that file; results are frozen values, so every test reads the same one.  Several modules judge every
    shipped scenario with the defaults (the French answers, the results document, the facts a leaf test
    cites); each file is now run once where they share a test process.  A test that runs a scenario in
    another way, or changes it, still calls ``simulate`` itself.
    """

    def __init__(self) -> None:
        self._results: dict[Path, Any] = {}

    def result(self, path: Path) -> Any:
        """``simulate(load_scenario(path))``, run once."""
        key = Path(path).resolve()
        if key not in self._results:
            from sahel_sim import load_scenario, simulate

            self._results[key] = simulate(load_scenario(path))
        return self._results[key]


@pytest.fixture(scope="session")
def shipped_runs() -> ShippedRuns:
    """Each scenario file's default run, done once per test process (:class:`ShippedRuns`)."""
    return ShippedRuns()


@pytest.fixture
def make_scenario() -> Callable[..., Any]:
    """Build a scenario from (dedented) YAML text; ``library=`` picks another world."""
    from sahel_sim import scenario_from_text

    def make(text: str, **kwargs: Any) -> Any:
        return scenario_from_text(textwrap.dedent(text), **kwargs)

    return make


@pytest.fixture
def make_event() -> Callable[..., Any]:
    """Build an :class:`Event` with sensible defaults (``id=e1``, ``kind=incursion``)."""
    from sahel_sim.model.events import Event

    def make(**fields: Any) -> Any:
        data: dict[str, Any] = {"id": "e1", "date": date(2010, 1, 1), "kind": "incursion"}
        data.update(fields)
        return Event.model_validate(data)

    return make


# --------------------------------------------------------------------------- Hypothesis profiles
#
# ``quick`` (the default, under CI or not; ``ci`` is another name for it): bounded and derandomised, so every run
# draws the same examples and README's test command stays within minutes on two cores.
# ``thorough``: many more examples, random each run, for long runs before a release or after a
# change to the engine (HYPOTHESIS_PROFILE=thorough python -m pytest).  Either way a failure prints
# the shrunk example (the property tests ``note()`` it as a scenario file) and a
# ``@reproduce_failure`` blob.  Tests that pin their own ``max_examples`` keep it under every profile.
import os as _os

from hypothesis import HealthCheck as _HealthCheck
from hypothesis import settings as _settings

PROFILES = {
    "quick": dict(max_examples=30, derandomize=True, deadline=None, database=None, print_blob=True,
                  suppress_health_check=[_HealthCheck.too_slow]),
    "thorough": dict(max_examples=1000, derandomize=False, deadline=None, print_blob=True, suppress_health_check=[_HealthCheck.too_slow]),
}
PROFILES["ci"] = PROFILES["quick"]
PROFILES["dev"] = dict(PROFILES["thorough"], max_examples=200)
for _name, _options in PROFILES.items():
    _settings.register_profile(_name, **_options)
_settings.load_profile(_os.environ.get("HYPOTHESIS_PROFILE") or "quick")
