"""The LP dive's first answer: whole when there is time, a packing to complete when not."""

import time

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.sparse import csc_array

from sharedservices.analysis.packing_lp import PackingLP, dive, greedy_packing, is_packing


def model(cols, vals, n):
    rows = [u for c in cols for u in c]
    colidx = [j for j, c in enumerate(cols) for _ in c]
    a = csc_array((np.ones(len(rows)), (rows, colidx)), shape=(n, len(cols)))
    lp = PackingLP(a, np.asarray(vals, float), np.zeros(n), False, 10.0)
    lp.run()
    return a, lp


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(4, 12), st.booleans())
@example(10, 10, True)  # the solver returns halves as 0.5000001: both sides of a row
@example(64, 9, True)
def test_dive_gives_a_packing_in_time_or_out_of_it(seed, n, out_of_time):
    rng = np.random.default_rng(seed)
    cols = sorted(
        {tuple(sorted(rng.choice(n, int(rng.integers(2, 4)), replace=False))) for _ in range(3 * n)}
    )
    vals = rng.uniform(1, 10, len(cols))
    a, lp = model(cols, vals, n)
    x = np.asarray(lp.h.getSolution().col_value)
    got = dive(lp, time.perf_counter() - (1 if out_of_time else -10))
    assert got is not None and is_packing(a, got, np.zeros(n))
    if out_of_time:  # stopped at once: the LP's own columns above one half (by a margin)
        assert (got <= (x > 0.5)).all() and (got >= (x > 0.5 + 1e-6)).all()
    row_of = {u: u for u in range(n)}
    whole = greedy_packing(cols, vals, row_of, got, n)
    assert is_packing(a, whole, np.zeros(n)) and whole[got].all()
    assert vals[whole].sum() >= vals[got].sum()


def test_a_fractional_triangle_out_of_time_is_completed_greedily():
    cols = [(0, 1), (1, 2), (0, 2)]  # the LP takes each at one half
    vals = np.array([1.0, 1.0, 1.2])
    a, lp = model(cols, vals, 3)
    got = dive(lp, time.perf_counter() - 1)
    assert not got.any()
    whole = greedy_packing(cols, vals, {0: 0, 1: 1, 2: 2}, got, 3)
    assert list(whole) == [False, False, True]
