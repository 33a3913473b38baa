"""Check that every id a file mentions exists, with a "did you mean" for near misses.

Schema validation proves a file has the right shape; this module proves it
refers to things that exist: actors, territories, treaties, articles, events
and perspectives.  Each problem carries the field path, so the loader can
name the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.articles import article_label
from sahel_sim.clauses.leaf import ROLES
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.errors import suggest
from sahel_sim.world import World
from sahel_sim.scenario.names import TerritoryNames, territory_hint
from sahel_sim.scenario.yaml_source import quoted

__all__ = ["Ref", "cascade_references", "event_references", "expectation_references", "membership_overlaps",
           "world_references"]

Path_ = tuple[str | int, ...]
_ROLES = {"any", *ROLES}


@dataclass(frozen=True, slots=True)
class Ref:
    """A problem with one reference: where, what, and a hint."""

    path: Path_
    message: str
    hint: str | None = None


class _Index:
    """The ids of a world, with labels for suggestions."""

    def __init__(self, world: World) -> None:
        self.actors = {a.id: a.name for a in world.actors}
        self.models = {a.id: a for a in world.actors}
        self.labels = {k: v for k, v in self.actors.items() if v != k}  # no "ECOWAS (ECOWAS)"
        self.territories = {t.id: t.name for t in world.territories}
        self.world = world
        self._names: TerritoryNames | None = None
        self.treaties = {t.id: t for t in world.treaties}
        self.perspectives = {p.id for p in world.perspectives}
        self.governments = {g.id: g for g in world.governments if g.id}

    def government(self, value: str, state: str, path: Path_) -> Iterator[Ref]:
        """A government named by id must exist and be one of ``state``'s."""
        g = self.governments.get(value)
        own = sorted(i for i, x in self.governments.items() if x.state == state)
        if g is None:
            yield Ref(path, f"unknown government {quoted(value)}",
                      suggest(value, own or self.governments) or (f"governments of {state} with an id: {', '.join(own)}"
                                                                  if own else f"give a government of {state} an 'id' "
                                                                  f"in 'governments:' and name it here"))
        elif g.state != state:
            yield Ref(path, f"the government {quoted(value)} is {g.state}'s, not {state}'s",
                      f"governments of {state} with an id: {', '.join(own)}" if own else
                      f"name a government of {state}")

    def actor(self, value: str, path: Path_, what: str = "actor") -> Iterator[Ref]:
        if value not in self.actors:
            hint = territory_hint(self.world, value) or suggest(value, self.actors, labels=self.labels)
            yield Ref(path, f"unknown {what} {quoted(value)}", hint)

    def organ(self, organisation: str, organ: str | None, day: Any, path: Path_) -> Iterator[Ref]:
        """An organ named by a decision must be one of its organisation's, and exist on the decision's date."""
        actor = self.models.get(organisation)
        if organ is None or actor is None or not actor.organs:
            return
        found = actor.organ(organ)
        if found is None:
            ids = [o.id for o in actor.organs]
            hint = suggest(organ, ids)
            yield Ref((*path, "organ"), f"{organisation} has no organ {quoted(organ)}",
                      hint or f"organs of {organisation}: {', '.join(ids)}")
        elif not found.exists_on(day):
            span = (f"from {found.since}" if found.since else "") + (f" until {found.until}" if found.until else "")
            yield Ref((*path, "date"), f"the {found.name} of {organisation} did not exist on {day} (it exists {span.strip()})",
                      "date the decision when the organ existed, or name another organ")

    def force(self, event: Any, path: Path_) -> Iterator[Ref]:
        """The force an event attacked: an organ of its organisation that is a force, existing on the event date,
        of which the event's target (the state whose troops were hit) is a contributor."""
        ref = event.force
        if ref.organisation not in self.actors:
            yield from self.actor(ref.organisation, (*path, "organisation"), "organisation")
            return
        found = self.models[ref.organisation].organ(ref.organ)
        forces = [o.id for o in self.models[ref.organisation].organs if o.force is not None]
        if found is None or found.force is None:
            what = f"{ref.organisation} has no organ {quoted(ref.organ)}" if found is None else (
                f"the {found.name} of {ref.organisation} is not a force")
            yield Ref((*path, "organ"), what, f"forces of {ref.organisation}: {', '.join(forces)}" if forces
                      else f"{ref.organisation} has no force in the data")
        elif not found.exists_on(event.date):
            span = (f"from {found.since}" if found.since else "") + (f" until {found.until}" if found.until else "")
            yield Ref(path, f"the {found.name} did not exist on {event.date} (it exists {span.strip()})",
                      "date the event when the force existed, or leave 'force:' out")
        elif event.target not in found.force.contributors:
            yield Ref((*path[:-1], "target"), f"the target {quoted(event.target)} has no troops in the {found.name} "
                      f"(made up of troops of {', '.join(found.force.contributors)})",
                      "give as target the state whose troops in it were hit")

    def territory(self, value: str, path: Path_) -> Iterator[Ref]:
        if value not in self.territories:
            if self._names is None:
                self._names = TerritoryNames(self.world.territories)
            labels = self._names.labels()
            hint = suggest(value, labels, labels=labels)
            yield Ref(path, f"unknown territory {quoted(value)}",
                      hint or "use a state's id, a territory id or a territory's ISO 3166-1 alpha-3 code")

    def treaty(self, value: str, path: Path_) -> Iterator[Ref]:
        if value not in self.treaties:
            yield Ref(path, f"unknown treaty {quoted(value)}", suggest(value, self.treaties))


