"""Hostile-input benchmark: time and peak memory to refuse crafted files.

For each case (the alias bomb, deep nesting and merge-key bomb of
``tests/bad_inputs/``, and files written here: a 100,000-item list, 100,000
events, a 200 kB line) a fresh interpreter loads the file with
:func:`sahel_sim.load_scenario` and reports:

* the median wall time to refuse it, over ``--rounds`` runs;
* the peak of Python allocations during one refusal (``tracemalloc``);
* how much the process's maximum resident set grew during the refusals
  (``ru_maxrss`` after minus before; 0 means the refusal fitted in memory
  the interpreter already had).

Each case runs in its own interpreter so that one case's memory does not hide
another's.  Figures vary by machine and load; nothing here is asserted (the
test suite only checks a generous bound).

Usage:
    python benchmarks/hostile_inputs.py [--rounds 5] [--parser libyaml|python]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "bad_inputs"
EVENT = "  - {id: e%d, date: 2025-06-01, kind: incursion, actors: [MRT], target: MLI}\n"


def write_cases(directory: Path) -> dict[str, Path]:
    """The crafted files: committed ones, and large ones written into ``directory``."""
    cases = {
        "alias bomb (9**9 strings)": BAD / "alias_bomb.yaml",
        "deep nesting (200 lists)": BAD / "deep_nesting.yaml",
        "merge-key bomb (10**8 keys)": BAD / "merge_key_bomb.yaml",
    }
    deep = directory / "deep-100k.yaml"
    deep.write_text("scenario: x\ndescription: " + "[" * 100_000 + "]" * 100_000 + "\nevents: []\n", encoding="utf-8")
    cases["deep nesting (100,000 lists)"] = deep
    flat = directory / "huge-list.yaml"
    flat.write_text("scenario: x\nsources: [" + ", ".join(["s"] * 100_000) + "]\nevents:\n" + EVENT % 0,
                    encoding="utf-8")
    cases["huge list (100,000 items)"] = flat
    events = directory / "huge-events.yaml"
    events.write_text("scenario: x\nevents:\n" + "".join(EVENT % i for i in range(100_000)), encoding="utf-8")
    cases["huge list (100,000 events, 7.5 MB)"] = events
    nodes = directory / "events-at-node-limit.yaml"
    nodes.write_text("scenario: x\nevents:\n" + "".join(EVENT % i for i in range(12_000)), encoding="utf-8")
    cases["huge list (12,000 events, 0.9 MB)"] = nodes
    long = directory / "long-line.yaml"
    long.write_text("scenario: x\ndescription: " + "x" * 200_000 + "\nevents:\n" + EVENT % 0, encoding="utf-8")
    cases["very long line (200 kB)"] = long
    return cases


def measure(path: str, rounds: int, parser: str) -> dict[str, object]:
    """In this process: refuse ``path`` ``rounds`` times, then once under tracemalloc."""
    import resource
    import statistics
    import time
    import tracemalloc

    import sahel_sim.scenario.yaml_source as yaml_source
    from sahel_sim import load_scenario
    from sahel_sim.errors import SahelSimError
    from sahel_sim.library import library_world

    yaml_source.USE_LIBYAML = parser == "libyaml" and bool(yaml_source.USE_LIBYAML)
    library_world()  # loaded once per process anyway; not part of the refusal
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times, message = [], ""
    for _ in range(rounds):
        start = time.perf_counter()
        try:
            load_scenario(path)
            message = "ACCEPTED"
        except SahelSimError as exc:
            message = str(exc).splitlines()[0]
        times.append(time.perf_counter() - start)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    try:
        load_scenario(path)
    except SahelSimError:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return {"median_s": statistics.median(times), "max_s": max(times), "peak_bytes": peak,
            "rss_growth_bytes": (rss_after - rss_before) * scale, "message": message,
            "parser": "libyaml" if yaml_source.USE_LIBYAML else "python"}


def main() -> None:
    """Run every case in a fresh interpreter and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--parser", choices=("libyaml", "python"), default="libyaml")
    parser.add_argument("--one", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.rounds, args.parser)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        cases = write_cases(Path(tmp))
        print(f"{'case':<38} {'bytes':>10} {'median':>9} {'max':>9} {'py peak':>9} {'RSS +':>8}  message")
        for name, path in cases.items():
            done = subprocess.run([sys.executable, __file__, "--one", str(path), "--rounds", str(args.rounds),
                                   "--parser", args.parser], capture_output=True, text=True, check=True, cwd=ROOT)
            r = json.loads(done.stdout)
            print(f"{name:<38} {path.stat().st_size:>10,} {r['median_s'] * 1000:>7.1f}ms {r['max_s'] * 1000:>7.1f}ms "
                  f"{r['peak_bytes'] / 1e6:>7.2f}MB {r['rss_growth_bytes'] / 1e6:>6.1f}MB  {r['message'][:90]}")
        print(f"(parser: {r['parser']}; {args.rounds} rounds per case; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
