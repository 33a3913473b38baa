"""Helpers shared by the property tests (the strategies themselves are public: ``sahel_sim.testing``)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any, Iterable, Mapping

from hypothesis import note
from hypothesis.control import currently_in_test_context

from sahel_sim.api import simulate
from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.treaty import Beneficiary, Clause, Treaty
from sahel_sim.engine.findings import Obligation, SimulationResult
from sahel_sim.scenario.load import Scenario
from sahel_sim.testing import load_document, to_yaml


def load(doc: Mapping[str, Any]) -> Scenario:
    """Load a drawn document; inside a test, note it as YAML so a failure prints a runnable scenario."""
    if currently_in_test_context():
        note("scenario file:\n" + to_yaml(doc))
    return load_document(doc)


def run(doc: Mapping[str, Any], **options: Any) -> tuple[Scenario, SimulationResult]:
    """Load and simulate a drawn document."""
    scenario = load(doc)
    return scenario, simulate(scenario, **options)


def duty(o: Obligation) -> tuple[Any, ...]:
    """What an obligation binds, without its reasons or round."""
    return (o.event, o.treaty, o.ref.clause, o.obligor, o.beneficiary, tuple(o.against), o.duty, o.means, o.strength)


def event_of(scenario: Scenario, event_id: str) -> Any:
    return next(e for e in scenario.events if e.id == event_id)


def clause_of(scenario: Scenario, o: Any) -> Clause:
    return scenario.world.treaty(o.treaty).clause(o.ref.clause)


def beneficiary_of(treaty: Treaty, clause: Clause, event: Any) -> str | None:
    """Whom the clause's duty is owed to for this event (as the engine reads it)."""
    if clause.beneficiary is Beneficiary.target:
        return event.target
    if clause.beneficiary is Beneficiary.organisation:
        return treaty.organisation
    return None


def findings(result: SimulationResult, mapping: Mapping[str, str] | None = None) -> tuple[Counter[Any], Counter[Any]]:
    """Obligations and non-obligations as multisets of their legal content, actors renamed by ``mapping``.

    Reason *texts* are left out (they name actors in sentences); the failing test, its role and
    its truth value are kept, so a renamed world must fail the same condition.
    """
    m = mapping or {}

    def r(x: str | None) -> str | None:
        return m.get(x, x) if x is not None else None

    obligations = Counter((o.event, o.treaty, o.ref.clause, r(o.obligor), r(o.beneficiary),
                           tuple(sorted(r(a) or "" for a in o.against)), o.duty, o.means, o.strength)
                          for o in result.obligations)
    non = Counter((n.event, n.treaty, n.ref.clause, r(n.party), n.reason.test, n.reason.role, n.reason.holds)
                  for n in result.non_obligations)
    return obligations, non


def leaves(clause: Clause) -> list[Any]:
    return [x for cond in (clause.trigger, *clause.conditions, *(e.when for e in clause.exceptions)) for x in c.walk(cond)]


MEMBERSHIP_TESTS = (c.IsPartyTest, c.MemberOfTest)


def membership_polarities(clause: Clause) -> set[bool]:
    """In which polarities (True: helps the clause bind) party and membership tests occur.

    Trigger and conditions are positive, exceptions negative, ``not`` flips; ``location_in_territory_of
    parties`` counts as a party test.
    """
    out: set[bool] = set()

    def visit(cond: Any, positive: bool) -> None:
        if isinstance(cond, (c.AllOf, c.AnyOf)):
            for x in cond.conditions:
                visit(x, positive)
        elif isinstance(cond, c.Not):
            visit(cond.condition, not positive)
        elif isinstance(cond, MEMBERSHIP_TESTS) or (isinstance(cond, c.LocationInTerritoryOfTest) and cond.who == "parties"):
            out.add(positive)

    for cond in (clause.trigger, *clause.conditions):
        visit(cond, True)
    for e in clause.exceptions:
        visit(e.when, False)
    return out


def end_membership(doc: dict[str, Any], where: tuple[Any, ...], end: date) -> dict[str, Any]:
    """The document with one membership (``("memberships", j)``) or party entry (``("treaties", k, j)``) ended on ``end``."""
    doc = {**doc}
    if where[0] == "memberships":
        items = [dict(x) for x in doc["memberships"]]
        entry = items[where[1]]
        entry.pop("withdrawal", None)
        entry["until"] = end
        doc["memberships"] = items
    else:
        treaties = [dict(t) for t in doc["treaties"]]
        t = treaties[where[1]]
        members = [dict(x) for x in t["parties"]["members"]]
        members[where[2]]["until"] = end
        t["parties"] = {**t["parties"], "members": members}
        doc["treaties"] = treaties
    return doc


def entries(doc: Mapping[str, Any]) -> Iterable[tuple[tuple[Any, ...], str, str, date, date | None]]:
    """Every membership and party-list entry: (where, who, of, since, until)."""
    for j, m in enumerate(doc.get("memberships", [])):
        until = m.get("until") or (m.get("withdrawal") or {}).get("effective")
        yield ("memberships", j), m["member"], m["of"], m["since"], until
    for k, t in enumerate(doc.get("treaties", [])):
        if isinstance(t, dict):
            for j, p in enumerate(t.get("parties", {}).get("members", [])):
                yield ("treaties", k, j), p["party"], t["id"], p["since"], p.get("until")


STATE = re.compile(r"^S\d+$")
