"""Whole-process timings of ``python -m sharedservices.analysis``: start-up and real work.

    uv run python bench/bench_cli.py [--repeat 5]

Each case is a fresh ``python -m sharedservices.analysis COMMAND FILE`` (the
interpreter from this environment, not ``uv run``, whose own start is not
ours), run ``--repeat`` times with the cases interleaved; the medians of the
wall time and of the child's CPU time (user + system, which a busy machine
inflates much less) are printed. Cases:

* start-up: ``--help``, ``share`` with one equal-split line, ``coalitions`` on 3
  and on 14 councils (the exact search, no numba at these sizes), ``appraise``
  on one option: almost no work, so the time is Python and imports;
* ``share`` with one nucleolus line on 20 real councils (a neighbour cluster
  and a spread sample, ``instances.district_sample``; needs the geography
  cache, ``GEOGRAPHY_CACHE_DIR``): the issue asks for under 3 s;
* ``coalitions`` on those 20 councils, unconnected (2**20 coalitions, exact):
  the numba kernels, loaded from numba's on-disk cache (warmed by one untimed
  run of every case first).

Two floors are timed beside them: ``python -c pass`` and ``python -c "import
numpy"``. Wall time is given as min / median / max of the runs (as hyperfine
prints), CPU time as the median. Whether the installed packages' bytecode is
compiled is printed too: with ``PYTHONDONTWRITEBYTECODE`` set and no ``.pyc``
files (``uv sync`` does not write them unless asked, ``--compile-bytecode``),
every process compiles numpy's source again; ``--no-bytecode`` measures that.

Each output is parsed as JSON: a solver banner on standard output fails it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

THREE = [
    {"code": "E07000117", "baseline_cost": 1200000, "workload": 45000, "lat": 53.8, "lon": -2.2},
    {"code": "E07000120", "baseline_cost": 900000, "workload": 30000, "lat": 53.75, "lon": -2.35},
    {"code": "E07000122", "baseline_cost": 800000, "workload": 25000, "lat": 53.85, "lon": -2.1},
]


def _partners(spread: bool) -> list[dict]:
    from instances import district_sample

    c = district_sample(20, 0, spread)
    return [
        {
            "code": code,
            "baseline_cost": float(b),
            "workload": float(w),
            "lat": float(la),
            "lon": float(lo),
        }
        for code, b, w, la, lo in zip(
            c.codes, c.baseline_cost, c.workload, c.lat, c.lon, strict=True
        )
    ]


FLOORS = [
    ("floor: python -c pass", ["-c", "pass"]),
    ("floor: python -c 'import numpy'", ["-c", "import numpy"]),
    ("start: --help", ["-m", "sharedservices.analysis", "--help"]),
]


FLOORS_ARGV = dict(FLOORS)
ENV = dict(os.environ)


def cases(with_real: bool) -> list[tuple[str, str, dict]]:
    out = [
        (
            "start: share, equal split",
            "share",
            {
                "partners": [{"code": c["code"]} for c in THREE],
                "lines": [{"name": "rent", "kind": "saving", "amount": 600, "basis": "equal"}],
            },
        ),
        ("start: coalitions, 3 councils", "coalitions", {"councils": THREE}),
        (
            "coalitions, 14 councils",
            "coalitions",
            {"councils": _fourteen()},
        ),
        (
            "start: appraise, 1 option",
            "appraise",
            {
                "start_year": 2026,
                "price_base_year": 2026,
                "horizon_years": 10,
                "discount": {"schedule": "standard"},
                "options": [
                    {"name": "Do nothing", "lines": []},
                    {
                        "name": "Shared service",
                        "lines": [
                            {
                                "name": "ICT integration",
                                "kind": "cost",
                                "category": "capital",
                                "values": {"2026": 250000, "2027": 50000},
                            }
                        ],
                    },
                ],
            },
        ),
    ]
    if with_real:
        for spread in (False, True):
            partners = _partners(spread)
            label = "spread" if spread else "neighbours"
            out.append(
                (
                    f"share, nucleolus, 20 councils ({label})",
                    "share",
                    {
                        "partners": partners,
                        "lines": [
                            {
                                "name": "saving",
                                "kind": "saving",
                                "amount": 1e6,
                                "basis": "nucleolus",
                            }
                        ],
                        "model": {},
                    },
                )
            )
        out.append(
            ("coalitions, 20 councils (exact)", "coalitions", {"councils": _partners(False)})
        )
    return out


def _fourteen() -> list[dict]:
    """14 made-up councils in a strip: 2**14 coalitions, proved by the LP bound (no numba)."""
    return [
        {
            "code": f"E07000{i + 100:03d}",
            "baseline_cost": 600000 + 50000 * i,
            "workload": 20000 + 1500 * i,
            "lat": 53.0 + 0.05 * i,
            "lon": -2.0 - 0.03 * (i % 3),
        }
        for i in range(14)
    ]


def bytecode_compiled() -> bool:
    """Whether numpy's modules have ``.pyc`` files next to them (site-packages compiled)."""
    import importlib.util

    spec = importlib.util.find_spec("numpy")
    origin = Path(spec.origin)
    return (origin.parent / "__pycache__").is_dir()


