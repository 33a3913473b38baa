"""What every condition test of the clause language shares, and the record that registers one.

Roles are defined here, once: ``target`` (the actor the event is directed
at), ``attackers`` (the event's actors), ``obligor`` (the candidate being
judged), ``beneficiary`` (whom the duty is owed to) and
``external_supporters`` (states said to support the attackers).

A condition test is registered as one :class:`LeafTest`: its Pydantic model
(the data), its predicate (what it means for an event), the re-check of the
facts it cites, its encoding for ``sahel-sim verify``'s static logic and its
Hypothesis strategy.  The parts that need the world, the verifier or
Hypothesis receive them as arguments (the engine's :class:`Situation`, the
verifier's compiler, Hypothesis' ``draw``), so a family module imports
nothing above the clause language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal, Mapping

from sahel_sim.model.base import Frozen

__all__ = ["EVENT_ROLES", "OBLIGOR_ROLES", "ROLES", "ROLE_WORDS", "Leaf", "LeafTest", "Quantifier", "Role", "article",
           "who_words"]

#: Every role a condition may name, in the order strategies draw them.
ROLES = ("target", "attackers", "obligor", "beneficiary", "external_supporters")
#: Roles that depend on the candidate being judged: conditions naming them run once per candidate.
OBLIGOR_ROLES = frozenset({"obligor", "beneficiary"})
#: Roles an event fills by itself (what a trigger may name).
EVENT_ROLES = tuple(r for r in ROLES if r not in OBLIGOR_ROLES)
Role = Literal[ROLES]  # type: ignore[valid-type]
Quantifier = Literal["any", "all"]

ROLE_WORDS = {
    "target": "the target",
    "attackers": "an attacker",
    "obligor": "the obligor",
    "beneficiary": "the beneficiary",
    "external_supporters": "an external supporter",
}
assert tuple(ROLE_WORDS) == ROLES


def article(word: str) -> str:
    """``a`` or ``an`` before a word, for readable reasons.

    Examples:
        >>> article("armed group"), article("state")
        ('an', 'a')
    """
    return "an" if word[:1].lower() in "aeio" else "a"


def who_words(role: str, quantifier: str = "any") -> str:
    """Words for a role, e.g. ``every attacker``.

    Examples:
        >>> who_words("attackers", "all"), who_words("target")
        ('every attacker', 'the target')
    """
    words = ROLE_WORDS[role]
    if quantifier == "all" and words.startswith("an "):
        return "every " + words[3:]
    return words


#: The fields of a leaf test that may name a role.
_ROLE_FIELDS = ("who", "by", "to")


class Leaf(Frozen):
    """Common fields of every leaf test: an optional legal label for reports."""

    label: str | None = None

    @property
    def roles(self) -> frozenset[str]:
        """Roles this test reads; obligor-dependent tests run once per candidate."""
        fields = self.__dict__  # read where Pydantic keeps the fields: only three of them can name a role
        return frozenset(v for k in _ROLE_FIELDS if isinstance(v := fields.get(k), str) and v in ROLE_WORDS)

    def describe(self) -> str:
        """The condition in words, for reasons and ``sahel-sim treaties``."""
        return self.label or self._words()

    def _words(self) -> str:  # pragma: no cover - every leaf overrides
        raise NotImplementedError


#: ``holds(condition, situation) -> (holds, facts)``: the situation is the engine's (world, event, roles).
Predicate = Callable[[Any, Any], "tuple[bool, list[Any]]"]
#: ``recheck(context, args) -> True/False``, or None when the fact cannot be re-checked (an unknown event).
Recheck = Callable[[Any, "tuple[str, ...]"], "bool | None"]
#: ``encode(condition, compiler, roles, positive, rule) -> formula`` for verify's static logic.
Encoding = Callable[[Any, Any, Mapping[str, Any], bool, bool], Any]
#: ``draw_params(draw, ctx) -> the test's parameters`` (a Hypothesis composite body).
Strategy = Callable[[Any, Any], "dict[str, Any]"]


@dataclass(frozen=True)
class LeafTest:
    """One condition test with the five parts that give it meaning (all required)."""

    model: type[Leaf]
    holds: Predicate
    recheck: Mapping[str, Recheck]
    encode: Encoding
    draw: Strategy

    @property
    def name(self) -> str:
        """The ``test:`` name a file writes."""
        return self.model.model_fields["test"].annotation.__args__[0]  # type: ignore[union-attr]

    @property
    def facts(self) -> frozenset[str]:
        """The fact predicates this test's reasons cite (each one re-checkable)."""
        return frozenset(self.recheck)
