"""A drawn scenario document writes only what its library does not already hold.

``scenario_documents(world=..., library=...)`` leaves out every actor, territory,
membership and relation of the world that is in the library: the library's own
entries (the same objects) and entries equal to one of them alike.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sahel_sim import library_world
from sahel_sim.model.actors import Actor
from sahel_sim.testing import scenario_documents
from sahel_sim.world import World

PARTS = ("actors", "territories", "memberships", "relations")
LIBRARY = library_world()
CHARTER = LIBRARY.treaty("liptako-gourma-charter")
NEW = Actor(id="ZZZ", kind="state", name="Zedland")
EQUAL = LIBRARY.actors[0].model_copy()  # equal to the library's first actor, not the same object
WORLD = LIBRARY.merged(World(actors=(NEW, EQUAL), memberships=(LIBRARY.memberships[-1].model_copy(),)))


@settings(max_examples=3)
@given(scenario_documents(world=LIBRARY, treaties=[CHARTER], library=LIBRARY, max_events=1))
def test_a_world_that_is_the_library_writes_none_of_it(doc: dict[str, Any]) -> None:
    assert not set(PARTS) & set(doc), {p: len(doc[p]) for p in PARTS if p in doc}
    assert "treaties" not in doc  # the charter is the library's too


@settings(max_examples=3)
@given(scenario_documents(world=WORLD, treaties=[CHARTER], library=LIBRARY, max_events=1))
def test_only_the_entries_the_library_does_not_hold_are_written(doc: dict[str, Any]) -> None:
    assert [a["id"] for a in doc["actors"]] == ["ZZZ"]  # the copy equal to a library actor is left out
    assert not {"territories", "memberships", "relations"} & set(doc)


@settings(max_examples=3)
@given(st.data())
def test_a_drawn_world_against_the_synthetic_library_is_written_whole(data: st.DataObject) -> None:
    """The default library holds no actors: every drawn actor, territory and membership is written."""
    from sahel_sim.testing import worlds

    world = data.draw(worlds())
    doc = data.draw(scenario_documents(world=world, max_events=1))
    for part in PARTS:
        assert len(doc.get(part, ())) == len(getattr(world, part)), part
