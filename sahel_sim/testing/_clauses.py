"""Strategies for the clause language: conditions, clauses and treaties.

Every leaf test of :mod:`sahel_sim.clauses.conditions`, the three
combinators, every obligor, beneficiary, adversary, duty, means and strength,
and exceptions, are drawn; parameters are drawn from the world the clause
will live in (its categories, organisations and organs, region tags), so
that a drawn treaty is not only well formed but refers only to things that
exist.  Clauses are built as plain data and validated by the real models.
"""

from __future__ import annotations

import enum
import types
import typing
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Callable, Sequence

from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from sahel_sim.clauses.conditions import LEAF_TESTS, Condition
from sahel_sim.clauses.families import LEAVES
from sahel_sim.clauses.families.events import ATTRIBUTE_VALUES
from sahel_sim.clauses.leaf import EVENT_ROLES, ROLES
from sahel_sim.clauses.treaty import Adversary, Beneficiary, Clause, Duty, Means, Obligor, Strength, Treaty
from sahel_sim.model.actors import ActorKind
from sahel_sim.world import World
from sahel_sim.testing._world import FIRST, LAST, ORGAN, _sometimes, dates

__all__ = ["ATTRIBUTE_VALUES", "COMMON_CATEGORIES", "DRAWN_TESTS", "SYMMETRIC_TESTS", "clauses", "conditions", "mutual_clauses",
           "textbook_clauses", "treaties"]

# Categories the shipped readings actually give, first the ones ordinary armed attacks give.
COMMON_CATEGORIES = ("aggression", "attack_on_sovereignty", "armed_attack", "use_of_force", "terrorism",
                     "armed_rebellion", "attack_on_forces", "unconstitutional_change_of_government")
#: Tests that treat the target and a co-party alike, so that a clause built only from them is
#: symmetric between parties (``member_of``, regions and other treaties can tell parties apart).
SYMMETRIC_TESTS = ("category", "event_kind", "is_party", "location_in_territory_of", "actor_kind", "consented",
                   "mandated_by", "externally_supported", "purely_internal", "is_response", "attribute",
                   "requested", "decided", "struck_first", "event_date", "scale", "deliberate", "attributed",
                   "attacker_count")
_CONDITION: TypeAdapter[Any] = TypeAdapter(Condition)
_LEAVES = tuple(t for t in LEAF_TESTS if t not in ("all_of", "any_of", "not"))
_MODELS: dict[str, type[BaseModel]] = {
    m.model_fields["test"].annotation.__args__[0]: m  # type: ignore[union-attr]
    for m in typing.get_args(typing.get_args(Condition)[0])
}
#: Leaf tests whose family gives them a strategy (every registered test); a model added to the
#: union without one is drawn from its Pydantic fields by a generic generator.
DRAWN_TESTS = tuple(t for t in LEAVES if t in _LEAVES)


@dataclass(frozen=True)
class _Ctx:
    """What a drawn condition may refer to."""

    categories: tuple[str, ...]
    organisations: tuple[str, ...]
    regions: tuple[str, ...]
    territories: tuple[str, ...]
    treaties: tuple[str, ...]
    tests: tuple[str, ...]
    event_level: bool
    symmetric: bool = False
    states: tuple[str, ...] = ()

    @classmethod
    def of(cls, world: World, tests: Sequence[str] | None, event_level: bool, treaties: Sequence[str] = (),
           symmetric: bool = False) -> "_Ctx":
        known = [c.id for c in world.categories]
        common = [c for c in COMMON_CATEGORIES if c in known]
        regions = sorted({r for t in world.territories for r in t.regions})
        orgs = [a.id for a in world.actors if a.kind is ActorKind.organisation]
        chosen = tuple(t for t in (tests or _LEAVES) if t in _LEAVES)
        if tests is None:  # a borrowed clause only when asked for: drawn treaties borrowing each other would loop
            chosen = tuple(t for t in chosen if t != "clause_applies")
        if not regions:
            chosen = tuple(t for t in chosen if t not in ("location_in_region", "actor_in_region"))
        if not orgs:
            chosen = tuple(t for t in chosen if t not in ("member_of", "decided", "determined"))
        states = tuple(a.id for a in world.actors if a.kind is ActorKind.state)
        if not states and not orgs:
            chosen = tuple(t for t in chosen if t != "actor_is")
        return cls(tuple(common + [c for c in known if c not in common]), tuple(orgs), tuple(regions),
                   tuple(t.id for t in world.territories), tuple(treaties), chosen or ("category",), event_level,
                   symmetric, states)

    def roles(self) -> list[str]:
        return list(EVENT_ROLES if self.event_level else ROLES)

    def who(self) -> list[str]:
        """Roles a drawn test may name (only target and attackers, for a symmetric clause)."""
        return ["target", "attackers"] if self.symmetric else self.roles()

    # What a family's strategy draws with (see the ``draw`` part of each LeafTest).
    organ = ORGAN
    first = FIRST
    last = LAST

    @staticmethod
    def some(values: Sequence[Any], most: int = 2) -> st.SearchStrategy[list[Any]]:
        return _some(values, most)

    @staticmethod
    def sometimes(draw: st.DrawFn, one_in: int) -> bool:
        return _sometimes(draw, one_in)


