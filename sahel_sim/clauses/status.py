"""The one vocabulary of legal statuses every output speaks.

A finding's status says where a party stands under a clause for an event:
it must act (*bound*; *bound, means at its discretion*; *must consult*;
*bound to neutrality*), it may act (*may act*, a permission binds nobody), it
did what the clause forbids (*in breach*), the event falls within the clause
but the invocation or the organ's determination it needs has not come
(*within the clause, not invoked*; *within the clause, no determination*),
or the clause does not reach it (*not bound*).  Any of them may be *contested* when a competing reading of
the law gives another status.  The status follows from the clause's
modality, duty and strength alone, so it is decided in one place.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["DUTY_STATUSES", "PENDING_STATUSES", "Status", "duty_status", "label"]


class Status(str, Enum):
    """Where a party stands under one clause for one event."""

    bound = "bound"
    bound_discretion = "bound_discretion"
    must_consult = "must_consult"
    bound_to_neutrality = "bound_to_neutrality"
    may_act = "may_act"
    in_breach = "in_breach"
    not_invoked = "not_invoked"
    not_determined = "not_determined"
    not_bound = "not_bound"


_LABELS = {
    Status.bound: "bound",
    Status.bound_discretion: "bound, means at its discretion",
    Status.must_consult: "must consult",
    Status.bound_to_neutrality: "bound to neutrality",
    Status.may_act: "may act",
    Status.in_breach: "in breach",
    Status.not_invoked: "within the clause, not invoked",
    Status.not_determined: "within the clause, no determination",
    Status.not_bound: "not bound",
}

DUTY_STATUSES = frozenset({Status.bound, Status.bound_discretion, Status.must_consult, Status.bound_to_neutrality})
"""The statuses of a party that must do (or not do) something: what ``obligations`` lists."""

PENDING_STATUSES = {"invoked": Status.not_invoked, "determined": Status.not_determined}
"""The statuses of a party not bound only for want of an invocation or a determination, by the test that waits."""


def label(status: str) -> str:
    """The status in words, as every report prints it.

    Examples:
        >>> label("bound_discretion")
        'bound, means at its discretion'
        >>> label(Status.may_act)
        'may act'
    """
    return _LABELS[Status(status)]


def duty_status(modality: str, duty: str, strength: str, breached: bool = False) -> Status:
    """The status a clause gives the party it reaches.

    Examples:
        >>> duty_status("permission", "assist", "discretionary").value
        'may_act'
        >>> duty_status("prohibition", "refrain", "mandatory", breached=True).value
        'in_breach'
        >>> duty_status("obligation", "assist", "discretionary").value
        'bound_discretion'
    """
    if breached:
        return Status.in_breach
    if modality == "permission":
        return Status.may_act
    if duty in ("neutrality", "benevolent_neutrality"):
        return Status.bound_to_neutrality
    if duty == "consult" or strength == "consultation":
        return Status.must_consult
    if strength == "discretionary":
        return Status.bound_discretion
    return Status.bound
