"""Engine benchmark: sahel-sim beside clingo and an indexed floor, on synthetic worlds.

For each size (N states, E attacks, cascade depth) the script generates a
world from a seed, runs the three engines on the same rules, checks that they
produce the same obligation set, and prints times, throughput and the ratios
to quote: sahel-sim / clingo (parse + ground + solve + extract) and
sahel-sim / floor.  sahel-sim builds its reasons but not its
non-obligations (``negatives=False``), as in a sweep.

Usage:
    python benchmarks/engine.py                 # the default grid
    python benchmarks/engine.py --quick         # N = 50, 200; E = 1, 100
    python benchmarks/engine.py --sizes 200:100:0 1000:10000:2
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from peers import checksum, run_clingo, run_floor, run_sahel, sahel_set, sahel_world  # noqa: E402
from synthetic import make_world  # noqa: E402

DEFAULT = ["50:1:0", "50:100:0", "50:10000:0", "200:1:0", "200:100:0", "200:10000:0",
           "1000:1:0", "1000:100:0", "1000:10000:0", "50:100:2", "200:100:2", "1000:100:2", "200:10000:2"]
QUICK = ["50:1:0", "50:100:0", "200:1:0", "200:100:0", "200:100:2"]


def best_of(fn, repeat: int):  # noqa: ANN001, ANN201
    """The fastest of ``repeat`` runs, and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def run_size(n: int, e: int, depth: int, repeat: int, use_clingo: bool) -> dict[str, object]:
    """Measure one configuration and check the engines agree."""
    w = make_world(n, e, seed=1, hot=(e == 1))
    t = time.perf_counter()
    G, events = sahel_world(w)
    build = time.perf_counter() - t
    sahel_s, result = best_of(lambda: run_sahel(G, events, depth), repeat)
    sahel = sahel_set(result)
    floor_s, floor = best_of(lambda: run_floor(w, depth), repeat)
    row: dict[str, object] = dict(N=n, T=2 * n, members=len(w.memberships), E=len(w.attacks), depth=depth,
                                  obligations=len(sahel), build_ms=build * 1e3, sahel_ms=sahel_s * 1e3,
                                  floor_ms=floor_s * 1e3, agree_floor=sahel == floor)
    if use_clingo:
        timings: dict[str, float] = {}
        clingo_set = run_clingo(w, depth, timings)
        row.update(clingo_ms=sum(timings.values()) * 1e3, clingo_core_ms=timings["core"] * 1e3,
                   agree_clingo=clingo_set == sahel)
    row["checksum"] = checksum(sahel)
    row["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return row


def main() -> None:
    """Run the grid and print one line per configuration."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", help="N:E:depth triples")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    try:
        import clingo  # noqa: F401

        use_clingo = True
    except ImportError:
        use_clingo = False
        print("clingo not installed (pip install clingo): comparing with the floor only")
    sizes = args.sizes or (QUICK if args.quick else DEFAULT)
    head = ("N", "T", "members", "E", "depth", "obligations", "build ms", "sahel ms", "floor ms", "clingo ms",
            "sahel/clingo", "sahel/floor", "ev/s", "obl/s", "agree", "peak MB")
    print(" | ".join(head))
    for spec in sizes:
        n, e, depth = (int(x) for x in spec.split(":"))
        r = run_size(n, e, depth, args.repeat if e < 10000 else 1, use_clingo)
        s = float(r["sahel_ms"]) / 1e3
        clingo_ms = r.get("clingo_ms")
        agree = r["agree_floor"] and r.get("agree_clingo", True)
        cells = (r["N"], r["T"], r["members"], r["E"], r["depth"], r["obligations"], f"{r['build_ms']:.0f}",
                 f"{r['sahel_ms']:.1f}", f"{r['floor_ms']:.1f}", f"{clingo_ms:.1f}" if clingo_ms else "—",
                 f"{r['sahel_ms'] / clingo_ms:.2f}" if clingo_ms else "—",
                 f"{float(r['sahel_ms']) / max(float(r['floor_ms']), 1e-3):.1f}",
                 f"{int(r['E']) / s:,.0f}", f"{int(r['obligations']) / s:,.0f}", "yes" if agree else "NO",
                 f"{r['peak_rss_mb']:.0f}")
        print(" | ".join(str(c) for c in cells), flush=True)


if __name__ == "__main__":
    main()
