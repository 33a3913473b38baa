"""A sound, approximate logic of the clause language, for static checks.

Conditions are compiled to formulas over finite-domain variables: the
event's kind, the kinds of actor filling each role, the legal categories,
attribute values, the interval the event date falls in, and one yes/no
variable per other test (``consented``, ``is_party`` of a role, …).  Facts
the formulas cannot see are left free, and what is known is added as axioms:

* a category holds only if some rule of some perspective that adds it had
  its condition hold (so ``aggression`` implies a kind of armed action);
* roles that name the same actor share variables (a clause whose
  beneficiary is the target asks about one actor, not two);
* the obligor is a party (the engine checks it before anything else);
* a decision by an organ is a decision of the organisation, a written request
  is a request, a mandate of ECOWAS is a mandate; ``all`` implies ``any``;
* a purely internal conflict has only armed groups as attackers and no
  outside support;
* every attacker being a named actor (or a member, or a party) means some
  attacker is, and their kinds are those of the actors named (or of the
  members, or of the parties).

A borrowed clause (``clause_applies``) is compiled in place: its trigger and
conditions, under its own treaty (so ``is_party`` without a treaty means the
borrowed one) and with its roles filled as the engine fills them.

Leaving facts free can only make more situations possible, never fewer, so
"unsatisfiable" is a proof: a clause whose formula is unsatisfiable can never
fire, whatever the world and the events.  "Satisfiable" proves nothing; the
dynamic search then looks for an actual scenario.
"""

from __future__ import annotations

import copy
import itertools
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Iterator, Sequence

from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.families.chains import borrowed_by
from sahel_sim.clauses.leaf import ROLES
from sahel_sim.clauses.logic import FALSE, TRUE, Formula, all_of, any_of, atom, implies, negate
from sahel_sim.clauses.treaty import Beneficiary, Clause, Obligor, Treaty
from sahel_sim.model.actors import ActorKind
from sahel_sim.model.events import EventKind
from sahel_sim.world import World
from sahel_sim.verify._budget import tick

__all__ = ["Compiler", "Formula", "TRUE", "FALSE", "all_of", "any_of", "negate", "satisfiable"]

_KINDS = tuple(k.value for k in ActorKind)
_ATTACKER_SETS = tuple(frozenset(s) for n in (1, 2, 3) for s in itertools.combinations(_KINDS, n))
_SUPPORTER_SETS = (frozenset(),) + _ATTACKER_SETS


# ----------------------------------------------------------------------------- three-valued evaluation


def _eval(f: Formula, dom: dict[str, frozenset[Any]], var: str = "", only: frozenset[Any] = frozenset()) -> bool | None:
    """``f``'s value when each variable takes some value of its domain (``var``, if given, one of ``only``):
    True or False when every such choice agrees, None when it depends on which."""
    tag = f[0]
    if tag == "atom":
        possible = only if f[1] == var else dom[f[1]]
        if possible <= f[2]:
            return True
        if not (possible & f[2]):
            return False
        return None
    if tag == "and":
        unknown = False
        for p in f[1]:
            v = _eval(p, dom, var, only)
            if v is False:
                return False
            unknown |= v is None
        return None if unknown else True
    if tag == "or":
        unknown = False
        for p in f[1]:
            v = _eval(p, dom, var, only)
            if v is True:
                return True
            unknown |= v is None
        return None if unknown else False
    if tag == "not":
        v = _eval(f[1], dom, var, only)
        return None if v is None else not v
    return bool(f[1])


def _settle(f: Formula, dom: dict[str, frozenset[Any]]) -> Formula:
    """``f`` with every part whose value ``dom`` decides replaced by that value (a constant when the whole is decided).

    Domains only narrow as the search goes down, and a value decided under a
    domain stays the same under every narrower one, so the settled formula has
    the value of ``f`` wherever the search goes from here.
    """
    tag = f[0]
    if tag == "atom":
        value = _eval(f, dom)
        return f if value is None else TRUE if value else FALSE
    if tag in ("and", "or"):
        return (all_of if tag == "and" else any_of)(_settle(p, dom) for p in f[1])
    if tag == "not":
        return negate(_settle(f[1], dom))
    return f


