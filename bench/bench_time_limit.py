"""The partner finder's time limit as a wall-clock promise, measured on whole processes.

    uv run python bench/bench_time_limit.py [--limits 5,20,60] [--runs 20] [--busy 0,2]
        [--max-size 5]

Every current lower-tier council in England on the real map (``instances.england_real``),
connected partnerships of at most ``--max-size``, goes through ``python -m
sharedservices.analysis coalitions`` as one process per run with ``options.time_limit``
set to each limit, ``--runs`` times, first with no process of ours beside it and then
with ``--busy`` other processes spinning (the machine deliberately loaded). For each
limit: the wall time of the whole process (start-up to exit) of every run, the slowest
against the limit, the time the answer reports (``seconds``), its gap, and whether
standard output parsed as JSON. The load average before each batch is printed: on a
shared machine it is part of every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from bench_partition import _england_input


def run_once(path: str) -> tuple[float, dict, bool]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sharedservices.analysis", "coalitions", path, "--indent", "0"],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    try:
        return wall, json.loads(done.stdout), True
    except json.JSONDecodeError:
        return wall, {}, False


def batch(limit: float, runs: int, busy: int, max_size: int) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(_england_input(max_size, limit), fh)
    spin = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(busy)]
    load = os.getloadavg()[0]
    walls, gaps, reported, pure = [], [], [], True
    try:
        for _ in range(runs):
            wall, out, ok = run_once(fh.name)
            walls.append(wall)
            gaps.append(out.get("gap", float("nan")))
            reported.append(out.get("seconds", float("nan")))
            pure &= ok and "coalitions" in out
    finally:
        for p in spin:
            p.kill()
            p.wait()
        os.unlink(fh.name)
    slowest = max(walls)
    print(
        f"{limit:>5g} {busy:>4} {runs:>4} {load:>5.1f} {min(walls):7.2f} {slowest:7.2f} "
        f"{100 * (slowest / limit - 1):+7.2f}% {max(reported):9.2f} "
        f"{min(gaps):8.3%}-{max(gaps):.3%}  {'JSON' if pure else 'NOT JSON'}  walls "
        + " ".join(f"{w:.2f}" for w in walls),
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limits", default="5,20,60")
    ap.add_argument("--runs", default="20", help="runs per limit: one number, or one per limit")
    ap.add_argument("--busy", default="0,2", help="busy processes beside the runs, per batch")
    ap.add_argument("--max-size", type=int, default=5)
    args = ap.parse_args()
    limits = [float(x) for x in args.limits.split(",")]
    runs = [int(x) for x in args.runs.split(",")]
    runs = runs * len(limits) if len(runs) == 1 else runs
    print(
        f"{os.cpu_count()} cores; England, real map, connected partnerships of at most "
        f"{args.max_size}; whole processes"
    )
    print(
        f"{'limit':>5} {'busy':>4} {'runs':>4} {'load':>5} {'fastest':>7} {'slowest':>7} "
        f"{'over':>8} {'reported':>9} {'gap':>17}  stdout"
    )
    for busy in (int(x) for x in args.busy.split(",")):
        for limit, n in zip(limits, runs, strict=True):
            batch(limit, n, busy, args.max_size)


if __name__ == "__main__":
    main()
