"""Sweeps: run every variant of a scenario and collect a tidy table of obligations.

A sweep varies the facts along named axes (the date every event is moved
to, the perspective, the cascade depth, a hypothetical accession, who does
not comply) and runs every combination.  Variants are independent, so they
run on all local cores, or on a Dask cluster, and give the same rows in the
same order either way: the table is sorted by variant number, then by the
obligation's stable key.

Axes are written ``name=values``:

* ``date=2023-07-26..2025-02-28:7d`` (a range with a step in days) or
  ``date=2023-08-20,2023-10-01`` (a list);
* ``perspective=aes,ecowas``; ``cascade=0,2``;
* ``accession=none,TCD:AES`` (actor joins organisation from the event date);
* ``non_compliant=none,MLI,MLI+BFA`` (actors that do not carry out their duties).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from sahel_sim.errors import SahelSimError, suggest

__all__ = ["AXES", "COLUMNS", "Variant", "parse_axis", "run_sweep", "run_variant", "sweep", "sweep_rows", "variants"]

AXES = ("date", "perspective", "cascade", "accession", "non_compliant")
COLUMNS = ("variant", *AXES, "event", "event_date", "obligor", "beneficiary", "against", "duty", "means",
           "strength", "treaty", "article", "clause", "round", "modality", "status")
MAX_VARIANTS = 100_000

Variant = dict[str, Any]


def parse_axis(spec: str) -> tuple[str, list[Any]]:
    """Parse ``name=values`` into the axis name and its values.

    Examples:
        >>> parse_axis("date=2023-07-26..2023-08-09:7d")
        ('date', [datetime.date(2023, 7, 26), datetime.date(2023, 8, 2), datetime.date(2023, 8, 9)])
        >>> parse_axis("perspective=aes,ecowas")
        ('perspective', ['aes', 'ecowas'])
    """
    name, sep, raw = spec.partition("=")
    name = name.strip()
    if not sep or not raw.strip():
        raise SahelSimError(f"--vary {spec!r}: write NAME=VALUES, e.g. perspective=aes,ecowas")
    if name not in AXES:
        hint = suggest(name, AXES)
        raise SahelSimError(f"--vary {spec!r}: unknown axis '{name}'; axes: {', '.join(AXES)}"
                            + (f" ({hint})" if hint else ""))
    return name, _PARSERS[name](raw.strip(), spec)


def _dates(raw: str, spec: str) -> list[date]:
    """A list of dates, or a range with a step; its length is checked before any date is made."""
    from sahel_sim.scenario.validation import EARLIEST, LATEST

    try:
        if ".." in raw:
            span, _, step = raw.partition(":")
            first, last = (date.fromisoformat(x) for x in span.split(".."))
            digits = step.removesuffix("d")
            if step and (not digits.isdigit() or len(digits) > 6):
                raise ValueError(f"the step {step[:20]!r} is not a number of days, e.g. 7d")
            days = int(digits) if step else 1
            if days < 1 or last < first:
                raise ValueError("the step must be at least 1d and the range must not run backwards")
            count = (last - first).days // days + 1
            if count > MAX_VARIANTS:
                raise ValueError(f"the range holds {count:,} dates, more than the limit of {MAX_VARIANTS:,} "
                                 "variants; use a longer step or a shorter range")
            values = [first + timedelta(days=k * days) for k in range(count)]
        else:
            values = [date.fromisoformat(x) for x in raw.split(",")]
    except ValueError as exc:
        raise SahelSimError(f"--vary {spec!r}: {exc} (write date=YYYY-MM-DD..YYYY-MM-DD:7d or a list)") from None
    outside = [d for d in (values[0], values[-1], min(values), max(values)) if not EARLIEST <= d <= LATEST]
    if outside:
        raise SahelSimError(f"--vary {spec!r}: {outside[0]} is out of range; dates run from {EARLIEST} to {LATEST}")
    return values


def _ints(raw: str, spec: str) -> list[int]:
    if not all(x.strip().isdigit() and int(x) <= 50 for x in raw.split(",")):
        raise SahelSimError(f"--vary {spec!r}: cascade depths are whole numbers from 0 to 50")
    return [int(x) for x in raw.split(",")]


def _words(raw: str, spec: str) -> list[str]:
    return [x.strip() for x in raw.split(",") if x.strip()]


_PARSERS: dict[str, Callable[[str, str], list[Any]]] = {
    "date": _dates, "perspective": _words, "cascade": _ints, "accession": _words, "non_compliant": _words,
}


def variants(axes: Sequence[tuple[str, list[Any]]]) -> list[Variant]:
    """Every combination of the axes' values, numbered from 0, in a stable order."""
    names = [n for n, _ in axes]
    if len(set(names)) != len(names):
        raise SahelSimError("each axis may be given once with --vary")
    count = math.prod(len(values) for _, values in axes)  # before building any: the product can be huge
    if count > MAX_VARIANTS:
        sizes = " x ".join(f"{len(values):,} {name}" for name, values in axes)
        raise SahelSimError(f"{sizes} make {count:,} variants, more than the limit of {MAX_VARIANTS:,}; "
                            "vary fewer values at once")
    combos = list(itertools.product(*(values for _, values in axes))) if axes else [()]
    return [{"variant": i, **dict(zip(names, combo))} for i, combo in enumerate(combos)]


