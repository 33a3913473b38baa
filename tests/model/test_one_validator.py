"""Each record runs one after-validator: its alternatives first, then its own checks, in their order."""

from __future__ import annotations

import inspect
from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

import sahel_sim.clauses.perspective as perspective
import sahel_sim.clauses.treaty as treaty
import sahel_sim.model.actors as actors
import sahel_sim.model.arrangements as arrangements
import sahel_sim.model.base as base
import sahel_sim.model.events as events
import sahel_sim.model.memberships as memberships
import sahel_sim.model.records as records
import sahel_sim.model.territories as territories
from sahel_sim.clauses.treaty import Clause, Parties, Party, Treaty
from sahel_sim.model.base import Alternative, check_dated, check_sourced
from sahel_sim.model.memberships import Membership

MODULES = (base, actors, arrangements, events, memberships, records, territories, treaty, perspective)
MODELS = sorted({cls for m in MODULES for _, cls in inspect.getmembers(m, inspect.isclass)
                 if issubclass(cls, BaseModel) and cls.__module__.startswith("sahel_sim.")}, key=lambda c: c.__name__)

CLAUSE = {"id": "c", "article": "1", "text": "each party shall assist", "text_kind": "paraphrase",
          "trigger": {"test": "category", "any_of": ["armed_attack"]}, "obligor": "each_other_party",
          "duty": "assist", "means": "unspecified", "strength": "mandatory"}


def _after_validators(cls: type[BaseModel]) -> list[str]:
    return [name for name, d in cls.__pydantic_decorators__.model_validators.items() if d.info.mode == "after"]


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_every_record_runs_at_most_one_after_validator(cls: type[BaseModel]) -> None:
    """Pydantic runs a record's after-validators again each time it is nested in another: one is the most."""
    assert len(_after_validators(cls)) <= 1, _after_validators(cls)


def test_the_models_checked_include_the_ones_that_add_checks() -> None:
    names = {c.__name__ for c in MODELS}
    assert {"Clause", "Parties", "Treaty", "Party", "Membership", "Event", "Territory", "CharacterisationRule"} <= names
    assert all(_after_validators(c) == ["_valid"] for c in (Clause, Parties, Treaty, Party, Membership))


def _message(cls: type[BaseModel], data: dict) -> str:
    with pytest.raises(ValidationError) as err:
        cls.model_validate(data)
    (only,) = err.value.errors()
    return only["msg"]


def test_a_bad_alternative_is_reported_before_the_record_s_own_checks() -> None:
    """Two faults: an alternative naming an unknown field, and a prohibition whose duty is not refrain."""
    bad = {**CLAUSE, "modality": "prohibition",
           "contested": [{"id": "x", "label": "another reading", "changes": {"nonsense": 1}}]}
    assert "changes unknown field(s) nonsense" in _message(Clause, bad)
    assert "a duty to 'refrain' is a 'prohibition'" in _message(Clause, {**bad, "contested": []})


def test_a_clause_s_own_checks_keep_their_order() -> None:
    """A clause breaking the modality rule and the basis rule reports the modality rule, as before."""
    both = {**CLAUSE, "modality": "prohibition", "modality_basis": "not in the text"}
    assert "a duty to 'refrain' is a 'prohibition'" in _message(Clause, both)
    assert "does not occur in the clause's text" in _message(Clause, {**both, "modality": "obligation"})
    renders = {**CLAUSE, "modality_basis": "shall assist", "text_en": {"text": "x", "kind": "paraphrase"}}
    assert "'text_en' repeats 'text'" in _message(Clause, renders)
    trigger = {**CLAUSE, "trigger": {"test": "is_party", "who": "obligor"}}
    assert "a trigger may not refer to the obligor" in _message(Clause, trigger)


def test_a_nested_record_s_fault_keeps_its_place() -> None:
    with pytest.raises(ValidationError) as err:
        Treaty.model_validate({"id": "t", "name": "T", "signed": "2000-01-01", "parties": {
            "members": [{"party": "AAA", "since": "2000-01-01"}, {"party": "BBB", "since": "2001-01-01",
                                                                  "until": "2000-01-01"}]}})
    (only,) = err.value.errors()
    assert only["loc"] == ("parties", "members", 1)
    assert "'until' (2000-01-01) must be after 'since' (2001-01-01)" in only["msg"]
    assert "give exactly one of 'organisation' or 'members'" in _message(Parties, {})


def test_check_dated_and_check_sourced() -> None:
    ok = Party(party="AAA", since=date(2000, 1, 1), until=date(2001, 1, 1))
    check_dated(ok)
    check_sourced(ok)
    backwards = Party.model_construct(party="AAA", since=date(2001, 1, 1), until=date(2000, 1, 1), contested=())
    with pytest.raises(ValueError, match=r"'until' \(2000-01-01\) must be after 'since' \(2001-01-01\)"):
        check_dated(backwards)
    check_sourced(backwards)  # the dates are Dated's check, not Sourced's
    twice = Alternative(id="a", label="a", changes={"until": "2002-01-01"})
    shared = Party.model_construct(party="AAA", since=date(2000, 1, 1), until=None, contested=(twice, twice))
    for check in (check_sourced, check_dated):
        with pytest.raises(ValueError, match="two alternatives share an id"):
            check(shared)
    wrong = Alternative(id="b", label="b", changes={"until": "1999-01-01"})
    with pytest.raises(ValidationError):
        check_sourced(Party.model_construct(party="AAA", since=date(2000, 1, 1), until=None, contested=(wrong,)))
