"""Governments: who held power in a state, from when to when, and how they came to it.

Clauses on unconstitutional change depend on these facts: ECOWAS's 1999
Protocol Art. 25(e) speaks of "a democratically elected Government", the 2001
Protocol's Art. 45 of democracy "abruptly brought to an end".  Which
government held power on the eve of an event, and how it had come to power,
is dated world data with its source, so a scenario of a coup needs to state
nothing more than the coup.

Who may consent for a state (to a foreign force acting on its territory, at
its invitation) is world data too: usually the government in office, which
is both in effective control and recognised.  Where the two part (Niger
after the coup of 26 Jul 2023: the CNSP in effective control, President
Bazoum deposed and detained, still recognised by ECOWAS), a
:class:`ConsentAuthority` names the government whose consent counts under
the main reading, and its ``contested:`` alternative the other, each with
its source; a finding that rests on consent is then contested.
"""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from sahel_sim.model.actors import ID_PATTERN
from sahel_sim.model.base import Dated

__all__ = ["ConsentAuthority", "ConsentBasis", "Government", "PowerChange"]


class PowerChange(str, Enum):
    """How a government came to power (or how it left it)."""

    election = "election"
    coup = "coup"
    transition = "transition"
    succession = "succession"
    resignation = "resignation"
    death = "death"


class Government(Dated):
    """The government of ``state`` from ``since`` until ``until`` (exclusive), headed by ``head``."""

    id: str | None = Field(default=None, pattern=ID_PATTERN,
                           description="a name for the government that consents can give (NER-bazoum)")
    state: str = Field(pattern=ID_PATTERN)
    head: str = Field(min_length=1)
    came_to_power: PowerChange
    ended_by: PowerChange | None = None

    @property
    def elected(self) -> bool:
        """True when the government came to power through an election."""
        return self.came_to_power is PowerChange.election

    def describe(self) -> str:
        """``Mohamed Bazoum (in office from 2021-04-02 until 2023-07-26, came to power by election)``."""
        span = f"from {self.since}" + (f" until {self.until}" if self.until else "")
        return f"{self.head} (in office {span}, came to power by {self.came_to_power.value})"


class ConsentBasis(str, Enum):
    """Why a government may consent for its state: it holds effective control, or it is the one recognised."""

    effective_control = "effective_control"
    recognition = "recognition"


class ConsentAuthority(Dated):
    """From ``since`` until ``until``, ``government`` (an id) may consent for ``state``, on ``basis``.

    Recorded only where the government in office is not plainly the one to
    ask; elsewhere the government in office may consent.  ``recognised_by``
    names who recognised the government, when that is the basis.
    """

    state: str = Field(pattern=ID_PATTERN)
    government: str = Field(pattern=ID_PATTERN)
    basis: ConsentBasis
    recognised_by: tuple[str, ...] = ()
