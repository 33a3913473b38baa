"""The compiled world: everything the engine asks of a validated world, built once.

:func:`compile_world` turns a :class:`~sahel_sim.world.World` into one
immutable value: the dated NetworkX graph (the world model the queries
read), the treaty index (which treaties an event can concern, who is tied
to which treaty on a date) and, for every clause, its conditions and
exceptions split by whether they read the obligor.  Splitting reads each
condition's roles once, here, so judging a candidate never walks a
condition tree to find out what it depends on.

The value is passed explicitly (``simulate`` builds it, the engine takes it
as an argument); nothing is kept in the graph or in module state.

A world that shares most of its values with one already compiled (a
scenario's world begins with the library's entries; a contested reading
replaces one fact of its scenario's world) is compiled ``like=`` that one:
what the other compiled of the same objects is taken from it (each
unchanged treaty's and clause's compiled form, the index, the graph), the
rest is built.  The result equals the world compiled on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Mapping

import networkx as nx

from sahel_sim.collector import paused
from sahel_sim.clauses.conditions import walk
from sahel_sim.clauses.treaty import Clause, ClauseException, Treaty
from sahel_sim.graph.build import build_graph
from sahel_sim.graph.index import TreatyIndex, build_index, requires_target_party
from sahel_sim.world import World

__all__ = ["GRAPH_PARTS", "CompiledClause", "CompiledTreaty", "CompiledWorld", "compile_world", "successions_applied"]


@dataclass(frozen=True, slots=True)
class CompiledClause:
    """A clause with its conditions and exceptions split by the roles they read.

    ``event_level`` conditions (and ``event_exceptions``) do not mention the
    obligor: they are judged once per clause and event.  ``per_obligor``
    conditions (and ``obligor_exceptions``) are judged for each candidate.
    Each part keeps the clause's order.
    """

    clause: Clause
    event_level: tuple[Any, ...]
    per_obligor: tuple[Any, ...]
    event_exceptions: tuple[ClauseException, ...]
    obligor_exceptions: tuple[ClauseException, ...]
    #: Whether the clause borrows another clause's case (a ``clause_applies`` test anywhere in it).
    borrows: bool = False
    #: Every test named in the trigger and the conditions (combinators included).
    tests: frozenset[str] = frozenset()

    @classmethod
    def of(cls, clause: Clause) -> "CompiledClause":
        """Split ``clause`` (each condition's roles are read once)."""
        reads = [("obligor" in cond.roles, cond) for cond in clause.conditions]
        excs = [("obligor" in exc.when.roles, exc) for exc in clause.exceptions]
        tests = frozenset(x.test for root in (clause.trigger, *clause.conditions) for x in walk(root))
        excepted = {x.test for exc in clause.exceptions for x in walk(exc.when)}
        return cls(clause,
                   tuple(c for per, c in reads if not per), tuple(c for per, c in reads if per),
                   tuple(x for per, x in excs if not per), tuple(x for per, x in excs if per),
                   "clause_applies" in tests | excepted, tests)


@dataclass(frozen=True, slots=True)
class CompiledTreaty:
    """A treaty and its compiled clauses, in the treaty's order."""

    treaty: Treaty
    clauses: tuple[CompiledClause, ...]

    @classmethod
    def of(cls, treaty: Treaty) -> "CompiledTreaty":
        """Compile every clause of ``treaty``."""
        return cls(treaty, tuple(CompiledClause.of(cl) for cl in treaty.clauses))


@dataclass(frozen=True, slots=True)
class CompiledWorld:
    """A validated world as the engine reads it: graph, index and compiled treaties (immutable).

    The graph holds the facts (actors, territories, memberships, who is a party when); the treaties
    themselves, with their clauses, are held here (:attr:`treaties`, :attr:`by_id`, :attr:`models`).

    Build it with :func:`compile_world`; a variant world is compiled anew, ``like=`` this one to share
    what did not change (the graph is never mutated after it is built, so worlds may share it).
    """

    world: World
    G: nx.MultiDiGraph
    index: TreatyIndex
    treaties: tuple[CompiledTreaty, ...]  # in treaty id order
    by_id: dict[str, CompiledTreaty]
    #: Each treaty by id (a treaty id given twice: the last one), as the conditions read another treaty:
    #: ``by_id``'s treaties, derived from it.
    models: Mapping[str, Treaty] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "models", MappingProxyType({i: t.treaty for i, t in self.by_id.items()}))

    def treaty(self, treaty_id: str) -> Treaty:
        """The treaty of an id (KeyError if unknown)."""
        return self.models[treaty_id]

    def in_force(self, on: date) -> tuple[Treaty, ...]:
        """The treaties in force on ``on``, sorted by id."""
        return tuple(t.treaty for t in self.treaties if t.treaty.in_force_on(on))

    def relevant(self, target: str, day: date) -> tuple[CompiledTreaty, ...]:
        """Treaties that may bind anyone for an event against ``target`` on ``day``, in id order."""
        return self.relevant_to(self.index.treaties_of(target, day))

    def relevant_to(self, tied: set[str] | frozenset[str]) -> tuple[CompiledTreaty, ...]:
        """The relevant treaties when the target is tied to the treaties ``tied`` (in id order)."""
        return tuple(self.by_id[i] for i in sorted(tied | self.index.always))


