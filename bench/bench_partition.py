"""Best coalition structure timings: exact over every coalition, and on the map.

    uv run python bench/bench_partition.py [--quick]

Unrestricted: the IDP kernel of ``partition_exact`` against plain DP over
subsets (both compiled with numba; plain DP runs on one core as written in the
textbook, ours on all cores) on three value families: the "normal" and
"uniform" benchmark distributions of the coalition structure generation
literature (v(C) ~ N(10|C|, 0.1|C|), v(C) ~ U(0, 1)·|C|) and savings from the
cost model on a random cluster of councils.

Graph-restricted: a SYNTHETIC England-like instance (bench/instances.py: 296
points in a 600 km x 400 km box, Delaunay neighbours, lognormal workloads and
costs; the real council map is not wired in yet), partnerships connected and of
at most 3, 4, 5 councils, against the plain set-partitioning MIP over every
connected coalition (no dominance pruning, no decomposition).
"""

from __future__ import annotations

import argparse
import time

import numba as nb
import numpy as np
from instances import england_like

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


def values(kind: str, n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
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


def unrestricted(quick: bool) -> None:
    print("exact best partition, every coalition allowed (seconds)")
    print(f"{'values':>11} {'n':>3} {'ours':>8} {'plain DP':>9} {'ratio':>6}  check")
    plain_dp(values("normal", 4))  # compile outside the timings
    best_partition(values("normal", 4))
    sizes = (16, 18, 20) if quick else (16, 18, 20, 22)
    for kind in ("normal", "uniform", "cost model"):
        for n in sizes:
            v = values(kind, n)
            t = time.perf_counter()
            ours = best_partition(v)
            t_ours = time.perf_counter() - t
            t_dp, check = np.nan, ""
            if n <= 20:
                t = time.perf_counter()
                dp = plain_dp(v)
                t_dp = time.perf_counter() - t
                check = "same value" if abs(dp - ours.value) <= 1e-9 * abs(dp) else f"DIFF {dp}"
            print(f"{kind:>11} {n:>3} {t_ours:8.2f} {t_dp:9.2f} {t_dp / t_ours:6.1f}  {check}")
    if not quick:
        v = values("cost model", 24)
        t = time.perf_counter()
        ours = best_partition(v)
        print(f"{'cost model':>11} {24:>3} {time.perf_counter() - t:8.2f} {'-':>9} {'-':>6}")


def on_the_map(quick: bool) -> None:
    councils, neighbours = england_like()
    model = CostModel(0.85, 40_000, 500)
    rank, dist = councils.hub_rank(), councils.distances_km()
    limit = 20.0 if quick else 60.0
    print(
        f"\ngraph-restricted, SYNTHETIC England-like map: {len(councils)} councils, "
        f"{sum(map(len, neighbours)) // 2} Delaunay edges, time limit {limit:g} s"
    )
    print(
        f"{'max':>3} {'columns':>8} {'kept':>7} {'regions':>7} {'seconds':>8} {'optimal':>7} "
        f"{'gap':>8} {'saving £':>14}   plain MIP: seconds, optimal, gap"
    )
    for k in (3, 4, 5):
        t = time.perf_counter()
        cols = connected_coalitions(neighbours, k)
        sizes = np.array([len(c) for c in cols])
        vals = np.empty(len(cols))
        for s in range(2, k + 1):
            idx = np.flatnonzero(sizes == s)
            vals[idx] = batch_savings(model, councils, np.array([cols[i] for i in idx]), rank, dist)
        res = best_packing(len(councils), cols, vals, time_limit=limit)
        took = time.perf_counter() - t
        plain = ""
        if k == 3 or not quick:
            t = time.perf_counter()
            base = best_packing(len(councils), cols, vals, time_limit=limit, prune=False)
            plain = f"{time.perf_counter() - t:.1f}, {base.optimal}, {base.gap:.4%}"
        print(
            f"{k:>3} {len(cols):>8} {res.columns_kept:>7} {res.regions:>7} {took:8.1f} "
            f"{res.optimal!s:>7} {res.gap:8.4%} {res.value:14,.0f}   {plain}"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller sizes, shorter limits")
    ap.add_argument("--skip-map", action="store_true")
    args = ap.parse_args()
    unrestricted(args.quick)
    if not args.skip_map:
        on_the_map(args.quick)


if __name__ == "__main__":
    main()
