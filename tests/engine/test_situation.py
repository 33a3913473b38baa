"""The engine's per-candidate shortcuts give what the general path gives.

``Situation.judging`` copies a situation field by field (not with
``dataclasses.replace``), and the built-in party check is built from the
candidate's entry, looked up once, instead of evaluating ``PARTY_TEST``:
both must be the same values the general path would give.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from sahel_sim.clauses.treaty import Parties, Party, Treaty
from sahel_sim.engine.clause_eval import PARTY_TEST, PartyEntries, party_check
from sahel_sim.engine.evaluate import Characterisation, Situation, evaluate
from sahel_sim.graph import compile_world
from sahel_sim.graph import queries as q
from sahel_sim.model.actors import Actor
from sahel_sim.model.events import Event
from sahel_sim.model.memberships import Membership
from sahel_sim.world import World

DAY = date(2003, 6, 1)


def _world() -> World:
    actors = tuple(Actor(id=i, kind="state", name=i) for i in ("AAA", "BBB", "CCC"))
    org = Actor(id="ORG", kind="organisation", name="Org")
    listed = Treaty(id="listed", name="Listed Pact", signed=date(2000, 1, 1), in_force=date(2000, 1, 1),
                    parties=Parties(members=(Party(party="AAA", since=date(2000, 1, 1)),
                                             Party(party="BBB", since=date(2001, 1, 1), until=date(2002, 1, 1)),
                                             Party(party="BBB", since=date(2003, 1, 1), confidence="secondary",
                                                   source="a record"))))
    by_org = Treaty(id="by-org", name="Org Pact", signed=date(2000, 1, 1), in_force=date(2000, 1, 1),
                    parties=Parties(organisation="ORG"))
    members = (Membership(member="CCC", of="ORG", since=date(1999, 1, 1)),)
    return World(actors=(*actors, org), treaties=(listed, by_org), memberships=members)


def _situation(treaty_id: str, **fields: object) -> Situation:
    world = compile_world(_world())
    event = Event(id="e1", date=DAY, kind="armed_attack", actors=("AAA",), target="BBB")
    return Situation(world.G, event, Characterisation("literal", frozenset({"armed_attack"})),
                     treaty=world.by_id[treaty_id].treaty, **fields)  # type: ignore[arg-type]


def test_judging_keeps_every_other_field() -> None:
    s = _situation("listed", history=(), strikes={}, until=date(2004, 1, 1), cast=(("attackers", ("AAA",)),),
                   supposed=frozenset({"invoked"}))
    judged = s.judging("CCC", "BBB")
    assert (judged.obligor, judged.beneficiary) == ("CCC", "BBB")
    for f in dataclasses.fields(Situation):
        if f.name not in ("obligor", "beneficiary"):
            assert getattr(judged, f.name) is getattr(s, f.name), f.name
    assert judged == dataclasses.replace(s, obligor="CCC", beneficiary="BBB")


def test_under_a_treaty_keeps_every_other_field() -> None:
    s = _situation("listed", obligor="AAA", beneficiary="BBB", until=date(2004, 1, 1),
                   cast=(("attackers", ("AAA",)),), supposed=frozenset({"invoked"}))
    other = compile_world(_world()).by_id["by-org"].treaty
    moved = s.under(other)
    assert moved.treaty is other
    for f in dataclasses.fields(Situation):
        if f.name != "treaty":
            assert getattr(moved, f.name) is getattr(s, f.name), f.name
    assert moved == dataclasses.replace(s, treaty=other)


def test_a_leafs_roles_are_its_role_fields() -> None:
    from sahel_sim.clauses.families.requests import RequestedTest  # a test with 'by' and 'to'
    from sahel_sim.clauses.leaf import ROLE_WORDS

    for cond in (PARTY_TEST, RequestedTest(test="requested", by="target", to="obligor")):
        expected = frozenset(v for k, v in cond if k in ("who", "by", "to") and isinstance(v, str) and v in ROLE_WORDS)
        assert cond.roles == expected and expected


@pytest.mark.parametrize(("treaty_id", "who"), [("listed", "AAA"), ("listed", "BBB"), ("listed", "CCC"),
                                                 ("by-org", "CCC"), ("by-org", "AAA")])
def test_theparty_check_is_the_party_test(treaty_id: str, who: str) -> None:
    s = _situation(treaty_id).judging(who, "BBB")
    record = q.party_basis(s.G, who, treaty_id, s.day)
    assert party_check(s, who, record) == evaluate(PARTY_TEST, s).as_role("builtin")


def test_a_supposed_party_test_takes_the_general_path() -> None:
    s = dataclasses.replace(_situation("listed"), supposed=frozenset({"is_party"})).judging("CCC", "BBB")
    check = party_check(s, "CCC", None)
    assert check == evaluate(PARTY_TEST, s).as_role("builtin")
    assert check.holds and not check.facts


@pytest.mark.parametrize("treaty_id", ["listed", "by-org"])
def test_party_entries_build_each_check_and_ground_once_as_party_check_does(treaty_id: str) -> None:
    s = _situation(treaty_id)
    entries = PartyEntries(q.party_entries(s.G, treaty_id, s.day))
    for who in ("AAA", "BBB", "CCC"):
        record = q.party_basis(s.G, who, treaty_id, s.day)
        assert entries.get(who) is record
        check = entries.party_check(s.judging(who, "BBB"), who)
        assert check == party_check(s.judging(who, "BBB"), who, record)
        assert entries.party_check(s.judging(who, None), who) is check  # built once, whatever else is filled
        ground = entries.ground(who, "candidate")
        assert entries.ground(who, "candidate") is ground
        assert entries.ground(who, "obligor") != ground or not ground  # the role is in the words
    # BBB's entry is a secondary one: it is a ground; the confirmed entries are not
    assert treaty_id == "by-org" or [b.confidence for b in entries.ground("BBB", "candidate")] == ["secondary"]
    assert entries.ground("AAA", "candidate") == ()


def test_party_entries_leave_a_supposed_party_test_to_the_general_path() -> None:
    s = dataclasses.replace(_situation("listed"), supposed=frozenset({"is_party"})).judging("CCC", "BBB")
    check = PartyEntries(q.party_entries(s.G, "listed", s.day)).party_check(s, "CCC")
    assert check == evaluate(PARTY_TEST, s).as_role("builtin") and check.holds


def test_a_party_edge_gives_its_own_entry() -> None:
    world = _world()
    G = compile_world(world).G
    second = world.treaties[0].parties.members[2]
    assert q.party_basis(G, "BBB", "listed", DAY) is second
    assert q.party_basis(G, "BBB", "listed", date(2001, 6, 1)) is world.treaties[0].parties.members[1]
    assert q.party_basis(G, "BBB", "listed", date(2002, 6, 1)) is None
    assert q.parties(G, "listed", DAY) == ("AAA", "BBB")
    assert all(set(d) <= {"kind", "since", "until", "entry"} for _, _, d in G.in_edges("treaty:listed", data=True))


def test_a_treaty_id_given_twice_keeps_each_entry() -> None:
    world = _world()
    again = world.treaties[0].model_copy(update={"parties": Parties(members=(Party(party="CCC", since=date(2000, 1, 1)),))})
    G = compile_world(world.model_copy(update={"treaties": (*world.treaties, again)})).G
    assert q.party_basis(G, "CCC", "listed", DAY) is again.parties.members[0]
    assert q.party_basis(G, "BBB", "listed", DAY) is world.treaties[0].parties.members[2]


def test_party_entries_are_each_partys_basis(compiled: object) -> None:
    """One walk of a treaty's edges gives what party_basis gives each actor, and parties are its keys (the library)."""
    G = compiled.G  # type: ignore[attr-defined]
    actors = sorted(a.id for a in compiled.world.actors)  # type: ignore[attr-defined]
    seen = 0
    for treaty in compiled.treaties:  # type: ignore[attr-defined]
        for day in (date(1950, 6, 1), date(2000, 1, 1), date(2023, 10, 1)):
            entries = q.party_entries(G, treaty.treaty.id, day)
            assert tuple(sorted(entries)) == q.parties(G, treaty.treaty.id, day)
            for a in actors:
                assert entries.get(a) is q.party_basis(G, a, treaty.treaty.id, day), (treaty.treaty.id, day, a)
            seen += len(entries)
    assert seen > 100


def test_party_entries_of_the_tiny_worlds() -> None:
    G = compile_world(_world()).G
    assert q.party_entries(G, "by-org", DAY) == {"CCC": q.membership(G, "CCC", "ORG", DAY)}
    assert list(q.party_entries(G, "listed", DAY)) == ["AAA", "BBB"]
