"""Territories: the land an actor holds over time, with region tags.

Events happen at a territory.  A state's whole territory has the state's id;
sub-national regions (northern Mali, the Liptako-Gourma tri-border area) name
their parent and inherit its holder.  Scope clauses ("in the common area of
the Alliance", "in the Liptako-Gourma area") are decided from these data.
"""

from __future__ import annotations

from enum import Enum

from pydantic import Field, model_validator

from sahel_sim.model.actors import ID_PATTERN
from sahel_sim.model.base import Dated, Sourced

__all__ = ["Holding", "Territory", "TerritoryKind"]


class TerritoryKind(str, Enum):
    """What kind of land: metropolitan territory, region, island …"""

    metropolitan = "metropolitan"
    region = "region"
    island = "island"
    overseas = "overseas"
    exclave = "exclave"


class Holding(Dated):
    """A state holds a territory from ``since`` until ``until``."""

    state: str = Field(pattern=ID_PATTERN)


class Territory(Sourced):
    """A named piece of land, its holders over time and its region tags."""

    id: str = Field(pattern=ID_PATTERN)
    name: str
    kind: TerritoryKind = TerritoryKind.metropolitan
    part_of: str | None = Field(default=None, pattern=ID_PATTERN)
    holders: tuple[Holding, ...] = ()
    regions: tuple[str, ...] = ()
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)

    @model_validator(mode="after")
    def _has_holder_or_parent(self) -> "Territory":
        if not self.holders and self.part_of is None:
            raise ValueError("a territory needs 'holders' or 'part_of'")
        return self

