"""The shipped library: it loads, its treaties cite sources, and the brief's dates are encoded."""

from __future__ import annotations

from datetime import date
from typing import Any, Iterator

import pytest
from pydantic import BaseModel

from sahel_sim.library import library_world, treaty_files
from sahel_sim.model.base import Confidence, Sourced
from sahel_sim.scenario.references import world_references

D = date


def test_library_loads_and_resolves(world: Any) -> None:
    """Every id the library mentions exists; it is cached per process."""
    assert world_references(world) == []
    assert library_world() is world
    assert len(world.treaties) == len(treaty_files()) >= 6
    assert {"literal", "aes", "ecowas"} <= {p.id for p in world.perspectives}


def test_every_category_used_is_declared(world: Any) -> None:
    """Clauses and readings speak only of declared categories (a typo would never fire)."""
    from sahel_sim.clauses.conditions import CategoryTest, walk

    declared = {c.id for c in world.categories}
    used: set[str] = set()
    for t in world.treaties:
        for cl in t.clauses:
            for cond in [cl.trigger, *cl.conditions, *(e.when for e in cl.exceptions)]:
                used |= {x for node in walk(cond) if isinstance(node, CategoryTest) for x in node.any_of}
    for p in world.perspectives:
        for r in p.rules:
            used |= set(r.add) | set(r.remove)
    assert used - declared == set()


@pytest.mark.parametrize("treaty_id", [p.stem for p in treaty_files()])
def test_treaty_cites_a_source_or_note(world: Any, treaty_id: str) -> None:
    """Every treaty says where its text comes from, or why not."""
    t = world.treaty(treaty_id)
    assert t is not None
    assert t.sources or t.source or t.note


def test_every_clause_has_text_and_kind(world: Any) -> None:
    """Every operative clause carries its wording and whether it is a quote or a paraphrase."""
    for t in world.treaties:
        for cl in t.clauses:
            assert cl.text.strip(), (t.id, cl.id)
            assert cl.text_kind.value in ("quote", "paraphrase"), (t.id, cl.id)
            assert cl.article.strip(), (t.id, cl.id)


def test_treaty_file_name_is_its_id(world: Any) -> None:
    """One treaty per file, named by its id."""
    assert sorted(p.stem for p in treaty_files()) == sorted(t.id for t in world.treaties)


# ------------------------------------------------------------------ dates from the brief


def _memberships(world: Any, member: str, org: str) -> list[Any]:
    return [m for m in world.memberships if m.member == member and m.of == org]


@pytest.mark.parametrize("member", ["BFA", "MLI", "NER"])
def test_aes_membership_since_charter(world: Any, member: str) -> None:
    """The three Sahel states are AES members from the signature of the Charter, 16 Sep 2023."""
    (m,) = _memberships(world, member, "AES")
    assert m.since == D(2023, 9, 16) and m.until is None
    charter = world.treaty("liptako-gourma-charter")
    assert charter.signed == D(2023, 9, 16) and charter.parties.organisation == "AES"


@pytest.mark.parametrize("member", ["BFA", "MLI", "NER"])
def test_ecowas_exit_dates(world: Any, member: str) -> None:
    """Withdrawal notified 28 Jan 2024, effective 29 Jan 2025 (Revised Treaty Art. 91, one year)."""
    (m,) = _memberships(world, member, "ECOWAS")
    assert m.until == D(2025, 1, 29)
    assert m.withdrawal is not None
    assert m.withdrawal.notified == D(2024, 1, 28)
    assert m.withdrawal.effective == D(2025, 1, 29)


@pytest.mark.parametrize(("member", "until"), [("MLI", D(2022, 5, 15)), ("BFA", D(2023, 11, 29)),
                                               ("NER", D(2023, 11, 29))])
def test_g5s_exit_dates(world: Any, member: str, until: date) -> None:
    """Mali left the G5 Sahel on 15 May 2022; Burkina Faso and Niger with effect from 29 Nov 2023."""
    (m,) = _memberships(world, member, "G5S")
    assert m.until == until
    assert m.withdrawal is not None and m.withdrawal.effective == until


# ------------------------------------------------------------------ provenance


def _sourced(obj: Any, path: str) -> Iterator[tuple[str, Sourced]]:
    if isinstance(obj, BaseModel):
        if isinstance(obj, Sourced):
            yield path, obj
        for name in type(obj).model_fields:
            yield from _sourced(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _sourced(item, f"{path}[{i}]")


def _unsourced(world: Any, section: str) -> list[str]:
    out = []
    for path, entry in _sourced(getattr(world, section), section):
        if entry.confidence is not Confidence.confirmed and not (entry.note or entry.source):
            label = getattr(entry, "id", None) or getattr(entry, "member", None) or ""
            out.append(f"{path} {label} ({entry.confidence.value})")
    return out


@pytest.mark.parametrize("section", ["territories", "memberships", "relations"])
def test_unconfirmed_world_entries_say_why(world: Any, section: str) -> None:
    """Anything not confirmed by a source carries a note or a source (nested blocks included)."""
    assert _unsourced(world, section) == []


def test_unconfirmed_actors_say_why(world: Any) -> None:
    """Actors follow the same provenance rule as the other world entries."""
    assert _unsourced(world, "actors") == []
