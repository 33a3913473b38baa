"""What-ifs: modified copies of a scenario, never the original, with strict inputs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sahel_sim import (SahelSimError, UnknownEntityError, load_scenario, on_date, simulate, with_accession,
                       with_event_changes, with_perspective, without_membership)

INTERVENTION = Path(__file__).resolve().parent.parent / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"
CHARTER = "liptako-gourma-charter"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(INTERVENTION)


def art6(scenario) -> set[tuple[str, str | None]]:
    return {(o.obligor, o.beneficiary) for o in simulate(scenario).obligations
            if o.treaty == CHARTER and o.article == "6"}


def test_factual_baseline(scenario) -> None:
    assert art6(scenario) == {("MLI", "NER"), ("BFA", "NER")}


def test_on_date_before_the_charter_unbinds_the_sahel_states(scenario) -> None:
    before = on_date(scenario, "2023-08-20")
    assert art6(before) == set()
    assert {e.date for e in before.events} == {date(2023, 8, 20)}
    assert "every event on 2023-08-20" in before.name


def test_on_date_is_the_same_as_simulating_as_of(scenario) -> None:
    day = date(2025, 3, 1)
    assert simulate(on_date(scenario, day)).to_dict()["obligations"] == \
        simulate(scenario, as_of=day).to_dict()["obligations"]


def test_after_the_ecowas_exit_only_the_charter_binds(scenario) -> None:
    after = simulate(on_date(scenario, date(2025, 3, 1)))
    assert {o.treaty for o in after.obligations} == {CHARTER}


def test_chad_acceding_to_the_aes_is_bound_too(scenario) -> None:
    assert art6(with_accession(scenario, "TCD", "AES", "2023-09-16")) == {("MLI", "NER"), ("BFA", "NER"),
                                                                          ("TCD", "NER")}


def test_an_accession_after_the_event_changes_nothing(scenario) -> None:
    assert art6(with_accession(scenario, "TCD", "AES", date(2024, 1, 1))) == art6(scenario)


def test_without_membership_drops_mali(scenario) -> None:
    variant = without_membership(scenario, "MLI", "AES", "2023-09-20")
    assert art6(variant) == {("BFA", "NER")}
    assert "MLI leaves AES on 2023-09-20" in variant.name


def test_without_membership_from_its_first_day_removes_it(scenario) -> None:
    variant = without_membership(scenario, "MLI", "AES", "2023-09-16")
    assert not [m for m in variant.world.memberships if m.member == "MLI" and m.of == "AES"]


def test_with_perspective_sets_the_reading(scenario) -> None:
    variant = with_perspective(scenario, "ecowas")
    assert variant.spec.perspective == "ecowas"
    result = simulate(variant)
    assert result.perspective == "ecowas"
    assert art6(variant) == set()


def test_with_event_changes_revalidates_the_event(scenario) -> None:
    variant = with_event_changes(scenario, "intervention", consent=True, date="2024-02-01")
    event = variant.events[0]
    assert event.consent is True and event.date == date(2024, 2, 1)
    assert art6(variant) == set()


def test_what_ifs_chain_and_name_every_change(scenario) -> None:
    variant = with_accession(with_perspective(scenario, "aes"), "TCD", "AES", "2023-09-16")
    assert variant.name.endswith("[what-if: the aes reading; TCD accedes to AES on 2023-09-16]")
    assert simulate(variant).perspective == "aes"


def test_the_original_and_the_file_are_untouched(scenario) -> None:
    text = INTERVENTION.read_text(encoding="utf-8")
    before = simulate(scenario).to_dict()
    with_accession(scenario, "TCD", "AES", "2023-09-16")
    on_date(scenario, "2023-08-20")
    with_event_changes(scenario, "intervention", consent=True)
    with_perspective(scenario, "ecowas")
    without_membership(scenario, "MLI", "AES", "2023-09-20")
    assert simulate(scenario).to_dict() == before
    assert INTERVENTION.read_text(encoding="utf-8") == text
    assert not [m for m in scenario.world.memberships if m.member == "TCD" and m.of == "AES"]


def test_accession_to_a_treaty_with_a_party_list(make_scenario) -> None:
    s = make_scenario("""
        scenario: listed
        treaties:
          - id: pact
            name: Pact
            signed: 2020-01-01
            in_force: 2020-01-01
            parties: {members: [{party: MLI, since: 2020-01-01}]}
            clauses:
              - id: art-1
                article: "1"
                text: Each party assists a party attacked.
                text_kind: paraphrase
                trigger: {test: category, any_of: [armed_attack]}
                conditions: [{test: is_party, who: target}]
                obligor: each_other_party
                duty: assist
                means: armed_force_included
                strength: mandatory
        events:
          - {id: e, date: 2024-01-01, kind: incursion, actors: [DZA], target: MLI}
    """)
    variant = with_accession(s, "TCD", "pact", "2021-01-01")
    assert {(o.obligor, o.treaty) for o in simulate(variant).obligations if o.treaty == "pact"} == {("TCD", "pact")}


@pytest.mark.parametrize(("call", "error", "needle"), [
    (lambda s: with_accession(s, "TCHAD", "AES", "2024-01-01"), UnknownEntityError, "did you mean TCD"),
    (lambda s: with_accession(s, "TCD", "AESS", "2024-01-01"), UnknownEntityError, "did you mean AES"),
    (lambda s: with_accession(s, "TCD", "NER", "2024-01-01"), UnknownEntityError, "unknown organisation 'NER'"),
    (lambda s: with_accession(s, "MLI", "AES", "2024-01-01"), SahelSimError, "already a member"),
    (lambda s: without_membership(s, "TCD", "AES", "2024-01-01"), SahelSimError, "not a member"),
    (lambda s: with_perspective(s, "ecowa"), UnknownEntityError, "did you mean ecowas"),
    (lambda s: with_event_changes(s, "interventon"), UnknownEntityError, "did you mean intervention"),
    (lambda s: with_event_changes(s, "intervention", targt="MLI"), SahelSimError, "did you mean target"),
    (lambda s: with_event_changes(s, "intervention", target="MLX"), UnknownEntityError, "did you mean (MLT \\(Malta\\) or )?MLI"),
    (lambda s: with_event_changes(s, "intervention", date="soon"), SahelSimError, "cannot take these changes"),
    (lambda s: with_event_changes(s, "intervention", target="NGA"), SahelSimError, "self-attack"),
    (lambda s: on_date(s, "2023-13-01"), SahelSimError, "expected YYYY-MM-DD"),
])
def test_bad_inputs_raise_with_a_suggestion(scenario, call, error, needle) -> None:
    with pytest.raises(error, match=needle):
        call(scenario)


def test_a_variant_is_compiled_like_the_original_and_as_it_would_be_alone(scenario) -> None:
    from sahel_sim.graph import compile_world
    from tests.graph.test_compiled_like import assert_same

    same_world = [with_perspective(scenario, "aes"), on_date(scenario, "2025-03-01"),
                  with_event_changes(scenario, "intervention", consent=True)]
    for variant in same_world:  # the world is the original's: its graph and index are too
        assert variant.compiled.G is scenario.compiled.G and variant.compiled.index is scenario.compiled.index
        assert_same(variant.compiled, compile_world(variant.world))
    joined = with_accession(scenario, "TCD", "AES", "2023-09-16")
    assert joined.compiled.G is not scenario.compiled.G  # a membership more: a graph of its own
    assert_same(joined.compiled, compile_world(joined.world))
    assert joined.compiled.by_id[CHARTER] is scenario.compiled.by_id[CHARTER]  # the treaties it leaves, shared
