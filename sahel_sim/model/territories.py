"""Territories: the land (and the named sea areas) of the world, with holders over time.

Events happen at a territory.  A state's metropolitan territory has the
state's id; sub-national regions (northern Mali, the Liptako-Gourma
tri-border area) name their parent and inherit its holder and region tags.
Land that belongs to a state but lies apart from it (islands, overseas
departments, exclaves) is a territory of its own, with its own holders, so
that it does not inherit the region tags of the metropolitan territory: the
Canary Islands are Spanish but not in Europe.

A territory that has a code of its own in ISO 3166-1 (a dependent territory:
GUF for French Guiana, FLK for the Falkland Islands) lists it in ``aliases``;
a scenario may write either (:mod:`sahel_sim.scenario.names`).

Sea areas and international airspace (an ocean, an inland sea) are
territories of kind ``sea`` or ``airspace`` without a holder: an attack on a
ship or an aircraft there has a place, and scope clauses can be decided from
its region tags and its representative latitude and longitude.

Scope clauses (on a continent, north of a parallel, within an area bounded
by coordinates, in the common area of an alliance) are decided from these
data: region tags (continents among them), the kind of territory, and the
representative point.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field, model_validator

from sahel_sim.model.actors import ID_PATTERN
from sahel_sim.model.base import Dated, Number, Sourced, check_sourced

__all__ = ["HOLDERLESS_KINDS", "Holding", "Territory", "TerritoryKind"]


class TerritoryKind(str, Enum):
    """What kind of place: metropolitan territory, region, island, overseas land, exclave, sea, airspace."""

    metropolitan = "metropolitan"
    region = "region"
    island = "island"
    overseas = "overseas"
    exclave = "exclave"
    enclave = "enclave"
    sea = "sea"
    airspace = "airspace"


HOLDERLESS_KINDS = frozenset({TerritoryKind.sea, TerritoryKind.airspace})
"""Kinds of place that no state holds (high seas, international airspace)."""


class Holding(Dated):
    """A state holds a territory from ``since`` until ``until``."""

    state: str = Field(pattern=ID_PATTERN)


class Territory(Sourced):
    """A named place, its holders over time, its region tags and a representative point."""

    id: str = Field(pattern=ID_PATTERN)
    name: str
    kind: TerritoryKind = TerritoryKind.metropolitan
    part_of: str | None = Field(default=None, pattern=ID_PATTERN)
    aliases: tuple[Annotated[str, Field(pattern=ID_PATTERN)], ...] = Field(
        default=(), description="other ids a user may type for this territory (the ISO 3166-1 alpha-3 code of a "
                                "dependent territory: GUF for FRA-GUF); a scenario may name the territory by any")
    holders: tuple[Holding, ...] = ()
    regions: tuple[str, ...] = ()
    lat: Number | None = Field(default=None, ge=-90, le=90)
    lon: Number | None = Field(default=None, ge=-180, le=180)

    @model_validator(mode="after")
    def _valid(self) -> "Territory":
        """Sourced's check, then the territory's own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_sourced(self)
        if not self.holders and self.part_of is None and self.kind not in HOLDERLESS_KINDS:
            raise ValueError("a territory needs 'holders' or 'part_of' (only a 'sea' or 'airspace' area may have neither)")
        return self

    @property
    def label(self) -> str:
        """Id and name, as used in reasons: ``FRA-GUF (French Guiana)``."""
        return f"{self.id} ({self.name})" if self.name != self.id else self.id