def world_references(world: World, prefix: dict[str, Path_] | None = None, *,
                     own_from: dict[str, int] | None = None) -> list[Ref]:
    """Problems with the references inside a world (memberships, territories, treaties).

    ``own_from`` gives, per section, the index where a scenario's own entries
    start after the library's, so that messages can tell the two apart.
    """
    ix = _Index(world)
    out: list[Ref] = []
    out += _duplicates((a.id for a in world.actors), "actors", "actor")
    out += _duplicates((t.id for t in world.territories), "territories", "territory")
    out += _duplicates((t.id for t in world.treaties), "treaties", "treaty")
    for i, m in enumerate(world.memberships):
        out += ix.actor(m.member, ("memberships", i, "member"))
        out += ix.actor(m.of, ("memberships", i, "of"), "organisation")
    out += membership_overlaps(world.memberships, first_own=(own_from or {}).get("memberships", 0))
    arrangements = {a.id: a for a in world.arrangements}
    out += _duplicates((a.id for a in world.arrangements), "arrangements", "arrangement")
    for i, a in enumerate(world.arrangements):
        out += ix.actor(a.host, ("arrangements", i, "host"), "state")
        out += ix.actor(a.sending, ("arrangements", i, "sending"), "state")
        if a.denunciation is not None and a.denunciation.by not in (a.host, a.sending):
            out.append(Ref(("arrangements", i, "denunciation", "by"),
                           f"{a.denunciation.by} is not a party to the arrangement {quoted(a.id)}",
                           f"a party denounces it: {a.host} or {a.sending}"))
    for i, r in enumerate(world.relations):
        out += ix.actor(r.from_, ("relations", i, "from"))
        out += ix.actor(r.to, ("relations", i, "to"))
        for j, b in enumerate(r.basis):
            found = arrangements.get(b)
            if found is None:
                out.append(Ref(("relations", i, "basis", j), f"unknown arrangement {quoted(b)}",
                               suggest(b, arrangements) or "arrangement ids are listed in arrangements.yaml"))
            elif {found.host, found.sending} != {r.from_, r.to}:
                out.append(Ref(("relations", i, "basis", j),
                               f"the arrangement {quoted(b)} is between {found.sending} and {found.host}, "
                               f"not {r.from_} and {r.to}", "name an arrangement between the relation's two ends"))
    seen: set[str] = set()
    for i, g in enumerate(world.governments):
        out += ix.actor(g.state, ("governments", i, "state"), "state")
        if g.id in seen:
            out.append(Ref(("governments", i, "id"), f"duplicate government id {quoted(g.id)}",
                           "ids must be unique (the shipped library counts too)"))
        seen.add(g.id or "")
    for i, a in enumerate(world.consent_authorities):
        out += ix.actor(a.state, ("consent_authorities", i, "state"), "state")
        out += ix.government(a.government, a.state, ("consent_authorities", i, "government"))
        for j, who in enumerate(a.recognised_by):
            out += ix.actor(who, ("consent_authorities", i, "recognised_by", j))
        for alt in a.contested:
            other = alt.changes.get("government")
            if isinstance(other, str) and other != a.government:
                out += ix.government(other, a.state, ("consent_authorities", i, "contested"))
    out += _alias_clashes(world)
    for i, a in enumerate(world.actors):
        for j, organ in enumerate(a.organs):
            out += _organ_refs(ix, organ, ("actors", i, "organs", j))
    for i, t in enumerate(world.territories):
        if t.part_of:
            out += ix.territory(t.part_of, ("territories", i, "part_of"))
        for j, h in enumerate(t.holders):
            out += ix.actor(h.state, ("territories", i, "holders", j, "state"))
    for i, t in enumerate(world.treaties):
        out += _treaty_refs(ix, t, ("treaties", i))
    from sahel_sim.clauses.families.chains import clause_loops

    for loop in clause_loops(world.treaties):
        first = loop[0].split(":")[0]
        at = next((i for i, t in enumerate(world.treaties) if t.id == first), 0)
        out.append(Ref(("treaties", at, "clauses"), "clauses borrow each other in a loop: " + " → ".join(loop),
                       "one of them must state its own case instead of 'clause_applies'"))
    for i, p in enumerate(world.perspectives):
        if p.extends and p.extends not in ix.perspectives:
            out.append(Ref(("perspectives", i, "extends"), f"unknown perspective '{p.extends}'",
                           suggest(p.extends, ix.perspectives)))
        for j, rule in enumerate(p.rules):
            out += _condition_refs(ix, rule.when, ("perspectives", i, "rules", j, "when"))
    return out


