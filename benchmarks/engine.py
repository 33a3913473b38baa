"""Engine benchmark: sahel-sim beside clingo and an indexed Python floor, on synthetic worlds.

For each size (N states, E attacks, cascade depth) the script generates a
world from a seed and runs the three engines on the same rules, end to end:

* every side builds its world from the same data, and that build is timed
  (sahel-sim: validated models, then the compiled world, shown apart; the
  floor: its dict indexes; clingo: the fact text, parsed and grounded);
* every side builds the same reasons for each obligation (four checks with
  the same words; sahel-sim builds them as part of its findings, the others
  as tuples), and sahel-sim builds no non-obligations, as in a sweep;
* the tree is compiled first (``compileall``) and every engine runs once
  before timing, so neither imports nor bytecode compilation are measured;
* times are CPU time of this process (``time.process_time``), the engines
  interleaved round after round in a rotating order, and each ratio is the
  median of the ratios taken within one round (the machine may be shared);
* every side runs on the same heap: the benchmark's data (plain tuples the
  cyclic collector does not track) and nothing of another side's run
  (results are compared after the warm-up round, then dropped), since each
  collection a side's allocations trigger walks whatever else is alive.

It checks that the three obligation sets agree and, at depth 0, that the
floor's and clingo's reasons are sahel-sim's words, then prints times, the
cost per obligation (flat when growth is linear) and the ratios to quote.

Usage:
    python benchmarks/engine.py                # the short grid (about a minute or two)
    python benchmarks/engine.py --full         # growth: N = 100 → 3,000 states, E = 1k → 10k events
    python benchmarks/engine.py --sizes 1000:1000:0 3000:1000:0 --rounds 5
    python benchmarks/engine.py --command-gc   # with the collector thresholds the commands set
"""

from __future__ import annotations

import argparse
import compileall
import gc
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from peers import checksum, run_clingo, run_floor, run_sahel, sahel_models, sahel_reasons, sahel_set  # noqa: E402
from synthetic import make_world  # noqa: E402

SHORT = ["100:1000:0", "1000:1000:0", "3000:1000:0", "1000:100:2"]
#: Growth: states at a fixed event count, then events at a fixed world, then one cascade.
FULL = (["100:1000:0", "300:1000:0", "1000:1000:0", "2000:1000:0", "3000:1000:0"]
        + ["1000:2000:0", "1000:5000:0", "1000:10000:0"] + ["1000:1000:2", "3000:1000:2"])


