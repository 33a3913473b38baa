"""Verify treaties: static proofs, dynamic searches, findings and their counterexample files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from sahel_sim.clauses.articles import article_label
from sahel_sim.clauses.treaty import Beneficiary, Clause, Obligor, Treaty
from sahel_sim.errors import OutputError, suggest
from sahel_sim.world import World
from sahel_sim.verify._search import Detail, Searcher
from sahel_sim.verify._static import ClauseFacts, analyse, contradiction_pairs, hopeless_limits, permission_pairs
from sahel_sim.verify._budget import doing

__all__ = ["Finding", "Report", "Subject", "check_out_dir", "verify_subject", "load_subjects",
           "write_counterexamples"]

KINDS = ("contradiction", "self_duty", "swallowed_exception", "asymmetry", "empty_permission", "never_fires",
         "forbidden_permission", "limit_never_holds", "breached_by_its_trigger")
SEVERITY = {"contradiction": "error", "self_duty": "error", "swallowed_exception": "error", "asymmetry": "error",
            "empty_permission": "error", "never_fires": "warning", "forbidden_permission": "warning",
            "limit_never_holds": "warning", "breached_by_its_trigger": "note"}
"""A finding's severity. A *note* is no defect: it says how a clause works (the report lists notes apart,
and they alone never make ``verify`` exit 1)."""
DEFAULT_EXAMPLES = 100


@dataclass(frozen=True)
class Subject:
    """A treaty to verify and where it comes from.

    Args:
        treaty: the treaty.
        world: the world it is read in (the library, plus a scenario's own data).
        file: the treaty file (or the scenario that defines it).
        entry: how a counterexample names it: a path to its file, the treaty itself
            (written inline), or None (it is in the shipped library).
        own: the scenario's own world data a counterexample must carry.
        treaties: the scenario's other treaty entries a counterexample must carry.
    """

    treaty: Treaty
    world: World
    file: Path | None
    entry: Path | Treaty | None = None
    own: World = field(default_factory=World)
    treaties: tuple[Path | Treaty, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One inconsistency of one treaty, with the smallest situation that shows it."""

    kind: str
    treaty: str
    clauses: tuple[str, ...]
    articles: tuple[str, ...]
    message: str
    detail: Detail | None
    file: str | None = None
    counterexample: Path | None = None
    reproduced: bool | None = None

    @property
    def severity(self) -> str:
        """``error``; ``warning`` (a clause that can never fire, a limit that never holds …); ``note``."""
        return SEVERITY[self.kind]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        d = self.detail
        return {
            "kind": self.kind, "severity": self.severity, "treaty": self.treaty, "file": self.file,
            "clauses": list(self.clauses), "articles": list(self.articles), "message": self.message,
            "shows": (d.message if d else None),
            "counterexample": str(self.counterexample) if self.counterexample else None,
            "reproduced": self.reproduced,
            "perspective": d.perspective if d else None,
            "events": [e.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for e in d.events] if d else [],
        }


@dataclass
class Report:
    """Everything one ``verify`` run found."""

    findings: list[Finding] = field(default_factory=list)
    treaties: list[dict[str, Any]] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    """Findings of severity ``note``: how a clause works, no defect (``verify`` exits 0 on notes alone)."""

    def add(self, found: Iterable[Finding]) -> None:
        """File each finding under ``findings`` or, for a note, ``notes``."""
        for f in found:
            (self.notes if f.severity == "note" else self.findings).append(f)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        errors = sum(f.severity == "error" for f in self.findings)
        return {"treaties": self.treaties, "findings": [f.to_dict() for f in self.findings],
                "notes": [f.to_dict() for f in self.notes],
                "summary": {"treaties": len(self.treaties), "clauses": sum(t["clauses"] for t in self.treaties),
                            "situations": sum(t["situations"] for t in self.treaties),
                            "findings": len(self.findings), "errors": errors,
                            "warnings": len(self.findings) - errors, "notes": len(self.notes)}}


# ----------------------------------------------------------------------------- one treaty


def verify_subject(subject: Subject, *, examples: int = DEFAULT_EXAMPLES) -> tuple[list[Finding], dict[str, Any]]:
    """Every finding for one treaty, and a summary of what was checked."""
    treaty, world = subject.treaty, subject.world
    doing(f"analysing {treaty.id}", 0, len(treaty.clauses))
    facts = analyse(treaty, world)
    search = Searcher(world, treaty, examples)
    out: list[Finding] = []
    for n, clause in enumerate(treaty.clauses):
        doing(f"checking {treaty.id}, clause {clause.id}", n, len(treaty.clauses))
        f = facts[clause.id]
        if not f.can_fire:
            out.append(_never_fires(search, f))
            continue
        out += _swallowed(search, f)
        if f.self_beneficiary or f.self_adversary:
            detail = search.search(search.self_duty(clause), kinds=f.kinds)
            if detail:
                out.append(_finding("self_duty", treaty, [clause], _self_words(clause), detail))
        if clause.mutual:
            out += _asymmetry(search, f)
        if f.breached_by_trigger:
            out += _self_breaching(search, clause, f)
    seen: set[frozenset[str]] = set()
    for pair in contradiction_pairs(treaty, world, facts):
        doing(f"checking {treaty.id}, clauses {pair.first.id} and {pair.second.id}", len(treaty.clauses),
              len(treaty.clauses))
        key = frozenset({pair.first.id, pair.second.id, pair.kind})
        if key in seen:
            continue
        detail = search.search(search.contradiction(pair.first, pair.second, pair.kind), kinds=pair.kinds)
        if detail:
            seen.add(key)
            clauses = [pair.first] if pair.first is pair.second else [pair.first, pair.second]
            out.append(_finding("contradiction", treaty, clauses, _clash_words(pair.first, pair.second, pair.kind),
                                detail))
    out += _permissions(search, treaty, world, facts)
    out += _limits(search, treaty, world, facts)
    file = str(subject.file) if subject.file else None
    out = [replace(x, file=file) for x in out]
    return out, {"treaty": treaty.id, "file": file, "clauses": len(treaty.clauses), "situations": search.tried}


def _permissions(search: Searcher, treaty: Treaty, world: World, facts: dict[str, ClauseFacts]) -> list[Finding]:
    """A permission to use force that a prohibition of the treaty forbids: always (an error), or in some cases."""
    out = []
    for pair in permission_pairs(treaty, world, facts):
        p, r = pair.first, pair.second
        doing(f"checking {treaty.id}, clauses {p.id} and {r.id}", len(treaty.clauses), len(treaty.clauses))
        detail = search.search(search.forbidden(p, r), kinds=pair.kinds)
        if detail is None and not pair.always:
            continue
        what = (f"{article_label(p.article)} permits a party to {p.duty.value} against the {p.against.value} "
                "with armed force, "
                f"which {article_label(r.article)} forbids it towards the {r.beneficiary.value}")
        if pair.always:
            out.append(_finding("empty_permission", treaty, [p, r], f"{what} whenever the permission holds, "
                                "so the permission can never be used", detail))
        else:
            out.append(_finding("forbidden_permission", treaty, [p, r], f"{what} in some cases", detail))
    return out


def _self_breaching(search: Searcher, clause: Clause, f: ClauseFacts) -> list[Finding]:
    """A prohibition whose every firing is a breach by the event's own actors: a note, with a case that shows it."""
    detail = search.plain_breach(clause, f.kinds) or search.search(search.breach(clause), kinds=f.kinds)
    return [_finding("breached_by_its_trigger", search.treaty, [clause],
                     "the prohibition reaches only the parties that carried out the event that fires it, so every "
                     "event it applies to is a breach of it by them: it reports breaches, never a duty to refrain "
                     "before the fact", detail)]


def _limits(search: Searcher, treaty: Treaty, world: World, facts: dict[str, ClauseFacts]) -> list[Finding]:
    """A party's limiting reservation whose condition can never hold with the clause: it is never bound by it."""
    out = []
    for i, clause in hopeless_limits(treaty, facts, world):
        r = treaty.reservations[i]
        doing(f"checking {treaty.id}, {r.party}'s {r.kind.value}", len(treaty.clauses), len(treaty.clauses))
        detail = search.search(search.limited(clause, r.party), kinds=facts[clause.id].kinds)
        out.append(_finding("limit_never_holds", treaty, [clause],
                            f"{r.party}'s {r.kind.value} (reservation {i + 1}) keeps it bound only if "
                            f"'{r.condition.describe() if r.condition else ''}', which can never hold when the "
                            f"clause applies, so {r.party} is never bound by it", detail))
    return out


def _finding(kind: str, treaty: Treaty, clauses: Sequence[Clause], message: str, detail: Detail | None) -> Finding:
    return Finding(kind, treaty.id, tuple(c.id for c in clauses), tuple(c.article for c in clauses), message, detail)


def _never_fires(search: Searcher, f: ClauseFacts) -> Finding:
    clause = f.clause
    if f.unknown_categories:
        known = [c.id for c in search.world.categories]
        hints = [h for h in (suggest(x, known) for x in f.unknown_categories) if h]
        why = (f"its trigger names {_quoted(f.unknown_categories)}, which {'is not a' if len(f.unknown_categories) == 1 else 'are not'}"
               f" known categor{'y' if len(f.unknown_categories) == 1 else 'ies'}" + (f" ({'; '.join(hints)})" if hints else ""))
    elif f.silent_categories:
        why = f"no reading ever characterises an event as {_quoted(f.silent_categories, ' or ')}"
    else:
        why = "its trigger, conditions and the obligor's role can never all hold together"
    detail = search.search(search.near_miss(clause, triggered=True), examples=max(30, search.examples // 3)) \
        or search.search(search.near_miss(clause, triggered=False), examples=max(30, search.examples // 3))
    return _finding("never_fires", search.treaty, [clause], f"can never fire: {why}", detail)


def _swallowed(search: Searcher, f: ClauseFacts) -> list[Finding]:
    clause = f.clause
    out = []
    for i in f.swallowed_by:
        exc = clause.exceptions[i]
        text = exc.text or exc.when.describe()
        detail = search.search(search.swallowed(clause, i), kinds=f.kinds)
        out.append(_finding("swallowed_exception", search.treaty, [clause],
                            f"exception {i + 1} ('{text}') holds whenever the rule applies, so the clause never binds",
                            detail))
    if f.swallowed_jointly:
        detail = search.search(search.swallowed(clause, None), kinds=f.kinds)
        out.append(_finding("swallowed_exception", search.treaty, [clause],
                            "its exceptions together hold whenever the rule applies, so the clause never binds", detail))
    return out


def _asymmetry(search: Searcher, f: ClauseFacts) -> list[Finding]:
    clause = f.clause
    if clause.obligor not in (Obligor.each_other_party, Obligor.each_party) or clause.beneficiary is not Beneficiary.target:
        detail = search.search(search.fires(clause), kinds=f.kinds)
        return [_finding("asymmetry", search.treaty, [clause],
                         f"written as mutual, but the duty is owed by {clause.obligor.value} to "
                         f"{clause.beneficiary.value}, not by each party to another party", detail)]
    detail = search.search(search.asymmetry(clause), single=True, kinds=f.kinds)
    if detail is None:
        return []
    return [_finding("asymmetry", search.treaty, [clause],
                     "written as mutual, but with the roles of two parties swapped the duty does not run back",
                     detail)]


def _self_words(clause: Clause) -> str:
    return (f"the duty ({clause.duty.value}) can be owed by a party to itself, or directed against itself "
            f"(obligor: {clause.obligor.value}, beneficiary: {clause.beneficiary.value}, against: {clause.against.value})")


def _clash_words(a: Clause, b: Clause, kind: str) -> str:
    if a is b:
        return f"one duty both supports an actor and is directed against it ({a.duty.value})"
    if kind == "force_vs_refrain":
        return (f"{article_label(a.article)} can bind a party to use force against an actor that "
                f"{article_label(b.article)} binds it "
                f"to refrain from force against, for the same event")
    return (f"{article_label(a.article)} can bind a party to {a.duty.value} an actor that "
            f"{article_label(b.article)} binds it to "
            f"{b.duty.value} against, for the same event")


def _quoted(items: Iterable[str], joiner: str = ", ") -> str:
    return joiner.join(f"'{x}'" for x in items)


# ----------------------------------------------------------------------------- inputs


def load_subjects(paths: Sequence[str | Path], *, library: bool = False) -> list[Subject]:
    """The treaties to verify: those of each file (a treaty file, or a scenario's own), and the shipped ones.

    Raises:
        ScenarioError: a file cannot be read or is invalid, names something that
            does not exist, or reuses a shipped treaty's id.
    """
    from sahel_sim.library import library_world, load_treaty_file, treaty_files

    lib = library_world()
    shipped = {p.resolve(): p for p in treaty_files()}
    out: list[Subject] = []
    wanted = [p for p in treaty_files()] if library else []
    wanted += [Path(raw) for raw in paths]
    for path in wanted:
        if _resolved(path) in shipped:
            treaty = load_treaty_file(path)
            if not any(s.treaty.id == treaty.id for s in out):
                out.append(Subject(treaty, lib, path, None))
            continue
        for subject in _subjects_of(path, lib):
            if not any(s.treaty.id == subject.treaty.id for s in out):
                out.append(subject)
    return out


def _resolved(path: Path) -> Path | None:
    """The path resolved, or None when it cannot be (a loop of links, a NUL, too long): reading it says why."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def _subjects_of(path: Path, lib: World) -> list[Subject]:
    from sahel_sim.scenario.files import check_treaty
    from sahel_sim.scenario.yaml_source import read_yaml

    src = read_yaml(path)
    if isinstance(src.data, dict) and "scenario" in src.data:
        return _scenario_subjects(path, lib)
    treaty, world = check_treaty(src, lib)
    return [Subject(treaty, world, path, path)]


def _scenario_subjects(path: Path, lib: World) -> list[Subject]:
    from sahel_sim.scenario.load import load_scenario

    scenario = load_scenario(path)
    spec = scenario.spec
    entries: list[Path | Treaty] = [e if isinstance(e, Treaty) else (path.parent / e) for e in spec.treaties]
    own = World(actors=spec.actors, territories=spec.territories, memberships=spec.memberships,
                relations=spec.relations, perspectives=spec.perspectives)
    out = []
    for entry in entries:
        treaty = entry if isinstance(entry, Treaty) else next(
            t for t in scenario.world.treaties[len(lib.treaties):] if _same_file(t, entry))
        others = tuple(e for e in entries if e is not entry)
        out.append(Subject(treaty, scenario.world, path, entry, own, others))
    return out


def _same_file(treaty: Treaty, path: Path) -> bool:
    from sahel_sim.library import load_treaty_file

    return load_treaty_file(path) == treaty


# ----------------------------------------------------------------------------- counterexamples


def counterexample_document(finding: Finding, subject: Subject, out_dir: Path) -> dict[str, Any]:
    """The scenario document that shows ``finding``.

    A treaty file inside ``out_dir`` is named by its path relative to it; one
    elsewhere is written inline, because a scenario may only name files in
    its own folder (see :mod:`sahel_sim.scenario.paths`): the counterexample
    then runs anywhere, as it is.
    """
    from sahel_sim.library import load_treaty_file
    from sahel_sim.testing import document

    d = finding.detail
    assert d is not None
    entries: list[Any] = []
    for entry in (subject.entry, *subject.treaties):
        if isinstance(entry, Path) and entry.resolve().is_relative_to(out_dir.resolve()):
            entries.append(os.path.relpath(entry.resolve(), out_dir.resolve()).replace(os.sep, "/"))
        elif isinstance(entry, Path):
            entries.append(subject.treaty if entry is subject.entry else load_treaty_file(entry))
        elif isinstance(entry, Treaty):
            entries.append(entry)
    where = ", ".join(article_label(a) for a in dict.fromkeys(finding.articles))
    description = (f"Found by 'sahel-sim verify' in {finding.treaty} ({where}): {finding.message}. "
                   f"This scenario shows it: {d.message}. Run it with 'sahel-sim run FILE --explain'.")
    doc = document(d.events, world=subject.own, treaties=entries,
                   name=f"verify: {finding.kind.replace('_', ' ')} in {finding.treaty} {where}",
                   description=description, perspective=None if d.perspective == "literal" else d.perspective)
    if subject.own.perspectives:
        doc["perspectives"] = [p.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
                               for p in subject.own.perspectives]
    return doc


def check_out_dir(out_dir: Path, treaties: Iterable[str], *, force: bool = False) -> None:
    """Refuse, before any search, a folder the counterexamples could not be written to.

    A path that exists and is not a folder, or a folder inside the installed
    package, is refused.  Without ``force``, so is a folder that already holds
    counterexamples of one of ``treaties`` (files named ``ID--…yaml``, as
    :func:`write_counterexamples` names them): which names a search will
    write is known only when it ends, and a run that would end in a refusal
    should not search first.

    Raises:
        OutputError: the folder is unusable, or holds earlier counterexamples and ``force`` is off.
    """
    from sahel_sim.report.write import PACKAGE_DIR

    try:
        if out_dir.exists() and not out_dir.is_dir():
            raise OutputError(f"cannot write counterexamples to {out_dir}: it is not a folder; "
                              "use --out-dir to name a folder")
        real = out_dir.resolve()
    except (OSError, RuntimeError) as exc:
        raise OutputError(f"cannot write counterexamples to {out_dir}: {exc.strerror or exc}") from None
    if real.is_relative_to(PACKAGE_DIR):
        raise OutputError(f"refusing to write counterexamples to {out_dir}: it is inside the installed sahel-sim "
                          f"package ({PACKAGE_DIR}); use --out-dir to write elsewhere")
    if force or not out_dir.is_dir():
        return
    ids = tuple(_stem_prefix(t) for t in treaties)
    try:
        earlier = sorted(p.name for p in out_dir.iterdir() if p.name.startswith(ids) and p.name.endswith(".yaml"))
    except OSError as exc:
        raise OutputError(f"cannot write counterexamples to {out_dir}: {exc.strerror or exc}") from None
    if earlier:
        raise _taken([str(out_dir / earlier[0]), *earlier[1:]],
                     " (counterexamples from an earlier verify of the same treaties)")


def _stem_prefix(treaty: str) -> str:
    """How the name of every counterexample of ``treaty`` begins."""
    return f"{treaty}--"


def _taken(paths: Sequence[str], why: str = "") -> OutputError:
    """The refusal of files that already exist: the first named, the rest counted."""
    more = f" and {len(paths) - 1} more" if len(paths) > 1 else ""
    return OutputError(f"{paths[0]}{more} already exist{'s' if len(paths) == 1 else ''}{why}; "
                       "use --force to overwrite them, or --out-dir to write elsewhere")


def write_counterexamples(findings: list[Finding], subjects: dict[str, Subject], out_dir: Path, *,
                          force: bool = False) -> list[Finding]:
    """Write each finding's counterexample (atomically), run it again, and record whether it shows the finding.

    Every file name is checked before any is written, so a refusal leaves nothing half done.

    Raises:
        OutputError: a file exists and ``force`` is off, or cannot be written.
    """
    from sahel_sim.report.write import write_atomic
    from sahel_sim.testing import to_yaml

    planned: list[tuple[Finding, Path | None]] = []
    counts: dict[str, int] = {}
    for f in findings:
        if f.detail is None:
            planned.append((f, None))
            continue
        stem = f"{_stem_prefix(f.treaty)}{f.kind.replace('_', '-')}--{'--'.join(f.clauses)}"
        counts[stem] = counts.get(stem, 0) + 1
        planned.append((f, out_dir / (stem + (f"-{counts[stem]}" if counts[stem] > 1 else "") + ".yaml")))
    taken = [str(p) for _, p in planned if p is not None and p.exists()]
    if taken and not force:
        raise _taken(taken)
    done = []
    for f, path in planned:
        if path is None:
            done.append(f)
            continue
        out_dir.mkdir(parents=True, exist_ok=True)
        doc = counterexample_document(f, subjects[f.treaty], out_dir)
        written = write_atomic(path, to_yaml(doc), force=force)
        done.append(replace(f, counterexample=written, reproduced=reproduces(f, written)))
    return done


def reproduces(finding: Finding, path: Path) -> bool:
    """Load the written counterexample as ``sahel-sim run`` would and check it shows the finding."""
    from sahel_sim.api import simulate
    from sahel_sim.scenario.load import load_scenario

    result = simulate(load_scenario(path))
    shows = finding.detail.shows if finding.detail else {}
    obligations = [o for o in result.obligations if o.treaty == finding.treaty]
    non = [n for n in result.non_obligations if n.treaty == finding.treaty]

    def bound(key: dict[str, Any]) -> bool:
        return any(_matches(o, key) for o in obligations)

    if finding.kind == "never_fires":
        return not any(o.ref.clause in finding.clauses for o in obligations) and (
            "non_obligation" not in shows or any(_nmatches(n, shows["non_obligation"]) for n in non))
    if finding.kind == "limit_never_holds":
        return any(_nmatches(n, shows["non_obligation"]) and n.reason.role == "reservation" for n in non)
    if finding.kind == "swallowed_exception":
        return any(_nmatches(n, shows["non_obligation"]) and n.reason.role == "exception" for n in non)
    if finding.kind == "contradiction":
        return bound(shows["first"]) and bound(shows["second"])
    if finding.kind == "breached_by_its_trigger":
        mine = [b for b in result.breaches if b.treaty == finding.treaty and b.ref.clause in finding.clauses]
        return any(_matches(b, shows["breach"]) for b in mine) and not any(
            o.ref.clause in finding.clauses for o in obligations)
    if finding.kind in ("empty_permission", "forbidden_permission"):
        may = [p for p in result.permissions if p.treaty == finding.treaty]
        must = [o for o in result.obligations + result.breaches if o.treaty == finding.treaty]
        return any(_matches(p, shows["first"]) for p in may) and any(_matches(o, shows["second"]) for o in must)
    if finding.kind == "asymmetry" and "missing" in shows:
        missing = shows["missing"]
        return bound(shows["obligation"]) and not any(
            o.obligor == missing["obligor"] and o.beneficiary == missing["beneficiary"] and o.event == missing["event"]
            and o.ref.clause in finding.clauses for o in obligations)
    return bound(shows["obligation"])


def _matches(o: Any, key: dict[str, Any]) -> bool:
    return (o.obligor, o.beneficiary, list(o.against), o.duty, o.ref.clause, o.event) == (
        key["obligor"], key["beneficiary"], key["against"], key["duty"], key["clause"], key["event"])


def _nmatches(n: Any, key: dict[str, Any]) -> bool:
    return (n.party, n.ref.clause, n.event) == (key["party"], key["clause"], key["event"])
