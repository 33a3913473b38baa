"""Decisions of an organisation's organ recorded in the world data, with the events they are about.

An event of a scenario may carry its own decisions and determinations
(:mod:`sahel_sim.model.events`).  Some stand beyond one scenario: the AES
College's decision of 22 Dec 2024 making the confederal space a single
theatre of military operations, its statement of 6 Apr 2025 that the
downing of a Malian drone was an aggression against every member state.
Recorded once with their organ, they count for every event they ``cover``,
from their own date (as a decision an event carries does), so a scenario
after them need not restate them.  What a record's text is known to say is
its ``text`` (quote or paraphrase); what is not known, its ``note``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from sahel_sim.model.base import ID_PATTERN, Frozen, Sourced, check_sourced
from sahel_sim.model.events import Decision, Determination, Event, EventKind

__all__ = ["Covers", "RecordedDecision"]

_ActorId = Annotated[str, Field(pattern=ID_PATTERN)]
_WORD = r"^[a-z][a-z0-9_]{0,79}$"


class Covers(Frozen):
    """The events a recorded decision is about: every part that is given must hold.

    ``within``: the event takes place on the territory of a member of that
    organisation on the event date; ``target_member_of``: its target is a
    member then.  Nothing given: every event.
    """

    since: date | None = None
    until: date | None = None
    kinds: tuple[EventKind, ...] = ()
    actors: tuple[_ActorId, ...] = ()
    targets: tuple[_ActorId, ...] = ()
    target_member_of: _ActorId | None = None
    within: _ActorId | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> "Covers":
        if self.since is not None and self.until is not None and self.until <= self.since:
            raise ValueError(f"'until' ({self.until}) must be after 'since' ({self.since})")
        return self

    def plain(self, event: Event) -> bool:
        """The parts that need no world (dates, kinds, actors, targets) hold for ``event``.

        Examples:
            >>> c = Covers(since=date(2025, 3, 31), until=date(2025, 4, 2), kinds=["attack_on_aircraft"])
            >>> e = Event(id="e", date=date(2025, 4, 1), kind="attack_on_aircraft", actors=["DZA"], target="MLI")
            >>> c.plain(e), c.plain(e.on(date(2025, 5, 1)))
            (True, False)
        """
        return ((self.since is None or self.since <= event.date) and (self.until is None or event.date < self.until)
                and (not self.kinds or event.kind in self.kinds)
                and (not self.actors or bool(set(self.actors) & set(event.actors)))
                and (not self.targets or event.target in self.targets))


class RecordedDecision(Sourced):
    """One decision (``measure``) or determination (``finding``) of the organ that records it, or both.

    ``measure`` is what the ``decided`` test matches, ``finding`` what the
    ``determined`` test matches; ``date`` is the day it was taken, from which
    it counts.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]{0,79}$")
    date: date
    measure: str | None = Field(default=None, pattern=_WORD)
    finding: str | None = Field(default=None, pattern=_WORD)
    text: str = Field(min_length=1)
    text_kind: Literal["quote", "paraphrase"] = "paraphrase"
    language: str = "en"
    covers: Covers = Covers()

    @model_validator(mode="after")
    def _valid(self) -> "RecordedDecision":
        """Sourced's check, then the decision's own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_sourced(self)
        if self.measure is None and self.finding is None:
            raise ValueError(f"recorded decision '{self.id}' gives neither 'measure' (a decision) nor 'finding' "
                             "(a determination)")
        return self

    def decision(self, organisation: str, organ: str) -> Decision | None:
        """The record as an event's decision of ``organ`` (None when it is only a determination)."""
        if self.measure is None:
            return None
        return Decision(organisation=organisation, organ=organ, measure=self.measure, date=self.date,
                        source=self.source, confidence=self.confidence, note=self.note)

    def determination(self, organisation: str, organ: str) -> Determination | None:
        """The record as an event's determination by ``organ`` (None when it is only a decision)."""
        if self.finding is None:
            return None
        return Determination(organisation=organisation, organ=organ, finding=self.finding, date=self.date,
                             source=self.source, confidence=self.confidence, note=self.note)
