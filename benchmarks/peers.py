"""The same core rules three ways: sahel-sim, an indexed Python floor, and clingo.

Rules (identical in all three): a state S is obligated to assist V against A
on day D under treaty T when A attacks V on D, V and S are members of the
defensive treaty T on D, S is neither V nor A, and V did not attack A first
(an original attack, not a response, on an earlier day).  In a cascade each
obligation becomes a response of S against A on the same day, once per
(actor, adversary, conflict).

Each engine returns the set of (S, V, A, D, T) tuples, so the benchmark can
check that they agree before it compares their times.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from synthetic import Synthetic, day, state_id

Obl = tuple[int, int, int, int, int]


# -- sahel-sim ------------------------------------------------------------------------------------

def sahel_world(w: Synthetic):  # noqa: ANN201 - returns (graph, events); imports stay lazy
    """The synthetic world as sahel-sim models and its graph."""
    from sahel_sim.clauses.perspective import CharacterisationRule, Perspective
    from sahel_sim.clauses.treaty import Clause, Parties, Party, Treaty
    from sahel_sim.graph import compile_world
    from sahel_sim.model.actors import Actor
    from sahel_sim.model.events import Event
    from sahel_sim.model.territories import Holding, Territory
    from sahel_sim.world import World

    clause = Clause.model_validate({
        "id": "defence", "article": "1", "text": "mutual defence", "text_kind": "paraphrase",
        "trigger": {"test": "category", "any_of": ["armed_attack"]},
        "conditions": [{"test": "is_party", "who": "target"}],
        "exceptions": [{"when": {"test": "struck_first", "who": "target"}}],
        "obligor": "each_other_party", "duty": "assist", "means": "armed_force_included",
        "strength": "mandatory", "mutual": True})
    by_treaty: dict[int, list[Party]] = defaultdict(list)
    for m in w.memberships:
        by_treaty[m.treaty].append(Party(party=state_id(m.state), since=day(m.start), until=day(m.end)))
    treaties = tuple(
        Treaty(id=f"t{t:05d}", name=f"treaty {t}", signed=day(start), in_force=day(start), terminated=day(end),
               parties=Parties(members=tuple(by_treaty[t])), clauses=(clause,) if t in w.defensive else ())
        for t, (start, end) in w.lifetimes.items())
    actors = tuple(Actor(id=state_id(s), kind="state", name=state_id(s)) for s in range(w.n))
    lands = tuple(Territory(id=state_id(s), name=state_id(s), holders=(Holding(state=state_id(s), since=day(0)),))
                  for s in range(w.n))
    bench = Perspective(id="bench", name="bench", description="every armed action is an armed attack", rules=(
        CharacterisationRule.model_validate({"id": "armed", "when": {"test": "event_kind", "kinds": [
            "armed_attack", "military_intervention"]}, "add": ["armed_attack"]}),))
    world = World(actors=actors, territories=lands, treaties=treaties, perspectives=(bench,))
    events = tuple(Event(id=f"e{i}", date=day(d), kind="armed_attack", actors=(state_id(a),), target=state_id(v))
                   for i, (a, v, d) in enumerate(w.attacks))
    return compile_world(world), events


def run_sahel(world, events, depth: int):  # noqa: ANN001, ANN201
    """sahel-sim's cascade result (reasons built, non-obligations skipped): the timed part."""
    from sahel_sim.engine.cascade import run_cascade
    from sahel_sim.engine.query import Query

    return run_cascade(world, events, perspective="bench", rounds=depth, query=Query(non_obligations=False))


def sahel_set(result) -> set[Obl]:  # noqa: ANN001
    """The result as (S, V, A, D, T) tuples, for the agreement check (not timed)."""
    epoch = day(0)
    return {(int(o.obligor[1:]), int(o.beneficiary[1:]), int(o.against[0][1:]), (o.date - epoch).days,
             int(o.treaty[1:])) for r in result.results for o in r.obligations}


# -- indexed floor --------------------------------------------------------------------------------

