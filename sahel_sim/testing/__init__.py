"""Hypothesis strategies for sahel-sim: valid worlds, treaties, events and scenarios.

Use them to state properties of *your own* treaties and scenarios ("whatever
happens, nobody owes Chad assistance under our pact"), or of the engine.
Everything drawn is valid by construction: it is built as plain data and
validated by the same models and reference checks as a user's file, and a
drawn scenario is written as YAML and read back through the real loader.

What there is:

* :func:`worlds`: states ``S1``..``Sn`` with territories (and regions),
  organisations ``O1``..``Ok`` with dated memberships, armed groups.
* :func:`conditions`, :func:`clauses`: the whole clause language (every
  test, ``all_of``/``any_of``/``not``, every obligor, beneficiary, adversary,
  duty, means and strength, exceptions); :func:`textbook_clauses` (collective
  defence) and :func:`mutual_clauses` (symmetric by construction).
* :func:`treaties`: a treaty with dated parties (an organisation's members or
  a list) and clauses.
* :func:`events`, :func:`event_lists`: events over any world (a synthetic one
  or the shipped library), aimed at given treaties: at their parties, on the
  boundary dates, with the mandates, requests and attributes their clauses test.
* :func:`scenario_documents`, :func:`scenarios`: whole scenarios, as the
  document a user would write, or loaded.
* Helpers: :func:`document`, :func:`to_yaml`, :func:`load_document`,
  :func:`relabel`, :func:`shuffled` (order-free lists only), :func:`mirror_event`
  (the same event with two actors' roles swapped), :func:`fact_holds`
  (re-check a fact a reason cites), :func:`party_windows`, :func:`readings`.

Each strategy is parameterised: sizes (``min_states``, ``max_events`` …),
date ranges (``start``, ``end``), which tests, which kinds of event, which
treaties.  Hypothesis is imported by this module, never by the command line's
start-up.

Examples:
    A property of one's own treaty, over the shipped world:

    >>> from hypothesis import given, settings
    >>> from sahel_sim import library_world, simulate
    >>> from sahel_sim.testing import scenarios
    >>> charter = library_world().treaty("liptako-gourma-charter")
    >>> @settings(max_examples=10, deadline=None)
    ... @given(scenarios(world=library_world(), treaties=[charter], library=library_world(), max_events=2))
    ... def test_chad_never_owes_assistance_under_the_charter(scenario):
    ...     result = simulate(scenario)
    ...     assert not [o for o in result.obligations if o.treaty == charter.id and o.obligor == "TCD"]
    >>> test_chad_never_owes_assistance_under_the_charter()

    A property of the engine, over synthetic worlds and drawn treaties:

    >>> from sahel_sim.graph.queries import is_party
    >>> @settings(max_examples=10, deadline=None)
    ... @given(scenarios())
    ... def test_only_parties_are_bound(scenario):
    ...     for o in simulate(scenario).obligations:
    ...         treaty = scenario.world.treaty(o.treaty)
    ...         assert is_party(scenario.graph, o.obligor, o.treaty, o.date) or o.obligor == treaty.organisation
    >>> test_only_parties_are_bound()

    A failing example is printed as a scenario file (``note(to_yaml(doc))``) that
    ``sahel-sim run`` can run as it is.
"""

from __future__ import annotations

from sahel_sim.testing._clauses import (
    ATTRIBUTE_VALUES,
    COMMON_CATEGORIES,
    SYMMETRIC_TESTS,
    clauses,
    conditions,
    mutual_clauses,
    textbook_clauses,
    treaties,
)
from sahel_sim.testing._events import KINDS, EventContext, event_lists, events, party_windows
from sahel_sim.testing._facts import RECHECKED, fact_holds
from sahel_sim.testing._scenarios import (
    document,
    load_document,
    mirror_event,
    relabel,
    scenario_documents,
    scenarios,
    shuffled,
    to_yaml,
)
from sahel_sim.testing._world import FIRST, HELD_SINCE, LAST, REGION_TAGS, dates, readings, worlds

__all__ = [
    "ATTRIBUTE_VALUES",
    "COMMON_CATEGORIES",
    "EventContext",
    "FIRST",
    "HELD_SINCE",
    "KINDS",
    "LAST",
    "RECHECKED",
    "REGION_TAGS",
    "SYMMETRIC_TESTS",
    "clauses",
    "conditions",
    "dates",
    "document",
    "event_lists",
    "events",
    "fact_holds",
    "load_document",
    "mirror_event",
    "mutual_clauses",
    "party_windows",
    "readings",
    "relabel",
    "scenario_documents",
    "scenarios",
    "shuffled",
    "textbook_clauses",
    "to_yaml",
    "treaties",
    "worlds",
]
