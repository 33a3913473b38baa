"""Condition tests on what was asked and decided: a request for assistance, an organ's decision."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from sahel_sim.clauses.checks import Fact
from sahel_sim.clauses.leaf import ROLE_WORDS, ROLES, Leaf, LeafTest, Role, article, who_words
from sahel_sim.clauses.logic import FALSE, implies
from sahel_sim.model.events import RequestForm

__all__ = ["DecidedTest", "RequestedTest", "TESTS"]


# --- requested --------------------------------------------------------------------------------------


class RequestedTest(Leaf):
    """A request for assistance was made (in writing, if required) before or on the date."""

    test: Literal["requested"]
    by: Role = "target"
    to: str = "any"
    form: RequestForm | Literal["any"] = "any"

    def _words(self) -> str:
        form = "" if self.form == "any" else f"{self.form.value} "
        to = "" if self.to == "any" else f" to {ROLE_WORDS.get(self.to, self.to)}"
        return f"{who_words(self.by)} made {article(form or 'request')} {form}request for assistance{to}"


def _requested(cond: RequestedTest, s: Any) -> tuple[bool, list[Fact]]:
    askers = set(s.role(cond.by))
    if cond.to == "any":
        addressees = None
    elif cond.to in ROLES:
        addressees = set(s.role(cond.to))
    else:
        addressees = {cond.to}
    for r in s.event.requests:
        if (r.by in askers and (addressees is None or r.to in addressees)
                and (cond.form == "any" or r.form == cond.form) and (r.date is None or r.date <= s.day)):
            when = f" on {r.date}" if r.date else ""
            return True, [Fact("requested", (r.by, r.to, r.form.value),
                               f"{r.by} made {article(r.form.value)} {r.form.value} request for assistance to {r.to}{when}")]
    who = "/".join(sorted(askers)) or "nobody"
    return False, [Fact("no_request", (who,), f"no matching request by {who} is recorded for {s.event.id}")]


def _recheck_request(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """Some event records this request (the fact does not name its event)."""
    return any((r.by, r.to, r.form.value) == tuple(args) for e in ctx.events.values() for r in e.requests)


def _recheck_no_request(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """The fact does not name its event, so the absence cannot be re-checked."""
    return None


def _encode_request(x: RequestedTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    by = roles.get(x.by) if x.by in roles else x.by
    if by is None:
        return FALSE
    to = roles.get(x.to, x.to) if x.to in roles else x.to
    if to is None:
        return FALSE
    f = enc.flag(f"requested:{by}:{to}:{x.form}")
    enc.axiom(f"requested:{by}:{to}:{x.form}", implies(f, enc.flag(f"requested:{by}:any:any")))
    return f


def _draw_request(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    to = ["any"] + ([] if ctx.symmetric else list(ctx.organisations)) + (
        [] if ctx.event_level or ctx.symmetric else ["obligor"])
    return {"by": draw(st.sampled_from(["target"] if ctx.symmetric else ctx.who())), "to": draw(st.sampled_from(to)),
            "form": draw(st.sampled_from(["any"] + [f.value for f in RequestForm]))}


# --- decided ----------------------------------------------------------------------------------------


class DecidedTest(Leaf):
    """An organ of an organisation decided to act (e.g. the ECOWAS Authority).

    ``measures``, when given, names the decisions that count: a decision is
    recorded in a scenario with its ``measure`` (a short word such as
    ``use_of_armed_forces`` or ``monitoring_mission``), and only a decision
    whose measure is listed satisfies the test.  Without it, any decision of
    that organ does.
    """

    test: Literal["decided"]
    organisation: str
    organ: str | None = None
    measures: tuple[str, ...] | None = Field(default=None, min_length=1)

    def _words(self) -> str:
        organ = f" ({self.organ})" if self.organ else ""
        if self.measures:
            return f"{self.organisation}{organ} decided on {' or '.join(self.measures)}"
        return f"{self.organisation}{organ} decided to act"


def _decided(cond: DecidedTest, s: Any) -> tuple[bool, list[Fact]]:
    other = []
    for d in s.event.decisions:
        if (d.organisation == cond.organisation and (cond.organ is None or d.organ == cond.organ)
                and (d.date is None or d.date <= s.day)):
            if cond.measures is not None and d.measure not in cond.measures:
                other.append(d)
                continue
            what = f": {d.measure}" if d.measure else ""
            when = f" on {d.date}" if d.date else ""
            return True, [Fact("decided", (d.organisation, d.organ or ""),
                               f"{d.organisation} ({d.organ or 'organ unspecified'}) decided{when}{what}")]
    organ = f" ({cond.organ})" if cond.organ else ""
    on = f" on {' or '.join(cond.measures)}" if cond.measures else ""
    seen = "; ".join(f"{d.measure or 'unspecified'}" + (f" on {d.date}" if d.date else "") for d in other)
    recorded = f" (it decided only: {seen})" if seen else ""
    return False, [Fact("no_decision", (cond.organisation, cond.organ or ""),
                        f"no decision of {cond.organisation}{organ}{on} is recorded for {s.event.id}{recorded}")]


def _recheck_decided(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """Some event records a decision of this organisation (and organ); the fact does not name its event."""
    return any((d.organisation, d.organ or "") == tuple(args) for e in ctx.events.values() for d in e.decisions)


def _encode_decided(x: DecidedTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    f = enc.flag(f"decided:{x.organisation}:{x.organ or '*'}")
    if x.organ:
        enc.axiom(f"decided:{x.organisation}:{x.organ}", implies(f, enc.flag(f"decided:{x.organisation}:*")))
    return f


def _draw_decided(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    out: dict[str, Any] = {"organisation": draw(st.sampled_from(ctx.organisations))}
    if draw(st.booleans()):
        out["organ"] = ctx.organ
    return out


TESTS = (
    LeafTest(RequestedTest, _requested, {"requested": _recheck_request, "no_request": _recheck_no_request},
             _encode_request, _draw_request),
    LeafTest(DecidedTest, _decided, {"decided": _recheck_decided, "no_decision": _recheck_no_request},
             _encode_decided, _draw_decided),
)
