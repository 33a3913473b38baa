"""``sahel-sim verify``: consistency properties of treaty files, each finding with a runnable counterexample.

A treaty can be well formed and still be inconsistent.  ``verify`` looks,
clause by clause, for:

* **contradiction**: two clauses of one treaty (or one clause) that can bind
  the same party, for the same event, to support an actor and to act against
  it, or to use force against an actor and to refrain from force against it;
* **self_duty**: a duty a party can owe to itself, or that is directed against
  its own obligor;
* **swallowed_exception**: an exception that holds whenever its rule applies,
  so the clause never binds;
* **asymmetry**: a clause written as ``mutual`` that, with the roles of two
  parties swapped, does not bind the other way;
* **never_fires** (a warning): a clause whose trigger and conditions can never
  all hold, e.g. a category no reading ever gives;
* **breached_by_its_trigger** (a note, no defect): a prohibition that binds
  only the parties that carried out the event firing it, so every event it
  applies to is a breach of it (the ECOWAS Non-Aggression Protocol's Art. 1
  works that way on purpose).  Notes are listed apart and never make
  ``verify`` exit 1.

Two halves work together.  A static analysis (:mod:`sahel_sim.verify._logic`)
*proves* that a clause can never fire or that an exception swallows its rule,
and screens which clauses could show the other problems.  A dynamic search
(Hypothesis, :mod:`sahel_sim.verify._search`) then draws situations over the
world the treaty lives in, runs the engine, and shrinks the first situation
that shows a problem to the smallest one.  That situation is written as a
scenario file that ``sahel-sim run`` runs as it is; ``verify`` runs it again
and records whether it shows the finding.

The search is derandomised: the same files give the same findings and the
same counterexamples.  It can miss a problem that needs a rare situation
(``--examples`` searches longer); what it reports is always real.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from sahel_sim.errors import SahelSimError
from sahel_sim.verify._budget import DEFAULT_SECONDS, MAX_EXAMPLES, Budget, running
from sahel_sim.verify._driver import (
    DEFAULT_EXAMPLES,
    KINDS,
    Finding,
    Report,
    Subject,
    check_out_dir,
    counterexample_document,
    load_subjects,
    reproduces,
    verify_subject,
    write_counterexamples,
)

__all__ = ["DEFAULT_EXAMPLES", "DEFAULT_SECONDS", "KINDS", "MAX_EXAMPLES", "Finding", "Report", "Subject", "check_out_dir",
           "counterexample_document", "load_subjects", "reproduces", "verify", "verify_subject", "write_counterexamples"]


def verify(paths: Sequence[str | Path] = (), *, library: bool = False, examples: int = DEFAULT_EXAMPLES,
           out_dir: str | Path | None = None, force: bool = False, time_limit: float = DEFAULT_SECONDS,
           progress: Callable[[int, int, str], None] | None = None) -> Report:
    """Verify treaty files (and the shipped library, if ``library``); write counterexamples to ``out_dir``.

    Args:
        paths: treaty files, or scenario files whose own treaties are verified.
        library: also verify every shipped treaty.
        examples: situations drawn per search.
        out_dir: where counterexample scenarios are written (None: not written).
        force: overwrite counterexample files that already exist.
        time_limit: seconds the whole run may take, every step counted (the
            solver's evaluations, each situation drawn, each pair of clauses).
        progress: called with (done, total, what) as the run goes.

    Raises:
        ScenarioError: a file cannot be read, is invalid, or names something unknown.
        OutputError: before any search, ``out_dir`` is not a usable folder or (without ``force``) holds
            earlier counterexamples of these treaties; after it, a file exists or cannot be written.
        SahelSimError: ``examples`` is out of range, or the time limit ran out (the message says where).
    """
    if not 1 <= examples <= MAX_EXAMPLES:
        raise SahelSimError(f"examples must be from 1 to {MAX_EXAMPLES:,}, not {examples:,}")
    subjects = load_subjects(paths, library=library)
    if out_dir is not None:  # a run that would end in a refusal does not search first
        check_out_dir(Path(out_dir), [s.treaty.id for s in subjects], force=force)
    report = Report()
    with running(Budget(time_limit, progress)):
        for subject in subjects:
            found, summary = verify_subject(subject, examples=examples)
            report.add(found)
            report.treaties.append(summary)
    if out_dir is not None:
        written = write_counterexamples(report.findings + report.notes, {s.treaty.id: s for s in subjects},
                                        Path(out_dir), force=force)
        report.findings, report.notes = written[:len(report.findings)], written[len(report.findings):]
    return report
