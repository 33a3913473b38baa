"""Condition tests on what was asked, decided, invoked and determined.

A request for assistance, an organ's decision, a party's invocation of an
article, an organ's determination that the case has arisen.  Each counts
from its own date: one dated after the event makes a duty bind from then.
Decisions and determinations are the event's own and those its organ records
in the world data for the events they cover (:mod:`sahel_sim.model.records`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from sahel_sim.clauses.articles import article_label
from sahel_sim.clauses.checks import Fact
from sahel_sim.clauses.leaf import ROLE_WORDS, ROLES, Leaf, LeafTest, Role, article, who_words
from sahel_sim.clauses.logic import FALSE, all_of, any_of, implies
from sahel_sim.model.actors import ID_PATTERN
from sahel_sim.model.events import RequestForm

__all__ = ["ARTICLES", "DecidedTest", "DeterminedTest", "FINDINGS", "InvokedTest", "RequestedTest", "TESTS",
           "covers", "recorded_dates", "recorded_decisions"]


# --- recorded decisions -----------------------------------------------------------------------------


def covers(G: Any, q: Any, cover: Any, event: Any) -> bool:
    """Whether a recorded decision's ``covers`` takes in ``event`` (memberships and places as of its date)."""
    if not cover.plain(event):
        return False
    if cover.target_member_of is not None and not q.is_member(G, event.target, cover.target_member_of, event.date):
        return False
    if cover.within is not None:
        place = event.place
        holder = q.holder(G, place, event.date) if q.has_territory(G, place) else None
        if holder is None or not q.is_member(G, holder, cover.within, event.date):
            return False
    return True


def recorded_decisions(s: Any, organisation: str, organ: str | None) -> list[tuple[str, Any]]:
    """``(organ id, record)`` for each decision the organisation's organs (or ``organ``) record that covers the event."""
    if not s.q.has_actor(s.G, organisation):
        return []
    return [(o.id, d) for o in s.q.actor(s.G, organisation).organs if organ is None or o.id == organ
            for d in o.decisions if covers(s.G, s.q, d.covers, s.event)]


def recorded_dates(s: Any, organisations: Any) -> tuple[Any, ...]:
    """The dates after the event of the recorded decisions of ``organisations`` that cover it (a later one
    counts from its own date, so the engine judges again then)."""
    return tuple(sorted({d.date for org in organisations for _, d in recorded_decisions(s, org, None)
                         if d.date > s.event.date}))


def _recorded_on(ctx: Any, organisation: str, organ: str, day: str, field: str, value: str | None = None) -> bool:
    """The organisation's organ records a decision (``field``: measure or finding) dated ``day``."""
    if not ctx.q.has_actor(ctx.G, organisation):
        return False
    return any(d.date.isoformat() == day and getattr(d, field) is not None and value in (None, getattr(d, field))
               for o in ctx.q.actor(ctx.G, organisation).organs if o.id == organ for d in o.decisions)


# --- requested --------------------------------------------------------------------------------------


class RequestedTest(Leaf):
    """A request for assistance was made (in writing, if required) before or on the date.

    ``to`` is ``any`` (any addressee), a role (``obligor``: the state that
    would act) or an actor's id.  With ``or_its_organisations``, a request
    addressed to an organisation also counts as one to each state that is a
    member of it on the request's date: a request to an alliance reaches its
    members, not every state.
    """

    test: Literal["requested"]
    by: Role = "target"
    to: str = "any"
    or_its_organisations: bool = False
    form: RequestForm | Literal["any"] = "any"

    @model_validator(mode="after")
    def _addressed(self) -> "RequestedTest":
        if self.or_its_organisations and self.to == "any":
            raise ValueError("'or_its_organisations' needs an addressee: give 'to' (a role such as obligor, or an id)")
        return self

    def _words(self) -> str:
        form = "" if self.form == "any" else f"{self.form.value} "
        to = "" if self.to == "any" else f" to {ROLE_WORDS.get(self.to, self.to)}"
        if self.or_its_organisations:
            to += ", or to an organisation it is a member of"
        return f"{who_words(self.by)} made {article(form or 'request')} {form}request for assistance{to}"


