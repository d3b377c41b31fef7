"""The compiled passes of the LP bound give numpy's numbers, bit for bit where it matters."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedservices.analysis.bitsets import subset_sums
from sharedservices.analysis.partition_exact import best_partition
from sharedservices.analysis.partition_lp import Passes, lp_bound

from .helpers import brute_best_partition
from .test_partition_exact import check, family

KINDS = ["normal", "uniform", "scale", "ties", "forbidden"]


def game_and_y(n, seed, kind):
    rng = np.random.default_rng(seed)
    v = family(rng, kind, n)
    # a y near the game's own scale, so some coalitions are short and some are not
    y = rng.normal(1.0, 0.6, n) * np.abs(v[np.isfinite(v)]).max(initial=1.0) / max(n, 1)
    if kind == "ties":
        y = np.round(y)
    return v, y


@settings(max_examples=120, deadline=None)
@given(
    n=st.integers(1, 14),
    seed=st.integers(0, 2**32 - 1),
    kind=st.sampled_from(KINDS),
    low=st.integers(0, 14),
    cap=st.integers(1, 40),
)
def test_the_full_pass_is_numpys(n, seed, kind, low, cap):
    v, y = game_and_y(n, seed, kind)
    fast, slow = Passes(v, n, compiled=True), Passes(v, n, compiled=False)
    fast.k = slow.k = min(n, low)  # every split of the players into a row and the rest
    surplus = subset_sums(y) - v
    tol = 1e-9
    near = float(np.quantile(surplus[np.isfinite(surplus)], 0.3)) if n > 1 else 0.0
    for passes in (fast, slow):
        smallest, masks, short, close = passes.full(y, tol, cap, max(near, 0.0))
        assert smallest == surplus.min()  # the same sums, added in the same order
        violated = np.flatnonzero(surplus < -tol)
        assert len(masks) == min(cap, len(violated))
        assert set(masks.tolist()) <= set(violated.tolist())
        assert np.array_equal(short, surplus[masks])
        if len(violated) > cap:  # the most violated: none left out is worse than one kept
            left = np.setdiff1d(violated, masks)
            assert surplus[left].min() >= short.max()
        want_close = np.flatnonzero(surplus < max(near, 0.0))
        if close is not None:
            assert sorted(close.tolist()) == want_close.tolist()


@settings(max_examples=80, deadline=None)
@given(n=st.integers(1, 14), seed=st.integers(0, 2**32 - 1), kind=st.sampled_from(KINDS))
def test_the_first_look_and_the_pool_are_numpys(n, seed, kind):
    v, y = game_and_y(n, seed, kind)
    fast, slow = Passes(v, n, compiled=True), Passes(v, n, compiled=False)
    assert fast.first_look() == slow.first_look()
    finite = v[np.isfinite(v)]
    look = slow.first_look()
    assert look.scale == np.abs(finite).max(initial=0.0)
    assert look.top == v.max()
    if n > 1:  # the best structure of two blocks, by enumeration
        full = (1 << n) - 1
        pairs = [(v[c] + v[full ^ c], c) for c in range(1, 1 << (n - 1))]
        best = max(p[0] for p in pairs)
        assert look.two == best
        if best > -np.inf:
            assert look.two_at == next(c for w, c in pairs if w == best)
    pool = np.random.default_rng(seed).integers(0, 1 << n, 50)
    want = subset_sums(y)[pool] - v[pool]
    for passes in (fast, slow):
        got = passes.pool(pool, y)
        assert np.allclose(got, want, rtol=1e-12, atol=1e-9) or np.array_equal(got, want)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 9), seed=st.integers(0, 2**32 - 1), kind=st.sampled_from(KINDS))
def test_the_compiled_bound_holds_and_the_search_stays_exact(n, seed, kind):
    v = family(np.random.default_rng(seed), kind, n)
    best = brute_best_partition(v)
    got = lp_bound(v, n, passes=Passes(v, n, compiled=True))
    if got is None:
        assert best == -np.inf
    else:
        assert got.bound >= best - 1e-12 * max(1.0, abs(best))
        sums = subset_sums(got.per_player)
        finite = np.isfinite(v)
        assert (sums[finite] >= v[finite]).all()
    answer = best_partition(v, lp=True, compiled_lp=True)
    assert answer.value == pytest.approx(best, rel=1e-12, abs=1e-12)
    check(v, answer)


@pytest.mark.parametrize("n", [21, 22])
def test_the_cost_model_family_is_proved_with_the_compiled_passes(n):
    from .test_partition_lp import cost_model_game

    v = cost_model_game(n)
    got = best_partition(v)
    assert got.blocks == [(1 << n) - 1]
    assert "lp_rounds" in got.stats and "pruned" not in got.stats
    slow = best_partition(v, compiled_lp=False)
    assert slow.blocks == got.blocks and slow.value == got.value
