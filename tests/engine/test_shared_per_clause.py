"""What a clause's judgement shares between candidates: grounds, statuses, and the candidate's own situation."""

from __future__ import annotations

from typing import Any

from sahel_sim import scenario_from_text, simulate

PACT = """
scenario: shared
treaties:
  - id: pact
    name: Pact
    signed: 2000-01-01
    in_force: 2000-01-01
    confidence: {treaty}
    parties:
      members:
        - {{party: GHA, since: 2000-01-01, confidence: {gha}}}
        - {{party: TGO, since: 2001-01-01, confidence: {tgo}}}
        - {{party: BEN, since: 2000-01-01}}
    clauses:
      - id: defence
        article: "1"
        text: each party shall assist the party attacked
        text_kind: paraphrase
        trigger: {{test: category, any_of: [armed_attack]}}
        conditions: [{{test: is_party, who: target}}{extra}]
        obligor: each_other_party
        duty: assist
        means: unspecified
        strength: {strength}
events:
  - {{id: e1, date: 2020-06-01, kind: armed_attack, actors: [NGA], target: GHA, confidence: {event}}}
"""


def _run(treaty: str = "confirmed", gha: str = "confirmed", tgo: str = "confirmed", event: str = "confirmed",
         strength: str = "mandatory", extra: str = "") -> dict[str, Any]:
    text = PACT.format(treaty=treaty, gha=gha, tgo=tgo, event=event, strength=strength, extra=extra)
    doc = simulate(scenario_from_text(text)).to_dict()
    return {o["obligor"]: o for o in doc["obligations"] if o["treaty"] == "pact"}


def test_confirmed_entries_give_no_grounds() -> None:
    found = _run()
    assert set(found) == {"TGO", "BEN"}
    assert all(o["rests_on"] == [] and o["confidence"] == "confirmed" for o in found.values())


def test_the_beneficiary_s_and_the_obligor_s_uncertain_entries_are_grounds() -> None:
    """The beneficiary's entry is read once for the clause and event; every obligation under it rests on it."""
    found = _run(gha="secondary", tgo="disputed")
    beneficiary = {"fact": "GHA (beneficiary) is a party since 2000-01-01", "confidence": "secondary", "source": None}
    assert found["BEN"]["rests_on"] == [beneficiary]
    assert found["BEN"]["confidence"] == "secondary"
    assert found["TGO"]["rests_on"] == [
        {"fact": "TGO (obligor) is a party since 2001-01-01", "confidence": "disputed", "source": None}, beneficiary]
    assert found["TGO"]["confidence"] == "disputed"


def test_an_uncertain_treaty_and_event_are_grounds_of_every_obligation() -> None:
    found = _run(treaty="recalled", event="secondary")
    for o in found.values():
        facts = [b["fact"] for b in o["rests_on"]]
        assert facts == ["the Pact is in force (from 2000-01-01)", "the event e1 as described"]
        assert o["confidence"] == "recalled"


def test_the_status_follows_the_clause_s_strength() -> None:
    assert {o["status"] for o in _run(strength="discretionary").values()} == {"bound_discretion"}
    assert {o["status"] for o in _run(strength="consultation").values()} == {"must_consult"}
    assert {o["status"] for o in _run().values()} == {"bound"}


def test_a_condition_on_the_obligor_is_judged_for_each_candidate() -> None:
    """A condition on the obligor reads each candidate in its place: the one it names is left out, by name."""
    found = _run(extra=", {test: not, condition: {test: actor_is, who: obligor, actors: [TGO]}}")
    assert set(found) == {"BEN"}
    reasons = [r["test"] for r in found["BEN"]["reasons"]]
    assert reasons[-1] == "not"
    assert "BEN" in found["BEN"]["reasons"][-1]["children"][0]["facts"][0]["text"]


def test_every_asked_actor_is_told_the_treaty_is_not_in_force() -> None:
    """The reason is the same for each asked actor (built once for the treaty and event), one finding each."""
    text = PACT.format(treaty="secondary", gha="confirmed", tgo="confirmed", event="confirmed", strength="mandatory",
                       extra="").replace("in_force: 2000-01-01", "in_force: 2021-01-01")
    doc = simulate(scenario_from_text(text), parties=["TGO", "BEN", "GHA"]).to_dict()
    told = [n for n in doc["non_obligations"] if n["treaty"] == "pact"]
    assert [n["party"] for n in told] == ["BEN", "GHA", "TGO"]
    for n in told:
        assert n["reason"]["test"] == "treaty_in_force" and n["checks"] == [n["reason"]]
        assert n["reason"]["facts"][0]["text"] == (
            "the Pact is not in force on 2020-06-01 (in force from 2021-01-01; signed 2000-01-01)")
        assert n["confidence"] == "secondary"
        assert n["rests_on"] == [{"fact": "the Pact's entry into force (2021-01-01)", "confidence": "secondary",
                                  "source": None}]


def test_an_asked_actor_outside_the_treaty_is_told_it_is_not_a_party() -> None:
    text = PACT.format(treaty="confirmed", gha="confirmed", tgo="confirmed", event="confirmed", strength="mandatory",
                       extra="")
    doc = simulate(scenario_from_text(text), parties=["CIV", "TGO"]).to_dict()
    told = [n for n in doc["non_obligations"] if n["treaty"] == "pact" and n["reason"]["test"] == "is_party"]
    assert [n["party"] for n in told] == ["CIV"]  # GHA, the party attacked, is told why it owes itself nothing
    reason = told[0]["reason"]
    assert (reason["test"], reason["role"], reason["holds"]) == ("is_party", "builtin", False)
    assert reason["text"] == "the obligor is a party on the event date"
    assert reason["facts"] == [{"predicate": "not_party", "args": ["CIV", "pact", "2020-06-01"],
                                "text": "CIV is not a party to the Pact on 2020-06-01"}]
    assert told[0]["article"] is None and told[0]["clause"] is None
    assert "TGO" in {o["obligor"] for o in doc["obligations"] if o["treaty"] == "pact"}
