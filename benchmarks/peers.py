"""The same core rules three ways: sahel-sim, an indexed Python floor, and clingo.

Rules (identical in all three): a state S is obligated to assist V against A
on day D under treaty T when A attacks V on D, V and S are members of the
defensive treaty T on D, S is neither V nor A, and V did not attack A first
(an original attack, not a response, on an earlier day).  In a cascade each
obligation becomes a response of S against A on the same day, once per
(actor, adversary, conflict).

Every side builds its world from the same synthetic data (sahel-sim: validated
models and the compiled world; the floor: its dict indexes; clingo: the fact
text, parsed and grounded) and the same reasons for each obligation (four
checks, with the same words).  Each returns the (S, V, A, D, T) obligations,
so the benchmark can check that they agree (and, at depth 0, that the reasons
are the same words) before it compares their times.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Callable, Iterable

from synthetic import Synthetic, day, state_id

Obl = tuple[int, int, int, int, int]


# -- sahel-sim ------------------------------------------------------------------------------------

def sahel_world(w: Synthetic):  # noqa: ANN201 - returns (compiled world, events); imports stay lazy
    """The synthetic world as sahel-sim models (validated), compiled: the project's world build."""
    from sahel_sim.graph import compile_world

    world, events = sahel_models(w)
    return compile_world(world), events


def sahel_models(w: Synthetic):  # noqa: ANN201 - returns (world, events)
    """The synthetic world and its attacks as validated sahel-sim models."""
    from sahel_sim.clauses.perspective import CharacterisationRule, Perspective
    from sahel_sim.clauses.treaty import Clause, Parties, Party, Treaty
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
    # The synthetic ints become the ids and dates sahel-sim reads, each worked out once (as the other sides'
    # ISO dates are, with iso_dates): converting the benchmark's data is not sahel-sim's work, validating it is.
    ids = [state_id(s) for s in range(w.n)]
    dates: dict[int, date] = {}

    def dated(d: int) -> date:
        value = dates.get(d)
        if value is None:
            value = dates[d] = day(d)
        return value

    by_treaty: dict[int, list[Party]] = defaultdict(list)
    for s, t, start, end in w.memberships:
        by_treaty[t].append(Party(party=ids[s], since=dated(start), until=dated(end)))
    treaties = tuple(
        Treaty(id=f"t{t:05d}", name=f"treaty {t}", signed=dated(start), in_force=dated(start), terminated=dated(end),
               parties=Parties(members=tuple(by_treaty[t])), clauses=(clause,) if t in w.defensive else ())
        for t, (start, end) in w.lifetimes.items())
    actors = tuple(Actor(id=ids[s], kind="state", name=ids[s]) for s in range(w.n))
    lands = tuple(Territory(id=ids[s], name=ids[s], holders=(Holding(state=ids[s], since=dated(0)),))
                  for s in range(w.n))
    bench = Perspective(id="bench", name="bench", description="every armed action is an armed attack", rules=(
        CharacterisationRule.model_validate({"id": "armed", "when": {"test": "event_kind", "kinds": [
            "armed_attack", "military_intervention"]}, "add": ["armed_attack"]}),))
    world = World(actors=actors, territories=lands, treaties=treaties, perspectives=(bench,))
    events = tuple(Event(id=f"e{i}", date=dated(d), kind="armed_attack", actors=(ids[a],), target=ids[v])
                   for i, (a, v, d) in enumerate(w.attacks))
    return world, events


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


# -- the same reasons on every side --------------------------------------------------------------
#
# sahel-sim gives each obligation four checks: the obligor is a party (with the membership's start),
# the event is an armed attack, the target is a party, the obligor is neither the beneficiary nor an
# attacker.  The floor and clingo build the same four records, with the same words, as plain tuples
# (sahel_reasons turns sahel-sim's checks into that form, untimed, to compare them).

Reason = tuple[str, str, bool, str, tuple[tuple[str, tuple[str, ...], str], ...]]

_OBLIGOR = "the obligor is a party on the event date"
_TRIGGER = "the event is characterised as armed_attack"
_TARGET = "the target is a party to the treaty on the event date"
_ROLE = "the obligor is a party other than the beneficiary, and not an attacker"


def _party_fact(who: str, tid: str, t: int, when: str, since: str) -> tuple[str, tuple[str, ...], str]:
    return ("party", (who, tid, when), f"{who} is a party to the treaty {t} on {when} (party since {since})")


def reasons_of(s: int, v: int, t: int, when: str, s_since: str, v_since: str, event: str) -> tuple[Reason, ...]:
    """The four checks of one obligation, as tuples (dates already in ISO form)."""
    so, vi, tid = state_id(s), state_id(v), f"t{t:05d}"
    return (
        ("is_party", _OBLIGOR, True, "builtin", (_party_fact(so, tid, t, when, s_since),)),
        ("category", _TRIGGER, True, "trigger",
         (("characterised_as", (event, "armed_attack", "bench"), f"{event} is armed_attack under the bench reading "
                                                                 "(rule armed)"),)),
        ("is_party", _TARGET, True, "condition", (_party_fact(vi, tid, t, when, v_since),)),
        ("obligor_role", _ROLE, True, "builtin",
         (("obligor_role", (so, "each_other_party"), f"{so} is neither the beneficiary nor an actor of {event}"),)),
    )


def sahel_reasons(result) -> dict[Obl, tuple[Reason, ...]]:  # noqa: ANN001
    """sahel-sim's reasons in the tuple form (not timed)."""
    epoch = day(0)
    out = {}
    for r in result.results:
        for o in r.obligations:
            key = (int(o.obligor[1:]), int(o.beneficiary[1:]), int(o.against[0][1:]), (o.date - epoch).days,
                   int(o.treaty[1:]))
            out[key] = tuple((c.test, c.text, c.holds, c.role, tuple((f.predicate, f.args, f.text) for f in c.facts))
                             for c in o.reasons)
    return out


