"""Best coalition structure timings: exact over every coalition, and on the map.

    uv run python bench/bench_partition.py [--quick] [--repeat 3] [--skip-map]
        [--sizes 18,20,22,24] [--families ...] [--max-without 22] [--max-plain-dp 20]
        [--max-sizes 3,4,5] [--maps real,synthetic]
        [--limit 60]

Unrestricted: ``partition_exact.best_partition`` (the LP bound of
``partition_lp`` first, then the bounded IDP kernel if the bound does not meet
the best structure found) against the same search without the LP bound and
against plain DP over subsets (numba; plain DP on one core as written in the
textbook, ours on all cores), on five value families: the "normal" and
"uniform" benchmark distributions of the coalition structure generation
literature (v(C) ~ N(10|C|, 0.1|C|), v(C) ~ U(0, 1)·|C|), savings from the cost
model on random councils (seed 0: the family of issue 19), and real English
councils (``instances.district_sample``, a council and its nearest neighbours,
or spread over England, priced as the Find partners page prices them). Medians
of ``--repeat`` runs. ODP-IP's column is QUOTED from issue 19 (its author's
runs on this machine type), not re-measured: see ``ODP_IP_QUOTED``.

Graph-restricted: every current lower-tier council in England on the REAL map
(bench/instances.py ``england_real``: 296 councils, their shared borders,
workload and cost modelled from postcode counts) and a SYNTHETIC England-like
map (296 points, Delaunay neighbours), partnerships connected and of at most 3,
4, 5 councils, against the plain set-partitioning MIP over every connected
coalition given to HiGHS as it is (no dominance, no reduced-cost fixing, no
incumbent), each within ``--limit`` seconds. Run on one core load-free if you
can; the figures print the load average. Where ours is not proven optimal, a
second line says where the gap comes from: the LP bound with cuts and the
proven bound, and the first answer after each stage (dive, local search,
restricted master).

``--trace`` adds, under each map search that is not proven optimal, how the gap
closed: the best found, the proven bound and the gap at 5, 10, 20, 30, ... s up
to the limit (e.g. ``--skip-exact --maps real --max-sizes 5 --no-plain
--limit 600 --trace`` for England at size 5).

``--loaded``: the time limit as a promise. The whole of England (real map,
connected partnerships of up to 5) goes through ``python -m
sharedservices.analysis coalitions`` as one process with
``options.time_limit`` = ``--limit``, while this script keeps one core busy
with a spinning process of its own (the machine deliberately loaded, as when
another job runs); the wall time of the whole process is printed against the
limit, with whether standard output parsed as JSON.
"""

from __future__ import annotations

import argparse
import os
import time

import numba as nb
import numpy as np
from instances import england_like, england_real

from sharedservices.analysis.bitsets import popcounts
from sharedservices.analysis.costmodel import CostModel, Councils, all_savings, batch_savings
from sharedservices.analysis.partition_exact import best_partition
from sharedservices.analysis.partition_graph import best_packing, connected_coalitions


@nb.njit(cache=True)
def plain_dp(v):
    """f(S) = max over T containing S's lowest player of v(T) + f(S \\ T)."""
    size = v.shape[0]
    f = np.empty(size)
    f[0] = 0.0
    for s in range(1, size):
        low = s & -s
        rest = s ^ low
        best = v[s]
        t = rest
        while t:
            val = v[t | low] + f[rest ^ t]
            if val > best:
                best = val
            t = (t - 1) & rest
        val = v[low] + f[rest]
        if val > best:
            best = val
        f[s] = best
    return f[size - 1]


# ODP-IP (github.com/trahwan/ODP-IP; Michalak, Rahwan et al., "A hybrid exact algorithm
# for complete set partitioning", Artificial Intelligence 230, 2016), as QUOTED in issue 19
# from its author's runs on this machine type: not re-measured here (ODP-IP is Java and is
# not fetched or run by this benchmark). Seconds.
ODP_IP_QUOTED = {
    ("cost model", 18): 0.042,
    ("cost model", 22): 0.078,
    ("real councils", 22): 38.8,  # the "samples of real English councils"
    ("real councils", 24): 596.0,
}
FAMILIES = ("normal", "uniform", "cost model", "councils (neighbours)", "councils (spread)")


