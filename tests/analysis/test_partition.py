import numpy as np
import pytest

from sharedservices.analysis.bitsets import connected_masks
from sharedservices.analysis.partition_exact import best_partition
from sharedservices.analysis.partition_graph import (
    all_coalitions,
    best_packing,
    connected_coalitions,
    undominated,
)

from .helpers import brute_best_partition, mask, random_game, set_partitions


@pytest.mark.parametrize("seed", range(40))
def test_exact_partition_matches_enumeration_of_every_partition(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 9))
    v = random_game(rng, n, superadditive_ish=bool(seed % 2))
    if seed % 3 == 0:
        v[rng.random(1 << n) < 0.3] = -np.inf
        v[0] = 0.0
    got = best_partition(v)
    assert got.value == pytest.approx(brute_best_partition(v))
    if np.isfinite(got.value):
        assert sorted(b for b in got.blocks) == sorted(got.blocks)
        assert sum(got.blocks) == (1 << n) - 1 and np.bitwise_or.reduce(got.blocks) == (1 << n) - 1
        assert sum(v[b] for b in got.blocks) == pytest.approx(got.value)


def test_connected_enumeration_matches_brute_force():
    rng = np.random.default_rng(0)
    n = 9
    edges = {(a, b) for a in range(n) for b in range(a + 1, n) if rng.random() < 0.35}
    nbrs = [[b for b in range(n) if (a, b) in edges or (b, a) in edges] for a in range(n)]
    adjacency = [mask(x) for x in nbrs]
    table = connected_masks(n, adjacency)
    for k in (2, 3, 4, 9):
        got = sorted(connected_coalitions(nbrs, k))
        assert len(got) == len(set(got))
        want = sorted(
            tuple(i for i in range(n) if m >> i & 1)
            for m in range(1 << n)
            if table[m] and 2 <= bin(m).count("1") <= k
        )
        assert got == want


def _packing_brute(n, cols, vals, must):
    col_value = {tuple(sorted(c)): w for c, w in zip(cols, vals, strict=True)}
    best = -np.inf
    for p in set_partitions(list(range(n))):
        total = 0.0
        for block in p:
            if len(block) == 1:
                total += -np.inf if must[block[0]] else 0.0
            else:
                total += col_value.get(tuple(sorted(block)), -np.inf)
        best = max(best, total)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_packing_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = 7
    cols = all_coalitions(range(n), 3)
    keep = rng.random(len(cols)) < 0.6
    cols = [c for c, k in zip(cols, keep, strict=True) if k]
    vals = rng.normal(1, 2, len(cols))
    must = np.zeros(n, dtype=bool)
    if seed % 3 == 0:
        must[[0, 1]] = True
    got = best_packing(n, cols, vals, must, time_limit=30)
    want = _packing_brute(n, cols, vals, must)
    assert got.optimal
    assert got.value == pytest.approx(want)
    if np.isfinite(want):
        used = [u for c in got.chosen for u in c]
        assert len(used) == len(set(used))


def test_a_column_no_better_than_its_split_is_dropped():
    cols = [(0, 1), (2, 3), (0, 1, 2, 3)]
    keep = undominated(4, cols, np.array([5.0, 5.0, 10.0]), np.zeros(4))
    assert keep.tolist() == [True, True, False]
    keep = undominated(4, cols, np.array([5.0, 5.0, 10.5]), np.zeros(4))
    assert keep.tolist() == [True, True, True]
