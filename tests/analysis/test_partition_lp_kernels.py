"""The compiled passes of the LP bound give numpy's numbers, bit for bit where it matters."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedservices.analysis.bitsets import distinct, subset_sums
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


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(1, 14),
    seed=st.integers(0, 2**32 - 1),
    kind=st.sampled_from(KINDS),
    low=st.integers(0, 14),
    cap=st.integers(1, 40),
    tight_cap=st.integers(1, 40),
)
def test_the_full_pass_is_numpys(n, seed, kind, low, cap, tight_cap):
    v, y = game_and_y(n, seed, kind)
    fast, slow = Passes(v, n, compiled=True), Passes(v, n, compiled=False)
    for passes in (fast, slow):
        passes.k = min(n, low)  # every split of the players into a row and the rest
        passes.cap, passes.tight_cap = cap, tight_cap
    surplus = subset_sums(y) - v
    tol = 1e-9
    near = max(0.0, float(np.quantile(surplus[np.isfinite(surplus)], 0.3)) if n > 1 else 0.0)
    violated = np.flatnonzero(surplus < -tol)
    for passes in (fast, slow):
        got = passes.full(y, tol, near)
        assert got.smallest == surplus.min()  # the same sums, added in the same order
        assert len(got.short) == min(cap, len(violated))
        assert set(got.short.tolist()) <= set(violated.tolist())
        assert np.array_equal(got.short_surplus, surplus[got.short])
        if len(violated) > cap:  # the most violated: none left out is worse than one kept
            left = np.setdiff1d(violated, got.short)
            assert surplus[left].min() >= got.short_surplus.max()
        if got.close is not None:
            assert sorted(got.close.tolist()) == np.flatnonzero(surplus < near).tolist()
    tight = fast.full(y, tol, near).tight  # the tightest, short or not (forbidden: never)
    allowed = np.flatnonzero(np.isfinite(surplus))
    assert len(tight) == min(tight_cap, len(allowed))
    assert set(tight.tolist()) <= set(allowed.tolist())
    left = np.setdiff1d(allowed, tight)
    if len(left):
        assert surplus[left].min() >= surplus[tight].max()


@settings(max_examples=100, deadline=None)
@given(
    n=st.integers(1, 14),
    seed=st.integers(0, 2**32 - 1),
    kind=st.sampled_from(KINDS),
    low=st.integers(0, 14),
    cap=st.integers(1, 40),
)
def test_a_sample_finds_only_short_and_tight_coalitions_of_its_rows(n, seed, kind, low, cap):
    v, y = game_and_y(n, seed, kind)
    passes = Passes(v, n, compiled=True)
    passes.k, passes.cap, passes.tight_cap = min(n, low), cap, cap
    surplus = subset_sums(y) - v
    got = passes.sample(y, 1e-9)
    assert len(got.short) <= cap and len(got.tight) <= cap
    assert (surplus[got.short] < 0).all()  # sums in another order: a few ulps apart
    assert np.isfinite(surplus[got.tight]).all()
    # each from a row of the sample: a set of the high players, every low part with it
    rows = {int(m) >> passes.k for m in np.concatenate([got.short, got.tight])}
    in_rows = np.array([m >> passes.k in rows for m in range(len(v))])
    short_there = np.flatnonzero(in_rows & (surplus < -1e-6))
    assert len(got.short) >= min(cap, len(short_there))


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


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 10),
    seed=st.integers(0, 2**32 - 1),
    kind=st.sampled_from(KINDS),
    low=st.integers(1, 10),
)
def test_the_compiled_bound_holds_and_the_search_stays_exact(n, seed, kind, low):
    v = family(np.random.default_rng(seed), kind, n)
    best = brute_best_partition(v)
    passes = Passes(v, n, compiled=True)
    passes.k = min(n, low)  # few low players: the sampled rounds run from n = low + 4
    got = lp_bound(v, n, passes=passes)
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
    got = best_partition(v, compiled_lp=True)
    assert got.blocks == [(1 << n) - 1]
    assert "lp_rounds" in got.stats and "pruned" not in got.stats
    slow = best_partition(v, compiled_lp=False)
    assert slow.blocks == got.blocks and slow.value == got.value


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 2**24 - 1), max_size=60))
def test_distinct_is_numpys_unique(masks):
    a = np.array(masks, dtype=np.int64)
    assert np.array_equal(distinct(a), np.unique(a))