def _some(values: Sequence[Any], most: int = 2) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(list(values)), min_size=1, max_size=most, unique=True)


@st.composite
def _leaf(draw: st.DrawFn, ctx: _Ctx) -> dict[str, Any]:
    test = draw(st.sampled_from(ctx.tests))
    out: dict[str, Any] = {"test": test}
    if test in LEAVES:
        out.update(LEAVES[test].draw(draw, ctx))
    else:
        out.update(draw(_generic(ctx, _MODELS[test])))
    if _sometimes(draw, 4):
        out["label"] = f"a drawn {test.replace('_', ' ')} condition"
    return out


def _degrees(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.integers(int(lo), int(hi)).map(float)


def _field_values(ctx: _Ctx, annotation: Any) -> st.SearchStrategy[Any]:
    """Values for one Pydantic field of an unknown test, from its type (ids come from the world)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _field_values(ctx, args[0])
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*[_field_values(ctx, a) for a in args if a is not type(None)])
    if origin is typing.Literal:
        return st.sampled_from(list(args))
    if origin in (tuple, list):
        return st.lists(_field_values(ctx, args[0]), min_size=1, max_size=2)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return st.sampled_from([m.value for m in annotation])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return st.fixed_dictionaries({k: _field_values(ctx, f.annotation) for k, f in annotation.model_fields.items()
                                      if f.is_required()})
    simple: dict[Any, st.SearchStrategy[Any]] = {
        bool: st.booleans(), int: st.integers(0, 10), float: _degrees(-60, 60), date: st.dates(FIRST, LAST),
        str: st.sampled_from(list(ctx.territories + ctx.organisations) or ["x"]),
    }
    return simple.get(annotation, st.nothing())


@st.composite
def _generic(draw: st.DrawFn, ctx: _Ctx, model: type[BaseModel]) -> dict[str, Any]:
    """A leaf of a test this module has no generator for, built from its fields; invalid draws are retried."""
    for _ in range(10):
        out: dict[str, Any] = {}
        for name, f in model.model_fields.items():
            if name in ("test", "label") or (not f.is_required() and draw(st.booleans())):
                continue
            out[name] = draw(_field_values(ctx, f.annotation))
        try:
            model.model_validate({"test": model.model_fields["test"].annotation.__args__[0], **out})  # type: ignore[union-attr]
        except ValidationError:
            continue
        return out
    from hypothesis import reject

    reject()


@st.composite
def _condition(draw: st.DrawFn, ctx: _Ctx, depth: int) -> dict[str, Any]:
    choice = draw(st.integers(0, 9)) if depth > 0 else 0
    if choice < 7:
        return draw(_leaf(ctx))
    if choice == 9:
        return {"test": "not", "condition": draw(_condition(ctx, depth - 1))}
    parts = draw(st.lists(_condition(ctx, depth - 1), min_size=1, max_size=3))
    return {"test": "all_of" if choice == 7 else "any_of", "conditions": parts}


def conditions(world: World, *, tests: Sequence[str] | None = None, max_depth: int = 2, event_level: bool = False,
               treaties: Sequence[str] = ()) -> st.SearchStrategy[Any]:
    """A condition of the clause language, valid in ``world``.

    Args:
        world: where the condition's organisations, categories and regions come from.
        tests: only these leaf tests (default: every leaf test of the language).
        max_depth: nesting of ``all_of``, ``any_of`` and ``not`` (0: leaves only).
        event_level: only roles a trigger may use (no ``obligor`` or ``beneficiary``).
        treaties: treaty ids ``is_party`` may name besides the clause's own.

    Examples:
        >>> from hypothesis import given, settings
        >>> from sahel_sim.testing import conditions, worlds
        >>> @settings(max_examples=5)
        ... @given(worlds().flatmap(lambda w: conditions(w, event_level=True)))
        ... def test(condition):
        ...     assert not condition.roles & {"obligor", "beneficiary"}
        >>> test()
    """
    ctx = _Ctx.of(world, tests, event_level, treaties)
    return _condition(ctx, max_depth).map(_CONDITION.validate_python)


@st.composite
def _clause_data(draw: st.DrawFn, world: World, *, clause_id: str, organisation: str | None,
                 treaties: Sequence[str], tests: Sequence[str] | None, mutual: bool | None) -> dict[str, Any]:
    event_ctx = _Ctx.of(world, tests, True, treaties)
    ctx = _Ctx.of(world, tests, False, treaties)
    cats = event_ctx.categories or ("aggression",)
    if draw(st.integers(0, 3)) < 3:
        trigger: dict[str, Any] = {"test": "category", "any_of": draw(_some(cats[:4] if draw(st.booleans()) else cats, 3))}
    else:
        trigger = draw(_condition(event_ctx, 1))
    obligors = [o for o in Obligor if o is not Obligor.organisation or organisation]
    beneficiaries = [b for b in Beneficiary if b is not Beneficiary.organisation or organisation]
    data: dict[str, Any] = {
        "id": clause_id,
        "article": clause_id.removeprefix("c"),
        "text": f"Clause {clause_id}, drawn for a property test.",
        "text_kind": "paraphrase",
        "trigger": trigger,
        "conditions": draw(st.lists(_condition(ctx, 1), max_size=2)),
        "exceptions": [{"when": w} for w in draw(st.lists(_condition(ctx, 1), max_size=2))],
        "obligor": draw(st.sampled_from(obligors)).value,
        "beneficiary": draw(st.sampled_from(beneficiaries)).value,
        "against": draw(st.sampled_from(list(Adversary))).value,
        "duty": draw(st.sampled_from(list(Duty))).value,
        "means": draw(st.sampled_from(list(Means))).value,
        "strength": draw(st.sampled_from(list(Strength))).value,
        "mutual": draw(st.booleans()) if mutual is None else mutual,
    }
    data["modality"] = "prohibition" if data["duty"] == "refrain" else draw(st.sampled_from(["obligation", "permission"]))
    if data["duty"] == "guarantee":  # a guarantee is an obligation owed to the party attacked
        data["modality"], data["beneficiary"] = "obligation", "target"
    if data["obligor"] == "organisation" and draw(st.booleans()):
        data["organ"] = ORGAN
    return data


def clauses(world: World, *, clause_id: str = "c1", organisation: str | None = None, treaties: Sequence[str] = (),
            tests: Sequence[str] | None = None, mutual: bool | None = None) -> st.SearchStrategy[Clause]:
    """A clause drawn from the whole language: any trigger, conditions, exceptions and duty.

    Args:
        world: where its organisations, categories and regions come from.
        clause_id: the clause's id (its article is the id without the leading ``c``).
        organisation: the treaty's organisation, if any (needed by the ``organisation``
            obligor and beneficiary, which are drawn only when it is given).
        treaties: other treaty ids ``is_party`` may name.
        tests: only these leaf tests.
        mutual: force the ``mutual`` flag (default: drawn).

    Such a clause is well formed, but need not be *consistent*: it may owe a duty
    to its own obligor, or never fire.  That is what ``sahel-sim verify`` looks for.
    """
    return _clause_data(world, clause_id=clause_id, organisation=organisation, treaties=treaties, tests=tests,
                        mutual=mutual).map(Clause.model_validate)


@st.composite
def _textbook_data(draw: st.DrawFn, world: World, *, clause_id: str, defensive: bool | None) -> dict[str, Any]:
    exceptions = []
    if defensive or (defensive is None and draw(st.booleans())):
        exceptions.append({"when": {"test": "struck_first", "who": "target"},
                           "text": "no duty to assist a party that struck first"})
    return {
        "id": clause_id,
        "article": clause_id.removeprefix("c"),
        "text": "An aggression against one party on its territory obliges each other party to assist it.",
        "text_kind": "paraphrase",
        "trigger": {"test": "category", "any_of": [draw(st.sampled_from(["aggression", "attack_on_sovereignty"]))]},
        "conditions": [{"test": "is_party", "who": "target"}, {"test": "location_in_territory_of", "who": "target"}],
        "exceptions": exceptions,
        "obligor": "each_other_party",
        "beneficiary": "target",
        "against": "attackers",
        "duty": "assist",
        "means": draw(st.sampled_from(["armed_force_included", "armed_force_if_necessary"])),
        "strength": "mandatory",
        "mutual": True,
    }


def textbook_clauses(world: World, *, clause_id: str = "c1", defensive: bool | None = None,
                     **_: Any) -> st.SearchStrategy[Clause]:
    """The textbook collective-defence clause (each other party assists a party attacked on its territory).

    Args:
        defensive: carry the exception "not when the party attacked struck first"
            (True: always, False: never, None: drawn).
    """
    return _textbook_data(world, clause_id=clause_id, defensive=defensive).map(Clause.model_validate)


@st.composite
def _mutual_data(draw: st.DrawFn, world: World, *, clause_id: str) -> dict[str, Any]:
    ctx = _Ctx.of(world, SYMMETRIC_TESTS, False, symmetric=True)
    data = draw(_textbook_data(world, clause_id=clause_id, defensive=None))
    data["conditions"] = data["conditions"] + draw(st.lists(_condition(ctx, 1), max_size=2))
    data["exceptions"] = data["exceptions"] + [{"when": w} for w in draw(st.lists(_condition(ctx, 1), max_size=1))]
    data["duty"] = draw(st.sampled_from(["assist", "consult", "counter_rebellion", "combat_terrorism"]))
    return data


def mutual_clauses(world: World, *, clause_id: str = "c1", **_: Any) -> st.SearchStrategy[Clause]:
    """A clause that is mutual by construction: the textbook clause plus conditions and exceptions
    drawn only from tests that treat the target and a co-party alike (:data:`SYMMETRIC_TESTS`)."""
    return _mutual_data(world, clause_id=clause_id).map(Clause.model_validate)


ClauseFactory = Callable[..., st.SearchStrategy[Clause]]


def _any_clause(world: World, *, clause_id: str, organisation: str | None, treaties: Sequence[str]) -> st.SearchStrategy[Clause]:
    return st.one_of(textbook_clauses(world, clause_id=clause_id),
                     clauses(world, clause_id=clause_id, organisation=organisation, treaties=treaties))


@st.composite
def treaties(draw: st.DrawFn, world: World, *, treaty_id: str = "pact-1", min_clauses: int = 1, max_clauses: int = 3,
             clause: ClauseFactory | None = None, parties: str | None = None, others: Sequence[str] = (),
             start: date = FIRST, end: date = LAST) -> Treaty:
    """A treaty of ``world``: dates, parties (an organisation's members or a dated list) and clauses.

    Args:
        world: the treaty's parties and the organisations its clauses name come from it.
        treaty_id: the treaty's id.
        min_clauses, max_clauses: how many clauses (ids ``c1``, ``c2`` …).
        clause: ``clause(world, clause_id=…, organisation=…, treaties=…)`` → strategy of
            :class:`Clause` (default: the textbook clause or any clause of the language).
        parties: ``"organisation"``, ``"list"`` or None (either).
        others: ids of other treaties that ``is_party`` conditions may name.
        start, end: the treaty's dates lie within these.
    """
    states = [a.id for a in world.actors if a.kind.value == "state"]
    orgs = [a.id for a in world.actors if a.kind.value == "organisation"]
    in_force = draw(st.one_of(st.dates(start, start + (end - start) // 2), dates((), start, end - timedelta(days=1))))
    signed = draw(st.sampled_from([in_force, max(start, in_force - timedelta(days=180))]))
    data: dict[str, Any] = {"id": treaty_id, "name": f"Synthetic treaty {treaty_id}", "signed": signed,
                            "in_force": in_force}
    if _sometimes(draw, 4):
        data["terminated"] = draw(st.dates(in_force + timedelta(days=1), end))
    how = parties or ("organisation" if orgs and draw(st.booleans()) else "list")
    if how == "organisation" and orgs:
        org = draw(st.sampled_from(orgs))
        data["organisation"] = org
        data["parties"] = {"organisation": org}
    else:
        members = []
        for s in draw(st.lists(st.sampled_from(states), min_size=1, max_size=len(states), unique=True)):
            since = draw(st.one_of(st.dates(start, start + (end - start) // 3), st.dates(start, end - timedelta(days=1))))
            entry: dict[str, Any] = {"party": s, "since": since}
            if _sometimes(draw, 3):
                entry["until"] = draw(st.dates(since + timedelta(days=1), end))
            members.append(entry)
        data["parties"] = {"members": members}
    make = clause or _any_clause
    n = draw(st.integers(min_clauses, max_clauses))
    data["clauses"] = [draw(make(world, clause_id=f"c{i + 1}", organisation=data.get("organisation"),
                                 treaties=list(others))).model_dump(mode="json", by_alias=True, exclude_none=True)
                       for i in range(n)]
    return Treaty.model_validate(data)
