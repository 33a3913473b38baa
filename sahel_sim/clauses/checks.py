"""Structured reasons: every condition evaluated leaves a :class:`Check`.

A check records which condition was tested, whether it held, and the facts
that decided it.  Checks nest like the conditions they come from, so a report
can show the whole tree or only the first failing leaf.  They are data first;
rendering to text is the report layer's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

__all__ = ["Check", "Fact"]


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact of the world or the scenario that a check relied on.

    ``predicate`` and ``args`` are machine-readable (they can be re-checked);
    ``text`` is the same fact in words.
    """

    predicate: str
    args: tuple[str, ...]
    text: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"predicate": self.predicate, "args": list(self.args), "text": self.text}


@dataclass(frozen=True, slots=True)
class Check:
    """The outcome of testing one condition: held or not, and why."""

    test: str
    text: str
    holds: bool
    facts: tuple[Fact, ...] = ()
    children: tuple["Check", ...] = field(default=())
    role: str = "condition"

    def failing_leaf(self) -> "Check":
        """The innermost failed check that explains this failure.

        For a failed ``all_of`` that is its first failed part; a failed
        ``any_of`` or ``not`` explains itself (all alternatives failed, or the
        negated condition held).
        """
        if self.holds or self.test != "all_of":
            return self
        first = next((c for c in self.children if not c.holds), None)
        return self if first is None else first.failing_leaf()

    def walk(self) -> Iterator["Check"]:
        """This check and every nested one, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (children included)."""
        out: dict[str, Any] = {
            "test": self.test,
            "role": self.role,
            "text": self.text,
            "holds": self.holds,
            "facts": [f.to_dict() for f in self.facts],
        }
        if self.children:
            out["children"] = [c.to_dict() for c in self.children]
        return out

    def as_role(self, role: str) -> "Check":
        """The same check, tagged as a trigger, condition, exception or built-in check."""
        return Check(self.test, self.text, self.holds, self.facts, self.children, role)
