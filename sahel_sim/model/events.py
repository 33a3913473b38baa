"""Events: what happened (or might happen), when, by whom, to whom and where.

An event is a fact pattern, not a legal category: "Nigerian, Senegalese,
Ivorian and Beninese forces entered Niger on 2023-10-01 under an ECOWAS
mandate without Niger's consent".  Characterisation (a separate, data-driven
step) decides whether that is an aggression, an armed attack or an
enforcement measure under a given reading.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Union

from pydantic import Field, model_validator

from sahel_sim.model.base import ID_PATTERN, Sourced, check_sourced
from sahel_sim.model.forces import ForceRef

__all__ = ["Attribution", "Consent", "Decision", "Determination", "Event", "EventKind", "Invocation", "Request", "RequestForm",
           "Scale", "dated_facts"]

ActorId = Annotated[str, Field(pattern=ID_PATTERN)]
AttributeValue = Union[bool, int, float, str]


class EventKind(str, Enum):
    """Fact-level kinds of event; their legal meaning comes from characterisation.

    ``attack_on_forces`` is an attack on a state's defence and security forces
    wherever they are: where they are is the event's location (at home or
    deployed abroad).  ``attack_on_forces_abroad`` is kept as an older name
    for the same facts when the forces are outside their own state.
    """

    armed_attack = "armed_attack"
    incursion = "incursion"
    military_intervention = "military_intervention"
    air_strike = "air_strike"
    drone_strike = "drone_strike"
    attack_on_forces = "attack_on_forces"
    attack_on_forces_abroad = "attack_on_forces_abroad"
    attack_on_ship = "attack_on_ship"
    attack_on_aircraft = "attack_on_aircraft"
    terrorist_attack = "terrorist_attack"
    armed_rebellion = "armed_rebellion"
    coup = "coup"
    blockade = "blockade"
    sanctions = "sanctions"
    threat_of_force = "threat_of_force"
    mobilisation = "mobilisation"


class RequestForm(str, Enum):
    """How a request for assistance was made (some clauses need it in writing).

    ``unknown`` is for a request that is reported but whose form is not: it
    satisfies a clause that accepts any form, never one that needs writing.
    """

    written = "written"
    oral = "oral"
    public = "public"
    unknown = "unknown"


class Request(Sourced):
    """A request for assistance made by ``by`` to ``to`` (an actor or organisation).

    The form defaults to ``unknown``: a request counts as written only when
    the scenario says so.
    """

    by: ActorId
    to: ActorId
    form: RequestForm = RequestForm.unknown
    date: dt.date | None = None


class Consent(Sourced):
    """Consent to the event given by a named government of the target (``by``: a government id).

    Whether it counts depends on who may consent for the target on the
    event's date (world data: :class:`~sahel_sim.model.governments.ConsentAuthority`,
    else the government in office).  A consent dated after the event is
    not consent to it.
    """

    by: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.\-]{0,39}$")
    date: dt.date | None = None


class Decision(Sourced):
    """A decision of an organisation's organ, e.g. the ECOWAS Authority activating its Standby Force."""

    organisation: ActorId
    organ: str | None = None
    measure: str | None = None
    date: dt.date | None = None


class Invocation(Sourced):
    """A party invoking a treaty's article for the event (France invoked TEU Art. 42(7) on 17 Nov 2015).

    Falling within a clause is not invoking it: a clause whose text binds only
    once a party invokes it tests ``invoked``.  ``treaty`` is the treaty's id
    and ``article`` the article as the treaty file spells it.
    """

    by: ActorId
    treaty: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]{0,79}$")
    article: str | None = None
    date: dt.date | None = None


class Determination(Sourced):
    """An organ's determination that a case has arisen (the AES College: "an aggression against the whole confederation").

    ``finding`` is a short word for what was determined (``aggression``,
    ``armed_attack``, ``casus_foederis`` …), tested by ``determined``.
    """

    organisation: ActorId
    organ: str | None = None
    finding: str = Field(min_length=1, max_length=80)
    treaty: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9\-]{0,79}$")
    article: str | None = None
    date: dt.date | None = None


