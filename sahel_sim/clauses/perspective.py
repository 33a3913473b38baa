"""Perspectives: competing readings that map facts to legal categories.

The same facts are characterised differently by different parties: under the
AES reading an ECOWAS intervention to restore constitutional order in Niger
is an aggression; under the ECOWAS reading it is an enforcement measure.  A
perspective is an ordered list of rules, each adding or removing categories
when its condition (written in the clause language) holds; a perspective may
extend another, whose rules run first.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from sahel_sim.clauses.conditions import CATEGORY_PATTERN, OBLIGOR_ROLES, Condition, walk
from sahel_sim.model.base import Frozen, Sourced, check_sourced

__all__ = ["Category", "CharacterisationRule", "Perspective"]

SLUG = r"^[a-z0-9][a-z0-9_\-]{0,59}$"


class Category(Frozen):
    """A legal category that clauses speak of (aggression, armed attack …)."""

    id: str = Field(pattern=CATEGORY_PATTERN)
    description: str


class CharacterisationRule(Sourced):
    """When ``when`` holds for an event, add and remove these categories."""

    id: str = Field(pattern=SLUG)
    when: Condition
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    text: str | None = None

    @model_validator(mode="after")
    def _valid(self) -> "CharacterisationRule":
        """Sourced's check, then the rule's own: one validator (see :meth:`~sahel_sim.model.base.Sourced._valid`)."""
        check_sourced(self)
        for cond in walk(self.when):
            if getattr(cond, "roles", frozenset()) & OBLIGOR_ROLES:
                raise ValueError("a characterisation rule may not refer to the obligor or beneficiary")
        if not self.add and not self.remove:
            raise ValueError("a rule must 'add' or 'remove' at least one category")
        return self


class Perspective(Sourced):
    """A reading of the facts: its rules, optionally on top of another perspective's."""

    id: str = Field(pattern=SLUG)
    name: str
    description: str
    extends: str | None = None
    rules: tuple[CharacterisationRule, ...] = ()
