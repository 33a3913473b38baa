"""Condition tests on gravity, intent and authorship: what makes a use of force an armed attack by a state.

The case law distinguishes an armed attack from a "mere frontier incident"
by its scale and effects (ICJ, *Nicaragua*, 1986, §195); an attack must be
aimed at the state attacked (ICJ, *Oil Platforms*, 2003, §64); "localized
border encounters between small infantry units" are not armed attacks
(Eritrea–Ethiopia Claims Commission, 2005); and an armed attack *by a
state* must be that state's.  Events carry these facts (``scale``,
``deliberate``, ``attributed_to`` with ``attribution``) and the readings
test them with the tests here; an event that leaves a fact out has it
``unknown``.
"""

from __future__ import annotations

from typing import Any, Literal, Union

from pydantic import Field

from sahel_sim.clauses.checks import Fact
from sahel_sim.clauses.leaf import Leaf, LeafTest, article
from sahel_sim.clauses.logic import all_of
from sahel_sim.model.actors import ActorKind
from sahel_sim.model.events import Attribution, Scale

__all__ = ["AttributedTest", "DeliberateTest", "ScaleTest", "TESTS", "attribution_rank"]


def _event(ctx: Any, args: tuple[str, ...]) -> Any:
    return ctx.events.get(args[0])


# --- scale ------------------------------------------------------------------------------------------


class ScaleTest(Leaf):
    """The event's scale (incident, limited, major, or ``unknown`` when the scenario does not say) is one of these."""

    test: Literal["scale"]
    any_of: tuple[Union[Scale, Literal["unknown"]], ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event's scale is " + " or ".join(str(getattr(v, "value", v)) for v in self.any_of)


def _scale(cond: ScaleTest, s: Any) -> tuple[bool, list[Fact]]:
    scale = s.event.scale
    value = scale.value if scale is not None else "unknown"
    wanted = {str(getattr(v, "value", v)) for v in cond.any_of}
    text = f"{s.event.id} is of {value} scale" if scale is not None else f"the scale of {s.event.id} is not recorded"
    return value in wanted, [Fact("scale", (s.event.id, value), text)]


def _recheck_scale(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = _event(ctx, args)
    return None if ev is None else (ev.scale.value if ev.scale else "unknown") == args[1]


def _encode_scale(x: ScaleTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    values = [v.value for v in Scale] + ["unknown"]
    return enc.var("scale", values, [str(getattr(v, "value", v)) for v in x.any_of])


def _draw_scale(draw: Any, ctx: Any) -> dict[str, Any]:
    return {"any_of": draw(ctx.some([*(v.value for v in Scale), "unknown"]))}


# --- deliberate -------------------------------------------------------------------------------------


class DeliberateTest(Leaf):
    """Whether the event was deliberate (``true``, ``false``, or ``unknown`` when the scenario does not say)."""

    test: Literal["deliberate"]
    any_of: tuple[Union[bool, Literal["unknown"]], ...] = Field(min_length=1)

    def _words(self) -> str:
        words = {True: "deliberate", False: "not deliberate", "unknown": "of unknown intent"}
        return "the event is " + " or ".join(words[v] for v in self.any_of)


def _intent(value: bool | None) -> str:
    return "unknown" if value is None else str(value).lower()


def _deliberate(cond: DeliberateTest, s: Any) -> tuple[bool, list[Fact]]:
    value = _intent(s.event.deliberate)
    text = {"true": f"{s.event.id} was deliberate", "false": f"{s.event.id} was not deliberate",
            "unknown": f"whether {s.event.id} was deliberate is not recorded"}[value]
    return value in {_intent(v) if isinstance(v, bool) else v for v in cond.any_of}, [
        Fact("deliberate", (s.event.id, value), text)]


def _recheck_deliberate(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = _event(ctx, args)
    return None if ev is None else _intent(ev.deliberate) == args[1]


def _encode_deliberate(x: DeliberateTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    return enc.var("deliberate", ["true", "false", "unknown"],
                   [_intent(v) if isinstance(v, bool) else v for v in x.any_of])


def _draw_deliberate(draw: Any, ctx: Any) -> dict[str, Any]:
    return {"any_of": draw(ctx.some([True, False, "unknown"]))}


# --- attributed -------------------------------------------------------------------------------------

_ORDER = (Attribution.unattributed, Attribution.alleged, Attribution.probable, Attribution.established)


def attribution_rank(level: Attribution) -> int:
    """Order of attribution levels, weakest first.

    Examples:
        >>> attribution_rank(Attribution.probable) > attribution_rank(Attribution.alleged)
        True
    """
    return _ORDER.index(level)


class AttributedTest(Leaf):
    """The event is attributed, at least this firmly, to an author of one of these kinds (a state by default).

    The authors are the event's ``attributed_to`` (a state behind an armed
    group, say), else its actors.
    """

    test: Literal["attributed"]
    kinds: tuple[ActorKind, ...] = Field(default=(ActorKind.state,), min_length=1)
    at_least: Attribution = Attribution.established

    def _words(self) -> str:
        kinds = " or ".join(k.value.replace("_", " ") for k in self.kinds)
        level = "" if self.at_least is Attribution.established else f" (at least {self.at_least.value})"
        return f"the event is attributed to {article(kinds)} {kinds}{level}"


def _attributed(cond: AttributedTest, s: Any) -> tuple[bool, list[Fact]]:
    e = s.event
    level = e.attribution
    if level is Attribution.unattributed:
        return False, [Fact("attribution", (e.id, level.value), f"{e.id} is attributed to nobody")]
    authors = [a for a in e.authors if s.q.actor(s.G, a).kind in cond.kinds]
    firm = attribution_rank(level) >= attribution_rank(cond.at_least)
    how = {"established": "", "probable": " (probably)", "alleged": " (alleged, not shown)"}[level.value]
    text = f"{e.id} is attributed to {', '.join(e.authors)}{how}"
    if not authors:
        kinds = " or ".join(k.value.replace("_", " ") for k in cond.kinds)
        text += f", none of whom is {article(kinds)} {kinds}"
    return bool(authors) and firm, [Fact("attribution", (e.id, level.value, *e.authors), text)]


def _recheck_attribution(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = _event(ctx, args)
    if ev is None:
        return None
    return ev.attribution.value == args[1] and (ev.attribution is Attribution.unattributed
                                                or tuple(ev.authors) == tuple(args[2:]))


def _encode_attributed(x: AttributedTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    """The event's attribution level (firm enough, and not ``unattributed``) and the kinds of its authors.

    The authors are one or more actors, not tied to the attackers (``attributed_to`` may name others).
    """
    firm = [a.value for a in Attribution
            if a is not Attribution.unattributed and attribution_rank(a) >= attribution_rank(x.at_least)]
    kinds = frozenset(k.value for k in x.kinds)
    level = enc.var("attribution", [a.value for a in Attribution], firm)
    authors = enc.var("kinds:authors", enc.ATTACKER_SETS, [k for k in enc.ATTACKER_SETS if k & kinds])
    return all_of([level, authors])


def _draw_attributed(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    return {"kinds": draw(ctx.some([k.value for k in ActorKind])),
            "at_least": draw(st.sampled_from([a.value for a in Attribution]))}


TESTS = (
    LeafTest(ScaleTest, _scale, {"scale": _recheck_scale}, _encode_scale, _draw_scale),
    LeafTest(DeliberateTest, _deliberate, {"deliberate": _recheck_deliberate}, _encode_deliberate, _draw_deliberate),
    LeafTest(AttributedTest, _attributed, {"attribution": _recheck_attribution}, _encode_attributed, _draw_attributed),
)