def _conjuncts(f: Formula) -> Iterator[Formula]:
    if f[0] == "and":
        for p in f[1]:
            yield from _conjuncts(p)
    else:
        yield f


Parts = tuple[tuple[Formula, frozenset[str]], ...]


def _settled(parts: Parts, dom: dict[str, frozenset[Any]]) -> tuple[Parts, bool | None]:
    """The conjuncts still undecided under ``dom``, each with its variables, and the conjunction's value if decided."""
    out = []
    for part, _ in parts:
        tick()
        settled = _settle(part, dom)
        if settled == FALSE:
            return (), False
        if settled == TRUE:
            continue
        out.extend((p, frozenset(variables(p))) for p in _conjuncts(settled))
    return tuple(out), None if out else True


def variables(f: Formula) -> Iterator[str]:
    """Every variable a formula mentions."""
    if f[0] == "atom":
        yield f[1]
    elif f[0] in ("and", "or"):
        for p in f[1]:
            yield from variables(p)
    elif f[0] == "not":
        yield from variables(f[1])


def satisfiable(f: Formula, domains: dict[str, frozenset[Any]], budget: int = 5_000) -> bool:
    """Whether some value of each variable makes ``f`` true (True if the search runs out of budget).

    A small DPLL: at each node, values that make the formula false at once are pruned from
    every variable's domain (failed-literal probing, which propagates what is forced), then
    the search branches on the undecided variable with the fewest values left.  The formula
    is carried down the search as its undecided conjuncts (what the domains decide is
    settled once per node), and a value of a variable is probed against the conjuncts that
    mention it: the others keep their value.

    Examples:
        >>> d = {"x": frozenset({1, 2, 3})}
        >>> satisfiable(all_of([atom("x", {1, 2}), atom("x", {2, 3})]), d)
        True
        >>> satisfiable(all_of([atom("x", {1}), atom("x", {3})]), d)
        False
    """
    names = sorted(set(variables(f)))
    steps = 0

    def search(parts: Parts, dom: dict[str, frozenset[Any]]) -> bool:
        nonlocal steps
        steps += 1
        if steps > budget:
            return True
        parts, value = _settled(parts, dom)
        changed = value is None
        while changed:
            changed = False
            for var in names:
                if len(dom[var]) < 2:
                    continue
                bearing = [p for p, mentioned in parts if var in mentioned]
                if not bearing:  # no undecided conjunct mentions it: every value leaves the formula undecided
                    continue
                tick()
                alive = frozenset(v for v in dom[var]
                                  if all(_eval(p, dom, var, frozenset([v])) is not False for p in bearing))
                if not alive:
                    return False
                if alive != dom[var]:
                    dom = {**dom, var: alive}
                    parts, value = _settled(parts, dom)
                    if value is not None:
                        return value
                    changed = True
        if value is not None:
            return value
        open_ = [v for v in names if len(dom[v]) > 1]
        if not open_:  # pragma: no cover - every variable fixed means the formula is decided
            return True
        var = min(open_, key=lambda v: len(dom[v]))
        return any(search(parts, {**dom, var: frozenset([v])}) for v in sorted(dom[var], key=repr))

    return search(((f, frozenset(names)),), {name: domains[name] for name in names})


# ----------------------------------------------------------------------------- compiling conditions


