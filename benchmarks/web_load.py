"""Load benchmark of ``sahel-sim serve``: concurrent run requests on the loopback interface only.

Starts the server on a free port of 127.0.0.1, sends ``--requests`` run
requests from ``--clients`` concurrent clients (shipped scenarios by name,
and the same scenarios posted as YAML, with dates and readings varied so
that each answer is computed), and prints throughput, p50/p99 latency, the
answers by status, and the server's resident memory before and after.  The
loop is bounded in count and in time (``--max-seconds``), and the server is
stopped at the end.  Figures depend on the machine and its load.

Usage:
    python benchmarks/web_load.py [--requests 200] [--clients 4] [--runs 2] [--max-seconds 300]
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
NAMES = ("ecowas-intervention-niger-2023-10", "jihadist-attack-burkina-liptako", "rebellion-northern-mali-2024",
         "malian-drone-shot-down-2025")
DATES = ("", "2023-08-20", "2023-10-01", "2024-06-01", "2025-03-01")
READINGS = ("", "aes", "ecowas")


def questions() -> itertools.cycle[tuple[str, str, bytes | None]]:
    """(method, path, body) for run requests, shipped and posted, cycling over dates and readings."""
    texts = {n: (SCENARIOS / f"{n}.yaml").read_bytes() for n in NAMES}
    asked = []
    for i, (name, day, reading) in enumerate(itertools.product(NAMES, DATES, READINGS)):
        query = "&".join(f"{k}={v}" for k, v in (("as_of", day), ("perspective", reading)) if v)
        if i % 2:
            asked.append(("POST", f"/api/run?{query}", texts[name]))
        else:
            asked.append(("GET", f"/api/scenarios/{name}/run?{query}", None))
    return itertools.cycle(asked)


def rss_mib(pid: int) -> float:
    """Resident memory of the process and its children, in MiB (psutil when present, else /proc)."""
    try:
        import psutil

        proc = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 2**20
    except ImportError:
        text = Path(f"/proc/{pid}/status").read_text()
        found = re.search(r"VmRSS:\s+(\d+) kB", text)
        return int(found.group(1)) / 1024 if found else float("nan")


def start_server(runs: int) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen([sys.executable, "-m", "sahel_sim", "serve", "--host", "127.0.0.1", "--port", "0",
                             "--runs", str(runs), "--scenarios", str(SCENARIOS)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not found:
        proc.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    return proc, int(found.group(1))


def one(port: int, method: str, path: str, body: bytes | None) -> tuple[int, float, int]:
    """Status, seconds and answer size of one request, on a fresh loopback connection."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        headers = {"content-type": "application/yaml"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        answer = conn.getresponse()
        size = len(answer.read())
        return answer.status, time.perf_counter() - start, size
    finally:
        conn.close()


def load(port: int, requests: int, clients: int, max_seconds: float) -> tuple[list[tuple[int, float, int]], float]:
    """Send ``requests`` requests from ``clients`` threads; stop early when ``max_seconds`` have passed."""
    todo = questions()
    lock = threading.Lock()
    results: list[tuple[int, float, int]] = []
    sent = 0
    deadline = time.monotonic() + max_seconds

    def client() -> None:
        nonlocal sent
        while True:
            with lock:
                if sent >= requests or time.monotonic() > deadline:
                    return
                sent += 1
                method, path, body = next(todo)
            try:
                outcome = one(port, method, path, body)
            except OSError:
                outcome = (0, float("nan"), 0)
            with lock:
                results.append(outcome)

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--runs", type=int, default=2, help="the server's --runs (runs at once)")
    parser.add_argument("--max-seconds", type=float, default=300.0)
    args = parser.parse_args()
    if not (1 <= args.requests <= 10_000 and 1 <= args.clients <= 32 and 0 < args.max_seconds <= 1800):
        raise SystemExit("bounds: 1-10000 requests, 1-32 clients, at most 1800 s")
    proc, port = start_server(args.runs)
    try:
        for method, path, body in itertools.islice(questions(), 2 * len(NAMES)):  # warm: scenarios loaded once
            one(port, method, path, body)
        before = rss_mib(proc.pid)
        results, seconds = load(port, args.requests, args.clients, args.max_seconds)
        after = rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)
    times = sorted(t for status, t, _ in results if status == 200)
    statuses = Counter(status for status, _, _ in results)
    print(f"sahel-sim serve on 127.0.0.1, --runs {args.runs}: {len(results)} run requests from {args.clients} clients "
          f"in {seconds:.1f} s")
    print(f"  answers by status: {dict(sorted(statuses.items()))}  (lost: {args.requests - len(results)})")
    if times:
        p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
        print(f"  throughput: {len(results) / seconds:.2f} requests/s; "
              f"latency p50 {statistics.median(times) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
              f"max {times[-1] * 1000:.0f} ms")
        print(f"  mean answer: {statistics.mean(size for _, _, size in results) / 1024:.0f} KiB")
    print(f"  server memory (RSS): {before:.0f} MiB before, {after:.0f} MiB after ({after - before:+.0f} MiB)")


if __name__ == "__main__":
    main()
