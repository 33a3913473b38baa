"""Properties of a scenario as a history, and of clauses that name states.

- A request dated after a duty binds never takes the duty away (it counts only from its own date).
- A duty bound from a date D is not reported for D - 1 in a timeline, and is reported on D.
- Renaming a state a clause names (``actor_is``), in the clause and in the world together,
  renames the result and changes nothing else.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, strategies as st

from sahel_sim import simulate
from sahel_sim.api import library_readings, reading_worlds
from sahel_sim.engine.readings import LibraryReadings
from sahel_sim.analysis.timeline import build_timeline
from sahel_sim.scenario.load import scenario_from_text
from sahel_sim.testing import clauses, relabel, scenario_documents, treaties
from sahel_sim.world import World
from tests.properties.property_support import duty, findings, run


def _with_tests(*tests: str) -> Any:
    """``treaties=`` for scenario_documents: treaties whose clauses draw only on these tests (and any others)."""
    def make(world: World) -> st.SearchStrategy[list[Any]]:
        def clause(w: World, **kw: Any) -> Any:
            return clauses(w, tests=list(tests), **kw)
        return treaties(world, treaty_id="pact-1", clause=clause, max_clauses=2).map(lambda t: [t])
    return make


DATED = scenario_documents(treaties=_with_tests("category", "is_party", "requested", "decided", "invoked",
                                                "determined", "actor_is", "event_kind"), max_events=2)


@given(DATED, st.integers(1, 30))
def test_a_later_request_never_removes_a_duty(doc: dict[str, Any], days: int) -> None:
    """Add, to every event, a request by its target dated after every duty binds: every duty stays, no later."""
    scenario, before = run(doc)
    last = max([o.binds_from for o in before.obligations] + [e.date for e in scenario.events])
    later = date.fromordinal(min(last.toordinal() + days, date(2199, 12, 31).toordinal()))
    events = []
    for e in doc["events"]:
        orgs = [a["id"] for a in doc.get("actors", []) if a.get("kind") == "organisation"] or [e["target"]]
        asked = {"by": e["target"], "to": orgs[0], "form": "written", "date": later}
        events.append({**e, "requests": [*e.get("requests", []), asked]})
    _, after = run({**doc, "events": events})
    now = {duty(o): o.binds_from for o in after.obligations}
    for o in before.obligations:
        assert duty(o) in now, f"a request of {later} took away {duty(o)}"
        assert now[duty(o)] <= o.binds_from


PMAD = """
scenario: attack on Senegal, with a request and a decision
events:
  - id: attack
    date: 2020-03-01
    kind: armed_attack
    actors: [MRT]
    target: SEN
    requests: [{{by: SEN, to: ECOWAS, form: written, date: {request}}}]
    decisions: [{{organisation: ECOWAS, organ: authority, date: {decision}}}]
"""


@pytest.fixture(scope="module")
def library() -> LibraryReadings:
    """The library's readings, worked out once for every drawn scenario (as ``check`` shares them)."""
    return library_readings()


@given(st.integers(0, 12), st.integers(0, 12))
def test_a_duty_bound_from_a_date_is_not_on_the_day_before(library: LibraryReadings, request_days: int,
                                                           decision_days: int) -> None:
    """The ECOWAS Defence Protocol's Art. 3 switches on in a timeline on the day it binds, not a day earlier."""
    start = date(2020, 3, 1)
    request, decision = start + timedelta(days=request_days), start + timedelta(days=decision_days)
    s = scenario_from_text(PMAD.format(request=request, decision=decision))
    bound = max(request, decision)
    # the library's readings shared across examples: the same findings as a run that builds its own
    # (tests/engine/test_library_readings.py)
    result = simulate(s, readings=reading_worlds(s, library))
    (o, *_) = [o for o in result.obligations if o.treaty == "ecowas-pmad-1981" and o.article == "3"]
    assert o.binds_from == bound
    tl = build_timeline(s, start - timedelta(days=3), start + timedelta(days=20))
    spans = [(since, until) for ob, since, until in tl.spans()
             if ob.treaty == "ecowas-pmad-1981" and ob.article == "3" and ob.obligor == "NGA"]
    assert spans and spans[0][0] == bound, spans
    day_before = [st_ for st_ in tl.steps if st_.date == bound - timedelta(days=1)]
    assert all(not any(x.treaty == "ecowas-pmad-1981" and x.obligor == "NGA" for x in step.on) for step in day_before)


NAMED = scenario_documents(treaties=_with_tests("category", "is_party", "actor_is"), max_events=3)


@given(st.data())
def test_renaming_a_named_state_in_clause_and_world_changes_nothing_else(data: st.DataObject) -> None:
    """Rename the states an ``actor_is`` names, in the clause and in the world: the same duties, renamed."""
    doc = data.draw(NAMED)
    named = sorted({a for t in doc.get("treaties", []) if isinstance(t, dict) for cl in t.get("clauses", [])
                    for a in _named(cl)})
    states = [a["id"] for a in doc.get("actors", []) if a["kind"] == "state"]
    fresh = {s: f"{s}X" for s in named if s in states}
    _, plain = run(doc)
    _, renamed = run(relabel(doc, fresh))
    assert findings(renamed) == findings(plain, fresh)


def _named(node: Any) -> list[str]:
    """Every state an ``actor_is`` test names, anywhere in a clause document."""
    if isinstance(node, dict):
        own = list(node.get("actors", [])) if node.get("test") == "actor_is" else []
        return own + [a for v in node.values() for a in _named(v)]
    if isinstance(node, list):
        return [a for v in node for a in _named(v)]
    return []
