"""Start-up benchmark: wall time of sahel-sim commands beside the import floors.

Prints medians over N fresh interpreters for ``python -c pass``, the
pydantic+networkx+yaml import floor, ``sahel-sim --help``, ``validate`` and
``run`` on a shipped scenario, and their ratios to the floors.  Figures vary
by machine and load; compare ratios measured in the same run.

Usage:
    python benchmarks/startup.py [--rounds 11]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"
PY = sys.executable

TARGETS = {
    "bare python -c pass": [PY, "-c", "pass"],
    "import pydantic, networkx, yaml": [PY, "-c", "import pydantic, networkx, yaml"],
    "sahel-sim --help": [PY, "-m", "sahel_sim", "--help"],
    "sahel-sim validate": [PY, "-m", "sahel_sim", "validate", str(SCENARIO)],
    "sahel-sim run": [PY, "-m", "sahel_sim", "run", str(SCENARIO)],
}


def wall(cmd: list[str]) -> float:
    """Seconds one command takes, output discarded."""
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    """Measure every target round-robin and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args()
    for cmd in TARGETS.values():
        wall(cmd)  # warm-up, discarded
    samples: dict[str, list[float]] = {name: [] for name in TARGETS}
    for _ in range(args.rounds):
        for name, cmd in TARGETS.items():
            samples[name].append(wall(cmd))
    med = {name: statistics.median(v) * 1000 for name, v in samples.items()}
    bare, floor = med["bare python -c pass"], med["import pydantic, networkx, yaml"]
    print(f"{'target':34} {'median ms':>10} {'min ms':>8} {'x bare':>7} {'x floor':>8}")
    for name, ms in med.items():
        low = min(samples[name]) * 1000
        print(f"{name:34} {ms:10.1f} {low:8.1f} {ms / bare:7.2f} {ms / floor:8.2f}")


if __name__ == "__main__":
    main()
