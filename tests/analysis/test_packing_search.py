"""Local search over neighbouring blocks: never worse, always a packing, and it finds the swap."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedservices.analysis.packing_search import improve
from sharedservices.analysis.partition_graph import connected_coalitions


def is_packing(n, cols, chosen, must):
    cover = np.zeros(n)
    for j in np.flatnonzero(chosen):
        cover[list(cols[j])] += 1
    return (cover <= 1).all() and (cover[must] == 1).all()


def test_two_pairs_on_a_line_give_way_to_the_better_pair_in_the_middle():
    # Hand-worked: councils 0-1-2-3 in a line. {0,1} and {2,3} are worth 1 each; {1,2} is
    # worth 3. Re-partitioning the two blocks together takes {1,2} alone: 3 > 2.
    cols = [(0, 1), (1, 2), (2, 3)]
    vals = np.array([1.0, 3.0, 1.0])
    start = np.array([True, False, True])
    got = improve(cols, vals, start, np.zeros(4, dtype=bool))
    assert got.tolist() == [False, True, False]


def test_a_council_that_may_not_stand_alone_is_never_left_alone():
    cols = [(0, 1), (1, 2), (2, 3)]
    vals = np.array([1.0, 3.0, 1.0])
    start = np.array([True, False, True])
    must = np.array([True, False, False, False])  # 0 must join someone: {1,2} would strand it
    got = improve(cols, vals, start, must)
    assert got.tolist() == [True, False, True]


def test_a_lone_council_beside_a_block_is_taken_in():
    # 0-1-2 in a line, {0,1} chosen (worth 2), 2 alone; {0,1,2} is worth 5.
    cols = [(0, 1), (1, 2), (0, 1, 2)]
    vals = np.array([2.0, 2.0, 5.0])
    got = improve(cols, vals, np.array([True, False, False]), np.zeros(3, dtype=bool))
    assert got.tolist() == [False, False, True]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_the_result_is_a_packing_never_worth_less_than_the_start(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 14))
    nbrs = [set() for _ in range(n)]
    for u in range(n):
        for v in range(u + 1, n):
            if v == u + 1 or rng.random() < 0.2:
                nbrs[u].add(v)
                nbrs[v].add(u)
    cols = connected_coalitions([sorted(s) for s in nbrs], int(rng.integers(2, 5)))
    vals = np.array([len(c) ** 1.3 for c in cols]) - rng.uniform(0, 1.5, len(cols))
    must = rng.random(n) < 0.1
    start = np.zeros(len(cols), dtype=bool)
    used = np.zeros(n, dtype=bool)
    for j in rng.permutation(len(cols)):  # a random packing to start from
        if not used[list(cols[j])].any():
            start[j] = True
            used[list(cols[j])] = True
    if not is_packing(n, cols, start, must):
        must[:] = False
    got = improve(cols, vals, start, must)
    assert is_packing(n, cols, got, must)
    assert vals[got].sum() >= vals[start].sum() - 1e-9
