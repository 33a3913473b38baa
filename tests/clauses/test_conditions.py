"""The condition language: YAML shorthand, validation, obligor-free triggers, words, checks."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.checks import Check, Fact
from sahel_sim.clauses.families import LEAVES as _REGISTRY
from sahel_sim.clauses.perspective import CharacterisationRule
from sahel_sim.clauses.treaty import Clause

COND = TypeAdapter(c.Condition)


def parse(data: Any) -> Any:
    return COND.validate_python(data)


# ------------------------------------------------------------------ parsing


def test_all_of_shorthand_parses() -> None:
    """``{all_of: [...]}`` is the same as ``{test: all_of, conditions: [...]}``."""
    cond = parse({"all_of": [{"test": "consented"}, {"test": "event_kind", "kinds": ["coup"]}]})
    assert isinstance(cond, c.AllOf)
    assert [type(x) for x in cond.conditions] == [c.ConsentedTest, c.EventKindTest]
    assert cond == parse({"test": "all_of", "conditions": [{"test": "consented"},
                                                           {"test": "event_kind", "kinds": ["coup"]}]})


def test_not_and_any_of_shorthand_parse_with_label() -> None:
    """``{not: {...}, label: ...}`` keeps its label (as in PMAD Art. 3)."""
    cond = parse({"not": {"test": "is_party", "who": "attackers"}, "label": "the aggressor is not a member"})
    assert isinstance(cond, c.Not) and isinstance(cond.condition, c.IsPartyTest)
    assert cond.describe() == "the aggressor is not a member"
    nested = parse({"any_of": [{"not": {"test": "consented"}}, {"all_of": [{"test": "externally_supported"}]}]})
    assert isinstance(nested, c.AnyOf)
    assert isinstance(nested.conditions[0], c.Not) and isinstance(nested.conditions[1], c.AllOf)


@pytest.mark.parametrize(
    "data",
    [
        {"test": "is_partyy", "who": "target"},  # unknown test
        {"test": "is_party", "who": "victim"},  # unknown role
        {"test": "is_party", "who": "target", "quantifier": "most"},
        {"test": "category", "any_of": []},  # at least one category
        {"test": "consented", "extra": 1},  # unknown field
        {"all_of": []},  # an empty conjunction says nothing
        {"test": "event_kind", "kinds": ["invasion"]},  # not an EventKind
    ],
)
def test_malformed_conditions_rejected(data: dict) -> None:
    """Conditions are data checked against a closed vocabulary."""
    with pytest.raises(ValidationError):
        parse(data)


def test_unknown_test_reported_by_loader_with_suggestion(make_scenario: Any) -> None:
    """An inline treaty with a misspelt test fails to load and names the valid test."""
    from sahel_sim.errors import ScenarioError

    text = """
        scenario: bad test
        treaties:
          - id: bad-pact
            name: Bad Pact
            signed: 2001-01-01
            parties: {organisation: ECOWAS}
            note: test
            clauses:
              - id: art-1
                article: "1"
                text: t
                text_kind: paraphrase
                trigger: {test: categori, any_of: [aggression]}
                obligor: each_other_party
                duty: assist
                means: unspecified
                strength: mandatory
        events:
          - {id: e, date: 2024-01-01, kind: incursion, actors: [MRT], target: SEN}
    """
    with pytest.raises(ScenarioError) as info:
        make_scenario(text)
    assert "categori" in str(info.value) and "category" in str(info.value)


# ------------------------------------------------------------------ clause and rule validation


def _clause(trigger: Any, conditions: tuple = ()) -> Clause:
    return Clause.model_validate({
        "id": "art-1", "article": "1", "text": "t", "text_kind": "paraphrase", "trigger": trigger,
        "conditions": list(conditions), "obligor": "each_other_party", "duty": "assist",
        "means": "unspecified", "strength": "mandatory"})


@pytest.mark.parametrize(
    "trigger",
    [
        {"test": "is_party", "who": "obligor"},
        {"test": "member_of", "who": "beneficiary", "organisation": "ECOWAS"},
        {"test": "requested", "by": "target", "to": "obligor"},
        {"test": "location_in_territory_of", "who": "obligor"},
        {"not": {"test": "actor_kind", "who": "obligor", "kinds": ["state"]}},
        {"all_of": [{"test": "consented"}, {"any_of": [{"test": "struck_first", "who": "obligor"}]}]},
    ],
)
def test_trigger_mentioning_obligor_rejected(trigger: dict) -> None:
    """A trigger is about the event; who owes the duty is decided by the conditions."""
    with pytest.raises(ValidationError, match="trigger may not refer"):
        _clause(trigger)


def test_obligor_allowed_in_conditions() -> None:
    """The same test is fine as a condition, and is marked as obligor-dependent."""
    cl = _clause({"test": "category", "any_of": ["aggression"]},
                 ({"test": "is_party", "who": "obligor", "treaty": "other"},))
    assert "obligor" in cl.conditions[0].roles
    assert cl.reference == "Art. 1"


def test_characterisation_rule_may_not_mention_obligor() -> None:
    """Characterisation is per event, before anyone is judged."""
    with pytest.raises(ValidationError, match="obligor"):
        CharacterisationRule.model_validate({"id": "r", "when": {"test": "is_party", "who": "obligor", "treaty": "t"},
                                             "add": ["aggression"]})
    with pytest.raises(ValidationError, match="add"):
        CharacterisationRule.model_validate({"id": "r", "when": {"test": "consented"}})


@pytest.mark.parametrize(
    ("data", "roles"),
    [
        ({"test": "is_party", "who": "obligor"}, {"obligor"}),
        ({"test": "requested", "by": "target", "to": "obligor"}, {"target", "obligor"}),
        ({"test": "requested", "by": "target", "to": "ECOWAS"}, {"target"}),
        ({"test": "location_in_territory_of", "who": "parties"}, set()),
        ({"test": "location_in_territory_of", "who": "target"}, set()),
        ({"test": "location_in_territory_of", "who": "beneficiary"}, {"beneficiary"}),
        ({"test": "consented"}, set()),
        ({"all_of": [{"test": "is_party", "who": "target"}, {"not": {"test": "member_of", "who": "obligor",
                                                                     "organisation": "X"}}]}, {"target", "obligor"}),
    ],
)
def test_roles_read_by_a_condition(data: dict, roles: set) -> None:
    """The engine runs a condition once per candidate exactly when it reads the obligor."""
    assert parse(data).roles == frozenset(roles)


# ------------------------------------------------------------------ words


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"test": "category", "any_of": ["aggression", "armed_attack"]},
         "the event is characterised as aggression or armed_attack"),
        ({"test": "event_kind", "kinds": ["coup"]}, "the event is coup"),
        ({"test": "is_party", "who": "target"}, "the target is a party to the treaty on the event date"),
        ({"test": "is_party", "who": "attackers", "quantifier": "all", "treaty": "pact"},
         "every attacker is a party to the pact on the event date"),
        ({"test": "member_of", "who": "attackers", "organisation": "ECOWAS"},
         "an attacker is a member of ECOWAS on the event date"),
        ({"test": "actor_kind", "who": "target", "kinds": ["state"]}, "the target is a state"),
        ({"test": "location_in_territory_of", "who": "parties"}, "the event takes place on the territory of the parties"),
        ({"test": "location_in_territory_of", "who": "target"}, "the event takes place on the territory of the target"),
        ({"test": "location_in_region", "regions": ["sahel", "liptako_gourma"]},
         "the event takes place in sahel or liptako_gourma"),
        ({"test": "requested"}, "the target made a request for assistance"),
        ({"test": "requested", "by": "target", "to": "ECOWAS", "form": "written"},
         "the target made a written request for assistance to ECOWAS"),
        ({"test": "requested", "to": "obligor"}, "the target made a request for assistance to the obligor"),
        ({"test": "requested", "to": "obligor", "or_its_organisations": True},
         "the target made a request for assistance to the obligor, or to an organisation it is a member of"),
        ({"test": "decided", "organisation": "ECOWAS", "organ": "authority"}, "ECOWAS (authority) decided to act"),
        ({"test": "decided", "organisation": "AES"}, "AES decided to act"),
        ({"test": "consented"}, "the target consented"),
        ({"test": "mandated_by", "organisation": "ECOWAS"}, "the actors act under a mandate of ECOWAS"),
        ({"test": "mandated_by"}, "the actors act under a mandate of an organisation"),
        ({"test": "struck_first"}, "the target struck first (attacked an attacker earlier)"),
        ({"test": "externally_supported"}, "the attackers are actively supported from outside"),
        ({"test": "purely_internal"}, "the conflict is purely internal"),
        ({"test": "attribute", "name": "purpose", "equals": "restore_constitutional_order"},
         "the event's purpose is 'restore_constitutional_order'"),
        ({"not": {"test": "consented"}}, "not the target consented"),
        ({"all_of": [{"test": "consented"}, {"test": "externally_supported"}]},
         "(the target consented and the attackers are actively supported from outside)"),
        ({"any_of": [{"test": "consented"}, {"test": "purely_internal"}]},
         "(the target consented or the conflict is purely internal)"),
        ({"test": "consented", "label": "Niamey agreed"}, "Niamey agreed"),
        ({"all_of": [{"test": "consented"}], "label": "all good"}, "all good"),
    ],
)
def test_describe_texts(data: dict, words: str) -> None:
    """Every condition reads as a sentence fragment; a label replaces the generated words."""
    assert parse(data).describe() == words


def test_describe_uses_an_before_vowels() -> None:
    """Reasons are read by people: 'an armed group', 'an oral request'."""
    assert parse({"test": "actor_kind", "who": "attackers", "kinds": ["armed_group"]}).describe() == \
        "an attacker is an armed group"
    assert parse({"test": "requested", "form": "oral"}).describe() == "the target made an oral request for assistance"


# ------------------------------------------------------------------ the vocabulary


LEAF_CLASSES = [m for m in c._Union.__args__ if m not in (c.AllOf, c.AnyOf, c.Not)]


def test_leaf_tests_lists_every_leaf() -> None:
    """LEAF_TESTS names every leaf test the schema accepts, sorted."""
    leaf_names = {m.model_fields["test"].annotation.__args__[0] for m in LEAF_CLASSES}
    assert leaf_names <= set(c.LEAF_TESTS)
    assert list(c.LEAF_TESTS) == sorted(c.LEAF_TESTS)
    assert len(set(c.LEAF_TESTS)) == len(c.LEAF_TESTS)
    assert {"is_party", "category", "requested", "struck_first", "purely_internal"} <= set(c.LEAF_TESTS)


def test_every_leaf_has_exactly_one_predicate() -> None:
    """The registry is the only bridge from the language to code: one function per leaf test."""
    leaf_names = {m.model_fields["test"].annotation.__args__[0] for m in LEAF_CLASSES}
    assert set(_REGISTRY) == leaf_names
    assert set(_REGISTRY) <= set(c.LEAF_TESTS)


def test_walk_visits_nested_conditions() -> None:
    """walk() yields a condition and everything inside it, depth first."""
    cond = parse({"all_of": [{"not": {"test": "consented"}}, {"any_of": [{"test": "purely_internal"}]}]})
    assert [x.test for x in c.walk(cond)] == ["all_of", "not", "consented", "any_of", "purely_internal"]


# ------------------------------------------------------------------ checks


def _leaf(name: str, holds: bool) -> Check:
    return Check(name, name, holds, (Fact("p", (name,), name),))


def test_failing_leaf_is_first_failure_of_all_of() -> None:
    """For a failed conjunction the explanation is its first failed part, found recursively."""
    inner = Check("all_of", "inner", False, (), (_leaf("b", True), _leaf("c", False), _leaf("d", False)))
    outer = Check("all_of", "outer", False, (), (_leaf("a", True), inner, _leaf("e", False)))
    assert outer.failing_leaf().test == "c"


def test_failing_leaf_of_any_of_and_not_is_itself() -> None:
    """A failed disjunction (all alternatives failed) or negation explains itself."""
    any_of = Check("any_of", "alts", False, (), (_leaf("a", False), _leaf("b", False)))
    neg = Check("not", "neg", False, (), (_leaf("a", True),))
    assert any_of.failing_leaf() is any_of
    assert neg.failing_leaf() is neg
    held = Check("all_of", "ok", True, (), (_leaf("a", True),))
    assert held.failing_leaf() is held


def test_check_walk_to_dict_and_role() -> None:
    """Checks serialise with their children and can be re-tagged with a role."""
    tree = Check("all_of", "t", False, (), (_leaf("a", True), _leaf("b", False)))
    assert [ch.test for ch in tree.walk()] == ["all_of", "a", "b"]
    d = tree.to_dict()
    assert d["role"] == "condition" and [x["test"] for x in d["children"]] == ["a", "b"]
    assert "children" not in _leaf("a", True).to_dict()
    assert d["children"][0]["facts"] == [{"predicate": "p", "args": ["a"], "text": "a"}]
    tagged = tree.as_role("exception")
    assert tagged.role == "exception" and tagged.children == tree.children and tree.role == "condition"
