"""The static half of ``verify``: what it proves about single clauses, on hand-written examples."""

from __future__ import annotations

from typing import Any

import pytest

from sahel_sim.clauses.perspective import Category
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.library import library_world
from sahel_sim.model.events import EventKind
from sahel_sim.world import World
from sahel_sim.verify._static import analyse, contradiction_pairs


def treaty(*clauses: dict[str, Any]) -> Treaty:
    base = {"text": "x", "text_kind": "paraphrase", "obligor": "each_other_party", "beneficiary": "target",
            "against": "attackers", "duty": "assist", "means": "armed_force_included", "strength": "mandatory",
            "trigger": {"test": "category", "any_of": ["aggression"]}, "conditions": [{"test": "is_party", "who": "target"}]}
    return Treaty.model_validate({
        "id": "t", "name": "T", "signed": "2000-01-01", "in_force": "2000-01-01",
        "parties": {"members": [{"party": "MLI", "since": "2000-01-01"}, {"party": "NER", "since": "2000-01-01"}]},
        "clauses": [{"id": f"c{i + 1}", "article": str(i + 1), **base, **c} for i, c in enumerate(clauses)]})


def facts(*clauses: dict[str, Any]) -> Any:
    t = treaty(*clauses)
    return analyse(t, library_world().merged(World(treaties=(t,))))


def test_every_shipped_clause_can_fire_and_none_is_swallowed() -> None:
    world = library_world()
    for t in world.treaties:
        for cid, f in analyse(t, world).items():
            assert f.can_fire and not f.swallowed_by and not f.swallowed_jointly, (t.id, cid)
            assert f.kinds, (t.id, cid)


def test_a_trigger_no_event_can_meet_never_fires() -> None:
    f = facts({"trigger": {"all_of": [{"test": "event_kind", "kinds": ["coup"]},
                                      {"not": {"test": "event_kind", "kinds": ["coup"]}}]}})["c1"]
    assert not f.can_fire and not f.unknown_categories


def test_a_misspelt_or_silent_category_never_fires() -> None:
    f = facts({"trigger": {"test": "category", "any_of": ["agression"]}})["c1"]
    assert not f.can_fire and f.unknown_categories == ("agression",)
    world = library_world()
    world = world.model_copy(update={"categories": world.categories + (Category(id="piracy", description="x"),)})
    t = treaty({"trigger": {"test": "category", "any_of": ["piracy"]}})
    f = analyse(t, world.merged(World(treaties=(t,))))["c1"]
    assert not f.can_fire and f.silent_categories == ("piracy",)


def test_categories_imply_what_the_readings_require() -> None:
    """An armed attack is, under every reading, a state's: by its forces or by armed bands attributed to it.

    So an exception "not by a State, nor attributed to one" swallows the rule, and since armed bands sent
    by a state are that state's armed attack (Nicaragua §195), "not by a State" alone no longer does.
    """
    by_state = {"test": "actor_kind", "who": "attackers", "kinds": ["state"]}
    f = facts({"trigger": {"test": "category", "any_of": ["armed_attack"]},
               "exceptions": [{"when": {"any_of": [by_state, {"test": "attributed", "kinds": ["state"]}]}}]})["c1"]
    assert f.can_fire and f.swallowed_by == (0,)
    f = facts({"trigger": {"test": "category", "any_of": ["armed_attack"]}, "exceptions": [{"when": by_state}]})["c1"]
    assert f.can_fire and not f.swallowed_by
    f = facts({"trigger": {"test": "category", "any_of": ["armed_attack"]},
               "exceptions": [{"when": {"test": "consented"}}]})["c1"]
    assert not f.swallowed_by, "consent is not implied by an armed attack"


def test_event_dates_attributes_and_decisions_are_reasoned_about() -> None:
    dates = {"conditions": [{"test": "event_date", "on_or_after": "2010-01-01"}],
             "exceptions": [{"when": {"test": "event_date", "on_or_after": "2005-01-01"}}]}
    assert facts(dates)["c1"].swallowed_by == (0,)
    assert not facts({**dates, "exceptions": [{"when": {"test": "event_date", "before": "2005-01-01"}}]})["c1"].swallowed_by
    scale = {"conditions": [{"test": "attribute", "name": "scale", "equals": "major"}]}
    assert not facts({**scale, "exceptions": [{"when": {"test": "attribute", "name": "scale", "equals": "minor"}}]})["c1"].swallowed_by
    assert facts({**scale, "exceptions": [{"when": {"test": "attribute", "name": "scale", "equals": "major"}}]})["c1"].swallowed_by
    decided = {"conditions": [{"test": "decided", "organisation": "ECOWAS", "organ": "authority"}],
               "exceptions": [{"when": {"test": "decided", "organisation": "ECOWAS"}}]}
    assert facts(decided)["c1"].swallowed_by == (0,), "a decision of the Authority is a decision of ECOWAS"


