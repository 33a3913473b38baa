"""A stateful property: sequences of accessions, withdrawals and attacks against a reference model.

Hypothesis drives a :class:`~hypothesis.stateful.RuleBasedStateMachine` through
a history: states join and leave two pacts (one whose parties are an
organisation's members, one with a dated list of parties), and attack one
another, on a calendar that only moves forward.  After every step the whole
history is written as a scenario file, loaded and simulated, and the
obligations are compared with a plain Python model of the two clauses, a
dozen lines long.  A failure prints the steps and the scenario file.

The model, in words:

* a state is a party to a pact on a day when one of its memberships (or party
  entries) began on or before that day and had not ended by it;
* an armed attack by a state on a party, at home, binds every *other* party
  that is not an attacker to assist the party attacked;
* under the organisation's pact (defensive), not when the party attacked had
  attacked one of its attackers on an earlier day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from hypothesis import event, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from sahel_sim.api import simulate
from sahel_sim.testing import load_document, to_yaml

STATES = ("S1", "S2", "S3", "S4", "S5")
PACTS = ("org-pact", "list-pact")
START = date(2000, 1, 1)
# Often nothing moves the calendar: a step on the very day of the last one hits the boundaries
# (an attack on the day a withdrawal takes effect, or an accession).
DAYS = st.one_of(st.just(0), st.integers(0, 400))


def _clause(defensive: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": "mutual-defence", "article": "1", "text": "An aggression against a party at home obliges the others.",
        "text_kind": "paraphrase", "trigger": {"test": "category", "any_of": ["aggression"]},
        "conditions": [{"test": "is_party", "who": "target"}, {"test": "location_in_territory_of", "who": "target"}],
        "obligor": "each_other_party", "beneficiary": "target", "against": "attackers", "duty": "assist",
        "means": "armed_force_included", "strength": "mandatory", "mutual": True,
    }
    if defensive:
        out["exceptions"] = [{"when": {"test": "struck_first", "who": "target"}}]
    return out


@dataclass
class Model:
    """The reference: who belongs to which pact when, and the attacks so far."""

    spans: dict[tuple[str, str], list[list[date | None]]] = field(default_factory=dict)
    attacks: list[tuple[str, date, str, str]] = field(default_factory=list)

    def member(self, pact: str, state: str, day: date) -> bool:
        return any(s <= day and (u is None or day < u) for s, u in self.spans.get((pact, state), []))  # type: ignore[operator]

    def obligations(self) -> set[tuple[str, str, str, str]]:
        out = set()
        for eid, day, attacker, target in self.attacks:
            for pact in PACTS:
                if not self.member(pact, target, day):
                    continue
                if pact == "org-pact" and any(d < day and a == target and t == attacker for _, d, a, t in self.attacks):
                    continue  # the party attacked struck first
                for s in STATES:
                    if s not in (target, attacker) and self.member(pact, s, day):
                        out.add((eid, pact, s, target))
        return out


class PactHistory(RuleBasedStateMachine):
    """Accessions, withdrawals and attacks; the engine must agree with :class:`Model` throughout."""

    def __init__(self) -> None:
        super().__init__()
        self.model = Model()
        self.today = START

    @initialize(founders=st.lists(st.tuples(st.sampled_from(PACTS), st.sampled_from(STATES)), min_size=2, max_size=7,
                                  unique=True))
    def found(self, founders: list[tuple[str, str]]) -> None:
        """The founding parties, from the first day."""
        for pact, state in founders:
            self.model.spans[(pact, state)] = [[START, None]]

    @initialize(attacker=st.sampled_from(STATES), victim=st.sampled_from(STATES), days=DAYS)
    def first_attack(self, attacker: str, victim: str, days: int) -> None:
        """Every history has at least one attack, on a party if there is one."""
        if victim == attacker:
            victim = STATES[(STATES.index(attacker) + 1) % len(STATES)]
        self.attack(attacker, victim, days, at_a_party=True)

    def _parties_today(self) -> list[str]:
        return sorted({s for (pact, s) in self.model.spans if self.model.member(pact, s, self.today)})

    # -- the calendar only moves forward, so a step never rewrites the past

    def _advance(self, days: int) -> None:
        self.today += timedelta(days=days)

    @rule(pact=st.sampled_from(PACTS), state=st.sampled_from(STATES), days=DAYS)
    def accede(self, pact: str, state: str, days: int) -> None:
        self._advance(days)
        if not self.model.member(pact, state, self.today):
            self.model.spans.setdefault((pact, state), []).append([self.today, None])

    @rule(pick=st.integers(0, 20), days=st.integers(1, 400))
    def withdraw(self, pick: int, days: int) -> None:
        self._advance(days)
        open_ = [span for _, spans in sorted(self.model.spans.items()) for span in spans if span[1] is None]
        if open_:
            span = open_[pick % len(open_)]
            if span[0] < self.today:  # type: ignore[operator]
                span[1] = self.today

    @rule(attacker=st.sampled_from(STATES), victim=st.sampled_from(STATES), days=DAYS, at_a_party=st.booleans())
    def attack(self, attacker: str, victim: str, days: int, at_a_party: bool = False) -> None:
        """An armed attack; mostly on a state that is a party that day (the interesting case)."""
        self._advance(days)
        parties = [s for s in self._parties_today() if s != attacker]
        if at_a_party and parties:
            victim = parties[STATES.index(victim) % len(parties)]
        if attacker != victim:
            self.model.attacks.append((f"e{len(self.model.attacks) + 1}", self.today, attacker, victim))

    @rule(days=st.integers(0, 30))
    def retaliate(self, days: int) -> None:
        """The last state attacked strikes back at its attacker (so that "struck first" matters)."""
        if self.model.attacks:
            _, _, attacker, victim = self.model.attacks[-1]
            self.attack(victim, attacker, days, at_a_party=False)

    # -- the engine against the model

    def document(self) -> dict[str, Any]:
        def dated(s: date, u: date | None) -> dict[str, Any]:
            return {"since": s, **({"until": u} if u else {})}

        memberships = [{"member": st_, "of": "ORG", **dated(s, u)}  # type: ignore[arg-type]
                       for (pact, st_), spans in sorted(self.model.spans.items()) if pact == "org-pact" for s, u in spans]
        listed = [{"party": st_, **dated(s, u)}  # type: ignore[arg-type]
                  for (pact, st_), spans in sorted(self.model.spans.items()) if pact == "list-pact" for s, u in spans]
        treaties: list[dict[str, Any]] = [
            {"id": "org-pact", "name": "Organisation pact", "signed": START, "in_force": START,
             "organisation": "ORG", "parties": {"organisation": "ORG"}, "clauses": [_clause(True)]}]
        if listed:
            treaties.append({"id": "list-pact", "name": "Listed pact", "signed": START, "in_force": START,
                             "parties": {"members": listed}, "clauses": [_clause(False)]})
        return {
            "scenario": "A history of accessions, withdrawals and attacks",
            "actors": [{"id": s, "kind": "state", "name": f"State {s}"} for s in STATES]
            + [{"id": "ORG", "kind": "organisation", "name": "The organisation"}],
            "territories": [{"id": s, "name": f"Land of {s}", "holders": [{"state": s, "since": date(1960, 1, 1)}]}
                            for s in STATES],
            "memberships": memberships,
            "treaties": treaties,
            "events": [{"id": eid, "date": day, "kind": "armed_attack", "actors": [a], "target": t}
                       for eid, day, a, t in self.model.attacks],
        }

    @invariant()
    def the_engine_agrees_with_the_model(self) -> None:
        if not self.model.attacks:
            return
        doc = self.document()
        result = simulate(load_document(doc))
        got = {(o.event, o.treaty, o.obligor, o.beneficiary) for o in result.obligations}
        want = self.model.obligations()
        event("some obligations" if want else "no obligation")
        if any(pact == "list-pact" for pact, _ in self.model.spans):
            event("both pacts have parties")
        if got != want:
            note("scenario file:\n" + to_yaml(doc))
        assert got == want, f"engine only: {sorted(got - want)}; model only: {sorted(want - got)}"


PactHistory.TestCase.settings = settings(stateful_step_count=12)
TestPactHistory = PactHistory.TestCase
TestPactHistory.__doc__ = """Accession, withdrawal and attack sequences: the engine agrees with a plain reference model.

Legal intuition: membership is a matter of dates.  Who owes what on a day depends only on who
had joined and not yet left by that day (a withdrawal takes effect on its date, an accession on
its own), and on what happened before that day (who struck first), never on the order in which
the facts were recorded.
"""
