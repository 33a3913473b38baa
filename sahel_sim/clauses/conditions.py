"""The condition language: named predicates with parameters, composable.

A clause's trigger, conditions and exceptions, and a perspective's
characterisation rules, are all written in this one small language.  Leaf
conditions are tests with parameters (``{test: is_party, who: target}``);
``all_of``, ``any_of`` and ``not`` combine them.  Conditions are data: they are
validated by Pydantic from YAML and evaluated by the engine
(:mod:`sahel_sim.engine.evaluate`) with each test's own predicate; nothing
read from a file is ever executed.

The leaf tests live in their families (:mod:`sahel_sim.clauses.families`),
each with its model, predicate, fact re-check, verify encoding and
Hypothesis strategy; roles are defined once in :mod:`sahel_sim.clauses.leaf`.
This module puts them together into one discriminated union and re-exports
every test's model.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BeforeValidator, Field

from sahel_sim.clauses.families import LEAVES
from sahel_sim.clauses.families.conflict import (
    ExternallySupportedTest,
    PurelyInternalTest,
    StagedFromTest,
    StruckFirstTest,
)
from sahel_sim.clauses.families.government import GovernmentTest
from sahel_sim.clauses.families.events import (
    CATEGORY_PATTERN,
    AttributeTest,
    CategoryTest,
    ConsentedTest,
    EventDateTest,
    EventKindTest,
    IsResponseTest,
    MandatedByTest,
)
from sahel_sim.clauses.families.chains import ClauseAppliesTest
from sahel_sim.clauses.families.gravity import AttributedTest, DeliberateTest, ScaleTest, attribution_rank
from sahel_sim.clauses.families.parties import (ActorInRegionTest, ActorIsTest, ActorKindTest, AttackerCountTest, IsPartyTest,
                                                MemberOfTest)
from sahel_sim.clauses.families.places import (
    Box,
    LocationInBoxTest,
    LocationInRegionTest,
    LocationInTerritoryOfTest,
    LocationKindTest,
    LocationLatitudeTest,
    LocationWithinTest,
    degrees,
    kind_words,
)
from sahel_sim.clauses.families.requests import DecidedTest, DeterminedTest, InvokedTest, RequestedTest
from sahel_sim.clauses.leaf import OBLIGOR_ROLES, ROLES, Leaf, LeafTest, Quantifier, Role, article
from sahel_sim.model.base import Frozen

__all__ = [
    "ActorIsTest", "AttackerCountTest", "ClauseAppliesTest", "AttributedTest", "DeliberateTest", "DeterminedTest", "InvokedTest", "ScaleTest",
    "attribution_rank",
    "ActorInRegionTest", "ActorKindTest", "AllOf", "AnyOf", "AttributeTest", "Box", "CATEGORY_PATTERN", "CategoryTest", "Condition",
    "ConsentedTest", "DecidedTest", "EventDateTest", "EventKindTest", "ExternallySupportedTest", "GovernmentTest", "IsPartyTest",
    "IsResponseTest", "LEAF_TESTS", "LEAVES", "Leaf", "LeafTest", "LocationInBoxTest", "LocationInRegionTest",
    "LocationInTerritoryOfTest", "LocationKindTest", "LocationLatitudeTest", "LocationWithinTest", "MandatedByTest",
    "MemberOfTest", "Not", "OBLIGOR_ROLES", "PurelyInternalTest", "Quantifier", "ROLES", "RequestedTest", "Role",
    "StagedFromTest", "StruckFirstTest", "article", "degrees", "kind_words", "walk",
]


class _Group(Frozen):
    """Shared shape of ``all_of`` and ``any_of``: sub-conditions joined by a word."""

    conditions: tuple["Condition", ...] = Field(min_length=1)
    label: str | None = None
    _joiner: ClassVar[str] = "and"

    @property
    def roles(self) -> frozenset[str]:
        return frozenset().union(*(c.roles for c in self.conditions))

    def describe(self) -> str:
        return self.label or "(" + f" {self._joiner} ".join(c.describe() for c in self.conditions) + ")"


class AllOf(_Group):
    """Every sub-condition holds."""

    test: Literal["all_of"]


class AnyOf(_Group):
    """At least one sub-condition holds."""

    test: Literal["any_of"]
    _joiner: ClassVar[str] = "or"


class Not(Frozen):
    """The sub-condition does not hold."""

    test: Literal["not"]
    condition: "Condition"
    label: str | None = None

    @property
    def roles(self) -> frozenset[str]:
        return self.condition.roles

    def describe(self) -> str:
        return self.label or f"not {self.condition.describe()}"


def _shorthand(value: Any) -> Any:
    """Accept ``{all_of: [...]}``, ``{any_of: [...]}`` and ``{not: {...}}`` as written in YAML."""
    if isinstance(value, dict) and "test" not in value:
        for key, field in (("all_of", "conditions"), ("any_of", "conditions"), ("not", "condition")):
            if key in value:
                rest = {k: v for k, v in value.items() if k != key}
                return {"test": key, field: value[key], **rest}
    return value


#: The order the union (and so the JSON Schema of the scenario format) has always listed the tests in;
#: a test added later comes after these, in the order of its family.
_FIRST = ("category", "event_kind", "is_party", "member_of", "actor_kind", "location_in_territory_of",
          "location_in_region", "requested", "decided", "consented", "mandated_by", "struck_first",
          "externally_supported", "purely_internal", "is_response", "attribute", "location_kind", "location_within",
          "location_latitude", "location_in_box", "event_date")
_ORDER = tuple(t for t in _FIRST if t in LEAVES) + tuple(t for t in LEAVES if t not in _FIRST)
_Union = Union[tuple(LEAVES[t].model for t in _ORDER) + (AllOf, AnyOf, Not)]  # type: ignore[valid-type]
Condition = Annotated[_Union, Field(discriminator="test"), BeforeValidator(_shorthand)]

LEAF_TESTS: tuple[str, ...] = tuple(
    sorted(m.model_fields["test"].annotation.__args__[0] for m in _Union.__args__)  # type: ignore[union-attr]
)


def walk(condition: Any) -> Any:
    """Yield a condition and every condition nested inside it (depth first)."""
    yield condition
    if isinstance(condition, (AllOf, AnyOf)):
        for child in condition.conditions:
            yield from walk(child)
    elif isinstance(condition, Not):
        yield from walk(condition.condition)
