"""verify's static logic sees into borrowed clauses (``clause_applies``) and into ``actor_is`` over every attacker.

Both used to be free yes/no variables ("opaque"): sound, but blind, so a clause that can never fire or an
exception that swallows its rule went unreported.  Each test shows the finding the opaque encoding missed
(by running the analysis again with it) and that the precise one makes it; and, the other way, that the
precise encoding proves nothing the engine contradicts (a borrowed clause's own treaty is its own).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Iterator

import pytest

from sahel_sim import simulate
from sahel_sim.cli import Exit, main
from sahel_sim.clauses.families import LEAVES
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.library import library_world
from sahel_sim.scenario.load import scenario_from_text
from sahel_sim.world import World
from sahel_sim.verify._static import analyse
from tests.verify.test_static import facts, treaty

ART5 = {"test": "clause_applies", "treaty": "north-atlantic-treaty", "clause": "art-5-collective-defence"}
ARMED_ATTACK = {"test": "category", "any_of": ["armed_attack"]}


@pytest.fixture
def opaque(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Run the analysis with the old encoding of a test: a free yes/no variable per parameter set."""
    def use(*tests: str) -> None:
        for test in tests:
            monkeypatch.setitem(LEAVES, test, dataclasses.replace(
                LEAVES[test], encode=lambda x, enc, roles, positive, rule: enc.opaque(x)))
    yield use
    monkeypatch.undo()


# ----------------------------------------------------------------------------- clause_applies


def test_an_exception_that_the_borrowed_clause_always_meets_swallows_the_rule(opaque: Any) -> None:
    """'In the case of Art. 5, unless it is an armed attack': Art. 5's case is an armed attack."""
    clause = {"trigger": ART5, "conditions": [], "exceptions": [{"when": ARMED_ATTACK}]}
    assert facts(clause)["c1"].swallowed_by == (0,)
    opaque("clause_applies")
    assert facts(clause)["c1"].swallowed_by == (), "the opaque encoding missed it"


def test_a_borrowed_clause_and_a_condition_it_contradicts_never_fire(opaque: Any) -> None:
    clause = {"trigger": ART5, "conditions": [{"not": {"test": "is_party", "who": "target",
                                                       "treaty": "north-atlantic-treaty"}}]}
    assert not facts(clause)["c1"].can_fire, "Art. 5 needs the state attacked to be a party"
    opaque("clause_applies")
    assert facts(clause)["c1"].can_fire


def test_a_borrowed_clause_reads_is_party_and_invoked_of_its_own_treaty() -> None:
    """Unqualified, ``is_party`` and ``invoked`` in the borrowed clause name the borrowed treaty: not being a
    party to the borrowing treaty, nor having invoked its article, contradicts nothing there."""
    lender = Treaty.model_validate({
        "id": "lender", "name": "Lender", "signed": "2000-01-01", "in_force": "2000-01-01",
        "parties": {"members": [{"party": "DZA", "since": "2000-01-01"}, {"party": "MAR", "since": "2000-01-01"}]},
        "clauses": [{"id": "l1", "article": "1", "text": "x", "text_kind": "paraphrase", "obligor": "each_other_party",
                     "beneficiary": "target", "against": "attackers", "duty": "assist", "means": "unspecified",
                     "strength": "mandatory", "trigger": ARMED_ATTACK,
                     "conditions": [{"test": "is_party", "who": "target"},
                                    {"test": "invoked", "by": "target", "article": "1"}]}]})
    borrower = treaty({"trigger": {"test": "clause_applies", "treaty": "lender", "clause": "l1"},
                       "conditions": [{"not": {"test": "is_party", "who": "target"}},
                                      {"not": {"test": "invoked", "by": "target", "article": "1"}}]})
    world = library_world().merged(World(treaties=(lender, borrower)))
    assert analyse(borrower, world)["c1"].can_fire
    # and the engine agrees: an armed attack on Algeria (a party to the lender, not to t), for which Algeria
    # invoked the lender's Art. 1 only
    t_yaml = "\n".join(f"  - {line}" if i == 0 else f"    {line}" for i, line in enumerate(
        borrower.model_dump_json(exclude_none=True).splitlines()))
    l_yaml = "\n".join(f"  - {line}" if i == 0 else f"    {line}" for i, line in enumerate(
        lender.model_dump_json(exclude_none=True).splitlines()))
    result = simulate(scenario_from_text(f"""scenario: borrowed
hypothetical: true
treaties:
{l_yaml}
{t_yaml}
events:
  - id: e
    date: 2024-06-01
    kind: armed_attack
    actors: [MAR]
    target: DZA
    invocations: [{{by: DZA, treaty: lender, article: "1", date: 2024-06-01}}]
"""))
    assert {o.obligor for o in result.obligations if o.treaty == "t"} == {"MLI", "NER"}