@dataclass(frozen=True)
class _Source:
    """The scenario as text, so any worker (a local process or a Dask worker) can load it."""

    text: str
    name: str
    base: str


_LOADED: dict[tuple[str, str], Any] = {}


def _scenario(src: _Source) -> Any:
    from sahel_sim.scenario.load import scenario_from_text

    key = (src.name, src.text)
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = scenario_from_text(src.text, name=src.name, base=Path(src.base))
    return _LOADED[key]


def run_variant(src: _Source, variant: Variant) -> list[dict[str, Any]]:
    """The findings of one variant (duties, permissions, breaches; each with its status), as rows of the sweep table."""
    return _variant_rows(_scenario(src), variant)


def _variant_rows(scenario: Any, variant: Variant) -> list[dict[str, Any]]:
    from sahel_sim.api import simulate

    scenario = _apply_accession(scenario, variant.get("accession"))
    scenario = _apply_compliance(scenario, variant.get("non_compliant"))
    result = simulate(scenario, perspective=variant.get("perspective"), as_of=variant.get("date"),
                      cascade=int(variant.get("cascade") or 0), conflicts=False, negatives=False,
                      alternatives=False)
    base = {axis: _cell(variant.get(axis)) for axis in AXES}
    return [{"variant": variant["variant"], **base, "event": o.event, "event_date": o.date.isoformat(),
             "obligor": o.obligor, "beneficiary": o.beneficiary or "", "against": "+".join(o.against),
             "duty": o.duty, "means": o.means, "strength": o.strength, "treaty": o.treaty,
             "article": o.article or "", "clause": o.ref.clause or "", "round": o.round,
             "modality": o.modality, "status": o.status}
            for o in sorted(result.obligations + result.permissions + result.breaches,
                            key=lambda o: (*o.key(), o.round))]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _apply_accession(scenario: Any, spec: str | None) -> Any:
    if not spec or spec == "none":
        return scenario
    from sahel_sim.model.memberships import Membership
    from sahel_sim.scenario.load import Scenario

    actor, _, org = spec.partition(":")
    known = {a.id for a in scenario.world.actors}
    for ident in (actor, org):
        if ident not in known:
            raise SahelSimError(f"accession {spec!r}: unknown actor '{ident}'" +
                                (f" ({hint})" if (hint := suggest(ident, known)) else ""))
    since = min(e.date for e in scenario.events)
    joined = Membership(member=actor, of=org, since=since, confidence="recalled", note="sweep: hypothetical accession")
    world = scenario.world.model_copy(update={"memberships": scenario.world.memberships + (joined,)})
    return Scenario(scenario.spec, world, scenario.path, like=scenario.compiled)  # the treaties compiled once


def _apply_compliance(scenario: Any, spec: str | None) -> Any:
    if not spec or spec == "none":
        return scenario
    from sahel_sim.scenario.load import Scenario
    from sahel_sim.scenario.schema import CascadePolicy

    policy = scenario.spec.cascade or CascadePolicy()
    policy = policy.model_copy(update={"non_compliant": tuple(spec.split("+"))})
    return Scenario(scenario.spec.model_copy(update={"cascade": policy}), scenario.world, scenario.path,
                    like=scenario.compiled)  # the same world: its compiled world is the scenario's


def run_sweep(path: str | Path, axes: Sequence[tuple[str, list[Any]]], *, workers: int = 1,
              dask_address: str | None = None, progress: Callable[[int, int], None] | None = None
              ) -> list[dict[str, Any]]:
    """Run every variant of the scenario at ``path`` and return the rows, in variant order."""
    from sahel_sim.scenario.load import load_scenario

    path = Path(path)
    load_scenario(path)  # validate once, in this process, so errors surface before any work is sent
    src = _Source(path.read_text(encoding="utf-8"), str(path), str(path.parent))
    todo = variants(axes)
    if dask_address:
        chunks = _run_dask(src, todo, dask_address, progress)
    elif workers > 1 and len(todo) > 1:
        chunks = _run_pool(src, todo, workers, progress)
    else:
        chunks = []
        for k, v in enumerate(todo, 1):
            chunks.append(run_variant(src, v))
            if progress:
                progress(k, len(todo))
    return [row for chunk in chunks for row in chunk]


