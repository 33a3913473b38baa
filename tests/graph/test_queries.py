"""Who is a member or party on a date, who holds a place, which treaties are in force."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sahel_sim.graph import as_of, build_graph, compile_world
from sahel_sim.graph import queries as q
from sahel_sim.graph.build import territory_node, treaty_node

D = date


# ------------------------------------------------------------------ shipped library: the brief's dates


@pytest.mark.parametrize(
    ("member", "org", "day", "expected"),
    [
        ("MLI", "ECOWAS", D(2025, 1, 28), True),  # last day before the exit took effect
        ("MLI", "ECOWAS", D(2025, 1, 29), False),  # effective date of withdrawal
        ("BFA", "ECOWAS", D(2024, 1, 28), True),  # notice given, still a member
        ("NER", "ECOWAS", D(2025, 1, 29), False),
        ("SEN", "ECOWAS", D(2025, 1, 29), True),  # the others stay
        ("MLI", "G5S", D(2022, 5, 14), True),
        ("MLI", "G5S", D(2022, 5, 15), False),
        ("NER", "G5S", D(2023, 11, 28), True),
        ("NER", "G5S", D(2023, 11, 29), False),
        ("BFA", "G5S", D(2023, 11, 28), True),
        ("BFA", "G5S", D(2023, 11, 29), False),
        ("MRT", "ECOWAS", D(2024, 6, 1), False),  # left in 2000
        ("MLI", "AES", D(2023, 9, 15), False),
        ("MLI", "AES", D(2023, 9, 16), True),
    ],
)
def test_membership_on_dates(graph: Any, member: str, org: str, day: date, expected: bool) -> None:
    """Membership follows the encoded dates: since inclusive, effective exit date exclusive."""
    assert q.is_member(graph, member, org, day) is expected
    assert (member in q.members(graph, org, day)) is expected


def test_aes_parties_appear_on_signature(graph: Any) -> None:
    """The Charter has no parties before 16 Sep 2023 and exactly the three Sahel states from then."""
    assert q.parties(graph, "liptako-gourma-charter", D(2023, 9, 15)) == ()
    assert q.parties(graph, "liptako-gourma-charter", D(2023, 9, 16)) == ("BFA", "MLI", "NER")


def test_g5s_after_the_exits(graph: Any) -> None:
    """After the exits only Chad and Mauritania are left in the G5 Sahel."""
    assert q.members(graph, "G5S", D(2022, 5, 14)) == ("BFA", "MLI", "MRT", "NER", "TCD")
    assert q.members(graph, "G5S", D(2023, 12, 1)) == ("MRT", "TCD")


def test_ecowas_parties_follow_membership(graph: Any) -> None:
    """ECOWAS instruments bind whoever is a member on the day (results sorted)."""
    before = q.parties(graph, "ecowas-pmad-1981", D(2025, 1, 28))
    after = q.parties(graph, "ecowas-pmad-1981", D(2025, 1, 29))
    assert {"BFA", "MLI", "NER"} <= set(before)
    assert not {"BFA", "MLI", "NER"} & set(after)
    assert set(before) - set(after) == {"BFA", "MLI", "NER"}
    assert list(after) == sorted(after)


def test_party_basis_cites_the_membership(graph: Any) -> None:
    """The record that makes MLI a party to the Charter is its AES membership."""
    basis = q.party_basis(graph, "MLI", "liptako-gourma-charter", D(2023, 10, 1))
    assert basis is not None and basis.of == "AES" and basis.member == "MLI"
    assert q.party_basis(graph, "TCD", "liptako-gourma-charter", D(2023, 10, 1)) is None


def test_holder_and_regions_of_subregion(graph: Any) -> None:
    """BFA-SAHEL is Burkina Faso's land, in the Liptako-Gourma area and in West Africa."""
    assert q.holder(graph, "BFA-SAHEL", D(2024, 6, 11)) == "BFA"
    tags = q.regions(graph, "BFA-SAHEL")
    assert {"liptako_gourma", "west_africa", "sahel"} <= tags
    assert "azawad" not in tags
    assert q.ancestors_of_territory(graph, "BFA-SAHEL") == ("BFA-SAHEL", "BFA")


def test_holder_before_independence_is_nobody(graph: Any) -> None:
    """A territory has no holder before its first holder's 'since'."""
    assert q.holder(graph, "BFA", D(1950, 1, 1)) is None
    assert q.holder(graph, "BFA", D(1960, 8, 5)) == "BFA"


def test_liptako_region_excludes_the_rest_of_mali(graph: Any) -> None:
    """Only the Liptako sub-region, not Mali as a whole, carries the liptako_gourma tag."""
    assert "liptako_gourma" in q.regions(graph, "MLI-LIPTAKO")
    assert "liptako_gourma" not in q.regions(graph, "MLI")


