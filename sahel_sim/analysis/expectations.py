"""Run every expectation of a scenario: findings, other readings, conflicts and cascades.

One function serves ``sahel-sim check`` and the pytest suite.  The plain
``obligated`` and ``not_obligated`` lists are checked against a run under the
scenario's own reading; ``perspectives`` against runs under the named
readings; ``conflicts`` against the conflicts found in the plain run; and
``cascade`` against a cascade of the given number of rounds.
"""

from __future__ import annotations

from sahel_sim.api import reading_worlds, simulate
from sahel_sim.clauses.articles import article_label
from sahel_sim.engine.findings import SimulationResult
from sahel_sim.engine.readings import LibraryReadings
from sahel_sim.analysis.expect import ExpectationOutcome, check_expectations
from sahel_sim.scenario.load import Scenario
from sahel_sim.scenario.schema import ExpectedCascade, ExpectedConflict, Expectations

__all__ = ["named", "run_expectations"]


def run_expectations(scenario: Scenario, library: LibraryReadings | None = None) -> list[ExpectationOutcome]:
    """Every expectation of ``scenario``, met or not, in file order.

    ``library``: the library's readings (:func:`~sahel_sim.api.library_readings`), shared by every scenario
    checked on that library.
    """
    expect = scenario.expect
    if expect is None:
        return []
    readings = reading_worlds(scenario, library)  # every run below shares the readings' worlds
    among = named(expect)  # an actor's findings, readings and conflicts are its own: judge only those named
    base = simulate(scenario, conflicts=bool(expect.conflicts), readings=readings, among=among)  # conflicts if expected
    out = check_expectations(base, expect)
    for name, findings in sorted(expect.perspectives.items()):
        tagged = check_expectations(simulate(scenario, perspective=name, conflicts=False, readings=readings,
                                             among=among), findings)
        out += [ExpectationOutcome(o.kind, o.expected, o.met, f"[{name} reading] {o.detail}") for o in tagged]
    out += [_conflict(base, c) for c in expect.conflicts]
    if expect.cascade is not None:
        out += _cascade(scenario, expect.cascade)
    return out


def named(expect: Expectations) -> frozenset[str]:
    """Every actor an expectation of ``expect`` (its perspectives' too, its conflicts) is about: the findings
    :func:`~sahel_sim.analysis.expect.check_expectations` and the conflict expectations read."""
    blocks = (expect, *expect.perspectives.values())
    who = {x.obligor for b in blocks for x in (*b.obligated, *b.permitted, *b.in_breach)}
    who |= {x.party for b in blocks for x in (*b.not_obligated, *b.not_invoked, *b.not_determined, *b.contested)}
    return frozenset(who | {c.actor for c in expect.conflicts})


def _clause_matches(o: object, treaty: str, article: str | None) -> bool:
    return getattr(o, "treaty") == treaty and (article is None or getattr(o, "article") == article)


def _conflict(result: SimulationResult, e: ExpectedConflict) -> ExpectationOutcome:
    what = (f"{e.actor} {'not ' if e.absent else ''}bound by {e.first.treaty} "
            f"{article_label(e.first.article or '*')} and "
            f"{e.second.treaty} {article_label(e.second.article or '*')} at once")
    for c in result.conflicts:
        pairs = ((c.first, c.second), (c.second, c.first))
        if c.actor == e.actor and (e.event is None or c.event == e.event) and any(
                _clause_matches(a, e.first.treaty, e.first.article)
                and _clause_matches(b, e.second.treaty, e.second.article) for a, b in pairs):
            return ExpectationOutcome("conflict", e, not e.absent, f"{what}: found: {c.explanation}")
    return ExpectationOutcome("conflict", e, e.absent, f"{what}: no such conflict found")


def _cascade(scenario: Scenario, e: ExpectedCascade) -> list[ExpectationOutcome]:
    # who is drawn in, and the fixpoint, are the rounds' responses: the contested readings' marks do not change
    # them, and the responses come from the duties alone, which a lean run finds as the full one does
    run = simulate(scenario, cascade=e.rounds, conflicts=False, alternatives=False, negatives=False).cascade
    out = []
    for want in e.drawn_in:
        got = run.drawn_in_by(want.round)
        met = set(got) == set(want.actors)
        out.append(ExpectationOutcome("cascade", want, met,
                                      f"drawn in by round {want.round}: {', '.join(got) or 'nobody'}"
                                      + ("" if met else f" (expected {', '.join(sorted(want.actors))})")))
    if e.fixpoint is not None:
        out.append(ExpectationOutcome("cascade", e, run.fixpoint == e.fixpoint,
                                      f"fixpoint {'reached' if run.fixpoint else 'not reached'} within "
                                      f"{e.rounds} round(s) (expected {'a' if e.fixpoint else 'no'} fixpoint)"))
    return out
