"""The status of a finding, in one vocabulary for every format.

A finding's status says how it binds: *bound*, *bound, means at its
discretion*, *must consult*, *may act*, *bound to neutrality*, *in breach*,
*not bound*.  When the engine records a status on the finding (its
``status`` attribute) that is the one shown; otherwise it is read from the
clause's strength, so that the grouping is driven by the data and takes the
engine's statuses as soon as they exist.
"""

from __future__ import annotations

from typing import Any, Iterable

__all__ = ["ORDER", "group_by_status", "status_label", "status_of"]

# The order in which statuses are shown: what a reader must know first.
ORDER = ("in_breach", "bound", "bound_discretion", "must_consult", "bound_to_neutrality", "may_act", "not_invoked",
         "not_determined", "not_bound")

_FROM_STRENGTH = {"consultation": "must_consult", "discretionary": "bound_discretion"}


def _key(value: str) -> str:
    """A status as an identifier: ``bound, means at its discretion`` and ``bound_discretion`` agree."""
    text = value.strip().lower().replace(",", "").replace("-", " ")
    aliases = {"bound means at its discretion": "bound_discretion", "obligated": "bound",
               "permitted": "may_act", "permission": "may_act", "breach": "in_breach",
               "neutrality": "bound_to_neutrality", "consult": "must_consult"}
    return aliases.get(text, text.replace(" ", "_"))


def status_of(finding: Any) -> str:
    """The status key of an obligation-like finding.

    Examples:
        >>> from types import SimpleNamespace as F
        >>> status_of(F(strength="mandatory", duty="assist"))
        'bound'
        >>> status_of(F(strength="discretionary", duty="manage_crisis"))
        'bound_discretion'
        >>> status_of(F(strength="mandatory", duty="consult"))
        'must_consult'
        >>> status_of(F(status="may act", strength="discretionary", duty="assist"))
        'may_act'
    """
    own = getattr(finding, "status", None)
    if own:
        return _key(str(getattr(own, "value", own)))
    if getattr(finding, "duty", None) == "consult":
        return "must_consult"
    return _FROM_STRENGTH.get(str(getattr(finding, "strength", "")), "bound")


def status_label(key: str) -> str:
    """The heading for a status key; an unknown key is shown in words.

    Examples:
        >>> status_label("bound_discretion")
        'Bound, means at its discretion'
        >>> status_label("held_in_reserve")
        'Held in reserve'
    """
    from sahel_sim.clauses.status import Status, label

    if key in Status._value2member_map_:
        return label(key).capitalize()
    return key.replace("_", " ").capitalize()


def group_by_status(findings: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """Findings grouped by status, known statuses in :data:`ORDER`, then any other by name.

    Examples:
        >>> from types import SimpleNamespace as F
        >>> groups = group_by_status([F(strength="discretionary", duty="x"), F(strength="mandatory", duty="x")])
        >>> [(k, len(v)) for k, v in groups]
        [('bound', 1), ('bound_discretion', 1)]
    """
    groups: dict[str, list[Any]] = {}
    for f in findings:
        groups.setdefault(status_of(f), []).append(f)
    rank = {k: i for i, k in enumerate(ORDER)}
    return sorted(groups.items(), key=lambda kv: (rank.get(kv[0], len(ORDER)), kv[0]))
