"""Time and memory of every command at its documented limit, and of the refusal just past it.

For each command the limits of :mod:`sahel_sim.cli.limits` allow (``run`` as a
table, as JSON, with ``--cascade 50``, ``--compare-perspectives``; ``check``,
``timeline``, ``graph``, ``explain``, ``sweep``; ``verify --library``), a
scenario with exactly the limit's number of events is written, the command
runs in a fresh interpreter, and the wall time and the peak resident memory
of that process (``wait4``'s ``ru_maxrss``) are printed; then the same with
one event more, which must be refused (exit 2) at once.

The events are armed attacks by Mauritania on Sahel and ECOWAS states in
turn, the heaviest kind for the engine (every pact of every target is
asked).  Nothing is asserted: the README's "Work limits" table quotes these
figures, and a slower machine scales them.

Usage:
    python benchmarks/limits.py [--only run,json] [--scale 0.1]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sahel_sim.cli.limits import EVENTS, SWEEP_EVENT_RUNS  # noqa: E402

TARGETS = ("MLI", "NER", "BFA", "SEN", "CIV", "TCD", "NGA", "GHA")
EVENT = "  - {id: e%d, date: 2025-06-%02d, kind: armed_attack, actors: [MRT], target: %s}\n"


def scenario(folder: Path, events: int) -> Path:
    path = folder / f"s{events}.yaml"
    if not path.exists():
        body = "".join(EVENT % (i, 1 + i % 28, TARGETS[i % len(TARGETS)]) for i in range(events))
        expect = ("expect:\n  obligated:\n    - {obligor: NER, beneficiary: MLI, treaty: liptako-gourma-charter, "
                  "article: '6', event: e0}\n")  # so that check runs the scenario
        path.write_text(f"scenario: {events} attacks\nevents:\n{body}{expect}", encoding="utf-8")
    return path


def cases(folder: Path) -> dict[str, tuple[str, list[str]]]:
    """Name -> (limit key, arguments with {s} for the scenario and {o} for an output folder)."""
    return {
        "run": ("run", ["run", "{s}"]),
        "run --format json": ("json", ["run", "{s}", "-f", "json"]),
        "run --cascade 50": ("cascade", ["run", "{s}", "--cascade", "50"]),
        "run --compare-perspectives": ("compare", ["run", "{s}", "--compare-perspectives"]),
        "check": ("check", ["check", "{s}"]),
        "timeline (2023-07-26 .. 2025-02-28)": ("timeline", ["timeline", "{s}", "--from", "2023-07-26",
                                                              "--to", "2025-02-28"]),
        "graph (PNG)": ("graph", ["graph", "{s}", "--out", "{o}/g.png", "--force"]),
        "explain --party TCD": ("explain", ["explain", "{s}", "--party", "TCD"]),
    }


def measure(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit code of ``sahel-sim ARGS`` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SAHEL_SIM_NO_CACHE": ""}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "sahel_sim", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="comma-separated case names (prefixes) to run")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of each limit to run at (quick looks)")
    opts = parser.parse_args()
    wanted = [w.strip() for w in opts.only.split(",") if w.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"| command | events | time (s) | peak memory (MB) | exit | one more: time (s), exit |")
        print("|---|---|---|---|---|---|")
        rows = list(cases(folder).items())
        rows.append(("sweep (variants x events)", ("sweep", [])))
        rows.append(("verify --library", ("verify", [])))
        for name, (key, template) in rows:
            if wanted and not any(name.startswith(w) for w in wanted):
                continue
            if key == "sweep":
                events = max(1, int(20 * opts.scale))
                days = SWEEP_EVENT_RUNS // 20
                path = scenario(folder, events)
                base = ["sweep", str(path), "--workers", "1", "-q"]
                last = date(2023, 1, 1) + timedelta(days=days - 1)
                at = measure([*base, "--vary", f"date=2023-01-01..{last}"])
                over = measure([*base, "--vary", f"date=2023-01-01..{last + timedelta(days=1)}"]) if events == 20 \
                    else (0.0, 0.0, 0)
                print(f"| {name} | {events} x {days:,} | {at[0]:.1f} | {at[1]:.0f} | {at[2]} | "
                      f"{over[0]:.1f}, {over[2]} |", flush=True)
                continue
            if key == "verify":
                at = measure(["verify", "--library", "--out-dir", str(folder / "ce"), "--force", "-q"])
                print(f"| {name} | (5 treaties) | {at[0]:.1f} | {at[1]:.0f} | {at[2]} | - |")
                continue
            limit = max(1, int(EVENTS[key] * opts.scale))
            fill = {"s": "", "o": str(folder)}
            fill["s"] = str(scenario(folder, limit))
            at = measure([a.format(**fill) for a in template])
            fill["s"] = str(scenario(folder, EVENTS[key] + 1))
            over = measure([a.format(**fill) for a in template])
            print(f"| {name} | {limit:,} | {at[0]:.1f} | {at[1]:.0f} | {at[2]} | {over[0]:.1f}, {over[2]} |",
                  flush=True)


if __name__ == "__main__":
    main()