def run_once(command: str, path: Path | None) -> tuple[float, float, int, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    argv = ["-m", "sharedservices.analysis", command, str(path)] if path else FLOORS_ARGV[command]
    done = subprocess.run([sys.executable, *argv], capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if path is None:
        return wall, cpu, done.returncode, "-"
    try:
        json.loads(done.stdout)
        verdict = "json"
    except json.JSONDecodeError:
        verdict = "NOT JSON"
    return wall, cpu, done.returncode, verdict


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-real", action="store_true", help="start-up cases only")
    ap.add_argument(
        "--src",
        help="run the commands from another copy of src/ (e.g. an older commit's, "
        "from git archive) for a before/after comparison",
    )
    ap.add_argument(
        "--no-bytecode",
        action="store_true",
        help="children find no .pyc (an empty PYTHONPYCACHEPREFIX) and write none: "
        "what an install without compiled bytecode costs",
    )
    args = ap.parse_args()
    if args.no_bytecode:
        ENV["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="no-pyc-")
        ENV["PYTHONDONTWRITEBYTECODE"] = "1"
        print("children read and write no bytecode")
    if args.src:
        ENV["PYTHONPATH"] = str(Path(args.src).resolve())
        print(f"commands from {ENV['PYTHONPATH']}")
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(
        f"site-packages bytecode compiled: {'yes' if bytecode_compiled() else 'no'}; "
        f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r}"
    )
    todo = [(label, label, None) for label, _ in FLOORS] + cases(not args.skip_real)
    with tempfile.TemporaryDirectory() as tmp:
        paths: list[Path | None] = []
        for j, (_, _, payload) in enumerate(todo):
            if payload is None:
                paths.append(None)
                continue
            p = Path(tmp) / f"case{j}.json"
            p.write_text(json.dumps(payload))
            paths.append(p)
        for j, (_, command, _) in enumerate(todo):  # warm the file cache and numba's cache
            run_once(command, paths[j])
        results: list[list[tuple[float, float, int, str]]] = [[] for _ in todo]
        for _ in range(args.repeat):
            for j, (_, command, _) in enumerate(todo):
                results[j].append(run_once(command, paths[j]))
    print(f"\nwhole process (seconds, {args.repeat} runs each, cases interleaved)")
    print(f"{'case':<42} {'wall min / median / max':>24} {'cpu':>6}  exit, stdout")
    for (label, _, _), res in zip(todo, results, strict=True):
        walls = [r[0] for r in res]
        wall = f"{min(walls):.2f} / {float(np.median(walls)):.2f} / {max(walls):.2f}"
        cpu = float(np.median([r[1] for r in res]))
        codes = sorted({r[2] for r in res})
        verdicts = sorted({r[3] for r in res})
        print(f"{label:<42} {wall:>24} {cpu:6.2f}  {codes}, {verdicts}")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