def _requested(cond: RequestedTest, s: Any) -> tuple[bool, list[Fact]]:
    """The earliest matching request that counts by the cutoff (a later one counts from its own date)."""
    askers = set(s.role(cond.by))
    if cond.to == "any":
        addressees = None
    elif cond.to in ROLES:
        addressees = set(s.role(cond.to))
    else:
        addressees = {cond.to}
    reached: dict[Any, str | None] = {}
    for r in s.event.requests:
        if r.by in askers and (cond.form == "any" or r.form == cond.form):
            if addressees is None or r.to in addressees:
                reached[r] = None
            elif cond.or_its_organisations:
                member = _member_addressee(s, addressees, r)
                if member is not None:
                    reached[r] = member
    matching = sorted(reached, key=lambda r: r.date or s.day)
    for r in matching:
        if s.counts(r.date):
            day = (r.date or s.day).isoformat()
            when = f" on {r.date}" if r.date else ""
            facts = [Fact("requested", (r.by, r.to, r.form.value, day),
                          f"{r.by} made {article(r.form.value)} {r.form.value} request for assistance to {r.to}{when}")]
            if reached[r] is not None:
                # Worded by role ("the obligor"), so that the parties the request reached share one reason.
                who = ROLE_WORDS.get(cond.to, cond.to)
                facts.append(Fact("request_reaches", (reached[r], r.to, day),
                                  f"{who} is a member of {r.to} on {day}, so the request reached it"))
            return True, facts
    who = "/".join(sorted(askers)) or "nobody"
    other = [f"{article(r.form.value)} {r.form.value} request to {r.to}" + (f" on {r.date}" if r.date else "")
             for r in sorted(s.event.requests, key=lambda r: r.date or s.day)
             if r.by in askers and r not in reached and s.counts(r.date)]
    recorded = f" (recorded, not matching: {'; '.join(other)})" if other else ""
    return False, [Fact("no_request", (who,), f"no matching request by {who} is recorded for {s.event.id}"
                        f"{s.later(r.date for r in matching)}{recorded}")]


def _member_addressee(s: Any, addressees: set[str], r: Any) -> str | None:
    """The first addressee that is a member of the organisation ``r`` went to, on the request's date."""
    if not s.q.has_actor(s.G, r.to):
        return None
    day = r.date or s.day
    return next((a for a in sorted(addressees) if s.q.is_member(s.G, a, r.to, day)), None)