def cpu(fn: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of ``fn()`` and its result (garbage collected before, not timed)."""
    gc.collect()
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


def sahel_end_to_end(w: Any, depth: int) -> tuple[float, float, float, Any]:
    """(validated models, compiled world, engine) CPU seconds of sahel-sim, and its result."""
    from sahel_sim.graph import compile_world

    gc.collect()  # once, as for the other sides: the phases run back to back
    t0 = time.process_time()
    world, events = sahel_models(w)
    t1 = time.process_time()
    compiled = compile_world(world)
    t2 = time.process_time()
    result = run_sahel(compiled, events, depth)
    t3 = time.process_time()
    return t1 - t0, t2 - t1, t3 - t2, result


def _agreement(row: dict[str, Any], results: dict[str, Any], sides: list[str], depth: int) -> None:
    """The obligation count, whether the engines agree (word for word at depth 0) and a checksum, into ``row``."""
    sahel = sahel_set(results["sahel"])
    row["obligations"] = len(sahel)
    row["agree"] = all(set(results[s]) == sahel for s in sides[1:])
    if depth == 0:
        words = sahel_reasons(results["sahel"])
        row["agree"] = row["agree"] and all(results[s] == words for s in sides[1:])
    row["checksum"] = checksum(sahel)


def run_size(n: int, e: int, depth: int, rounds: int, use_clingo: bool) -> dict[str, Any]:
    """Measure one configuration, interleaved, and check that the engines agree."""
    w = make_world(n, e, seed=1, hot=(e == 1))
    times: dict[str, list[float]] = {"models": [], "build": [], "run": [], "sahel": [], "floor": [], "clingo": []}
    results: dict[str, Any] = {}
    sides = ["sahel", "floor"] + (["clingo"] if use_clingo else [])
    row: dict[str, Any] = dict(N=n, E=len(w.attacks), depth=depth, members=len(w.memberships))
    for rnd in range(rounds + 1):  # round 0 warms every engine up and is not counted
        order = sides[rnd % len(sides):] + sides[:rnd % len(sides)]
        for side in order:
            if side == "sahel":
                models, build, run, out = sahel_end_to_end(w, depth)
                if rnd:
                    times["models"].append(models)
                    times["build"].append(build)
                    times["run"].append(run)
                    times["sahel"].append(models + build + run)
            else:
                engine = run_floor if side == "floor" else run_clingo
                spent, out = cpu(lambda: engine(w, depth))  # noqa: B023 - called at once
                if rnd:
                    times[side].append(spent)
            if not rnd:
                results[side] = out
            del out
        if not rnd:
            # Compared once (every run gives the same), then dropped: no side runs beside the other sides'
            # results, whose objects every collection its own work triggers would walk again.
            _agreement(row, results, sides, depth)
            results.clear()
    for key, values in times.items():
        if values:
            row[key] = statistics.median(values)
    per_round = list(zip(times["sahel"], times["floor"], times["clingo"] or [None] * len(times["sahel"]), times["run"]))
    row["vs_floor"] = statistics.median(s / max(f, 1e-9) for s, f, _, _ in per_round)
    if use_clingo:
        row["vs_clingo"] = statistics.median(s / c for s, _, c, _ in per_round)
        row["run_vs_clingo"] = statistics.median(r / c for _, _, c, r in per_round)
    return row


def main() -> None:
    """Run the grid and print one line per configuration."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", help="N:E:depth triples")
    parser.add_argument("--full", action="store_true", help="the growth sweep (several minutes)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds counted (after one warm-up)")
    parser.add_argument("--command-gc", action="store_true",
                        help="every side with the collector thresholds sahel-sim's commands run with")
    args = parser.parse_args()
    if args.command_gc:
        from sahel_sim.cli import COMMAND_GC_THRESHOLDS

        gc.set_threshold(*COMMAND_GC_THRESHOLDS)
        print(f"collector thresholds {gc.get_threshold()} (as the commands run), on every side")
    compileall.compile_dir(str(HERE.parent / "sahel_sim"), quiet=1)
    try:
        import clingo  # noqa: F401

        use_clingo = True
    except ImportError:
        use_clingo = False
        print("clingo not installed (pip install -e '.[bench]'): comparing with the floor only")
    sizes = args.sizes or (FULL if args.full else SHORT)
    print("CPU ms, medians of interleaved rounds; sahel = models + compile + engine; ratios taken within each round")
    head = ("N", "E", "depth", "members", "obligations", "models", "compile", "engine", "sahel", "floor", "clingo",
            "sahel/clingo", "engine/clingo", "sahel/floor", "µs/obl sahel", "µs/obl clingo", "agree")
    print(" | ".join(head))
    for spec in sizes:
        n, e, depth = (int(x) for x in spec.split(":"))
        r = run_size(n, e, depth, max(1, args.rounds if e <= 5000 else args.rounds // 2), use_clingo)
        obl = max(int(r["obligations"]), 1)
        cells = (r["N"], r["E"], r["depth"], r["members"], r["obligations"], f"{r['models'] * 1e3:.0f}",
                 f"{r['build'] * 1e3:.0f}",
                 f"{r['run'] * 1e3:.0f}", f"{r['sahel'] * 1e3:.0f}", f"{r['floor'] * 1e3:.1f}",
                 f"{r['clingo'] * 1e3:.0f}" if use_clingo else "—",
                 f"{r['vs_clingo']:.2f}" if use_clingo else "—", f"{r['run_vs_clingo']:.2f}" if use_clingo else "—",
                 f"{r['vs_floor']:.1f}", f"{r['sahel'] / obl * 1e6:.0f}",
                 f"{r['clingo'] / obl * 1e6:.0f}" if use_clingo else "—", "yes" if r["agree"] else "NO")
        print(" | ".join(str(c) for c in cells), flush=True)


if __name__ == "__main__":
    main()