def membership_overlaps(memberships: Sequence[Any], key: str = "memberships", first_own: int = 0) -> list[Ref]:
    """Two dated memberships of one member in one organisation that share a day.

    Periods run from ``since`` (inclusive) to ``until`` (exclusive), so one may
    end on the day the next begins (a withdrawal and a return).  The problem
    is reported at the entry written last and names the other by its index
    (counted from ``first_own``), or as the shipped library's.

    Examples:
        >>> from sahel_sim.model.memberships import Membership
        >>> from datetime import date
        >>> a = Membership(member="MLI", of="AES", since=date(2023, 9, 16))
        >>> b = Membership(member="MLI", of="AES", since=date(2024, 1, 1), until=date(2025, 1, 1))
        >>> [r.message for r in membership_overlaps([a, b])]
        ["overlaps memberships[0] (MLI in AES from 2023-09-16, open-ended): a member's periods in one organisation may not share a day"]
    """
    by_pair: dict[tuple[str, str], list[tuple[int, Any]]] = {}
    for i, m in enumerate(memberships):
        by_pair.setdefault((m.member, m.of), []).append((i, m))
    out: list[Ref] = []
    for (member, of), entries in by_pair.items():
        entries.sort(key=lambda e: (e[1].since, e[0]))
        for n, (j, later) in enumerate(entries):
            for i, earlier in entries[:n]:
                if earlier.until is None or earlier.until > later.since:
                    other = memberships[min(i, j)]
                    span = f"from {other.since}, " + (f"until {other.until}" if other.until else "open-ended")
                    own = min(i, j) >= first_own
                    name = f"{key}[{min(i, j) - first_own}]" if own else "the library's membership"
                    if own:
                        hint = "end the first period ('until') on or before the day the next one starts"
                    elif other.until:
                        hint = f"the library already records it: start this one on or after {other.until}"
                    else:
                        hint = "the library already records it: leave this entry out"
                    out.append(Ref((key, max(i, j)), f"overlaps {name} ({member} in {of} {span}): "
                                   "a member's periods in one organisation may not share a day", hint))
                    break
    return sorted(out, key=lambda r: r.path)


