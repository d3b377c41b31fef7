"""The packing solver (dominance, LP reduced-cost fixing, re-split, HiGHS) against brute force."""

import numpy as np
import pytest

from sharedservices.analysis.partition_graph import best_packing, connected_coalitions

from .helpers import set_partitions


def brute(n, cols, vals, must):
    value = {tuple(sorted(c)): w for c, w in zip(cols, vals, strict=True)}
    best = -np.inf
    for p in set_partitions(list(range(n))):
        total = 0.0
        for block in p:
            if len(block) == 1:
                total += -np.inf if must[block[0]] else 0.0
            else:
                total += value.get(tuple(sorted(block)), -np.inf)
        best = max(best, total)
    return best


def instance(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 10))
    nbrs = [set() for _ in range(n)]
    for a in range(n):
        for b in range(a + 1, n):
            if b == a + 1 or rng.random() < 0.25:
                nbrs[a].add(b)
                nbrs[b].add(a)
    k = int(rng.integers(2, 5))
    cols = connected_coalitions([sorted(x) for x in nbrs], k)
    size = np.array([len(c) for c in cols], dtype=float)
    kind = seed % 3
    if kind == 0:  # economies of scale with noise, like the cost model
        vals = size**1.5 - rng.uniform(0.5, 2.5, len(cols))
    elif kind == 1:  # many near-ties
        vals = np.round(rng.uniform(-1, 4, len(cols))) * size
    else:
        vals = rng.normal(1, 2, len(cols))
    must = np.zeros(n, dtype=bool)
    if seed % 4 == 0:
        must[rng.choice(n, 2, replace=False)] = True
    return n, cols, vals, must


def check(n, cols, vals, must, got):
    used = [u for c in got.chosen for u in c]
    assert len(used) == len(set(used))
    assert all(must[u] <= (u in used) for u in range(n))
    worth = {tuple(sorted(c)): w for c, w in zip(cols, vals, strict=True)}
    assert sum(worth[tuple(sorted(c))] for c in got.chosen) == pytest.approx(got.value)


@pytest.mark.parametrize("seed", range(30))
def test_packing_with_fixing_matches_brute_force(seed):
    n, cols, vals, must = instance(seed)
    want = brute(n, cols, vals, must)
    for prune in (True, False):
        got = best_packing(n, cols, vals, must, time_limit=30, prune=prune)
        assert got.optimal and got.gap == 0
        assert got.value == pytest.approx(want, abs=1e-6)
        if np.isfinite(want):
            check(n, cols, vals, must, got)


def test_a_grid_needs_the_mip_and_fixing_keeps_it_exact():
    rng = np.random.default_rng(5)
    side = 4
    n = side * side
    nbrs = [[] for _ in range(n)]
    for r in range(side):
        for c in range(side):
            i = r * side + c
            if c + 1 < side:
                nbrs[i].append(i + 1)
                nbrs[i + 1].append(i)
            if r + 1 < side:
                nbrs[i].append(i + side)
                nbrs[i + side].append(i)
    cols = connected_coalitions(nbrs, 3)
    size = np.array([len(c) for c in cols], dtype=float)
    vals = size**1.3 * rng.uniform(0.8, 1.2, len(cols))
    plain = best_packing(n, cols, vals, time_limit=30, prune=False)
    ours = best_packing(n, cols, vals, time_limit=30)
    assert plain.optimal and ours.optimal
    assert ours.value == pytest.approx(plain.value)
    assert ours.stats["kept_after_fixing"] <= len(cols)


def test_progress_reports_and_an_exception_from_it_stops_the_solver():
    n, cols, vals, must = instance(3)
    seen = []
    best_packing(n, cols, vals, must, progress=lambda f, m: seen.append(f))
    assert seen and all(0 <= f <= 1 for f in seen)

    def stop(f, m):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        best_packing(n, cols, vals, must, progress=stop)