def _run_pool(src: _Source, todo: list[Variant], workers: int,
              progress: Callable[[int, int], None] | None) -> list[list[dict[str, Any]]]:
    from concurrent.futures import ProcessPoolExecutor

    out: list[list[dict[str, Any]]] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        size = max(1, len(todo) // (workers * 8))
        for k, rows in enumerate(pool.map(run_variant, itertools.repeat(src), todo, chunksize=size), 1):
            out.append(rows)
            if progress:
                progress(k, len(todo))
    return out


def _run_dask(src: _Source, todo: list[Variant], address: str,
              progress: Callable[[int, int], None] | None) -> list[list[dict[str, Any]]]:
    try:
        from distributed import Client
    except ImportError:
        raise SahelSimError("--dask needs Dask's distributed scheduler: pip install 'dask[distributed]'") from None
    with Client(address) as client:
        futures = client.map(run_variant, [src] * len(todo), todo, pure=False)
        out = []
        for k, future in enumerate(futures, 1):
            out.append(future.result())
            if progress:
                progress(k, len(todo))
    return out


def write_table(rows: Iterable[dict[str, Any]], fmt: str) -> str | bytes:
    """The rows as CSV text, or Parquet bytes (which needs pandas and pyarrow)."""
    rows = list(rows)
    if fmt == "parquet":
        try:
            import io

            import pandas as pd
        except ImportError:
            raise SahelSimError("Parquet output needs pandas and pyarrow: pip install pandas pyarrow") from None
        buf = io.BytesIO()
        try:
            pd.DataFrame(rows, columns=list(COLUMNS)).to_parquet(buf, index=False)
        except ImportError:
            raise SahelSimError("Parquet output needs pyarrow: pip install pyarrow") from None
        return buf.getvalue()
    import csv
    import io

    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue()


def sweep_rows(scenario: Any, vary: Mapping[str, Any], *,
               progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """The rows of a sweep of a scenario in memory (a what-if included), in variant order, in this process.

    ``vary`` maps each axis to its values: the text ``--vary`` takes
    (``"2023-07-26..2025-02-28:7d"``, ``"aes,ecowas"``) or a list (dates as
    ``date`` or ``YYYY-MM-DD``, ``None`` for "none"); the rows are those
    ``sahel-sim sweep`` writes for the same axes.

    Raises:
        SahelSimError: an unknown axis, a bad value, or too many variants.
    """
    if not isinstance(vary, Mapping):
        raise SahelSimError("vary: give a mapping of axis to values, e.g. vary={'perspective': ['aes', 'ecowas']}")
    axes = [parse_axis(f"{name}={_as_text(values)}") for name, values in vary.items()]
    todo = variants(axes)
    out: list[dict[str, Any]] = []
    for k, variant in enumerate(todo, 1):
        out.extend(_variant_rows(scenario, variant))
        if progress:
            progress(k, len(todo))
    return out


def _as_text(values: Any) -> str:
    """An axis's values as ``--vary`` writes them: ``[date(2023, 8, 20), None]`` is ``2023-08-20,none``."""
    if isinstance(values, str):
        return values
    if not isinstance(values, Iterable):
        values = [values]
    words = ["none" if v is None else v.isoformat() if isinstance(v, date) else str(v) for v in values]
    return ",".join(words)


def sweep(scenario: Any, vary: Mapping[str, Any], *, progress: Callable[[int, int], None] | None = None) -> Any:
    """Sweep a scenario (a :class:`Scenario`, a what-if copy of one, or a path) into a pandas DataFrame.

    One row per finding of each variant, with the variant's axes as columns
    (the same rows and columns as ``sahel-sim sweep``'s CSV)::

        sweep(with_accession(s, "TCD", "AES"), vary={"date": "2023-07-26..2024-07-26:30d",
                                                     "perspective": ["aes", "ecowas"]})

    Needs pandas (the ``notebook`` extra).
    """
    from sahel_sim.display import render

    if isinstance(scenario, (str, Path)):
        from sahel_sim.scenario.load import load_scenario

        scenario = load_scenario(scenario)
    return render("sweep_frame", sweep_rows(scenario, vary, progress=progress))