def _alias_clashes(world: World) -> list[Ref]:
    """A territory alias that is another territory's id or alias: a name must stand for one territory."""
    ids = {t.id for t in world.territories}
    owner: dict[str, str] = {}
    out = []
    for i, t in enumerate(world.territories):
        for j, alias in enumerate(t.aliases):
            if alias in ids and alias != t.id:
                out.append(Ref(("territories", i, "aliases", j), f"alias {quoted(alias)} of {t.id} is the id of "
                               "another territory", "leave the alias out, or give the territory another id"))
            elif owner.get(alias, t.id) != t.id:
                out.append(Ref(("territories", i, "aliases", j), f"alias {quoted(alias)} of {t.id} is already an "
                               f"alias of {owner[alias]}", "a name may stand for one territory only: leave it out"))
            owner.setdefault(alias, t.id)
    return out


def _duplicates(ids: Iterable[str], key: str, what: str) -> list[Ref]:
    seen: set[str] = set()
    out = []
    for i, ident in enumerate(ids):
        if ident in seen:
            out.append(Ref((key, i, "id"), f"duplicate {what} id {quoted(ident)}", "ids must be unique (the shipped library counts too)"))
        seen.add(ident)
    return out


def _organ_refs(ix: _Index, organ: Any, at: Path_) -> Iterator[Ref]:
    """The states a force is made of and its headquarters; the ids a recorded decision's ``covers`` names."""
    if organ.force is not None:
        for k, who in enumerate(organ.force.contributors):
            yield from ix.actor(who, (*at, "force", "contributors", k), "state")
        if organ.force.headquarters:
            yield from ix.territory(organ.force.headquarters, (*at, "force", "headquarters"))
    for k, d in enumerate(organ.decisions):
        cover: Path_ = (*at, "decisions", k, "covers")
        for field in ("actors", "targets"):
            for n, who in enumerate(getattr(d.covers, field)):
                yield from ix.actor(who, (*cover, field, n))
        for field in ("target_member_of", "within"):
            if getattr(d.covers, field):
                yield from ix.actor(getattr(d.covers, field), (*cover, field), "organisation")


def _treaty_refs(ix: _Index, t: Treaty, at: Path_) -> Iterator[Ref]:
    if t.organisation:
        yield from ix.actor(t.organisation, (*at, "organisation"), "organisation")
    if t.parties.organisation:
        yield from ix.actor(t.parties.organisation, (*at, "parties", "organisation"), "organisation")
    for j, p in enumerate(t.parties.members):
        yield from ix.actor(p.party, (*at, "parties", "members", j, "party"))
    for j, clause in enumerate(t.clauses):
        cat = (*at, "clauses", j)
        if clause.obligor.value == "organisation" and not t.organisation:
            yield Ref((*cat, "obligor"), "obligor 'organisation' needs the treaty's 'organisation' field")
        yield from _condition_refs(ix, clause.trigger, (*cat, "trigger"))
        for k, cond in enumerate(clause.conditions):
            yield from _condition_refs(ix, cond, (*cat, "conditions", k))
        for k, exc in enumerate(clause.exceptions):
            yield from _condition_refs(ix, exc.when, (*cat, "exceptions", k, "when"))
    for j, r in enumerate(t.reservations):
        yield from ix.actor(r.party, (*at, "reservations", j, "party"))
        if r.condition is not None:
            yield from _condition_refs(ix, r.condition, (*at, "reservations", j, "condition"))
    for j, x in enumerate(t.suspensions):
        yield from ix.actor(x.party, (*at, "suspensions", j, "party"))
        yield from ix.actor(x.towards, (*at, "suspensions", j, "towards"))
    others = (("earlier", f"the {t.title} cannot succeed or coexist with itself", "name the earlier treaty"),
              ("precedence", f"the treaty {quoted(t.id)} cannot prevail over itself",
               "name the other treaty the entry is about"))
    for field, itself, fix in others:  # entries that name another treaty: known, and not this one
        for j, e in enumerate(getattr(t, field)):
            where = (*at, field, j, "treaty")
            yield from [Ref(where, itself, fix)] if e.treaty == t.id else ix.treaty(e.treaty, where)