def values(kind: str, n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if kind.startswith("councils"):  # real councils, priced as the Find partners page does
        from instances import district_sample

        return all_savings(CostModel(), district_sample(n, seed, "spread" in kind))
    if kind == "cost model":
        c = Councils.build(
            [f"E0700{i:04d}" for i in range(n)],
            rng.lognormal(np.log(1.2e6), 0.4, n),
            rng.lognormal(np.log(30_000), 0.6, n),
            rng.uniform(53.3, 54.3, n),
            rng.uniform(-3.2, -1.8, n),
        )
        return all_savings(CostModel(0.85, 40_000, 500), c)
    size = popcounts(n).astype(float)
    normal = kind == "normal"
    v = rng.normal(10 * size, 0.1 * size) if normal else rng.uniform(0, 1, 1 << n) * size
    v[0] = 0.0
    return v


def _median_time(fn, repeat: int, runs: list | None = None):
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    if runs is not None:
        runs.extend(times)
    return float(np.median(times)), out


def _odp_ip(kind: str, n: int) -> str:
    key = "real councils" if kind.startswith("councils") else kind
    quoted = ODP_IP_QUOTED.get((key, n))
    return f"{quoted:g}" if quoted is not None else "-"


def unrestricted(
    sizes: list[int], repeat: int, families: list[str], max_without: int, max_plain: int
) -> None:
    print(f"exact best partition, every coalition allowed (seconds, median of {repeat})")
    print(
        "ours: LP bound first (partition_lp), then the bounded IDP search if it does not "
        f"meet the best structure; without LP: the bounded IDP search alone (n <= {max_without}); "
        f"plain DP: textbook, one core (n <= {max_plain}); ODP-IP: QUOTED from issue 19, "
        "not re-measured"
    )
    print(
        "  (ours is the search given the table of worths, as ODP-IP's time is; 'table' is "
        "building that table from the cost model, not in either)"
    )
    print(
        f"{'values':>22} {'n':>3} {'ours':>8} {'how':>10} {'table':>7} {'no LP':>8} "
        f"{'plain DP':>9} {'ODP-IP*':>8}  check"
    )
    plain_dp(values("normal", 4))  # compile and load outside the timings
    best_partition(values("normal", 18))
    best_partition(values("normal", 18), lp=False)
    best_partition(values("cost model", 16), compiled_lp=True)  # the compiled LP passes
    for kind in families:
        for n in sizes:
            t_table, v = _median_time(lambda n=n, kind=kind: values(kind, n), 1)
            runs: list[float] = []
            t_ours, ours = _median_time(lambda v=v: best_partition(v), repeat, runs)
            how = "LP proof" if "pruned" not in ours.stats else "search"
            t_without, check = np.nan, ""
            if n <= max_without:
                t_without, other = _median_time(lambda v=v: best_partition(v, lp=False), 1)
                same = abs(other.value - ours.value) <= 1e-9 * abs(ours.value)
                check = "same value" if same else f"DIFF {other.value}"
            t_dp = np.nan
            if n <= max_plain:
                t_dp, dp = _median_time(lambda v=v: plain_dp(v), 1)
                if abs(dp - ours.value) > 1e-9 * abs(dp):
                    check += f" DIFF plain {dp}"
            print(
                f"{kind:>22} {n:>3} {t_ours:8.3f} {how:>10} {t_table:7.2f} {t_without:8.2f} "
                f"{t_dp:9.2f} "
                f"{_odp_ip(kind, n):>8}  {check}  load {os.getloadavg()[0]:.1f}  runs "
                + "/".join(f"{t:.3f}" for t in runs),
                flush=True,
            )


def _columns(councils, neighbours, k, model):
    rank, dist = councils.hub_rank(), councils.distances_km()
    cols = connected_coalitions(neighbours, k)
    sizes = np.array([len(c) for c in cols])
    vals = np.empty(len(cols))
    for s in range(2, k + 1):
        idx = np.flatnonzero(sizes == s)
        vals[idx] = batch_savings(model, councils, np.array([cols[i] for i in idx]), rank, dist)
    return cols, vals


CHECKPOINTS = (5, 10, 20, 30, 45, 60, 90, 120, 180, 240, 300, 420, 600)


def gap_over_time(res, started_at: float) -> None:
    """The best found, the proven bound and the gap as they stood at each checkpoint.

    From ``stats["trace"]`` (``packing_region``): the region's incumbent and LP bound
    after the first-answer stages, then HiGHS's best and bound about once a second
    during the last MIP part, with the parts before it added (England's councils
    form one region with partnerships; the rest stand alone). The final line is
    the answer returned.
    """
    trace = sorted(res.stats.get("trace", []))
    if not trace:
        return
    print(f"      {'at s':>6} {'best found £':>14} {'proven bound £':>15} {'gap':>8}")
    shown = set()
    for mark in CHECKPOINTS:
        before = [e for e in trace if e[0] - started_at <= mark]
        if not before or before[-1] in shown or mark > res.stats.get("seconds", 0) + 1:
            continue
        at, best, bound = before[-1]
        shown.add(before[-1])
        gap = (bound - best) / abs(bound) if np.isfinite(bound) and bound else float("nan")
        print(f"      {mark:>6} {best:14,.0f} {bound:15,.0f} {gap:8.4%}")
    print(f"      {'end':>6} {res.value:14,.0f} {res.bound:15,.0f} {res.gap:8.4%}")


def on_the_map(
    maps: list[str], max_sizes: list[int], limit: float, plain: bool, trace: bool = False
) -> None:
    model = CostModel(0.85, 40_000, 500)
    for name in maps:
        councils, neighbours = england_real() if name == "real" else england_like()
        print(
            f"\ngraph-restricted, {name.upper()} England: {len(councils)} councils, "
            f"{sum(map(len, neighbours)) // 2} edges, time limit {limit:g} s, "
            f"load {os.getloadavg()[0]:.1f}"
        )
        print(
            f"{'max':>3} {'columns':>8} {'kept':>7} {'fixed':>7} {'seconds':>8} {'optimal':>7} "
            f"{'gap':>8} {'saving £':>14}   plain MIP: seconds, optimal, gap; ratio"
        )
        for k in max_sizes:
            t = time.perf_counter()
            cols, vals = _columns(councils, neighbours, k, model)
            started_at = time.perf_counter()
            res = best_packing(len(councils), cols, vals, time_limit=limit)
            took = time.perf_counter() - t
            base_txt = ""
            if plain:
                t = time.perf_counter()
                base = best_packing(len(councils), cols, vals, time_limit=limit, prune=False)
                t_base = time.perf_counter() - t
                base_txt = (
                    f"{t_base:.1f}, {base.optimal}, {base.gap:.4%}; "
                    f"{t_base / took:.1f}x{'+' if not base.optimal else ''}"
                )
            kept = res.stats.get("kept_after_fixing", res.columns_kept)
            print(
                f"{k:>3} {len(cols):>8} {res.columns_kept:>7} {kept:>7} {took:8.1f} "
                f"{res.optimal!s:>7} {res.gap:8.4%} {res.value:14,.0f}   {base_txt}",
                flush=True,
            )
            if trace and not res.optimal:
                gap_over_time(res, started_at)
            if not res.optimal:  # where the gap comes from: the bound, or the first answer
                st = res.stats
                print(
                    f"      bound: LP with cuts {st.get('lp_bound', float('nan')):,.0f}, "
                    f"proven {res.bound:,.0f}; first answer: dive {st.get('dive', 0):,.0f}, "
                    f"local search {st.get('polished', 0):,.0f}, "
                    f"with the restricted master {st.get('incumbent', 0):,.0f}"
                )


def _england_input(max_size: int, limit: float) -> dict:
    councils, neighbours = england_real()
    codes = councils.codes
    return {
        "councils": [
            {
                "code": code,
                "baseline_cost": round(float(b), 2),
                "workload": float(w),
                "lat": float(la),
                "lon": float(lo),
            }
            for code, b, w, la, lo in zip(
                codes,
                councils.baseline_cost,
                councils.workload,
                councils.lat,
                councils.lon,
                strict=True,
            )
        ],
        "model": {"scale_exponent": 0.85, "governance_cost": 40_000, "distance_cost_per_km": 500},
        "constraints": {
            "connected": True,
            "edges": sorted(
                [codes[i], codes[j]] for i, ns in enumerate(neighbours) for j in ns if i < j
            ),
            "max_size": max_size,
        },
        "options": {"time_limit": limit},
    }


def time_limit_under_load(max_sizes: list[int], limit: float, spinners: int) -> None:
    import json
    import subprocess
    import sys
    import tempfile

    print(
        f"\ntime limit under load: real England, whole process, limit {limit:g} s, "
        f"{spinners} core(s) kept busy by a spinning process, load {os.getloadavg()[0]:.1f}"
    )
    print(f"{'max':>3} {'wall s':>7} {'over %':>7} {'reported s':>10} {'gap':>8}  stdout")
    spin = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(spinners)]
    try:
        for k in max_sizes:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
                json.dump(_england_input(k, limit), fh)
            t = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "sharedservices.analysis", "coalitions", fh.name],
                capture_output=True,
                text=True,
            )
            wall = time.perf_counter() - t
            os.unlink(fh.name)
            try:
                out, verdict = json.loads(done.stdout), "JSON"
            except json.JSONDecodeError:
                out, verdict = {}, f"NOT JSON: {done.stdout[:60]!r}"
            print(
                f"{k:>3} {wall:7.1f} {100 * (wall / limit - 1):7.1f} "
                f"{out.get('seconds', float('nan')):10.1f} {out.get('gap', float('nan')):8.4%}  "
                f"{verdict}",
                flush=True,
            )
    finally:
        for p in spin:
            p.kill()
            p.wait()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller sizes, shorter limits")
    ap.add_argument("--skip-map", action="store_true")
    ap.add_argument("--skip-exact", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sizes", default=None)
    ap.add_argument("--families", default=",".join(FAMILIES), help="comma-separated")
    ap.add_argument("--max-without", type=int, default=22, help="largest n timed without LP")
    ap.add_argument("--max-plain-dp", type=int, default=20, help="largest n for plain DP")
    ap.add_argument("--max-sizes", default="3,4,5")
    ap.add_argument("--maps", default="real,synthetic")
    ap.add_argument("--limit", type=float, default=None)
    ap.add_argument("--no-plain", action="store_true", help="skip the plain MIP baseline")
    ap.add_argument(
        "--trace", action="store_true", help="how the gap closes: best, bound, gap over time"
    )
    ap.add_argument("--loaded", action="store_true", help="only the time limit under load")
    ap.add_argument("--spinners", type=int, default=1, help="busy processes with --loaded")
    args = ap.parse_args()
    if args.loaded:
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        time_limit_under_load(
            [int(x) for x in args.max_sizes.split(",")], args.limit or 60.0, args.spinners
        )
        return
    sizes = args.sizes or ("16,18,20" if args.quick else "18,20,22,24")
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    if not args.skip_exact:
        unrestricted(
            [int(x) for x in sizes.split(",")],
            1 if args.quick else args.repeat,
            args.families.split(","),
            args.max_without,
            args.max_plain_dp,
        )
    if not args.skip_map:
        on_the_map(
            args.maps.split(","),
            [int(x) for x in args.max_sizes.split(",")],
            args.limit or (20.0 if args.quick else 60.0),
            not args.no_plain,
            args.trace,
        )


if __name__ == "__main__":
    main()