def _recheck_reaches(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """The addressee is a member of the organisation on that date."""
    member, organisation, day = args
    return ctx.q.is_member(ctx.G, member, organisation, date.fromisoformat(day))


def _recheck_request(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """Some event records this request, on that date (the fact does not name its event)."""
    return any((r.by, r.to, r.form.value, (r.date or e.date).isoformat()) == tuple(args)
               for e in ctx.events.values() for r in e.requests)


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
    if not x.or_its_organisations:
        return f
    # A request to the addressee reaches it; so may one to an organisation it is a member of.
    wider = enc.flag(f"requested:{by}:{to}:{x.form}:or-organisations")
    enc.axiom(f"requested:{by}:{to}:{x.form}:or-organisations",
              all_of([implies(f, wider), implies(wider, enc.flag(f"requested:{by}:any:any"))]))
    return wider


def _draw_request(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    to = ["any"] + ([] if ctx.symmetric else list(ctx.organisations)) + (
        [] if ctx.event_level or ctx.symmetric else ["obligor"])
    out = {"by": draw(st.sampled_from(["target"] if ctx.symmetric else ctx.who())), "to": draw(st.sampled_from(to)),
           "form": draw(st.sampled_from(["any"] + [f.value for f in RequestForm]))}
    if out["to"] != "any" and draw(st.booleans()):
        out["or_its_organisations"] = True
    return out


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
    """The earliest matching decision that counts by the cutoff (a later one counts from its own date)."""
    other, later = [], []
    own = [(d, "") for d in s.event.decisions]
    kept = [(r.decision(cond.organisation, organ), f" (recorded decision {r.id})")
            for organ, r in recorded_decisions(s, cond.organisation, cond.organ) if r.measure is not None]
    for d, whence in sorted(own + kept, key=lambda x: x[0].date or s.day):
        if d.organisation != cond.organisation or (cond.organ is not None and d.organ != cond.organ):
            continue
        if cond.measures is not None and d.measure not in cond.measures:
            if s.counts(d.date):
                other.append(d)
            continue
        if not s.counts(d.date):
            later.append(d.date)
            continue
        what = f": {d.measure}" if d.measure else ""
        when = f" on {d.date}" if d.date else ""
        return True, [Fact("decided", (d.organisation, d.organ or "", (d.date or s.day).isoformat()),
                           f"{d.organisation} ({d.organ or 'organ unspecified'}) decided{when}{what}{whence}")]
    organ = f" ({cond.organ})" if cond.organ else ""
    on = f" on {' or '.join(cond.measures)}" if cond.measures else ""
    seen = "; ".join(f"{d.measure or 'unspecified'}" + (f" on {d.date}" if d.date else "") for d in other)
    recorded = f" (it decided only: {seen})" if seen else ""
    return False, [Fact("no_decision", (cond.organisation, cond.organ or ""),
                        f"no decision of {cond.organisation}{organ}{on} is recorded for {s.event.id}"
                        f"{s.later(later)}{recorded}")]


def _recheck_decided(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """Some event, or the organ's recorded decisions, hold a decision of this organisation (and organ) on that
    date; the fact does not name its event."""
    return any((d.organisation, d.organ or "", (d.date or e.date).isoformat()) == tuple(args)
               for e in ctx.events.values() for d in e.decisions) or _recorded_on(ctx, *args, "measure")


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


# --- invoked ----------------------------------------------------------------------------------------

_TREATY_ID = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]{0,79}$")]
_ACTOR_ID = Annotated[str, Field(pattern=ID_PATTERN)]


class InvokedTest(Leaf):
    """A party invoked a treaty's article for the event (falling within a clause is not invoking it).

    ``by`` is a role (``target`` by default: the state attacked invokes) or
    ``any``; ``treaty`` defaults to the clause's own treaty, ``article`` to
    any of its articles.  An invocation dated after the event counts from its
    own date.
    """

    test: Literal["invoked"]
    by: Role | Literal["any"] = "target"
    treaty: _TREATY_ID | None = None
    article: str | None = None

    def _words(self) -> str:
        who = "a party" if self.by == "any" else who_words(self.by)
        what = f"{article_label(self.article)} of " if self.article else ""
        return f"{who} invoked {what}{f'the {self.treaty}' if self.treaty else 'the treaty'}"


def _invoked(cond: InvokedTest, s: Any) -> tuple[bool, list[Fact]]:
    """Someone in the role invoked the treaty (and article, if named), by the cutoff."""
    if cond.treaty is None and s.treaty is None:
        raise LookupError("invoked needs a treaty: give 'treaty:' outside a clause")
    tid = cond.treaty or s.treaty.id
    who = None if cond.by == "any" else set(s.role(cond.by))
    matching = sorted((i for i in s.event.invocations
                       if i.treaty == tid and (who is None or i.by in who)
                       and (cond.article is None or i.article == cond.article)),
                      key=lambda i: i.date or s.day)
    for i in matching:
        if s.counts(i.date):
            art = f"{article_label(i.article)} of " if i.article else ""
            when = f" on {i.date}" if i.date else ""
            return True, [Fact("invoked", (i.by, i.treaty, i.article or "", (i.date or s.day).isoformat()),
                               f"{i.by} invoked {art}the {tid}{when}")]
    by = "anyone" if who is None else "/".join(sorted(who)) or "nobody"
    art = f"{article_label(cond.article)} of " if cond.article else ""
    return False, [Fact("not_invoked", (by, tid, cond.article or ""),
                        f"no invocation of {art}the {tid} by {by} is recorded for {s.event.id}"
                        f"{s.later(i.date for i in matching)}")]


def _recheck_invoked(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """Some event records this invocation, on that date (the fact does not name its event)."""
    return any((i.by, i.treaty, i.article or "", (i.date or e.date).isoformat()) == tuple(args)
               for e in ctx.events.values() for i in e.invocations)


def _encode_invoked(x: InvokedTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    by = "any" if x.by == "any" else roles.get(x.by)
    if by is None:
        return FALSE
    tid = x.treaty or enc.treaty.id  # the clause's own treaty: another one inside a borrowed clause
    f = enc.flag(f"invoked:{by}:{tid}:{x.article or '*'}")
    if x.article:
        enc.axiom(f"invoked:{by}:{tid}:{x.article}", implies(f, enc.flag(f"invoked:{by}:{tid}:*")))
    return f


#: Articles drawn ``invoked`` tests name (drawn treaties number their clauses from these).
ARTICLES = ("1", "2", "3", "5")
#: What drawn determinations say.
FINDINGS = ("aggression", "armed_attack", "casus_foederis")


def _draw_invoked(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    out: dict[str, Any] = {"by": draw(st.sampled_from(["target"] if ctx.symmetric else [*ctx.who(), "any"]))}
    if ctx.treaties and not ctx.symmetric and ctx.sometimes(draw, 3):
        out["treaty"] = draw(st.sampled_from(ctx.treaties))
    if ctx.sometimes(draw, 2):
        out["article"] = draw(st.sampled_from(ARTICLES))
    return out


# --- determined -------------------------------------------------------------------------------------


class DeterminedTest(Leaf):
    """An organ determined that the case has arisen (an aggression, an armed attack …).

    ``findings`` lists what the determination must say (any one of them);
    without it any determination of that organ counts.  A determination dated
    after the event counts from its own date.
    """

    test: Literal["determined"]
    organisation: _ACTOR_ID
    organ: str | None = None
    findings: tuple[str, ...] | None = Field(default=None, min_length=1)

    def _words(self) -> str:
        organ = f" ({self.organ})" if self.organ else ""
        what = " or ".join(self.findings) if self.findings else "that the case has arisen"
        return f"{self.organisation}{organ} determined {what}"


def _determined(cond: DeterminedTest, s: Any) -> tuple[bool, list[Fact]]:
    """The organ determined one of the findings (any, if none named), by the cutoff."""
    kept = [(r.determination(cond.organisation, organ), f" (recorded decision {r.id})")
            for organ, r in recorded_decisions(s, cond.organisation, cond.organ) if r.finding is not None]
    pairs = sorted(((d, w) for d, w in [(d, "") for d in s.event.determinations] + kept
                    if d.organisation == cond.organisation and (cond.organ is None or d.organ == cond.organ)
                    and (cond.findings is None or d.finding in cond.findings)),
                   key=lambda x: x[0].date or s.day)
    matching = [d for d, _ in pairs]
    for d, whence in pairs:
        if s.counts(d.date):
            when = f" on {d.date}" if d.date else ""
            return True, [Fact("determined", (d.organisation, d.organ or "", d.finding, (d.date or s.day).isoformat()),
                               f"{d.organisation} ({d.organ or 'organ unspecified'}) determined{when} that "
                               f"{s.event.id} is {d.finding}{whence}")]
    organ = f" ({cond.organ})" if cond.organ else ""
    what = f" of {' or '.join(cond.findings)}" if cond.findings else ""
    return False, [Fact("not_determined", (cond.organisation, cond.organ or ""),
                        f"no determination{what} by {cond.organisation}{organ} is recorded for {s.event.id}"
                        f"{s.later(d.date for d in matching)}")]


def _recheck_determined(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """Some event, or the organ's recorded decisions, hold this determination on that date (the fact does not
    name its event)."""
    org, organ, finding, day = args
    return any((d.organisation, d.organ or "", d.finding, (d.date or e.date).isoformat()) == tuple(args)
               for e in ctx.events.values() for d in e.determinations) or _recorded_on(ctx, org, organ, day, "finding",
                                                                                       finding)


def _encode_determined(x: DeterminedTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    """A determination by the organ (any organ: ``*``) of one of the findings (any finding: ``*``).

    Axioms: a determination by an organ is one by the organisation, and one of a
    named finding is a determination at all.
    """
    organ = x.organ or "*"
    findings = x.findings or ("*",)
    out = []
    for finding in findings:
        key = f"determined:{x.organisation}:{organ}:{finding}"
        f = enc.flag(key)
        for wider in {f"determined:{x.organisation}:*:{finding}", f"determined:{x.organisation}:{organ}:*"} - {key}:
            enc.axiom(f"{key}>{wider}", implies(f, enc.flag(wider)))
            if wider != f"determined:{x.organisation}:*:*":
                enc.axiom(f"{wider}>*", implies(enc.flag(wider), enc.flag(f"determined:{x.organisation}:*:*")))
        out.append(f)
    return any_of(out)


def _draw_determined(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    out: dict[str, Any] = {"organisation": draw(st.sampled_from(ctx.organisations))}
    if draw(st.booleans()):
        out["organ"] = ctx.organ
    if draw(st.booleans()):
        out["findings"] = draw(ctx.some(FINDINGS))
    return out


TESTS = (
    LeafTest(RequestedTest, _requested, {"requested": _recheck_request, "no_request": _recheck_no_request,
                                         "request_reaches": _recheck_reaches},
             _encode_request, _draw_request),
    LeafTest(DecidedTest, _decided, {"decided": _recheck_decided, "no_decision": _recheck_no_request},
             _encode_decided, _draw_decided),
    LeafTest(InvokedTest, _invoked, {"invoked": _recheck_invoked, "not_invoked": _recheck_no_request},
             _encode_invoked, _draw_invoked),
    LeafTest(DeterminedTest, _determined, {"determined": _recheck_determined, "not_determined": _recheck_no_request},
             _encode_determined, _draw_determined),
)
