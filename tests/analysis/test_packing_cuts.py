"""Rounded cuts for the packing LP: valid for every packing, and they close a known gap."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csc_array

from sharedservices.analysis.packing_cuts import (
    candidate_sets,
    map_sets,
    separate,
    support_sets,
    violated_triples,
)
from sharedservices.analysis.packing_lp import PackingLP
from sharedservices.analysis.partition_graph import best_packing, connected_coalitions

from .helpers import set_partitions


def matrix(n, cols):
    rows = [u for c in cols for u in c]
    idx = [j for j, c in enumerate(cols) for _ in c]
    return csc_array((np.ones(len(rows)), (rows, idx)), shape=(n, len(cols)))


def lp_point(a, vals):
    lp = PackingLP(a, np.asarray(vals, dtype=float), np.zeros(a.shape[0]), False, 10.0)
    lp.run()
    return np.asarray(lp.h.getSolution().col_value), lp


def packings(n, cols):
    """Every packing of the columns, as 0/1 vectors (councils not covered stand alone)."""
    where = {tuple(sorted(c)): j for j, c in enumerate(cols)}
    for p in set_partitions(list(range(n))):
        blocks = [tuple(sorted(b)) for b in p if len(b) > 1]
        if all(b in where for b in blocks):
            x = np.zeros(len(cols))
            x[[where[b] for b in blocks]] = 1.0
            yield x


def odd_cycle(n):
    nbrs = [[(i - 1) % n, (i + 1) % n] for i in range(n)]
    return nbrs, connected_coalitions(nbrs, 2)


def test_a_five_cycle_of_pairs_is_cut_down_to_two_pairs():
    # Hand-worked: five councils in a ring, each neighbouring pair worth 1. The LP
    # takes every pair at 1/2 (worth 2.5); at most two pairs fit. The cut for the
    # whole ring with k = 2 reads x1 + ... + x5 <= 2.
    _, cols = odd_cycle(5)
    a = matrix(5, cols)
    x, _ = lp_point(a, np.ones(5))
    assert x.sum() == pytest.approx(2.5)
    cuts = separate(a, x, candidate_sets(map_sets(a), support_sets(a, x)))
    ring = [i for i, r in enumerate(cuts.coef.toarray()) if (r == 1).all()]
    assert ring and cuts.rhs[ring[0]] == 2
    got = best_packing(5, cols, np.ones(5))
    assert got.optimal and got.value == pytest.approx(2.0)
    assert got.stats["lp_bound"] == pytest.approx(2.0)  # closed at the root by the cut


def test_a_grid_of_ten_holds_two_blocks_of_four():
    # Two rows of five: blocks of up to 4 worth their size squared. Ten councils hold
    # at most two blocks of four; the cut with k = 4 over all ten says so.
    nbrs = [[] for _ in range(10)]
    for r in range(2):
        for c in range(5):
            i = 5 * r + c
            if c < 4:
                nbrs[i].append(i + 1)
                nbrs[i + 1].append(i)
            if r == 0:
                nbrs[i].append(i + 5)
                nbrs[i + 5].append(i)
    cols = connected_coalitions(nbrs, 4)
    vals = np.array([len(c) ** 2 for c in cols], dtype=float)
    a = matrix(10, cols)
    x, _ = lp_point(a, vals)
    assert vals @ x > 36 + 1e-6  # the LP packs more than the best packing
    cuts = separate(a, x, candidate_sets(map_sets(a), support_sets(a, x)))
    assert len(cuts)
    for p in packings(10, cols):
        assert (cuts.coef @ p <= cuts.rhs + 1e-9).all()
    got = best_packing(10, cols, vals)
    assert got.optimal and got.value == pytest.approx(16 + 16 + 4)  # 4 + 4 + 2
    assert got.stats["lp_bound"] < vals @ x - 1e-6  # the cuts moved the bound


def test_three_partnerships_each_holding_two_of_three_councils_are_cut_to_one():
    # Hand-worked: councils 0, 1, 2 pairwise together in partnerships {0,1,3}, {1,2,4}
    # and {0,2,5}, each worth 1. Any two share a council, so at most one fits; the LP
    # takes each at 1/2 (1.5). The subset-row cut over {0, 1, 2} reads x1 + x2 + x3 <= 1.
    cols = [(0, 1, 3), (1, 2, 4), (0, 2, 5)]
    a = matrix(6, cols)
    x, _ = lp_point(a, np.ones(3))
    assert x.sum() == pytest.approx(1.5)
    triples = violated_triples(a, x)
    assert [list(np.flatnonzero(t)) for t in triples] == [[0, 1, 2]]
    cuts = separate(a, x, candidate_sets(triples))
    assert cuts.coef.toarray().tolist() == [[1, 1, 1]] and cuts.rhs.tolist() == [1]
    assert not len(violated_triples(a, np.array([1.0, 0.0, 0.0])))  # a packing breaks none
    got = best_packing(6, cols, np.ones(3))
    assert got.optimal and got.value == pytest.approx(1.0)
    assert got.stats["lp_bound"] == pytest.approx(1.0)  # closed at the root


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_every_cut_holds_for_every_packing(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 9))
    nbrs = [set() for _ in range(n)]
    for u in range(n):
        for v in range(u + 1, n):
            if v == u + 1 or rng.random() < 0.3:
                nbrs[u].add(v)
                nbrs[v].add(u)
    cols = connected_coalitions([sorted(s) for s in nbrs], int(rng.integers(2, 5)))
    size = np.array([len(c) for c in cols], dtype=float)
    vals = size**1.3 - rng.uniform(0, 1.5, len(cols))
    a = matrix(n, cols)
    x, _ = lp_point(a, vals)
    sets = candidate_sets(map_sets(a), support_sets(a, x), violated_triples(a, x))
    cuts = separate(a, x, sets, limit=10_000)
    best = -np.inf
    for p in packings(n, cols):
        assert (cuts.coef @ p <= cuts.rhs + 1e-9).all()
        best = max(best, float(vals @ p))
    got = best_packing(n, cols, vals)
    assert got.optimal and got.value == pytest.approx(max(best, 0.0))