def test_a_borrowed_clause_naming_the_lender_parties_land_is_not_the_borrower_parties_land() -> None:
    lender = {"id": "lender", "name": "Lender", "signed": "2000-01-01", "in_force": "2000-01-01",
              "parties": {"members": [{"party": "DZA", "since": "2000-01-01"}]},
              "clauses": [{"id": "l1", "article": "1", "text": "x", "text_kind": "paraphrase", "obligor": "each_party",
                           "beneficiary": "none", "against": "none", "duty": "consult", "means": "none",
                           "strength": "consultation", "trigger": ARMED_ATTACK,
                           "conditions": [{"test": "location_in_territory_of", "who": "parties"}]}]}
    borrower = treaty({"trigger": {"test": "clause_applies", "treaty": "lender", "clause": "l1"},
                       "conditions": [{"not": {"test": "location_in_territory_of", "who": "parties"}}]})
    world = library_world().merged(World(treaties=(Treaty.model_validate(lender), borrower)))
    assert analyse(borrower, world)["c1"].can_fire, "Algeria's land is not Mali's or Niger's"


def test_verify_reports_what_the_borrowed_clause_makes_dead(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "borrowing.yaml"
    path.write_text("""id: borrowing-pact
name: Borrowing Pact
signed: 2024-01-01
in_force: 2024-01-01
parties:
  members:
    - {party: MLI, since: 2024-01-01}
    - {party: NER, since: 2024-01-01}
clauses:
  - id: art-1
    article: "1"
    text: In the case provided for by Art. 5 of the North Atlantic Treaty, unless it is an armed attack, each assists.
    text_kind: paraphrase
    trigger: {test: clause_applies, treaty: north-atlantic-treaty, clause: art-5-collective-defence}
    exceptions:
      - when: {test: category, any_of: [armed_attack]}
    obligor: each_other_party
    duty: assist
    means: unspecified
    strength: mandatory
""", encoding="utf-8")
    code = main(["verify", str(path), "--examples", "20", "--out-dir", str(tmp_path / "ce"), "--format", "json"])
    assert code == Exit.EXPECTATION_FAILED
    (f,) = json.loads(capsys.readouterr().out)["findings"]
    assert (f["kind"], f["clauses"], f["reproduced"]) == ("swallowed_exception", ["art-1"], True)


# ----------------------------------------------------------------------------- actor_is over every attacker


def _every(**named: Any) -> dict[str, Any]:
    return {"test": "actor_is", "who": "attackers", "quantifier": "all", **named}


def test_every_attacker_named_is_some_attacker_named(opaque: Any) -> None:
    clause = {"conditions": [_every(actors=["DZA"]), {"not": {"test": "actor_is", "who": "attackers", "actors": ["DZA"]}}]}
    assert not facts(clause)["c1"].can_fire
    opaque("actor_is")
    assert facts(clause)["c1"].can_fire, "the opaque encoding missed it"


def test_every_attacker_named_has_the_named_actors_kind(opaque: Any) -> None:
    clause = {"conditions": [_every(actors=["DZA", "MAR"]),
                             {"test": "actor_kind", "who": "attackers", "kinds": ["armed_group"]}]}
    assert not facts(clause)["c1"].can_fire, "Algeria and Morocco are states"
    opaque("actor_is")
    assert facts(clause)["c1"].can_fire


def test_every_attacker_named_excludes_an_actor_named_elsewhere_who_cannot_pass() -> None:
    assert not facts({"conditions": [_every(actors=["DZA"]),
                                     {"test": "actor_is", "who": "attackers", "actors": ["MAR"]}]})["c1"].can_fire
    # Nigeria is not named but is a member of ECOWAS: it can be one of the attackers
    assert facts({"conditions": [_every(actors=["DZA"], members_of=["ECOWAS"]),
                                 {"test": "actor_is", "who": "attackers", "actors": ["NGA"]}]})["c1"].can_fire
    assert facts({"conditions": [_every(actors=["DZA"]),
                                 {"test": "actor_is", "who": "attackers", "actors": ["DZA", "MAR"]}]})["c1"].can_fire


def test_every_attacker_a_member_is_every_attacker_named_or_a_member(opaque: Any) -> None:
    clause = {"conditions": [{"test": "member_of", "who": "attackers", "organisation": "ECOWAS", "quantifier": "all"}],
              "exceptions": [{"when": _every(actors=["DZA"], members_of=["ECOWAS"])}]}
    assert facts(clause)["c1"].swallowed_by == (0,)
    assert facts({**clause, "conditions": [{"test": "member_of", "who": "attackers",
                                            "organisation": "ECOWAS"}]})["c1"].swallowed_by == (), \
        "some attacker a member is not every one"
    opaque("actor_is")
    assert facts(clause)["c1"].swallowed_by == ()


def test_an_organisation_obligor_is_named_or_not(opaque: Any) -> None:
    """The organisation that owes the duty is the treaty's own: naming another can never hold."""
    def of(*conditions: dict[str, Any]) -> Any:
        data = treaty({}).model_dump(mode="json", exclude_none=True)
        data["organisation"] = "ECOWAS"
        data["clauses"][0].update(obligor="organisation", conditions=list(conditions))
        t = Treaty.model_validate(data)
        return analyse(t, library_world().merged(World(treaties=(t,))))["c1"]

    assert not of({"test": "actor_is", "who": "obligor", "actors": ["AU"]}).can_fire
    assert of({"test": "actor_is", "who": "obligor", "actors": ["ECOWAS"]}).can_fire
    assert not of({"test": "actor_is", "who": "obligor", "actors": ["AU"], "members_of": ["AU"]}).can_fire, \
        "no organisation is ever a member of the AU in this world"
    opaque("actor_is")
    assert of({"test": "actor_is", "who": "obligor", "actors": ["AU"]}).can_fire
