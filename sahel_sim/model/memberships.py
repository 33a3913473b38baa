"""Dated memberships of actors in organisations, with withdrawals and suspensions.

A membership holds from ``since`` (inclusive) to ``until`` (exclusive: the
effective date of leaving).  A withdrawal's notice period is data: the date of
notification, the date it took effect and the article that governs it, so that
"who was a party on the event date" is answered from the data alone.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from sahel_sim.model.actors import ID_PATTERN
from sahel_sim.model.base import Dated, Sourced, check_dated, check_sourced

__all__ = ["Membership", "Suspension", "TransitionPeriod", "Withdrawal"]


class TransitionPeriod(Dated):
    """A period the organisation set for a state whose membership has ended (ECOWAS, 29 Jan - 29 Jul 2025).

    It is not membership: it starts on or after the withdrawal took effect,
    and no query reads it as membership; timelines and reports show it.
    """

    basis: str | None = None


class Withdrawal(Sourced):
    """Notice of withdrawal, the date it took effect, and any transition period after it."""

    notified: date | None = None
    effective: date
    basis: str | None = None
    transition: TransitionPeriod | None = None

    @model_validator(mode="after")
    def _valid(self) -> "Withdrawal":
        """Sourced's check, then the withdrawal's own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_sourced(self)
        if self.transition is not None and self.transition.since < self.effective:
            raise ValueError(f"the transition period starts on {self.transition.since}, before the withdrawal took "
                             f"effect ({self.effective}); a transition period follows membership: start it on or after "
                             f"{self.effective}")
        return self

    # No check that notice precedes effect: the G5 Sahel exits of Burkina Faso and
    # Niger were announced on 2 Dec 2023 with effect from 29 Nov 2023.


class Suspension(Dated):
    """A period in which a member is suspended from decision-making bodies."""

    basis: str | None = None


class Membership(Dated):
    """``member`` belongs to organisation ``of`` from ``since`` until ``until``."""

    member: str = Field(pattern=ID_PATTERN)
    of: str = Field(pattern=ID_PATTERN)
    withdrawal: Withdrawal | None = None
    suspensions: tuple[Suspension, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _end_from_withdrawal(cls, data: object) -> object:
        """A withdrawal implies the end date, so the file need not say it twice."""
        if not isinstance(data, dict) or data.get("until") is not None:
            return data
        withdrawal = data.get("withdrawal")
        effective = withdrawal.get("effective") if isinstance(withdrawal, dict) else getattr(withdrawal, "effective", None)
        return {**data, "until": effective} if effective is not None else data

    @model_validator(mode="after")
    def _valid(self) -> "Membership":
        """Dated's checks, then the membership's own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_dated(self)
        if self.withdrawal is not None and self.until != self.withdrawal.effective:
            raise ValueError(
                f"'until' ({self.until}) differs from withdrawal.effective ({self.withdrawal.effective})"
            )
        return self

    def suspended_on(self, day: date) -> Suspension | None:
        """The suspension in force on ``day``, if any."""
        return next((s for s in self.suspensions if s.active_on(day)), None)