@paused()  # a graph, an index and clauses that all stay alive: no garbage to look for meanwhile
def compile_world(world: World, *, like: CompiledWorld | None = None) -> CompiledWorld:
    """Build the graph, the index and every treaty's compiled clauses of ``world``, once.

    A treaty that ``succeeds`` an earlier one (:class:`~sahel_sim.clauses.treaty.Succession`) ends it on
    its own entry into force: the compiled world holds the earlier treaty as terminated then.

    ``like``: a compiled world whose values ``world`` mostly shares (the same objects).  What depends
    only on values both hold is taken from it: a treaty's compiled clauses (a changed treaty's unchanged
    clauses too), the index when the treaties' parties and memberships are the same, the graph when
    every part it is built from is the same (of the treaties, the graph reads only ids and parties).  The
    result equals ``compile_world(world)``.
    """
    world = successions_applied(world)
    unique = {t.id: t for t in world.treaties}  # as in the graph, one node per treaty id
    if like is None:
        treaties = tuple(CompiledTreaty.of(unique[i]) for i in sorted(unique))
        G, index = build_graph(world), build_index(world)
    else:
        treaties = tuple(_recompiled(unique[i], like.by_id.get(i)) for i in sorted(unique))
        before = like.world
        G = like.G if _same_graph(world, before) else build_graph(world)
        index = like.index if _same_index(world, before) else build_index(world)
    return CompiledWorld(world, G, index, treaties, {t.treaty.id: t for t in treaties})


#: The parts of a world :func:`~sahel_sim.graph.build.build_graph` reads.
GRAPH_PARTS = ("actors", "memberships", "territories", "treaties", "relations", "governments",
               "consent_authorities", "arrangements")


def _same(mine: tuple[Any, ...], theirs: tuple[Any, ...]) -> bool:
    """Whether two parts of worlds hold the same objects, in the same order."""
    return mine is theirs or (len(mine) == len(theirs) and all(a is b for a, b in zip(mine, theirs)))


def _same_graph(world: World, before: World) -> bool:
    """Whether :func:`~sahel_sim.graph.build.build_graph` gives the same graph for both worlds: every part it
    is built from the same objects in the same order, but for treaties, of which it reads only the id and the
    parties (a reading that changes a clause or a date of a treaty keeps its parties, or gives equal ones)."""
    if not all(_same(getattr(world, p), getattr(before, p)) for p in GRAPH_PARTS if p != "treaties"):
        return False
    mine, theirs = world.treaties, before.treaties
    return mine is theirs or (len(mine) == len(theirs) and all(_same_ties(a, b) for a, b in zip(mine, theirs)))


def _same_index(world: World, before: World) -> bool:
    """Whether :func:`~sahel_sim.graph.index.build_index` gives the same index for both worlds: the same
    memberships, and treaty for treaty the same id, parties and need of a party target."""
    if not _same(world.memberships, before.memberships) or len(world.treaties) != len(before.treaties):
        return False
    return all(a is b or (_same_ties(a, b) and requires_target_party(a) == requires_target_party(b))
               for a, b in zip(world.treaties, before.treaties))


def _same_ties(a: Treaty, b: Treaty) -> bool:
    """Whether two treaties tie the same actors: the same id and parties (the same object, or equal ones)."""
    return a is b or (a.id == b.id and (a.parties is b.parties or a.parties == b.parties))


def _recompiled(treaty: Treaty, before: CompiledTreaty | None) -> CompiledTreaty:
    """``treaty`` compiled, taking from ``before`` (the same id, compiled) what it compiled of the same values."""
    if before is None:
        return CompiledTreaty.of(treaty)
    if before.treaty is treaty:
        return before
    old = before.clauses
    return CompiledTreaty(treaty, tuple(old[k] if k < len(old) and old[k].clause is cl else CompiledClause.of(cl)
                                        for k, cl in enumerate(treaty.clauses)))


def successions_applied(world: World) -> World:
    """``world`` with each treaty a later one succeeds terminated on the later one's entry into force.

    A successor whose entry into force is not recorded ends nothing (the Confederation Treaty of
    6 Jul 2024, if it succeeds the Liptako-Gourma Charter at all).
    """
    ends: dict[str, date] = {}
    for later in world.treaties:
        for s in later.earlier:
            if s.relation == "succeeds" and later.in_force is not None:
                ends[s.treaty] = min(ends.get(s.treaty, later.in_force), later.in_force)
    if not ends:
        return world
    treaties = tuple(t.model_copy(update={"terminated": min(t.terminated or ends[t.id], ends[t.id])})
                     if t.id in ends else t for t in world.treaties)
    return world.model_copy(update={"treaties": treaties})
