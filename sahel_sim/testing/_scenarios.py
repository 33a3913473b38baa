"""Scenario documents: build them, write them as YAML, load them, and transform them.

A *scenario document* is the plain data of a scenario file (what
``yaml.safe_load`` gives back).  Strategies draw documents rather than
loaded scenarios because a document is what a user writes and what a
failing example must be shown as: it can be printed, saved and run with
``sahel-sim run``, relabelled or shuffled, and loaded through the real,
validating loader.
"""

from __future__ import annotations

import random
import re
from datetime import date
from typing import Any, Callable, Iterable, Mapping, Sequence

import networkx as nx
import yaml
from hypothesis import strategies as st

from sahel_sim.clauses.treaty import Treaty
from sahel_sim.graph import queries as q
from sahel_sim.model.events import Event
from sahel_sim.world import World
from sahel_sim.scenario.load import Scenario, scenario_from_text
from sahel_sim.testing._clauses import treaties as treaty_strategy
from sahel_sim.testing._events import event_lists
from sahel_sim.testing._world import readings, worlds

__all__ = ["document", "load_document", "mirror_event", "relabel", "scenario_documents", "scenarios", "shuffled", "to_yaml"]

_DATE_KEYS = frozenset({"since", "until", "date", "signed", "in_force", "terminated", "notified", "effective", "founded"})
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORLD_PARTS = ("actors", "territories", "memberships", "relations")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Safe dumper that writes repeated values out instead of as anchors (readable examples)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _plain(value: Any, key: str | None = None) -> Any:
    """Dates as YAML dates, everything else as the JSON form of the models."""
    if isinstance(value, dict):
        return {k: _plain(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if key in _DATE_KEYS and isinstance(value, str) and _ISO.match(value):
        return date.fromisoformat(value)
    return value


def _dump(model: Any) -> dict[str, Any]:
    return _plain(model.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True))


def document(events: Iterable[Event], *, world: World | None = None, treaties: Sequence[Treaty | str] = (),
             name: str = "Synthetic scenario", description: str | None = None,
             perspective: str | None = None) -> dict[str, Any]:
    """The scenario document for ``events`` in ``world`` with ``treaties``.

    Args:
        events: the events (written in the order given).
        world: actors, territories, memberships and relations the scenario brings
            (categories and perspectives are the library's and are not written).
        treaties: treaties written inline, or paths (strings) to treaty files.
        name, description: the scenario's name and description.
        perspective: the reading to run it under (default: the simulator's).
    """
    doc: dict[str, Any] = {"scenario": name}
    if description:
        doc["description"] = description
    doc["hypothetical"] = True
    if perspective:
        doc["perspective"] = perspective
    if world is not None:
        for part in _WORLD_PARTS:
            items = getattr(world, part)
            if items:
                doc[part] = [_dump(x) for x in items]
    if treaties:
        doc["treaties"] = [t if isinstance(t, str) else _dump(t) for t in treaties]
    doc["events"] = [_dump(e) for e in events]
    return doc


def to_yaml(doc: Mapping[str, Any]) -> str:
    """A scenario document as YAML text, dates unquoted, keys in the document's order."""
    return yaml.dump(dict(doc), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def load_document(doc: Mapping[str, Any], *, library: World | None = None, name: str = "synthetic.yaml") -> Scenario:
    """Write ``doc`` as YAML and read it back through the real loader (validation and references included).

    Args:
        library: the world the scenario runs in besides its own data; default:
            only the shipped categories and perspectives (:func:`readings`).
    """
    return scenario_from_text(to_yaml(doc), name=name, library=readings() if library is None else library)


def relabel(doc: Any, mapping: Mapping[str, str]) -> Any:
    """Rename ids everywhere in a document: every string equal to a key of ``mapping`` is replaced.

    Drawn documents never use an id as free text, so renaming strings is renaming ids.

    Examples:
        >>> relabel({"events": [{"actors": ["S1"], "target": "S2"}]}, {"S1": "S2", "S2": "S1"})
        {'events': [{'actors': ['S2'], 'target': 'S1'}]}
    """
    if isinstance(doc, dict):
        return {k: relabel(v, mapping) for k, v in doc.items()}
    if isinstance(doc, list):
        return [relabel(v, mapping) for v in doc]
    if isinstance(doc, str):
        return mapping.get(doc, doc)
    return doc


def shuffled(doc: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The same document with every order-free list shuffled.

    Order-free: actors, territories, memberships, relations, treaties, a
    treaty's party list and clauses, events.  Lists whose order means
    something are kept: conditions (the first that fails is the reason given),
    exceptions, perspective rules, an event's actors, requests and decisions.
    """
    def mixed(items: list[Any]) -> list[Any]:
        items = list(items)
        rng.shuffle(items)
        return items

    out = dict(doc)
    for key in (*_WORLD_PARTS, "events"):
        if key in out:
            out[key] = mixed(out[key])
    if "treaties" in out:
        treaties = []
        for t in mixed(out["treaties"]):
            if isinstance(t, dict):
                t = dict(t)
                if "clauses" in t:
                    t["clauses"] = mixed(t["clauses"])
                if t.get("parties", {}).get("members"):
                    t["parties"] = {**t["parties"], "members": mixed(t["parties"]["members"])}
            treaties.append(t)
        out["treaties"] = treaties
    return out


def mirror_event(G: nx.MultiDiGraph, e: Event, a: str, b: str, event_id: str) -> Event | None:
    """``e`` with actors ``a`` and ``b`` swapped everywhere, its place moved from one's land to the other's.

    The mirror case of a mutual clause: if ``a`` must assist ``b`` attacked at home, the
    mirror event attacks ``a`` at home instead (same attackers, date, kind and facts).
    A place held by neither stays where it is.  None when the swap has no place to
    happen (one of them holds no territory of its own).

    Args:
        G: the world graph (who holds the event's place on its date).
        e: the event.
        a, b: the two actors whose roles are swapped.
        event_id: the mirror event's id.
    """
    swap = {a: b, b: a}

    def s(x: str) -> str:
        return swap.get(x, x)

    location = e.location
    if location is None:
        if not q.has_territory(G, swap[e.target] if e.target in swap else e.target):
            return None
    else:
        holder = q.holder(G, location, e.date)
        if holder in swap:
            if not q.has_territory(G, swap[holder]):
                return None
            location = swap[holder]
    data = e.model_dump(exclude_none=True)
    data.update(id=event_id, actors=[s(x) for x in e.actors], target=s(e.target),
                external_support=[s(x) for x in e.external_support],
                requests=[{**r.model_dump(exclude_none=True), "by": s(r.by), "to": s(r.to)} for r in e.requests],
                decisions=[{**d.model_dump(exclude_none=True), "organisation": s(d.organisation)} for d in e.decisions],
                invocations=[{**i.model_dump(exclude_none=True), "by": s(i.by)} for i in e.invocations],
                determinations=[{**d.model_dump(exclude_none=True), "organisation": s(d.organisation)}
                                for d in e.determinations])
    if e.attributed_to is not None:
        data["attributed_to"] = [s(x) for x in e.attributed_to]
    data["location"] = location
    if e.mandate:
        data["mandate"] = s(e.mandate)
    return Event.model_validate({k: v for k, v in data.items() if v is not None})


def _not_in(items: Sequence[Any], base: Sequence[Any]) -> tuple[Any, ...]:
    """The entries of ``items`` that are not in ``base`` (``x not in base``: neither the same object nor an equal one).

    An entry that is one of ``base``'s own objects (a world drawn from the library it is loaded with) is found
    by identity, without comparing it with every entry before it (each comparison of two records walks their
    fields: drawing against the shipped library cost some 1.6 million of them per 30 examples); any other
    entry is compared with every one of ``base``'s, as ``in`` does.
    """
    same = {id(y) for y in base}
    return tuple(x for x in items if id(x) not in same and x not in base)


TreatySource = Sequence[Treaty] | Callable[[World], st.SearchStrategy[list[Treaty]]] | None


@st.composite
def scenario_documents(draw: st.DrawFn, *, world: World | st.SearchStrategy[World] | None = None,
                       treaties: TreatySource = None, min_treaties: int = 1, max_treaties: int = 2,
                       min_events: int = 1, max_events: int = 4, perspectives: Sequence[str | None] = (None,),
                       library: World | None = None, **event_options: Any) -> dict[str, Any]:
    """A whole scenario document: a world, treaties, and events aimed at them.

    Args:
        world: a world, or a strategy of worlds (default :func:`worlds`).
        treaties: fixed treaties (e.g. shipped ones), or ``f(world)`` returning a
            strategy of treaty lists; default: ``min_treaties``..``max_treaties``
            drawn by :func:`treaties` with ids ``pact-1``, ``pact-2`` …
        min_events, max_events: how many events.
        perspectives: the readings to draw from (None: the default reading).
        library: the world the document will be loaded with; its actors, territories,
            memberships, relations and treaties are not written into the document.
        **event_options: passed to :func:`event_lists` (``kinds``, ``start``, ``end``).
    """
    w = world if isinstance(world, World) else draw(world if world is not None else worlds())
    if treaties is None:
        n = draw(st.integers(min_treaties, max_treaties))
        ids = [f"pact-{k + 1}" for k in range(n)]
        chosen = [draw(treaty_strategy(w, treaty_id=tid, others=[o for o in ids if o != tid])) for tid in ids]
    elif callable(treaties):
        chosen = list(draw(treaties(w)))
    else:
        chosen = list(treaties)
    evs = draw(event_lists(w, chosen, min_size=min_events, max_size=max_events, **event_options))
    base = library if library is not None else readings()
    own = World(**{part: _not_in(getattr(w, part), getattr(base, part)) for part in _WORLD_PARTS})
    mine = [t for t in chosen if base.treaty(t.id) is None]
    return document(evs, world=own, treaties=mine, perspective=draw(st.sampled_from(list(perspectives))))


def scenarios(*, library: World | None = None, **options: Any) -> st.SearchStrategy[Scenario]:
    """Loaded scenarios: :func:`scenario_documents` read back through the real loader.

    Examples:
        >>> from hypothesis import given, settings
        >>> from sahel_sim import simulate
        >>> from sahel_sim.testing import scenarios
        >>> @settings(max_examples=5, deadline=None)
        ... @given(scenarios(max_events=2))
        ... def test(scenario):
        ...     for o in simulate(scenario).obligations:
        ...         assert o.reasons
        >>> test()
    """
    return scenario_documents(library=library, **options).map(lambda doc: load_document(doc, library=library))
