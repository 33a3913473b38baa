"""Peak memory of ``sahel-sim run --format json`` (and Markdown, CSV) as the events grow.

For 10, 100 and 1,000 events (armed attacks by Mauritania on Sahel and
ECOWAS states in turn, the heaviest kind, as in ``limits.py``), the command
runs in a fresh interpreter writing to a file, and the peak resident memory of
that process (``wait4``'s ``ru_maxrss``) is printed with the file's size and
the growth per event between sizes.  Reports are written event by event, so
the peak should stay flat: the import floor plus one event's findings.
Nothing is asserted; compare the figures of one run.

Usage:
    python benchmarks/memory.py [--events 10,100,1000] [--formats json,markdown,csv]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.limits import scenario  # noqa: E402

SUFFIX = {"json": "json", "markdown": "md", "csv": "csv"}


def measure(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit code of ``sahel-sim ARGS`` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "sahel_sim", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", default="10,100,1000", help="comma-separated numbers of events")
    parser.add_argument("--formats", default="json", help="comma-separated formats (json, markdown, csv)")
    opts = parser.parse_args()
    sizes = [int(n) for n in opts.events.split(",") if n.strip()]
    formats = [f.strip() for f in opts.formats.split(",") if f.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("| format | events | peak memory (MB) | MB per event since the last size | output (MB) | time (s) | exit |")
        print("|---|---|---|---|---|---|---|")
        for fmt in formats:
            last: tuple[int, float] | None = None
            for n in sizes:
                out = folder / f"out-{n}.{SUFFIX[fmt]}"
                wall, peak, code = measure(["run", str(scenario(folder, n)), "-f", fmt, "--out", str(out), "--force"])
                size = out.stat().st_size / 1e6 if out.exists() else 0.0
                slope = f"{(peak - last[1]) / (n - last[0]):.3f}" if last else "-"
                print(f"| {fmt} | {n:,} | {peak:.0f} | {slope} | {size:.1f} | {wall:.1f} | {code} |", flush=True)
                last = (n, peak)


if __name__ == "__main__":
    main()