def iso_dates() -> Callable[[int], str]:
    """Day number to ISO date, each worked out once (the same helper on every side)."""
    iso: dict[int, str] = {}

    def when(d: int) -> str:
        text = iso.get(d)
        if text is None:
            text = iso[d] = day(d).isoformat()
        return text

    return when


# -- indexed floor --------------------------------------------------------------------------------

def run_floor(w: Synthetic, depth: int) -> dict[Obl, tuple[Reason, ...]]:
    """Plain dicts and loops: the indexes built from the world, the same reasons, no validation."""
    by_state: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    members: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for s, t, start, end in w.memberships:
        if t in w.defensive:
            by_state[s].append((t, start, end))
            members[t].append((s, start, end))
    first: dict[tuple[int, int], int] = {}
    for a, v, d in w.attacks:
        first[(a, v)] = min(d, first.get((a, v), d))
    when = iso_dates()
    frontier = [(a, v, d, i, f"e{i}") for i, (a, v, d) in enumerate(w.attacks)]
    engaged = {(a, v, r) for a, v, _, r, _ in frontier}
    found: dict[Obl, tuple[Reason, ...]] = {}
    for rnd in range(depth + 1):
        round_obls = []
        for a, v, d, r, ev in frontier:
            if first.get((v, a), d) < d:
                continue
            for t, s0, e0 in by_state[v]:
                if s0 <= d < e0:
                    round_obls += [(s, v, a, d, t, r, ev, s1, s0) for s, s1, e1 in members[t]
                                   if s1 <= d < e1 and s != v and s != a]
        for s, v, a, d, t, r, ev, s1, s0 in round_obls:
            found.setdefault((s, v, a, d, t), reasons_of(s, v, t, when(d), when(s1), when(s0), ev))
        if rnd == depth:
            break
        frontier = []
        for s, _, a, d, _, r, ev, _, _ in round_obls:
            if (s, a, r) not in engaged:
                engaged.add((s, a, r))
                frontier.append((s, a, d, r, f"{ev}>{state_id(s)}-{state_id(a)}"))
    return found


# -- clingo ---------------------------------------------------------------------------------------

def clingo_program(depth: int) -> str:
    """A stratified ASP encoding, unrolled round by round so the engagement rule needs no recursion through negation.

    ``all/8`` carries what the reasons need besides the obligation: the start of the obligor's (F2) and the
    victim's (F1) membership, and the conflict (R).
    """
    lines = ["ev0(A,V,D,R) :- attack(A,V,D,R).", "eng0(A,V,R) :- attack(A,V,_,R)."]
    for k in range(depth + 1):
        lines.append(
            f"obl{k}(S,V,A,D,T,R,F2,F1) :- ev{k}(A,V,D,R), member(V,T,F1,U1), F1<=D, D<U1, defensive(T), "
            f"member(S,T,F2,U2), F2<=D, D<U2, S!=V, S!=A, #count{{ D2 : attack(V,A,D2,_), D2<D }} = 0.")
        lines.append(f"all(S,V,A,D,T,F2,F1,R) :- obl{k}(S,V,A,D,T,R,F2,F1).")
        if k < depth:
            lines.append(f"ev{k + 1}(S,A,D,R) :- obl{k}(S,_,A,D,_,R,_,_), S!=A, not eng{k}(S,A,R).")
            lines.append(f"eng{k + 1}(X,Y,R) :- eng{k}(X,Y,R).")
            lines.append(f"eng{k + 1}(S,A,R) :- ev{k + 1}(S,A,_,R).")
    lines.append("#show all/8.")
    return "\n".join(lines)


def clingo_facts(w: Synthetic) -> str:
    """The world and the attacks as ASP facts."""
    parts = [f"member({s},{t},{start},{end})." for s, t, start, end in w.memberships]
    parts += [f"defensive({t})." for t in sorted(w.defensive)]
    parts += [f"attack({a},{v},{d},{i})." for i, (a, v, d) in enumerate(w.attacks)]
    return "\n".join(parts)


def run_clingo(w: Synthetic, depth: int, timings: dict[str, float] | None = None) -> dict[Obl, tuple[Reason, ...]]:
    """clingo's obligations with the same reasons built from its atoms (in Python: clingo has no text).

    At depth 0 every event is an attack ``e{R}``; a response is named after its conflict only (the
    encoding does not keep the chain of causes), so beyond depth 0 only the obligation sets compare.
    ``timings`` gets parse, ground+solve, extract (with the reasons), in CPU seconds.
    """
    import time

    import clingo

    t0 = time.process_time()
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], clingo_program(depth) + "\n" + clingo_facts(w))
    t1 = time.process_time()
    ctl.ground([("base", [])])
    symbols: list[str] = []
    ctl.solve(on_model=lambda m: symbols.extend(str(sym) for sym in m.symbols(shown=True)))
    t2 = time.process_time()
    when = iso_dates()
    found: dict[Obl, tuple[Reason, ...]] = {}
    for sym in symbols:
        s, v, a, d, t, f2, f1, r = (int(x) for x in sym[4:-1].split(","))
        found.setdefault((s, v, a, d, t), reasons_of(s, v, t, when(d), when(f2), when(f1), f"e{r}"))
    t3 = time.process_time()
    if timings is not None:
        timings.update(parse=t1 - t0, core=t2 - t1, extract=t3 - t2)
    return found


def checksum(obls: Iterable[Obl]) -> str:
    """An order-independent fingerprint of an obligation set."""
    import hashlib

    return hashlib.sha1(repr(sorted(obls)).encode()).hexdigest()[:12]
