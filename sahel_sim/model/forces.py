"""Standing forces of an organisation: whose troops they are made of, where they are commanded from.

The AES Unified Force (FU-AES) is an organ of the Confederation made up of
troops of the armies of Burkina Faso, Mali and Niger.  An event may name it
as the forces it attacked (``force:``).  Whether an attack on it is an attack
on the defence and security forces of the state whose troops were hit, or on
the Confederation's own force, is a reading (``attack_is_on``), which the data
may contest.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from sahel_sim.model.base import ID_PATTERN, Frozen, Sourced

__all__ = ["AttackOn", "Force", "ForceRef"]

_ActorId = Annotated[str, Field(pattern=ID_PATTERN)]


class AttackOn(str, Enum):
    """What an attack on the force is an attack on.

    ``contributor``: the defence and security forces of the contributing
    state whose troops were hit (the event's target); ``organisation``: the
    organisation's own force, not the forces of any state.
    """

    contributor = "contributor"
    organisation = "organisation"


class Force(Sourced):
    """The organ is a standing force: the states whose troops make it up, and its headquarters."""

    contributors: tuple[_ActorId, ...] = Field(min_length=1)
    headquarters: str | None = Field(default=None, pattern=ID_PATTERN, description="the territory it is commanded from")
    attack_is_on: AttackOn = AttackOn.contributor


class ForceRef(Frozen):
    """The force an event attacked: an organ of an organisation that is a force."""

    organisation: _ActorId
    organ: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
