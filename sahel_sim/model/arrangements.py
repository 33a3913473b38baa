"""Bilateral security arrangements: the dated instruments under which a foreign force is present.

A status-of-forces agreement, a defence-cooperation treaty, a stationing
arrangement: each is recorded with its parties, the state that hosts and the
state that sends, the day it was signed, and, where it was denounced, by
whom, when, with what notice, and when the denunciation took effect.  No
clause is encoded: what these texts say is known at most from summaries,
so the record keeps the title, the dates and the sources, and what is
unknown says so.  A foreign force is present at the host's invitation while
such an instrument is in force; after the denunciation takes effect and
before the force leaves, it is there without it (a contested fact where who
may speak for the host is contested, as in Niger after 26 Jul 2023).
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Literal

from pydantic import Field, model_validator

from sahel_sim.model.actors import ID_PATTERN
from sahel_sim.model.base import Sourced, check_sourced

__all__ = ["Arrangement", "ArrangementKind", "Denunciation"]


class ArrangementKind(str, Enum):
    """What the instrument governs."""

    defence_cooperation = "defence_cooperation"
    military_technical_cooperation = "military_technical_cooperation"
    intervention_regime = "intervention_regime"
    status_of_forces = "status_of_forces"
    stationing = "stationing"


class Denunciation(Sourced):
    """The host (or the other party) ending the instrument: notified on ``date``, in effect from ``effective``.

    ``effective`` is the first day the instrument no longer binds; left out
    when it is not known.  ``notice`` is as the source words it ("one month",
    "with immediate effect").
    """

    by: str = Field(pattern=ID_PATTERN)
    date: date
    effective: date | None = None
    notice: str | None = None

    @model_validator(mode="after")
    def _valid(self) -> "Denunciation":
        """Sourced's check, then the denunciation's own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_sourced(self)
        if self.effective is not None and self.effective < self.date:
            raise ValueError(f"'effective' ({self.effective}) comes before the denunciation's 'date' ({self.date})")
        return self


class Arrangement(Sourced):
    """A bilateral security instrument between ``host`` and ``sending``, with its dates."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]{0,79}$")
    title: str = Field(min_length=1)
    kind: ArrangementKind
    host: str = Field(pattern=ID_PATTERN)
    sending: str = Field(pattern=ID_PATTERN)
    signed: date | None = Field(default=None, description="left out when not even the year of signature is known")
    signed_precision: Literal["day", "month", "year"] = Field(
        default="day", description="how much of 'signed' is known (month: the 1st is written; year: 1 January)")
    denunciation: Denunciation | None = None
    text_available: bool = Field(default=False, description="whether the text itself was found (not a summary)")

    @model_validator(mode="after")
    def _valid(self) -> "Arrangement":
        """Sourced's check, then the arrangement's own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_sourced(self)
        if self.host == self.sending:
            raise ValueError(f"'host' and 'sending' are both {self.host}: an arrangement is between two states")
        if self.signed and self.denunciation and self.denunciation.date < self.signed:
            raise ValueError(f"the denunciation ({self.denunciation.date}) comes before the signature ({self.signed})")
        return self

    @property
    def ends(self) -> date | None:
        """The first day the instrument no longer binds (its denunciation's effect), if known."""
        return self.denunciation.effective if self.denunciation else None

    def in_force_on(self, day: date) -> bool | None:
        """True while it binds on ``day``; False after it ended or before it was signed; None when unknown.

        Unknown: within the month or year of a signature whose day is not
        known, before any known signature, or after a denunciation whose
        date of effect is not known.
        """
        if self.signed is None:
            started: bool | None = None
        elif self.signed_precision == "year":
            started = None if day.year == self.signed.year else day > self.signed
        elif self.signed_precision == "month":
            started = None if (day.year, day.month) == (self.signed.year, self.signed.month) else day > self.signed
        else:
            started = day >= self.signed
        if started is False:
            return False
        d = self.denunciation
        if d is not None and day >= d.date:
            if d.effective is None:
                return None
            if day >= d.effective:
                return False
        return started
