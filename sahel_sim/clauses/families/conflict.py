"""Condition tests on the conflict's shape: who struck first, outside support, a purely internal conflict."""

from __future__ import annotations

from typing import Any, Literal

from sahel_sim.clauses.checks import Fact
from sahel_sim.clauses.leaf import Leaf, LeafTest, Role, who_words
from sahel_sim.clauses.logic import FALSE, all_of, implies

__all__ = ["ExternallySupportedTest", "PurelyInternalTest", "StagedFromTest", "StruckFirstTest", "TESTS", "first_strikes"]


# --- struck_first -----------------------------------------------------------------------------------


class StruckFirstTest(Leaf):
    """An actor in a role attacked one of the attackers earlier in the scenario."""

    test: Literal["struck_first"]
    who: Role = "target"

    def _words(self) -> str:
        return f"{who_words(self.who)} struck first (attacked an attacker earlier)"


def first_strikes(history: tuple[Any, ...]) -> dict[tuple[str, str], Any]:
    """The earliest original event of each (actor, target) pair.

    Responses are left out: carrying out a duty to assist is not striking first.
    """
    first: dict[tuple[str, str], Any] = {}
    for e in sorted((e for e in history if e.response_to is None), key=lambda e: (e.date, e.id)):
        for a in e.actors:
            first.setdefault((a, e.target), e)
    return first


def _struck_first(cond: StruckFirstTest, s: Any) -> tuple[bool, list[Fact]]:
    who = set(s.role(cond.who))
    first = s.first_strikes()
    attackers = s.role("attackers")
    hits = [e for w in who for a in attackers if (e := first.get((w, a))) is not None and e.date < s.day]
    earlier = min(hits, key=lambda e: (e.date, e.id)) if hits else None
    if earlier is not None:
        return True, [Fact("struck_first", (earlier.id, earlier.target),
                           f"{'/'.join(sorted(who & set(earlier.actors)))} attacked {earlier.target} first "
                           f"({earlier.id}, {earlier.date})")]
    return False, [Fact("did_not_strike_first", tuple(sorted(who)),
                        f"{'/'.join(sorted(who)) or 'nobody'} did not attack {', '.join(attackers) or 'the attackers'} earlier in the scenario")]