class Scale(str, Enum):
    """The gravity of a use of force, in the terms of the case law on armed attack.

    ``incident``: a "mere frontier incident" (ICJ, *Nicaragua*, 1986, §195),
    such as "localized border encounters between small infantry units"
    (Eritrea–Ethiopia Claims Commission, Partial Award, *Jus ad Bellum*, 2005,
    §11); ``limited``: more than an incident, but a single operation of
    limited scale and effects; ``major``: a use of force whose scale and
    effects plainly reach an armed attack.  Left out, the scale is unknown.
    """

    incident = "incident"
    limited = "limited"
    major = "major"


class Attribution(str, Enum):
    """How firmly the event is attributed to its author (``attributed_to``, or its actors).

    ``established``: admitted or proved; ``probable``: the weight of the
    evidence; ``alleged``: claimed by a party, not shown; ``unattributed``:
    nobody can say who did it (a stray missile of unknown origin).
    """

    established = "established"
    probable = "probable"
    alleged = "alleged"
    unattributed = "unattributed"


class Event(Sourced):
    """One event of a scenario: date, kind, actors, target, location and attributes."""

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.\-/>]{0,199}$")
    date: dt.date
    kind: EventKind
    actors: tuple[ActorId, ...] = Field(min_length=1)
    target: ActorId
    location: ActorId | None = None
    mandate: ActorId | None = None
    force: ForceRef | None = Field(
        default=None, description="the force of an organisation attacked (the target is the state whose troops in it were hit)")
    consent: bool = Field(default=False, description="the target's government consented (who gave it unsaid)")
    consents: tuple[Consent, ...] = Field(
        default=(), description="consent given by named governments of the target; whether each counts is decided "
                                "by who may consent for the target on the event's date")
    requests: tuple[Request, ...] = ()
    decisions: tuple[Decision, ...] = ()
    invocations: tuple[Invocation, ...] = ()
    determinations: tuple[Determination, ...] = ()
    scale: Scale | None = None
    deliberate: bool | None = None
    attributed_to: tuple[ActorId, ...] | None = None
    attribution: Attribution = Attribution.established
    external_support: tuple[ActorId, ...] = ()
    staged_from: tuple[ActorId, ...] = Field(
        default=(), description="states from whose territory the attackers operated or launched the event")
    purpose: str | None = None
    attributes: dict[str, AttributeValue] = Field(default_factory=dict)
    description: str | None = None
    hypothetical: bool = False
    response_to: str | None = None
    conflict: str | None = None

    @property
    def root(self) -> str:
        """The conflict this event belongs to: its own id unless it is a response."""
        return self.conflict or self.id

    @model_validator(mode="after")
    def _valid(self) -> "Event":
        """Sourced's check, then the event's own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_sourced(self)
        if self.target in self.actors:
            raise ValueError(f"the target {self.target} is also one of the event's actors (a self-attack)")
        if len(set(self.actors)) != len(self.actors):
            raise ValueError("an actor is listed twice in 'actors'")
        if self.consent and self.consents:
            raise ValueError("'consent: true' and 'consents:' both say who consented: keep 'consents' (it names "
                             "the government) and drop 'consent: true'")
        if self.attribution is Attribution.unattributed and self.attributed_to:
            raise ValueError("'attribution: unattributed' names nobody: leave 'attributed_to' out")
        return self

    @property
    def authors(self) -> tuple[str, ...]:
        """Whom the event is attributed to: ``attributed_to`` if given, else its actors."""
        return self.actors if self.attributed_to is None else self.attributed_to

    @property
    def place(self) -> str:
        """Where it happened: the location, or the target's own territory by default."""
        return self.location or self.target

    def on(self, day: dt.date) -> "Event":
        """The same event moved to another date (for ``--as-of`` and what-ifs)."""
        return self.model_copy(update={"date": day})





def dated_facts(event: Event) -> tuple[dt.date, ...]:
    """The dates after the event on which a request, decision, invocation or determination comes.

    A scenario is a history: such a fact counts from its own date, so a duty
    that needs it binds from then.  Sorted, without repeats.

    Examples:
        >>> e = Event(id="e", date=dt.date(2020, 3, 1), kind="armed_attack", actors=["AAA"], target="SEN",
        ...           decisions=[{"organisation": "ECOWAS", "date": "2020-03-02"}],
        ...           requests=[{"by": "SEN", "to": "ECOWAS", "date": "2020-03-01"}])
        >>> dated_facts(e)
        (datetime.date(2020, 3, 2),)
    """
    days = {x.date for x in (*event.requests, *event.decisions, *event.invocations, *event.determinations)
            if x.date is not None and x.date > event.date}
    return tuple(sorted(days))
