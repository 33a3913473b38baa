"""The condition language: named predicates with parameters, composable.

A clause's trigger, conditions and exceptions, and a perspective's
characterisation rules, are all written in this one small language.  Leaf
conditions are tests with parameters (``{test: is_party, who: target}``);
``all_of``, ``any_of`` and ``not`` combine them.  Conditions are data: they are
validated by Pydantic from YAML and evaluated by registered functions in
:mod:`sahel_sim.clauses.evaluate`; nothing read from a file is ever executed.

Roles name the actors of the situation being judged: ``target`` (the actor
the event is directed at), ``attackers`` (the event's actors), ``obligor``
(the candidate being judged), ``beneficiary`` (whom the duty is owed to) and
``external_supporters`` (states said to support the attackers).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BeforeValidator, Field

from sahel_sim.model.actors import ActorKind
from sahel_sim.model.base import Frozen
from sahel_sim.model.events import EventKind, RequestForm

__all__ = [
    "AllOf",
    "AnyOf",
    "Condition",
    "LEAF_TESTS",
    "Not",
    "OBLIGOR_ROLES",
    "Role",
    "article",
    "walk",
]

Role = Literal["target", "attackers", "obligor", "beneficiary", "external_supporters"]
Quantifier = Literal["any", "all"]
OBLIGOR_ROLES = frozenset({"obligor", "beneficiary"})

_ROLE_WORDS = {
    "target": "the target",
    "attackers": "an attacker",
    "obligor": "the obligor",
    "beneficiary": "the beneficiary",
    "external_supporters": "an external supporter",
}


def article(word: str) -> str:
    """``a`` or ``an`` before a word, for readable reasons.

    Examples:
        >>> article("armed group"), article("state")
        ('an', 'a')
    """
    return "an" if word[:1].lower() in "aeio" else "a"


def _who(role: str, quantifier: str = "any") -> str:
    """Words for a role, e.g. ``every attacker``."""
    words = _ROLE_WORDS[role]
    if quantifier == "all" and words.startswith("an "):
        return "every " + words[3:]
    return words


class _Leaf(Frozen):
    """Common fields of every leaf test: an optional legal label for reports."""

    label: str | None = None

    @property
    def roles(self) -> frozenset[str]:
        """Roles this test reads; obligor-dependent tests run once per candidate."""
        return frozenset(v for k, v in self if k in ("who", "by", "to") and isinstance(v, str) and v in _ROLE_WORDS)

    def describe(self) -> str:
        """The condition in words, for reasons and ``sahel-sim treaties``."""
        return self.label or self._words()

    def _words(self) -> str:  # pragma: no cover - every leaf overrides
        raise NotImplementedError


class CategoryTest(_Leaf):
    """The event is characterised as one of these legal categories."""

    test: Literal["category"]
    any_of: tuple[str, ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event is characterised as " + " or ".join(self.any_of)


class EventKindTest(_Leaf):
    """The event is of one of these fact-level kinds."""

    test: Literal["event_kind"]
    kinds: tuple[EventKind, ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event is " + " or ".join(k.value for k in self.kinds)


class IsPartyTest(_Leaf):
    """An actor in a role is a party (to this treaty, or another) on the event date."""

    test: Literal["is_party"]
    who: Role
    treaty: str | None = None
    quantifier: Quantifier = "any"

    def _words(self) -> str:
        treaty = f"the {self.treaty}" if self.treaty else "the treaty"
        return f"{_who(self.who, self.quantifier)} is a party to {treaty} on the event date"


class MemberOfTest(_Leaf):
    """An actor in a role is a member of an organisation on the event date."""

    test: Literal["member_of"]
    who: Role
    organisation: str
    quantifier: Quantifier = "any"

    def _words(self) -> str:
        return f"{_who(self.who, self.quantifier)} is a member of {self.organisation} on the event date"


class ActorKindTest(_Leaf):
    """An actor in a role is a state, an organisation or an armed group."""

    test: Literal["actor_kind"]
    who: Role
    kinds: tuple[ActorKind, ...] = Field(min_length=1)
    quantifier: Quantifier = "any"

    def _words(self) -> str:
        kinds = " or ".join(k.value.replace("_", " ") for k in self.kinds)
        return f"{_who(self.who, self.quantifier)} is {article(kinds)} {kinds}"


class LocationInTerritoryOfTest(_Leaf):
    """The event takes place on land held by the parties (or by one role) on the date."""

    test: Literal["location_in_territory_of"]
    who: Literal["parties", "target", "obligor", "beneficiary"]

    @property
    def roles(self) -> frozenset[str]:
        return frozenset({self.who}) if self.who in OBLIGOR_ROLES else frozenset()

    def _words(self) -> str:
        whose = "the parties" if self.who == "parties" else _who(self.who)
        return f"the event takes place on the territory of {whose}"


class LocationInRegionTest(_Leaf):
    """The event's territory carries one of these region tags."""

    test: Literal["location_in_region"]
    regions: tuple[str, ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event takes place in " + " or ".join(self.regions)


class RequestedTest(_Leaf):
    """A request for assistance was made (in writing, if required) before or on the date."""

    test: Literal["requested"]
    by: Role = "target"
    to: str = "any"
    form: RequestForm | Literal["any"] = "any"

    def _words(self) -> str:
        form = "" if self.form == "any" else f"{self.form.value} "
        to = "" if self.to == "any" else f" to {_ROLE_WORDS.get(self.to, self.to)}"
        return f"{_who(self.by)} made {article(form or 'request')} {form}request for assistance{to}"


class DecidedTest(_Leaf):
    """An organ of an organisation decided to act (e.g. the ECOWAS Authority)."""

    test: Literal["decided"]
    organisation: str
    organ: str | None = None

    def _words(self) -> str:
        organ = f" ({self.organ})" if self.organ else ""
        return f"{self.organisation}{organ} decided to act"


class ConsentedTest(_Leaf):
    """The target's government consented to the action."""

    test: Literal["consented"]

    def _words(self) -> str:
        return "the target consented"


class MandatedByTest(_Leaf):
    """The actors acted under the mandate of an organisation (any, if none named)."""

    test: Literal["mandated_by"]
    organisation: str | None = None

    def _words(self) -> str:
        return f"the actors act under a mandate of {self.organisation or 'an organisation'}"


class StruckFirstTest(_Leaf):
    """An actor in a role attacked one of the attackers earlier in the scenario."""

    test: Literal["struck_first"]
    who: Role = "target"

    def _words(self) -> str:
        return f"{_who(self.who)} struck first (attacked an attacker earlier)"


class ExternallySupportedTest(_Leaf):
    """The attackers are actively supported from outside the target state."""

    test: Literal["externally_supported"]

    def _words(self) -> str:
        return "the attackers are actively supported from outside"


class PurelyInternalTest(_Leaf):
    """Only non-state groups fight, on the target's own territory, with no outside support."""

    test: Literal["purely_internal"]

    def _words(self) -> str:
        return "the conflict is purely internal"


class IsResponseTest(_Leaf):
    """The event is a response to another (a duty to assist being carried out in a cascade)."""

    test: Literal["is_response"]

    def _words(self) -> str:
        return "the event is a response to an earlier event"


class AttributeTest(_Leaf):
    """An event attribute (or its ``purpose``) has a given value."""

    test: Literal["attribute"]
    name: str
    equals: bool | int | float | str

    def _words(self) -> str:
        return f"the event's {self.name} is {self.equals!r}"


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


_Union = Union[
    CategoryTest,
    EventKindTest,
    IsPartyTest,
    MemberOfTest,
    ActorKindTest,
    LocationInTerritoryOfTest,
    LocationInRegionTest,
    RequestedTest,
    DecidedTest,
    ConsentedTest,
    MandatedByTest,
    StruckFirstTest,
    ExternallySupportedTest,
    PurelyInternalTest,
    IsResponseTest,
    AttributeTest,
    AllOf,
    AnyOf,
    Not,
]
Condition = Annotated[_Union, Field(discriminator="test"), BeforeValidator(_shorthand)]

for _model in (_Group, AllOf, AnyOf, Not):
    _model.model_rebuild()

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
