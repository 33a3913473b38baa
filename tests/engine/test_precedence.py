"""Which duty prevails: VCLT Art. 30(1)'s same subject-matter, a treaty's own compatibility clause, lex specialis."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sahel_sim.errors import ScenarioError

NIGER = Path("scenarios/ecowas-intervention-niger-2023-10.yaml")
CHARTER, PROTOCOL = "liptako-gourma-charter", "ecowas-non-aggression-1978"


@pytest.fixture(scope="module")
def conflict(shipped_runs: Any) -> Any:
    result = shipped_runs.result(NIGER)
    return next(c for c in result.conflicts if c.actor == "MLI" and c.second.beneficiary == "BEN")


def _compiled(world: Any, **changes: dict[str, Any]) -> Any:
    """The shipped world, compiled, with some treaties' fields changed (``{treaty_id: {field: value}}``)."""
    from sahel_sim.graph import compile_world

    treaties = tuple(t.model_copy(update=changes[t.id]) if t.id in changes else t for t in world.treaties)
    return compile_world(world.model_copy(update={"treaties": treaties}))


def _entry(**fields: Any) -> Any:
    from sahel_sim.clauses.treaty import PrecedenceEntry

    return PrecedenceEntry.model_validate(fields)


def test_the_shipped_sahel_treaties_relate_to_the_same_subject_matter(world: Any) -> None:
    subjects = {t.id: set(t.subject_matter) for t in world.treaties}
    assert "use_of_force" in subjects[CHARTER] & subjects[PROTOCOL] & subjects["un-charter"]


def test_treaties_on_different_subject_matter_are_not_ranked_by_art_30(world: Any, conflict: Any) -> None:
    from sahel_sim.engine.precedence import prevailing

    changed = _compiled(world, **{PROTOCOL: {"subject_matter": ("democracy",)}})
    p = prevailing(changed, "MLI", conflict.first, conflict.second, "BEN")
    assert (p.prevails, p.rule) == (None, None)
    assert ('VCLT Art. 30 applies only to "successive treaties relating to the same subject-matter" (Art. 30(1)), '
            "and the Liptako-Gourma Charter concerns the use of force and collective defence while the ECOWAS "
            "Non-Aggression Protocol (1978) concerns democracy") in p.reasoning
    assert p.reasoning.endswith("MLI owes both Liptako-Gourma Charter Art. 6 and ECOWAS Non-Aggression Protocol "
                                "(1978) Art. 1")


def test_an_unrecorded_subject_matter_is_said_and_the_rule_still_applied(world: Any, conflict: Any) -> None:
    from sahel_sim.engine.precedence import prevailing

    changed = _compiled(world, **{PROTOCOL: {"subject_matter": ()}})
    p = prevailing(changed, "MLI", conflict.first, conflict.second, "BEN")
    assert (p.prevails, p.rule) == ("second", "vclt-30-4-b")
    assert p.reasoning.endswith("(the subject-matter of the ECOWAS Non-Aggression Protocol (1978) is not recorded: "
                                "the rule is applied as if the treaties related to the same subject-matter)")


def test_a_treatys_own_compatibility_clause_prevails_over_art_30_4_b(world: Any, conflict: Any) -> None:
    from sahel_sim.engine.precedence import prevailing

    clause = _entry(treaty=PROTOCOL, kind="compatibility_clause", prevails="this", article="99",
                    text="a test clause: this Charter prevails over the 1978 Protocol")
    p = prevailing(_compiled(world, **{CHARTER: {"precedence": (clause,)}}), "MLI", conflict.first, conflict.second,
                   "BEN")
    assert (p.prevails, p.rule) == ("first", "vclt-30-2")
    assert p.reasoning == ("Art. 99 of the Liptako-Gourma Charter settles how it stands to the other treaty (in "
                           "paraphrase: a test clause: this Charter prevails over the 1978 Protocol), so "
                           "Liptako-Gourma Charter Art. 6 prevails (VCLT Art. 30(2))")
    assert p.to_dict()["rule_text"].startswith('"When a treaty specifies that it is subject to')


def test_a_compatibility_clause_given_by_the_other_treaty_is_read_from_its_side(world: Any, conflict: Any) -> None:
    from sahel_sim.engine.precedence import prevailing

    clause = _entry(treaty=CHARTER, kind="compatibility_clause", prevails="other", text="subject to the Charter",
                    text_kind="quote")
    p = prevailing(_compiled(world, **{PROTOCOL: {"precedence": (clause,)}}), "MLI", conflict.first, conflict.second,
                   "BEN")
    assert (p.prevails, p.rule) == ("first", "vclt-30-2")
    assert p.reasoning.startswith("a clause of the ECOWAS Non-Aggression Protocol (1978) settles how it stands to "
                                  "the other treaty (in its own words: subject to the Charter)")


def test_lex_specialis_comes_before_lex_posterior_but_after_art_30_4_b(world: Any, conflict: Any) -> None:
    from sahel_sim.engine.precedence import prevailing

    special = _entry(treaty=CHARTER, kind="lex_specialis", prevails="this", text="a test entry")
    changed = _compiled(world, **{PROTOCOL: {"precedence": (special,)}})
    between_members = prevailing(changed, "MLI", conflict.first, conflict.second, "BFA")
    assert (between_members.prevails, between_members.rule) == ("second", "lex-specialis")
    assert between_members.reasoning == (
        "the ECOWAS Non-Aggression Protocol (1978) is the special rule and the Liptako-Gourma Charter the general one "
        "on this matter (a test entry), so ECOWAS Non-Aggression Protocol (1978) Art. 1 prevails (lex specialis)")
    towards_a_non_party = prevailing(changed, "MLI", conflict.first, conflict.second, "BEN")
    assert towards_a_non_party.rule == "vclt-30-4-b"


def test_without_compatibility_data_the_niger_conflicts_keep_art_30_4_b(conflict: Any) -> None:
    assert conflict.precedence.rule == "vclt-30-4-b" and conflict.precedence.prevails == "second"


@pytest.mark.parametrize("entry, match", [
    ("{treaty: nope, kind: lex_specialis, prevails: this, text: t}", r"precedence\[0\]\.treaty.*unknown treaty 'nope'"),
    ("{treaty: pact, kind: lex_specialis, prevails: this, text: t}", r"'pact' cannot prevail over itself"),
    ("{treaty: un-charter, kind: lex_posterior, prevails: this, text: t}", r"precedence\[0\]\.kind"),
    ("{treaty: un-charter, kind: lex_specialis, prevails: both, text: t}", r"precedence\[0\]\.prevails"),
])
def test_a_bad_precedence_entry_is_refused(make_scenario: Any, entry: str, match: str) -> None:
    with pytest.raises(ScenarioError, match=match):
        make_scenario(f"""
            scenario: bad
            treaties:
              - id: pact
                name: Pact
                signed: 2000-01-01
                parties: {{members: [{{party: GHA, since: 2000-01-01}}]}}
                precedence: [{entry}]
            events: [{{id: e, date: 2020-06-01, kind: incursion, actors: [NGA], target: GHA}}]
        """)