def _condition_refs(ix: _Index, cond: Any, at: Path_) -> Iterator[Ref]:
    if isinstance(cond, (c.AllOf, c.AnyOf)):
        for k, part in enumerate(cond.conditions):
            yield from _condition_refs(ix, part, (*at, "conditions", k))
    elif isinstance(cond, c.Not):
        yield from _condition_refs(ix, cond.condition, (*at, "condition"))
    elif isinstance(cond, c.IsPartyTest) and cond.treaty:
        yield from ix.treaty(cond.treaty, (*at, "treaty"))
    elif isinstance(cond, (c.MemberOfTest, c.DecidedTest)) or (isinstance(cond, c.MandatedByTest) and cond.organisation):
        yield from ix.actor(str(cond.organisation), (*at, "organisation"), "organisation")
    elif isinstance(cond, c.RequestedTest) and cond.to not in _ROLES:
        yield from ix.actor(cond.to, (*at, "to"))
    elif isinstance(cond, c.InvokedTest) and cond.treaty:
        yield from ix.treaty(cond.treaty, (*at, "treaty"))
    elif isinstance(cond, c.DeterminedTest):
        yield from ix.actor(cond.organisation, (*at, "organisation"), "organisation")
    elif isinstance(cond, c.ClauseAppliesTest):
        target = ix.treaties.get(cond.treaty)
        if target is None:
            yield from ix.treaty(cond.treaty, (*at, "treaty"))
        elif target.clause(cond.clause) is None:
            ids = [cl.id for cl in target.clauses]
            yield Ref((*at, "clause"), f"the {target.title} has no clause {quoted(cond.clause)}",
                      suggest(cond.clause, ids) or f"its clauses: {', '.join(ids)}")
    elif isinstance(cond, c.LocationWithinTest):
        for k, tid in enumerate(cond.territories):
            yield from ix.territory(tid, (*at, "territories", k))
    elif isinstance(cond, c.ActorIsTest):
        for k, a in enumerate(cond.actors):
            yield from ix.actor(a, (*at, "actors", k))
        for k, o in enumerate(cond.members_of):
            yield from ix.actor(o, (*at, "members_of", k), "organisation")
        for k, tid in enumerate(cond.allied_under):
            yield from ix.treaty(tid, (*at, "allied_under", k))


def event_references(world: World, events: Sequence[Any]) -> list[Ref]:
    """Problems with the actors, territories and ids named by events, and the events they respond to."""
    ix = _Index(world)
    out: list[Ref] = []
    seen: set[str] = set()
    for i, e in enumerate(events):
        at: Path_ = ("events", i)
        if e.id in seen:
            out.append(Ref((*at, "id"), f"duplicate event id {quoted(e.id)}", "give each event its own id"))
        seen.add(e.id)
        for j, a in enumerate(e.actors):
            out += ix.actor(a, (*at, "actors", j))
        out += ix.actor(e.target, (*at, "target"))
        if e.location:
            out += ix.territory(e.location, (*at, "location"))
        elif e.target in ix.actors and e.target not in ix.territories:
            out.append(Ref((*at, "location"), f"the target '{e.target}' has no territory of its own",
                           "give 'location:' (a territory id)"))
        if e.mandate:
            out += ix.actor(e.mandate, (*at, "mandate"), "organisation")
        if e.force is not None:
            out += ix.force(e, (*at, "force"))
        for j, a in enumerate(e.external_support):
            out += ix.actor(a, (*at, "external_support", j))
        for j, a in enumerate(e.staged_from):
            out += ix.actor(a, (*at, "staged_from", j), "state")
        for j, r in enumerate(e.requests):
            out += ix.actor(r.by, (*at, "requests", j, "by"))
            out += ix.actor(r.to, (*at, "requests", j, "to"))
        for j, cons in enumerate(e.consents):
            out += ix.government(cons.by, e.target, (*at, "consents", j, "by"))
        for j, d in enumerate(e.decisions):
            out += ix.actor(d.organisation, (*at, "decisions", j, "organisation"), "organisation")
            out += ix.organ(d.organisation, d.organ, d.date or e.date, (*at, "decisions", j))
        for j, inv in enumerate(e.invocations):
            out += ix.actor(inv.by, (*at, "invocations", j, "by"))
            out += ix.treaty(inv.treaty, (*at, "invocations", j, "treaty"))
        for j, det in enumerate(e.determinations):
            out += ix.actor(det.organisation, (*at, "determinations", j, "organisation"), "organisation")
            if det.treaty:
                out += ix.treaty(det.treaty, (*at, "determinations", j, "treaty"))
        for j, a in enumerate(e.attributed_to or ()):
            out += ix.actor(a, (*at, "attributed_to", j))
    ids = {e.id for e in events}
    for i, e in enumerate(events):
        if e.response_to is None:
            continue
        if e.response_to == e.id:
            out.append(Ref(("events", i, "response_to"), f"event {quoted(e.id)} cannot respond to itself",
                           "name the event it responds to"))
        elif e.response_to not in ids:
            out.append(Ref(("events", i, "response_to"), f"unknown event {quoted(e.response_to)}",
                           suggest(e.response_to, ids - {e.id}) or f"event ids: {', '.join(sorted(ids))}"))
    return out


