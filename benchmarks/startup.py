"""Start-up benchmark: CPU time of sahel-sim commands beside the import floors, as ratios.

Each target runs in a fresh interpreter; its cost is the CPU time (user +
system) the child used, read from ``os.wait4``, so a busy machine inflates it
far less than wall time.  The tree is compiled first (``compileall``) and
``PYTHONDONTWRITEBYTECODE`` is removed from the children's environment, so
what is measured is start-up, not compilation.  Targets run interleaved,
round after round, after one discarded warm-up round; medians are printed
with their ratios to ``python -c pass`` and to ``import pydantic, networkx,
yaml``, measured in the same run: each ratio is the median, over rounds, of
the round's own ratio, so that a busy spell of the machine, which slows the
targets of a round alike, moves it little.

``run (warm)`` reads the library from the cache written by the warm-up;
``run (cold)`` runs with ``SAHEL_SIM_NO_CACHE=1`` (the library read and
validated from YAML).

Usage:
    python benchmarks/startup.py [--rounds 11]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"
PY = sys.executable
CLI = [PY, "-m", "sahel_sim"]

TARGETS: dict[str, tuple[list[str], dict[str, str]]] = {
    "bare python -c pass": ([PY, "-c", "pass"], {}),
    "import pydantic, networkx, yaml": ([PY, "-c", "import pydantic, networkx, yaml"], {}),
    "sahel-sim --help": ([*CLI, "--help"], {}),
    "sahel-sim --version": ([*CLI, "--version"], {}),
    "sahel-sim validate": ([*CLI, "validate", str(SCENARIO)], {}),
    "sahel-sim run (warm)": ([*CLI, "run", str(SCENARIO)], {}),
    "sahel-sim run (cold)": ([*CLI, "run", str(SCENARIO)], {"SAHEL_SIM_NO_CACHE": "1"}),
    "sahel-sim check scenarios/": ([*CLI, "check", str(ROOT / "scenarios")], {}),
}


def cpu(cmd: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) one command's process used, output discarded."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    """Compile, warm up, measure every target round-robin and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "sahel_sim"), quiet=1)
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "SAHEL_SIM_NO_CACHE")}
    with tempfile.TemporaryDirectory() as cache:
        base["SAHEL_SIM_CACHE_DIR"] = str(Path(cache) / "sahel-sim")
        envs = {name: {**base, **extra} for name, (_, extra) in TARGETS.items()}
        for name, (cmd, _) in TARGETS.items():
            cpu(cmd, envs[name])  # warm-up (and the cache), discarded
        samples: dict[str, list[float]] = {name: [] for name in TARGETS}
        for _ in range(args.rounds):
            for name, (cmd, _) in TARGETS.items():
                samples[name].append(cpu(cmd, envs[name]))
    med = {name: statistics.median(v) * 1000 for name, v in samples.items()}
    bare, floor = samples["bare python -c pass"], samples["import pydantic, networkx, yaml"]

    def ratio(name: str, anchor: list[float]) -> float:
        """The median over rounds of the target's CPU time over the anchor's in the same round."""
        return statistics.median(t / a for t, a in zip(samples[name], anchor))

    print(f"{'target (CPU time)':34} {'median ms':>10} {'min ms':>8} {'x bare':>7} {'x floor':>8}")
    for name, ms in med.items():
        low = min(samples[name]) * 1000
        print(f"{name:34} {ms:10.1f} {low:8.1f} {ratio(name, bare):7.2f} {ratio(name, floor):8.2f}")
    print("ratios: the median over rounds of each round's own ratio (a busy spell slows a round's targets alike)")


if __name__ == "__main__":
    main()