def test_two_exceptions_can_swallow_a_rule_together() -> None:
    f = facts({"exceptions": [{"when": {"test": "consented"}}, {"when": {"not": {"test": "consented"}}}]})["c1"]
    assert f.swallowed_by == () and f.swallowed_jointly


@pytest.mark.parametrize("clause,beneficiary,adversary", [
    ({"obligor": "each_party"}, True, False),
    ({"obligor": "each_other_party"}, False, False),
    ({"obligor": "attacking_parties", "duty": "refrain", "against": "attackers"}, False, True),
    ({"obligor": "each_other_party", "beneficiary": "none", "against": "target", "duty": "sanction"}, False, True),
    ({"obligor": "target"}, True, False),
])
def test_the_self_duty_screen(clause: dict[str, Any], beneficiary: bool, adversary: bool) -> None:
    f = facts(clause)["c1"]
    assert (f.self_beneficiary, f.self_adversary) == (beneficiary, adversary)


def test_contradictions_are_screened_by_roles_and_triggers() -> None:
    coup = {"trigger": {"test": "category", "any_of": ["unconstitutional_change_of_government"]}}
    help_ = {**coup, "duty": "counter_rebellion"}
    sanction = {**coup, "duty": "sanction", "beneficiary": "none", "against": "target", "means": "non_military"}
    t = treaty(help_, sanction)
    pairs = contradiction_pairs(t, library_world(), analyse(t, library_world()))
    assert [(p.first.id, p.second.id, p.kind) for p in pairs] == [("c1", "c2", "support_vs_oppose")]
    assert pairs[0].kinds == (EventKind.coup,)
    t = treaty(help_, {**sanction, "trigger": {"test": "category", "any_of": ["aggression"]}})
    assert not contradiction_pairs(t, library_world(), analyse(t, library_world())), "a coup is never an aggression"


# ----------------------------------------------------------------------------- precise encodings (issue 13)


def test_a_determination_by_an_organ_is_one_by_its_organisation() -> None:
    rule = {"conditions": [{"test": "determined", "organisation": "ECOWAS", "organ": "authority",
                            "findings": ["aggression"]}]}
    assert facts({**rule, "exceptions": [{"when": {"test": "determined", "organisation": "ECOWAS"}}]})["c1"].swallowed_by == (0,)
    other = {"when": {"test": "determined", "organisation": "ECOWAS", "findings": ["armed_attack"]}}
    assert facts({**rule, "exceptions": [other]})["c1"].swallowed_by == ()


def test_an_established_attribution_is_at_least_a_probable_one() -> None:
    rule = {"conditions": [{"test": "attributed", "kinds": ["state"]}]}
    probable = {"when": {"test": "attributed", "kinds": ["state"], "at_least": "probable"}}
    assert facts({**rule, "exceptions": [probable]})["c1"].swallowed_by == (0,)
    assert not facts({"conditions": [{"test": "attributed", "at_least": "alleged"},
                                     {"not": {"test": "attributed", "at_least": "alleged"}}]})["c1"].can_fire


def test_a_named_target_has_one_identity_and_its_kind() -> None:
    both = {"conditions": [{"test": "actor_is", "who": "target", "actors": ["MLI"]},
                           {"test": "actor_is", "who": "target", "actors": ["NER"]}]}
    assert not facts(both)["c1"].can_fire, "the target cannot be both Mali and Niger"
    state = {"conditions": [{"test": "actor_is", "who": "target", "actors": ["MLI"]}],
             "exceptions": [{"when": {"test": "actor_kind", "who": "target", "kinds": ["state"]}}]}
    assert facts(state)["c1"].swallowed_by == (0,), "Mali is a state"
    ally = {"conditions": [{"test": "actor_is", "who": "attackers", "members_of": ["ECOWAS"]}],
            "exceptions": [{"when": {"test": "member_of", "who": "attackers", "organisation": "ECOWAS"}}]}
    assert facts(ally)["c1"].swallowed_by == (0,), "a member of ECOWAS among the attackers is what member_of asks"