@pytest.mark.parametrize(
    ("day", "present", "absent"),
    [
        (D(1985, 1, 1), {"ecowas-non-aggression-1978"}, {"ecowas-pmad-1981", "ecowas-mechanism-1999"}),
        (D(1986, 9, 1), {"ecowas-pmad-1981"}, {"ecowas-mechanism-1999", "liptako-gourma-charter"}),
        (D(2023, 9, 15), {"ecowas-pmad-1981", "ecowas-mechanism-1999"}, {"liptako-gourma-charter"}),
        (D(2023, 9, 16), {"liptako-gourma-charter", "ecowas-democracy-2001"}, set()),
    ],
)
def test_treaties_in_force_on_dates(compiled: Any, day: date, present: set, absent: set) -> None:
    """Treaties enter into force on their recorded dates; the result is sorted by id."""
    ids = [t.id for t in compiled.in_force(day)]
    assert present <= set(ids)
    assert not absent & set(ids)
    assert ids == sorted(ids)


def test_label_and_actor_lookup(graph: Any) -> None:
    """Labels show id and name; unknown ids stay bare."""
    assert q.label(graph, "NER") == "NER (Niger)"
    assert q.label(graph, "XYZ") == "XYZ"
    assert q.has_actor(graph, "NER") and not q.has_actor(graph, "XYZ")
    assert not q.has_actor(graph, territory_node("NER"))


# ------------------------------------------------------------------ as_of view


def test_as_of_hides_expired_memberships(graph: Any) -> None:
    """The view on 2025-02-01 has no MLI→ECOWAS membership edge; the full graph still has it."""
    def has_membership(G: Any) -> bool:
        return any(d["kind"] == "membership" for d in (G.get_edge_data("MLI", "ECOWAS") or {}).values())

    assert has_membership(as_of(graph, D(2024, 6, 1)))
    assert not has_membership(as_of(graph, D(2025, 2, 1)))
    assert has_membership(graph)  # a view, not a mutation


def test_as_of_keeps_undated_edges(graph: Any) -> None:
    """part_of and parties_from edges have no dates and are always shown."""
    view = as_of(graph, D(1900, 1, 1))
    assert view.has_edge(territory_node("BFA-SAHEL"), territory_node("BFA"))
    assert view.has_edge(treaty_node("liptako-gourma-charter"), "AES")
    assert not view.has_edge(territory_node("BFA"), "BFA")  # held only from 1960


# ------------------------------------------------------------------ tiny world


def test_tiny_world_membership_and_party_list(tiny_graph: Any) -> None:
    """Organisation-based and list-based treaties answer 'who is a party' by date."""
    G = tiny_graph
    assert q.members(G, "ORG", D(2019, 12, 31)) == ("AAA", "BBB", "CCC")
    assert q.members(G, "ORG", D(2020, 1, 1)) == ("AAA", "BBB")
    assert q.parties(G, "pact", D(2010, 1, 1)) == ("AAA", "BBB", "CCC")
    assert q.parties(G, "listed-pact", D(2009, 12, 31)) == ("AAA", "DDD")
    assert q.parties(G, "listed-pact", D(2010, 1, 1)) == ("AAA",)
    assert q.parties(G, "listed-pact", D(2004, 12, 31)) == ()
    assert q.is_party(G, "DDD", "listed-pact", D(2005, 1, 1))
    assert not q.is_party(G, "DDD", "pact", D(2010, 1, 1))
    assert q.members(G, "NOBODY", D(2010, 1, 1)) == ()


def test_tiny_world_parties_even_when_not_in_force(tiny_graph: Any, tiny_world: Any) -> None:
    """Being a party and the treaty being in force are separate questions."""
    from sahel_sim.graph import compile_world

    tiny = compile_world(tiny_world)
    assert q.is_party(tiny_graph, "AAA", "listed-pact", D(2016, 1, 1))
    assert "listed-pact" not in [t.id for t in tiny.in_force(D(2016, 1, 1))]
    assert "listed-pact" in [t.id for t in tiny.in_force(D(2014, 12, 31))]


def test_tiny_world_region_inherits_holder_and_tags(tiny_graph: Any) -> None:
    """A region without holders of its own is held by its parent's holder and carries its tags."""
    assert q.holder(tiny_graph, "AAA-NORTH", D(2010, 1, 1)) == "AAA"
    assert q.regions(tiny_graph, "AAA-NORTH") == frozenset({"desert", "west"})
    assert q.regions(tiny_graph, "AAA") == frozenset({"west"})


def test_tiny_world_as_of_hides_expired_relation(tiny_graph: Any) -> None:
    """Troops present 2010-2011 are in the 2011 view and not in the 2012 one."""
    assert as_of(tiny_graph, D(2011, 6, 1)).has_edge("AAA", "BBB")
    assert not as_of(tiny_graph, D(2012, 1, 1)).has_edge("AAA", "BBB")


def test_compiled_world_keeps_the_world_and_graph_stores_nothing(tiny_world: Any) -> None:
    """The compiled world carries its world (the graph stashes nothing), and treaties/territories get prefixed nodes."""
    compiled = compile_world(tiny_world)
    assert compiled.world is tiny_world and compiled.G.graph == {}
    G = build_graph(tiny_world)
    assert G.graph == {}
    assert G.nodes[treaty_node("pact")]["kind"] == "treaty"
    assert G.nodes[territory_node("AAA")]["kind"] == "territory"
    assert G.nodes["AAA"]["kind"] == "actor"
