"""Condition tests on who the actors are: a party, a member, a kind of actor, a named state, how many attackers."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from sahel_sim.clauses.checks import Fact
from sahel_sim.clauses.leaf import Leaf, LeafTest, Quantifier, Role, article, who_words
from sahel_sim.clauses.logic import FALSE, TRUE, any_of, implies, negate
from sahel_sim.model.actors import ID_PATTERN, ActorKind
from sahel_sim.model.memberships import Membership

__all__ = ["ActorInRegionTest", "ActorIsTest", "ActorKindTest", "AttackerCountTest", "IsPartyTest", "MemberOfTest", "TESTS",
           "party_fact"]


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


def party_fact(who: str, treaty_id: str, name: str, day: date, basis: Any | None) -> Fact:
    """The fact that ``who`` is a party to the treaty (named ``name``) on ``day``, by ``basis`` (its membership
    or party entry), or that it is not one (``basis`` None)."""
    if basis is not None:
        via = f"member of {basis.of}{_since(basis)}" if isinstance(basis, Membership) else f"party{_since(basis)}"
        return Fact("party", (who, treaty_id, day.isoformat()), f"{who} is a party to the {name} on {day} ({via})")
    return Fact("not_party", (who, treaty_id, day.isoformat()), f"{who} is not a party to the {name} on {day}")


def _is_party(cond: IsPartyTest, s: Any) -> tuple[bool, list[Fact]]:
    q = s.q
    tid = _treaty_id(cond, s)
    name = s.treaty.title if s.treaty is not None and s.treaty.id == tid else s.treaties[tid].title
    results, facts = [], []
    for who in s.role(cond.who):
        basis = q.party_basis(s.G, who, tid, s.day)
        results.append(basis is not None)
        facts.append(party_fact(who, tid, name, s.day, basis))
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


# --- actor_in_region --------------------------------------------------------------------------------


class ActorInRegionTest(Leaf):
    """An actor in a role has its own territory in one of these regions: "a European Power" is a state in europe.

    The actor's own territory is the territory with the actor's id (a
    state's metropolitan territory); an actor without one (an organisation,
    an armed group) is in no region.
    """

    test: Literal["actor_in_region"]
    who: Role
    regions: tuple[str, ...] = Field(min_length=1)
    quantifier: Quantifier = "any"

    def _words(self) -> str:
        return f"{who_words(self.who, self.quantifier)} has its territory in {' or '.join(self.regions)}"


def _actor_in_region(cond: ActorInRegionTest, s: Any) -> tuple[bool, list[Fact]]:
    results, facts = [], []
    for who in s.role(cond.who):
        if not s.q.has_territory(s.G, who):
            results.append(False)
            facts.append(Fact("no_own_territory", (who,), f"{who} has no territory of its own"))
            continue
        tags = s.q.regions(s.G, who)
        hits = sorted(set(cond.regions) & tags)
        results.append(bool(hits))
        text = (f"{who}'s territory is in {', '.join(hits)}" if hits
                else f"{who}'s territory is in {', '.join(sorted(tags)) or 'no region'} only")
        facts.append(Fact("actor_region", (who, *(hits or sorted(tags))), text))
    return quantify(results, cond.quantifier), facts


def _recheck_actor_region(ctx: Any, a: tuple[str, ...]) -> bool:
    return ctx.q.has_territory(ctx.G, a[0]) and set(a[1:]) <= ctx.q.regions(ctx.G, a[0])


def _encode_actor_region(x: ActorInRegionTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    return enc.opaque(x)


def _draw_actor_region(draw: Any, ctx: Any) -> dict[str, Any]:
    return {**_who_and_quantifier(draw, ctx), "regions": draw(ctx.some(ctx.regions))}


# --- actor_is ---------------------------------------------------------------------------------------

_ACTOR_ID = Annotated[str, Field(pattern=ID_PATTERN)]
_TREATY_ID = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]{0,79}$")]


class ActorIsTest(Leaf):
    """An actor in a role is one of the named actors, a member of a named organisation, or a party to a named treaty.

    ``{test: actor_is, who: attackers, actors: [DEU]}`` is "attacked by
    Germany"; ``allied_under: [treaty-id]`` adds "or any state allied with
    it" (a party to that treaty on the event date).
    """

    test: Literal["actor_is"]
    who: Role
    actors: tuple[_ACTOR_ID, ...] = ()
    members_of: tuple[_ACTOR_ID, ...] = ()
    allied_under: tuple[_TREATY_ID, ...] = ()
    quantifier: Quantifier = "any"

    @model_validator(mode="after")
    def _names_someone(self) -> "ActorIsTest":
        if not (self.actors or self.members_of or self.allied_under):
            raise ValueError("name someone: give 'actors', 'members_of' or 'allied_under'")
        return self

    def named(self) -> str:
        """Whom the test names, in words: ``DEU or a member of ORG``."""
        names = list(self.actors) + [f"a member of {o}" for o in self.members_of]
        return " or ".join(names + [f"a party to the {t}" for t in self.allied_under])

    def _words(self) -> str:
        return f"{who_words(self.who, self.quantifier)} is {self.named()}"


def _actor_is(cond: ActorIsTest, s: Any) -> tuple[bool, list[Fact]]:
    """Each actor in the role against the named actors, organisations and treaties."""
    results, facts = [], []
    for who in s.role(cond.who):
        why = f"{who} is named" if who in cond.actors else None
        for org in cond.members_of:
            if why is None and s.q.membership(s.G, who, org, s.day) is not None:
                why = f"{who} is a member of {org} on {s.day}"
        for tid in cond.allied_under:
            if why is None and s.q.party_basis(s.G, who, tid, s.day) is not None:
                why = f"{who} is a party to the {tid} on {s.day}"
        results.append(why is not None)
        if why is not None:
            facts.append(Fact("actor_is", (who, s.day.isoformat(), *cond.actors), f"{why} ({cond.describe()})"))
        else:
            facts.append(Fact("actor_is_not", (who, s.day.isoformat(), *cond.actors),
                              f"{who} is not {cond.named()} on {s.day}"))
    return quantify(results, cond.quantifier), facts


def _recheck_actor_is(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """Named: true; through a membership or a treaty the fact does not say which (not re-checked)."""
    return True if args[0] in args[2:] else None


def _recheck_actor_is_not(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """Not among the named actors (the memberships and treaties are not in the fact)."""
    return False if args[0] in args[2:] else None


def _encode_actor_is(x: ActorIsTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    """Named actors, memberships and alliances, each by the variables the other tests share.

    A role one actor fills (target, obligor, beneficiary) has an identity among
    the actors the treaty's tests name (or another); a named actor has its
    kind.  For the attackers or supporters, "some" of them is named, a member,
    a party; "every one of them" is :func:`_every_actor_is`.  An organisation
    (the treaty's) is named or not, as the test's list says.
    """
    actor = enc.actor(x, roles)
    if actor is None:
        return FALSE
    if enc.organisation(actor):
        org = enc.root.organisation if actor == "org" else actor.split(":", 1)[1]
        if org in x.actors:
            return TRUE
        return any_of([*(enc.quantified(f"member:{o}", actor, "any") for o in x.members_of),
                       *(enc.party(actor, tid, "any") for tid in x.allied_under)])
    if actor in ("attackers", "supporters") and x.quantifier == "all":
        return _every_actor_is(x, enc, actor)
    return _some_actor_is(x, enc, actor)


def _some_actor_is(x: ActorIsTest, enc: Any, actor: str) -> Any:
    kinds = _kinds(enc)
    parts = []
    for a in x.actors:
        if actor in ("attackers", "supporters"):
            named = enc.flag(f"has:{actor}:{a}")
        else:
            named = enc.var(f"id:{actor}", (*_named_ids(enc), "other"), [a])
        enc.axiom(f"id:{actor}:{a}", implies(named, enc.kind_of(actor, [kinds.get(a, "state")], "any")))
        parts.append(named)
    parts += [enc.quantified(f"member:{org}", actor, "any") for org in x.members_of]
    parts += [enc.party(actor, tid, "any") for tid in x.allied_under]
    return any_of(parts)


def _every_actor_is(x: ActorIsTest, enc: Any, actor: str) -> Any:
    """Every attacker (or supporter) is named, a member or a party, and there is one.

    Its own variable, bound by what it entails and what entails it: some of them
    passes (the "some" test); their kinds are among the kinds of the actors
    named, of the members and of the parties; an actor another test names that
    is not named here and can never be a member or a party here is not among
    them; and every one of them a member of a named organisation (or a party
    to a named treaty) is enough.
    """
    every = enc.opaque(x)
    key = every[1]
    enc.axiom(f"{key}:some", implies(every, _some_actor_is(x, enc, actor)))
    kinds = _kinds(enc)
    allowed = {kinds.get(a, "state") for a in x.actors}
    allowed |= {k for org in x.members_of for k in enc.member_kinds(org)}
    allowed |= {k for tid in x.allied_under for k in enc.party_kinds(tid)}
    enc.axiom(f"{key}:kinds", implies(every, enc.kind_of(actor, allowed, "all")))
    for b in _named_ids(enc):
        if b not in x.actors and not _could_join(enc, b, x):
            enc.axiom(f"{key}:not:{b}", implies(every, negate(enc.flag(f"has:{actor}:{b}"))))
    for org in x.members_of:
        enc.axiom(f"{key}:member:{org}", implies(enc.quantified(f"member:{org}", actor, "all"), every))
    for tid in x.allied_under:
        enc.axiom(f"{key}:party:{tid}", implies(enc.party(actor, tid, "all"), every))
    return every


def _kinds(enc: Any) -> dict[str, str]:
    return {a.id: a.kind.value for a in enc.world.actors}


def _could_join(enc: Any, actor: str, x: ActorIsTest) -> bool:
    """Whether ``actor`` is ever, in this world, a member of one of the test's organisations or a party to one
    of its treaties (a treaty not found: it could be)."""
    def member(org: str) -> bool:
        return any(m.member == actor and m.of == org for m in enc.world.memberships)

    for tid in x.allied_under:
        t = enc.treaty_of(tid)
        if t is None or (member(t.parties.organisation) if t.parties.organisation
                         else any(p.party == actor for p in t.parties.members)):
            return True
    return any(member(org) for org in x.members_of)


def _named_ids(enc: Any) -> tuple[str, ...]:
    """Every actor an ``actor_is`` test of the treaty (or of a clause it borrows) or of a reading names (the
    identities a role can take)."""
    from sahel_sim.clauses.conditions import walk

    roots = [cond for cl in enc.scope for cond in (cl.trigger, *cl.conditions, *(e.when for e in cl.exceptions))]
    roots += [r.condition for r in enc.root.reservations if r.condition is not None]
    roots += [r.when for p in enc.world.perspectives for r in p.rules]
    return tuple(sorted({a for root in roots for x in walk(root) if isinstance(x, ActorIsTest) for a in x.actors}))


def _draw_actor_is(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    states = list(ctx.states or ctx.organisations)
    out: dict[str, Any] = {"who": draw(st.sampled_from(ctx.who())), "actors": draw(ctx.some(states)),
                           "quantifier": draw(st.sampled_from(["any", "all"]))}
    if ctx.organisations and ctx.sometimes(draw, 3):
        out["members_of"] = [draw(st.sampled_from(ctx.organisations))]
    if ctx.treaties and ctx.sometimes(draw, 3):
        out["allied_under"] = [draw(st.sampled_from(ctx.treaties))]
    return out


# --- attacker_count ---------------------------------------------------------------------------------


class AttackerCountTest(Leaf):
    """The event has at least (or at most) so many attackers, optionally of given kinds ("two or more powers")."""

    test: Literal["attacker_count"]
    at_least: int | None = Field(default=None, ge=0, le=1000)
    at_most: int | None = Field(default=None, ge=0, le=1000)
    kinds: tuple[ActorKind, ...] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_bound(self) -> "AttackerCountTest":
        if self.at_least is None and self.at_most is None:
            raise ValueError("give 'at_least' or 'at_most' (a number of attackers)")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ValueError(f"'at_least' ({self.at_least}) is above 'at_most' ({self.at_most})")
        return self

    def counted(self) -> str:
        """What is counted: ``attackers`` or ``state attackers``."""
        if not self.kinds:
            return "attackers"
        return " or ".join(k.value.replace("_", " ") for k in self.kinds) + " attackers"

    def _words(self) -> str:
        bounds = []
        if self.at_least is not None:
            bounds.append(f"at least {self.at_least}")
        if self.at_most is not None:
            bounds.append(f"at most {self.at_most}")
        return f"the event has {' and '.join(bounds)} {self.counted()}"


def _attacker_count(cond: AttackerCountTest, s: Any) -> tuple[bool, list[Fact]]:
    """Count the event's actors (of the given kinds)."""
    counted = [a for a in s.event.actors if cond.kinds is None or s.q.actor(s.G, a).kind in cond.kinds]
    n = len(counted)
    holds = (cond.at_least is None or n >= cond.at_least) and (cond.at_most is None or n <= cond.at_most)
    listed = f" ({', '.join(counted)})" if counted else ""
    return holds, [Fact("attacker_count", (s.event.id, str(n), *(k.value for k in cond.kinds or ())),
                        f"{s.event.id} has {n} {cond.counted()}{listed}")]


def _recheck_attackers(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = ctx.events.get(args[0])
    if ev is None:
        return None
    kinds = set(args[2:])
    return sum(1 for a in ev.actors if not kinds or ctx.q.actor(ctx.G, a).kind.value in kinds) == int(args[1])


def _encode_attacker_count(x: AttackerCountTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    if x.at_most is not None and x.at_most < 1:
        return FALSE  # every event has at least one actor
    return enc.opaque(x)


def _draw_attacker_count(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    lo, hi = sorted(draw(st.lists(st.integers(0, 3), min_size=2, max_size=2)))
    which = draw(st.sampled_from(["at_least", "at_most", "both"]))
    out: dict[str, Any] = {"at_least": lo} if which == "at_least" else {"at_most": hi} if which == "at_most" else {
        "at_least": lo, "at_most": hi}
    if draw(st.booleans()):
        out["kinds"] = [k.value for k in draw(ctx.some(list(ActorKind)))]
    return out


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
    LeafTest(ActorInRegionTest, _actor_in_region,
             {"actor_region": _recheck_actor_region, "no_own_territory": lambda ctx, a: not ctx.q.has_territory(ctx.G, a[0])},
             _encode_actor_region, _draw_actor_region),
    LeafTest(ActorIsTest, _actor_is, {"actor_is": _recheck_actor_is, "actor_is_not": _recheck_actor_is_not},
             _encode_actor_is, _draw_actor_is),
    LeafTest(AttackerCountTest, _attacker_count, {"attacker_count": _recheck_attackers},
             _encode_attacker_count, _draw_attacker_count),
)