@dataclass
class Compiler:
    """Compiles conditions of one treaty's clauses to formulas, collecting variables and axioms.

    Args:
        world: the categories and perspectives (for what each category implies).
        treaty: the treaty whose clauses are compiled (``is_party`` without a treaty means it).
    """

    world: World
    treaty: Treaty
    domains: dict[str, frozenset[Any]] = field(default_factory=dict)
    _axioms: dict[str, Formula] = field(default_factory=dict)
    _fresh: itertools.count = field(default_factory=itertools.count)
    _date_cuts: tuple[date, ...] = ()
    #: The treaty verified (``treaty`` is another while a borrowed clause is compiled).
    root: Treaty = field(init=False)
    #: Every clause whose conditions may be compiled: the treaty's own and those it borrows.
    scope: tuple[Clause, ...] = field(init=False, default=())
    _inside: tuple[tuple[str, str], ...] = field(init=False, default=())
    _cast: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.root = self.treaty
        self.scope = (*self.treaty.clauses, *(cl for _, cl in borrowed_by(self.treaty, self.treaty_of)))
        self.domains["kind"] = frozenset(k.value for k in EventKind)
        cuts = {d for cl in self.scope for cond in _conditions_of(cl) for x in c.walk(cond)
                for d in (getattr(x, "on_or_after", None), getattr(x, "before", None)) if isinstance(d, date)}
        cuts |= {d for p in self.world.perspectives for r in p.rules for x in c.walk(r.when)
                 for d in (getattr(x, "on_or_after", None), getattr(x, "before", None)) if isinstance(d, date)}
        self._date_cuts = tuple(sorted(cuts))
        self.domains["date"] = frozenset(range(len(self._date_cuts) + 1))
        self._rules: dict[str, list[Any]] = {}
        for p in self.world.perspectives:
            for r in p.rules:
                for cat in r.add:
                    self._rules.setdefault(cat, []).append(r.when)

    def treaty_of(self, tid: str) -> Treaty | None:
        """A treaty by id: the one compiled, the one verified, or the world's."""
        for t in (self.treaty, self.root):
            if t.id == tid:
                return t
        return self.world.treaty(tid)

    def borrowing(self, treaty: Treaty, clause: Clause, cast: dict[str, str | None]) -> "Compiler | None":
        """A compiler for ``clause`` of ``treaty`` borrowed with roles ``cast``, sharing every variable and
        axiom; None inside a loop of borrowed clauses (refused on load, so only for a world built by hand)."""
        key = (treaty.id, clause.id)
        if key in self._inside:
            return None
        sub = copy.copy(self)
        sub.treaty, sub._inside = treaty, (*self._inside, key)
        sub._cast = f"@{treaty.id}:{clause.id}:{json.dumps(cast, sort_keys=True)}"
        return sub

    @staticmethod
    def organisation(actor: str | None) -> bool:
        """Whether a compiled actor name stands for an organisation (the treaty's own, or a borrowed treaty's)."""
        return actor is not None and (actor == "org" or actor.startswith("org:"))

    # -- variables

    def flag(self, key: str) -> Formula:
        self.domains.setdefault(key, frozenset({False, True}))
        return atom(key, {True})

    def var(self, key: str, domain: Iterable[Any], true_values: Iterable[Any]) -> Formula:
        self.domains.setdefault(key, frozenset(domain))
        return atom(key, true_values)

    def free(self) -> Formula:
        """A fresh yes/no variable nothing constrains (what the logic cannot see)."""
        return self.flag(f"free:{next(self._fresh)}")

    def axioms(self, about: Formula | None = None) -> Formula:
        """The axioms collected so far (category implications, actor kinds, subsumptions).

        With ``about``, only those that share a variable with it, directly or through other
        axioms: the rest can always be satisfied on their own and only slow the search.
        """
        if about is None:
            return all_of(self._axioms.values())
        wanted = set(variables(about))
        pending = {key: set(variables(f)) for key, f in self._axioms.items()}
        chosen: list[str] = []
        grew = True
        while grew:
            grew = False
            for key, vs in list(pending.items()):
                if vs & wanted:
                    chosen.append(key)
                    wanted |= vs
                    del pending[key]
                    grew = True
        return all_of(self._axioms[k] for k in chosen)

    def axiom(self, key: str, f: Formula) -> None:
        self._axioms.setdefault(key, f)

    # -- roles

    @staticmethod
    def roles_of(clause: Clause | None, treaty: Treaty) -> dict[str, str | None]:
        """Which actor each role names: roles naming the same actor share a name."""
        if clause is None:
            return {"target": "target", "attackers": "attackers", "external_supporters": "supporters"}
        org = "org" if treaty.organisation else None
        obligor = {Obligor.target: "target", Obligor.organisation: org}.get(clause.obligor, "obligor")
        beneficiary = {Beneficiary.target: "target", Beneficiary.organisation: org}.get(clause.beneficiary)
        return {"target": "target", "attackers": "attackers", "external_supporters": "supporters",
                "obligor": obligor, "beneficiary": beneficiary}

    def kind_of(self, actor: str, kinds: Iterable[str], quantifier: str) -> Formula:
        kinds = frozenset(k.value if hasattr(k, "value") else k for k in kinds)
        if actor in ("attackers", "supporters"):
            sets = _ATTACKER_SETS if actor == "attackers" else _SUPPORTER_SETS
            if quantifier == "all":
                true = [s for s in sets if s and s <= kinds]
            else:
                true = [s for s in sets if s & kinds]
            return self.var(f"kinds:{actor}", sets, true)
        if self.organisation(actor):
            return TRUE if "organisation" in kinds else FALSE
        return self.var(f"kind:{actor}", _KINDS, kinds)

    # -- compile

    def clause_fires(self, clause: Clause) -> Formula:
        """Trigger and conditions hold, and the candidate is the clause's obligor (exceptions aside)."""
        roles = self.roles_of(clause, self.treaty)
        parts = [self.compile(clause.trigger, roles), *(self.compile(x, roles) for x in clause.conditions)]
        parts.append(self.obligor_axioms(clause, roles))
        return all_of(parts)

    def exception(self, clause: Clause, index: int) -> Formula:
        """The ``index``-th exception of the clause holds."""
        return self.compile(clause.exceptions[index].when, self.roles_of(clause, self.treaty))

    def obligor_axioms(self, clause: Clause, roles: dict[str, str | None]) -> Formula:
        """What the engine's built-in checks guarantee about the obligor."""
        me = roles["obligor"]
        parts = []
        if clause.obligor is not Obligor.organisation and me is not None:
            parts.append(self.party(me, None, "any"))
        if clause.obligor is Obligor.attacking_parties:
            parts.append(self.party("attackers", None, "any"))
        return all_of(parts)

    def compile(self, cond: Any, roles: dict[str, str | None], positive: bool = True, rule: bool = False) -> Formula:
        """One condition as a formula; ``rule`` compiles a characterisation rule (categories "so far")."""
        if isinstance(cond, c.AllOf):
            return all_of(self.compile(x, roles, positive, rule) for x in cond.conditions)
        if isinstance(cond, c.AnyOf):
            return any_of(self.compile(x, roles, positive, rule) for x in cond.conditions)
        if isinstance(cond, c.Not):
            return negate(self.compile(cond.condition, roles, not positive, rule))
        return self._leaf(cond, roles, positive, rule)

    def _leaf(self, x: Any, roles: dict[str, str | None], positive: bool, rule: bool) -> Formula:
        """A leaf test, by the encoding its family gives it."""
        return c.LEAVES[x.test].encode(x, self, roles, positive, rule)

    #: Kinds of actor, and the sets of kinds the attackers (at least one) and the supporters (maybe none) can have.
    KINDS = _KINDS
    ATTACKER_SETS = _ATTACKER_SETS
    SUPPORTER_SETS = _SUPPORTER_SETS

    @staticmethod
    def actor(x: Any, roles: dict[str, str | None]) -> str | None:
        """The actor a test's ``who`` names under these roles (None: a role nobody fills)."""
        who = getattr(x, "who", None)
        return roles.get(who) if isinstance(who, str) and who in ROLES else who

    def opaque(self, x: Any) -> Formula:
        """A yes/no variable for a test the logic cannot see into, shared by tests with the same parameters.

        Inside a borrowed clause a test that names a role (or the treaty's parties) gets a variable of its
        own: its roles there may be other actors than the same words name in the borrowing clause.
        """
        key = json.dumps(x.model_dump(mode="json", exclude={"label"}), sort_keys=True)
        if self._cast and any(f in type(x).model_fields for f in ("who", "by", "to")):
            key += self._cast
        return self.flag(f"test:{key}")

    def party(self, actor: str, treaty: str | None, quantifier: str) -> Formula:
        tid = treaty or self.treaty.id
        return self.quantified(f"party:{tid}", actor, quantifier, self.party_kinds(tid))

    def party_kinds(self, tid: str) -> frozenset[str]:
        """Kinds of actor that are ever parties to the treaty in this world."""
        t = self.treaty_of(tid)
        if t is None:
            return frozenset(_KINDS)
        if t.parties.organisation:
            return self.member_kinds(t.parties.organisation)
        kinds = {a.id: a.kind.value for a in self.world.actors}
        return frozenset(kinds.get(p.party, "state") for p in t.parties.members)

    def member_kinds(self, org: str) -> frozenset[str]:
        """Kinds of actor that are ever members of the organisation in this world."""
        kinds = {a.id: a.kind.value for a in self.world.actors}
        return frozenset(kinds.get(m.member, "state") for m in self.world.memberships if m.of == org)

    def quantified(self, what: str, actor: str, quantifier: str, kinds: frozenset[str] | None = None) -> Formula:
        """A party or membership test; only actors of the kinds that ever are parties or members can pass it."""
        if what.startswith("member:") and kinds is None:
            kinds = self.member_kinds(what.split(":", 1)[1])
        if actor in ("attackers", "supporters"):
            some = self.flag(f"{what}:{actor}:any")
            if kinds is not None:
                self.axiom(f"{what}:{actor}:kinds", implies(some, self.kind_of(actor, kinds, "any")))
            if quantifier == "all":
                every = self.flag(f"{what}:{actor}:all")
                self.axiom(f"{what}:{actor}:all", implies(every, some))
                return every
            return some
        if kinds is not None:
            if self.organisation(actor):
                return self.flag(f"{what}:{actor}") if "organisation" in kinds else FALSE
            f = self.flag(f"{what}:{actor}")
            self.axiom(f"{what}:{actor}:kinds", implies(f, self.kind_of(actor, kinds, "any")))
            return f
        return self.flag(f"{what}:{actor}")

    def category(self, cat: str, positive: bool, rule: bool) -> Formula:
        if rule and not positive:
            return self.free()  # "not yet given" at the time a rule runs: nothing is known
        ever = self.flag(f"ever:{cat}")
        self._define(cat)
        if rule:
            return ever
        now = self.flag(f"cat:{cat}")
        self.axiom(f"cat:{cat}", implies(now, ever))
        return now

    def _define(self, cat: str) -> None:
        """A category was given at some point only if a rule adding it had its condition hold."""
        key = f"ever:{cat}"
        if key in self._axioms:
            return
        self._axioms[key] = TRUE  # placeholder: rules may mention the category themselves
        roles = self.roles_of(None, self.treaty)
        whens = [self.compile(w, roles, True, rule=True) for w in self._rules.get(cat, [])]
        self._axioms[key] = implies(self.flag(key), any_of(whens))

    def period(self, lo: date | None, hi: date | None) -> Formula:
        cuts = self._date_cuts
        true = [i for i in range(len(cuts) + 1)
                if (lo is None or (i > 0 and cuts[i - 1] >= lo)) and (hi is None or (i < len(cuts) and cuts[i] <= hi))]
        return atom("date", true)

    def attribute(self, name: str, equals: Any) -> Formula:
        key = f"attr:{name}"
        values = {_typed(x.equals) for cl in self.scope for cond in _conditions_of(cl) for x in c.walk(cond)
                  if isinstance(x, c.AttributeTest) and x.name == name}
        values |= {_typed(x.equals) for p in self.world.perspectives for r in p.rules for x in c.walk(r.when)
                   if isinstance(x, c.AttributeTest) and x.name == name}
        return self.var(key, values | {("other", "")}, [_typed(equals)])


def _typed(value: Any) -> tuple[str, str]:
    return (type(value).__name__ if not isinstance(value, (int, float)) or isinstance(value, bool) else "number",
            repr(float(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else repr(value))


def _conditions_of(clause: Clause) -> Sequence[Any]:
    return (clause.trigger, *clause.conditions, *(e.when for e in clause.exceptions))