def _recheck_struck_first(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = ctx.events.get(args[0])
    return None if ev is None else ev.target == args[1] and ev.response_to is None


def _unchecked(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """An absence over the whole history, which the fact does not carry: not re-checked."""
    return None


def _encode_struck_first(x: StruckFirstTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    actor = enc.actor(x, roles)
    return FALSE if actor is None else enc.flag(f"struck_first:{actor}")


def _draw_struck_first(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    return {"who": draw(st.sampled_from(["target"] if ctx.symmetric else ctx.who()))}


# --- externally_supported ---------------------------------------------------------------------------


class ExternallySupportedTest(Leaf):
    """The attackers are actively supported from outside the target state."""

    test: Literal["externally_supported"]

    def _words(self) -> str:
        return "the attackers are actively supported from outside"


def _externally_supported(cond: ExternallySupportedTest, s: Any) -> tuple[bool, list[Fact]]:
    sup = s.event.external_support
    text = f"supported from outside by {', '.join(sup)}" if sup else "no outside support is recorded"
    return bool(sup), [Fact("external_support", tuple(sup), f"{s.event.id}: {text}")]


def _recheck_support(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """Some event records exactly this outside support (the fact does not name its event)."""
    return any(tuple(e.external_support) == tuple(args) for e in ctx.events.values())


def _encode_supported(x: ExternallySupportedTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    return enc.var("kinds:supporters", enc.SUPPORTER_SETS, [s for s in enc.SUPPORTER_SETS if s])


# --- purely_internal --------------------------------------------------------------------------------


class PurelyInternalTest(Leaf):
    """Only non-state groups fight, on the target's own territory, with no outside support."""

    test: Literal["purely_internal"]

    def _words(self) -> str:
        return "the conflict is purely internal"


def _internal(G: Any, q: Any, e: Any) -> tuple[bool, set[str], bool]:
    kinds = {q.actor(G, a).kind.value for a in e.actors}
    on_own_soil = q.holder(G, e.place, e.date) == e.target
    return kinds == {"armed_group"} and not e.external_support and on_own_soil, kinds, on_own_soil


def _purely_internal(cond: PurelyInternalTest, s: Any) -> tuple[bool, list[Fact]]:
    e = s.event
    holds, kinds, on_own_soil = _internal(s.G, s.q, e)
    text = (f"{e.id}: attackers are {', '.join(sorted(kinds))}; "
            f"{'no' if not e.external_support else 'some'} outside support; "
            f"{'on' if on_own_soil else 'not on'} {e.target}'s own territory")
    return holds, [Fact("internal" if holds else "not_internal", (e.id,), text)]


def _recheck_internal(want: bool) -> Any:
    def check(ctx: Any, args: tuple[str, ...]) -> bool | None:
        ev = ctx.events.get(args[0])
        return None if ev is None else _internal(ctx.G, ctx.q, ev)[0] is want
    return check


def _encode_internal(x: PurelyInternalTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    f = enc.flag("purely_internal")
    enc.axiom("purely_internal", implies(f, all_of([
        enc.var("kinds:attackers", enc.ATTACKER_SETS, [frozenset({"armed_group"})]),
        enc.var("kinds:supporters", enc.SUPPORTER_SETS, [frozenset()])])))
    return f


# --- staged_from ------------------------------------------------------------------------------------


class StagedFromTest(Leaf):
    """The attackers operated from, or launched the attack from, the territory of a state (``staged_from``).

    ``who: obligor``: from the candidate's own territory ("let armed groups use
    its territory"); ``who: parties``: from the territory of a party to the
    treaty other than the attackers themselves ("territory made available by
    one party").
    """

    test: Literal["staged_from"]
    who: Literal["obligor", "parties"]

    def _words(self) -> str:
        whose = "the obligor" if self.who == "obligor" else "another party"
        return f"the attackers acted from the territory of {whose}"


def _staged_from(cond: StagedFromTest, s: Any) -> tuple[bool, list[Fact]]:
    e = s.event
    if cond.who == "obligor":
        wanted = set(s.role("obligor"))
    else:
        wanted = set(s.q.parties(s.G, s.treaty.id, s.day) if s.treaty else ()) - set(e.actors)
    hits = sorted(wanted & set(e.staged_from))
    if hits:
        return True, [Fact("staged_from", (e.id, *hits),
                           f"the attackers of {e.id} acted from the territory of {', '.join(hits)}")]
    used = ", ".join(e.staged_from) or "no state's territory other than the place of the event"
    return False, [Fact("staged_from", (e.id, *e.staged_from), f"{e.id} records the attackers acting from {used}")]


def _recheck_staged(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = ctx.events.get(args[0])
    return None if ev is None else set(args[1:]) <= set(ev.staged_from)


def _encode_staged(x: StagedFromTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    return enc.opaque(x)


def _draw_staged(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    return {"who": draw(st.sampled_from(["parties"] + ([] if ctx.event_level or ctx.symmetric else ["obligor"])))}


def _nothing(draw: Any, ctx: Any) -> dict[str, Any]:
    return {}


TESTS = (
    LeafTest(StruckFirstTest, _struck_first, {"struck_first": _recheck_struck_first, "did_not_strike_first": _unchecked},
             _encode_struck_first, _draw_struck_first),
    LeafTest(ExternallySupportedTest, _externally_supported, {"external_support": _recheck_support},
             _encode_supported, _nothing),
    LeafTest(StagedFromTest, _staged_from, {"staged_from": _recheck_staged}, _encode_staged, _draw_staged),
    LeafTest(PurelyInternalTest, _purely_internal, {"internal": _recheck_internal(True), "not_internal": _recheck_internal(False)},
             _encode_internal, _nothing),
)