def run_floor(w: Synthetic, depth: int) -> set[Obl]:
    """Plain dicts and loops: no reasons, no validation."""
    by_state: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    members: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for m in w.memberships:
        if m.treaty in w.defensive:
            by_state[m.state].append((m.treaty, m.start, m.end))
            members[m.treaty].append((m.state, m.start, m.end))
    first: dict[tuple[int, int], int] = {}
    for a, v, d in w.attacks:
        first[(a, v)] = min(d, first.get((a, v), d))
    frontier = [(a, v, d, i) for i, (a, v, d) in enumerate(w.attacks)]
    engaged = {(a, v, r) for a, v, _, r in frontier}
    found: set[Obl] = set()
    for rnd in range(depth + 1):
        round_obls = []
        for a, v, d, r in frontier:
            if first.get((v, a), d) < d:
                continue
            for t, s0, e0 in by_state[v]:
                if s0 <= d < e0:
                    round_obls += [(s, v, a, d, t, r) for s, s1, e1 in members[t] if s1 <= d < e1 and s != v and s != a]
        found.update(o[:5] for o in round_obls)
        if rnd == depth:
            break
        frontier = []
        for s, _, a, d, _, r in round_obls:
            if (s, a, r) not in engaged:
                engaged.add((s, a, r))
                frontier.append((s, a, d, r))
    return found


# -- clingo ---------------------------------------------------------------------------------------

def clingo_program(depth: int) -> str:
    """A stratified ASP encoding, unrolled round by round so the engagement rule needs no recursion through negation."""
    lines = ["ev0(A,V,D,R) :- attack(A,V,D,R).", "eng0(A,V,R) :- attack(A,V,_,R)."]
    for k in range(depth + 1):
        lines.append(
            f"obl{k}(S,V,A,D,T,R) :- ev{k}(A,V,D,R), member(V,T,F1,U1), F1<=D, D<U1, defensive(T), "
            f"member(S,T,F2,U2), F2<=D, D<U2, S!=V, S!=A, #count{{ D2 : attack(V,A,D2,_), D2<D }} = 0.")
        lines.append(f"all(S,V,A,D,T) :- obl{k}(S,V,A,D,T,_).")
        if k < depth:
            lines.append(f"ev{k + 1}(S,A,D,R) :- obl{k}(S,_,A,D,_,R), S!=A, not eng{k}(S,A,R).")
            lines.append(f"eng{k + 1}(X,Y,R) :- eng{k}(X,Y,R).")
            lines.append(f"eng{k + 1}(S,A,R) :- ev{k + 1}(S,A,_,R).")
    lines.append("#show all/5.")
    return "\n".join(lines)


def clingo_facts(w: Synthetic) -> str:
    """The world and the attacks as ASP facts."""
    parts = [f"member({m.state},{m.treaty},{m.start},{m.end})." for m in w.memberships]
    parts += [f"defensive({t})." for t in sorted(w.defensive)]
    parts += [f"attack({a},{v},{d},{i})." for i, (a, v, d) in enumerate(w.attacks)]
    return "\n".join(parts)


def run_clingo(w: Synthetic, depth: int, timings: dict[str, float]) -> set[Obl]:
    """clingo's obligations; parse, ground+solve and extract are timed separately."""
    import time

    import clingo

    t0 = time.perf_counter()
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], clingo_program(depth) + "\n" + clingo_facts(w))
    t1 = time.perf_counter()
    ctl.ground([("base", [])])
    symbols: list[str] = []
    ctl.solve(on_model=lambda m: symbols.extend(str(s) for s in m.symbols(shown=True)))
    t2 = time.perf_counter()
    found = {tuple(int(x) for x in s[4:-1].split(",")) for s in symbols}
    t3 = time.perf_counter()
    timings.update(parse=t1 - t0, core=t2 - t1, extract=t3 - t2)
    return found  # type: ignore[return-value]


def checksum(obls: Iterable[Obl]) -> str:
    """An order-independent fingerprint of an obligation set."""
    import hashlib

    return hashlib.sha1(repr(sorted(obls)).encode()).hexdigest()[:12]
