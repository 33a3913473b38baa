"""Condition tests on who the actors are: a party to a treaty, a member of an organisation, a kind of actor."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field

from sahel_sim.clauses.checks import Fact
from sahel_sim.clauses.leaf import Leaf, LeafTest, Quantifier, Role, article, who_words
from sahel_sim.clauses.logic import FALSE
from sahel_sim.model.actors import ActorKind
from sahel_sim.model.memberships import Membership

__all__ = ["ActorKindTest", "IsPartyTest", "MemberOfTest", "TESTS"]


def quantify(results: list[bool], quantifier: str) -> bool:
    """``any``: at least one actor of the role passes; ``all``: every one, and there is one."""
    return bool(results) and (any(results) if quantifier == "any" else all(results))


def _since(record: Any) -> str:
    since = getattr(record, "since", None)
    return f" since {since}" if since else ""


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _who_and_quantifier(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    return {"who": draw(st.sampled_from(ctx.who())), "quantifier": draw(st.sampled_from(["any", "all"]))}


# --- is_party ---------------------------------------------------------------------------------------


class IsPartyTest(Leaf):
    """An actor in a role is a party (to this treaty, or another) on the event date."""

    test: Literal["is_party"]
    who: Role
    treaty: str | None = None
    quantifier: Quantifier = "any"

    def _words(self) -> str:
        treaty = f"the {self.treaty}" if self.treaty else "the treaty"
        return f"{who_words(self.who, self.quantifier)} is a party to {treaty} on the event date"


def _treaty_id(cond: Any, s: Any) -> str:
    if cond.treaty:
        return str(cond.treaty)
    if s.treaty is None:
        raise LookupError("is_party needs a treaty: give 'treaty:' outside a clause")
    return s.treaty.id


def _is_party(cond: IsPartyTest, s: Any) -> tuple[bool, list[Fact]]:
    q = s.q
    tid = _treaty_id(cond, s)
    name = s.treaty.title if s.treaty is not None and s.treaty.id == tid else q.treaty(s.G, tid).title
    results, facts = [], []
    for who in s.role(cond.who):
        basis = q.party_basis(s.G, who, tid, s.day)
        results.append(basis is not None)
        if basis is not None:
            via = f"member of {basis.of}{_since(basis)}" if isinstance(basis, Membership) else f"party{_since(basis)}"
            facts.append(Fact("party", (who, tid, s.day.isoformat()), f"{who} is a party to the {name} on {s.day} ({via})"))
        else:
            facts.append(Fact("not_party", (who, tid, s.day.isoformat()), f"{who} is not a party to the {name} on {s.day}"))
    return quantify(results, cond.quantifier), facts


def _encode_party(x: IsPartyTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    actor = enc.actor(x, roles)
    return FALSE if actor is None else enc.party(actor, x.treaty, x.quantifier)


def _draw_party(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    out: dict[str, Any] = {"who": draw(st.sampled_from(ctx.who()))}
    if ctx.treaties and not ctx.symmetric and ctx.sometimes(draw, 3):
        out["treaty"] = draw(st.sampled_from(ctx.treaties))
    out["quantifier"] = draw(st.sampled_from(["any", "all"]))
    return out


# --- member_of --------------------------------------------------------------------------------------


class MemberOfTest(Leaf):
    """An actor in a role is a member of an organisation on the event date."""

    test: Literal["member_of"]
    who: Role
    organisation: str
    quantifier: Quantifier = "any"

    def _words(self) -> str:
        return f"{who_words(self.who, self.quantifier)} is a member of {self.organisation} on the event date"


def _member_of(cond: MemberOfTest, s: Any) -> tuple[bool, list[Fact]]:
    results, facts = [], []
    for who in s.role(cond.who):
        record = s.q.membership(s.G, who, cond.organisation, s.day)
        results.append(record is not None)
        if record is not None:
            facts.append(Fact("member", (who, cond.organisation, s.day.isoformat()),
                              f"{who} is a member of {cond.organisation} on {s.day}{_since(record)}"))
        else:
            facts.append(Fact("not_member", (who, cond.organisation, s.day.isoformat()),
                              f"{who} is not a member of {cond.organisation} on {s.day}"))
    return quantify(results, cond.quantifier), facts


def _encode_member(x: MemberOfTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    actor = enc.actor(x, roles)
    return FALSE if actor is None else enc.quantified(f"member:{x.organisation}", actor, x.quantifier)


def _draw_member(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    return {"who": draw(st.sampled_from(ctx.who())), "organisation": draw(st.sampled_from(ctx.organisations)),
            "quantifier": draw(st.sampled_from(["any", "all"]))}


# --- actor_kind -------------------------------------------------------------------------------------


class ActorKindTest(Leaf):
    """An actor in a role is a state, an organisation or an armed group."""

    test: Literal["actor_kind"]
    who: Role
    kinds: tuple[ActorKind, ...] = Field(min_length=1)
    quantifier: Quantifier = "any"

    def _words(self) -> str:
        kinds = " or ".join(k.value.replace("_", " ") for k in self.kinds)
        return f"{who_words(self.who, self.quantifier)} is {article(kinds)} {kinds}"


def _actor_kind(cond: ActorKindTest, s: Any) -> tuple[bool, list[Fact]]:
    results, facts = [], []
    for who in s.role(cond.who):
        kind = s.q.actor(s.G, who).kind
        results.append(kind in cond.kinds)
        words = kind.value.replace("_", " ")
        facts.append(Fact("actor_kind", (who, kind.value), f"{who} is {article(words)} {words}"))
    return quantify(results, cond.quantifier), facts


def _encode_kind(x: ActorKindTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    actor = enc.actor(x, roles)
    return FALSE if actor is None else enc.kind_of(actor, x.kinds, x.quantifier)


def _draw_kind(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    return {"who": draw(st.sampled_from(["attackers"] if ctx.symmetric else ctx.who())),
            "kinds": [k.value for k in draw(ctx.some(list(ActorKind)))],
            "quantifier": draw(st.sampled_from(["any", "all"]))}


TESTS = (
    LeafTest(IsPartyTest, _is_party,
             {"party": lambda ctx, a: ctx.q.is_party(ctx.G, a[0], a[1], _day(a[2])),
              "not_party": lambda ctx, a: not ctx.q.is_party(ctx.G, a[0], a[1], _day(a[2]))},
             _encode_party, _draw_party),
    LeafTest(MemberOfTest, _member_of,
             {"member": lambda ctx, a: ctx.q.is_member(ctx.G, a[0], a[1], _day(a[2])),
              "not_member": lambda ctx, a: not ctx.q.is_member(ctx.G, a[0], a[1], _day(a[2]))},
             _encode_member, _draw_member),
    LeafTest(ActorKindTest, _actor_kind, {"actor_kind": lambda ctx, a: ctx.q.actor(ctx.G, a[0]).kind.value == a[1]},
             _encode_kind, _draw_kind),
)