def cascade_references(world: World, cascade: Any) -> list[Ref]:
    """Problems with the actors a ``cascade:`` policy names."""
    if cascade is None:
        return []
    ix = _Index(world)
    out: list[Ref] = []
    for j, who in enumerate(cascade.non_compliant):
        out += ix.actor(who, ("cascade", "non_compliant", j))
    return out


def expectation_references(world: World, expect: Any, event_ids: set[str], perspective: str | None) -> list[Ref]:
    """Problems with the actors, treaties, articles and events an ``expect:`` block names."""
    ix = _Index(world)
    out: list[Ref] = []
    if perspective is not None and perspective not in ix.perspectives:
        out.append(Ref(("perspective",), f"unknown perspective {quoted(perspective)}",
                       suggest(perspective, ix.perspectives) or f"valid: {', '.join(sorted(ix.perspectives))}"))
    if expect is None:
        return out
    rows = _finding_rows("", expect)
    for name, findings in expect.perspectives.items():
        if name not in ix.perspectives:
            out.append(Ref(("expect", "perspectives", name), f"unknown perspective '{name}'",
                           suggest(name, ix.perspectives) or f"valid: {', '.join(sorted(ix.perspectives))}"))
        rows += _finding_rows(f"perspectives.{name}.", findings)
    for i, conflict in enumerate(expect.conflicts):
        at_c: Path_ = ("expect", "conflicts", i)
        out += ix.actor(conflict.actor, (*at_c, "actor"))
        out += _article_refs(ix, conflict.first, (*at_c, "first"))
        out += _article_refs(ix, conflict.second, (*at_c, "second"))
        if conflict.event and conflict.event not in event_ids:
            out.append(Ref((*at_c, "event"), f"unknown event '{conflict.event}'", suggest(conflict.event, event_ids)))
    if expect.cascade is not None:
        for i, rnd in enumerate(expect.cascade.drawn_in):
            for j, actor in enumerate(rnd.actors):
                out += ix.actor(actor, ("expect", "cascade", "drawn_in", i, "actors", j))
    for block, i, x, who in rows:
        at: Path_ = ("expect", *block.split("."), i)
        out += ix.actor(who, (*at, "obligor" if hasattr(x, "obligor") else "party"))
        if getattr(x, "beneficiary", None):
            out += ix.actor(x.beneficiary, (*at, "beneficiary"))
        if getattr(x, "event", None) and x.event not in event_ids:
            out.append(Ref((*at, "event"), f"unknown event {quoted(x.event)}", suggest(x.event, event_ids)))
        out += _article_refs(ix, x, at)
    return out


def _finding_rows(prefix: str, findings: Any) -> list[tuple[str, int, Any, str]]:
    """(block, index, expectation, actor) for every finding-level expectation of one reading."""
    rows = []
    for block in ("obligated", "permitted", "in_breach", "not_obligated", "contested", "not_invoked", "not_determined"):
        for i, x in enumerate(getattr(findings, block)):
            rows.append((prefix + block, i, x, getattr(x, "obligor", None) or x.party))
    return rows


def _article_refs(ix: _Index, x: Any, at: Path_) -> Iterator[Ref]:
    treaty = ix.treaties.get(x.treaty)
    if treaty is None:
        yield from ix.treaty(x.treaty, (*at, "treaty"))
        return
    articles = {cl.article for cl in treaty.clauses}
    if x.article is not None and x.article not in articles:
        valid = f"articles with clauses: {', '.join(sorted(articles))}"
        hint = suggest(x.article, articles)
        yield Ref((*at, "article"), f"the {treaty.title} has no operative clause at {article_label(x.article)}",
                  f"{hint} {valid}" if hint else valid)
