"""The bounded IDP kernel against enumeration of every partition."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedservices.analysis.bitsets import popcounts
from sharedservices.analysis.partition_exact import best_partition

from .helpers import brute_best_partition


def family(rng, kind: str, n: int) -> np.ndarray:
    size = popcounts(n).astype(float)
    if kind == "normal":  # the CSG benchmark families
        v = rng.normal(10 * size, 0.1 * size + 1e-9)
    elif kind == "uniform":
        v = rng.uniform(0, 1, 1 << n) * size
    elif kind == "scale":  # strong economies of scale: big coalitions win
        v = size**1.4 - rng.uniform(0, 2, 1 << n)
    elif kind == "ties":  # many equal structures
        v = np.round(rng.uniform(0, 3, 1 << n)) * size
    else:  # "forbidden": a third of the coalitions may not be formed
        v = rng.normal(size, 1.0)
        v[rng.random(1 << n) < 0.35] = -np.inf
    v[0] = 0.0
    return v


def check(v, got):
    n = len(v).bit_length() - 1
    if np.isfinite(got.value):
        assert np.bitwise_or.reduce(got.blocks) == (1 << n) - 1
        assert sum(got.blocks) == (1 << n) - 1  # disjoint
        assert sum(v[b] for b in got.blocks) == pytest.approx(got.value)


@pytest.mark.parametrize("kind", ["normal", "uniform", "scale", "ties", "forbidden"])
@pytest.mark.parametrize("seed", range(8))
def test_bounded_kernel_matches_enumeration(kind, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 10))
    v = family(rng, kind, n)
    want = brute_best_partition(v)
    for prune, compiled in ((True, True), (False, True), (True, False)):
        got = best_partition(v, prune=prune, compiled=compiled)
        assert got.value == pytest.approx(want, rel=1e-12)
        check(v, got)


@pytest.mark.parametrize("kind", ["normal", "uniform", "scale", "ties", "forbidden"])
def test_bounds_change_nothing_on_larger_games(kind):
    rng = np.random.default_rng(11)
    for n in (12, 13, 14):
        v = family(rng, kind, n)
        pruned = best_partition(v, compiled=True, lp=False)
        full = best_partition(v, prune=False, compiled=True)
        assert pruned.value == pytest.approx(full.value, rel=1e-12)
        check(v, pruned)
        if kind in ("scale", "uniform"):  # pruned, or stopped early by the bound
            assert pruned.stats["pruned"] > 0 or pruned.stats["levels_skipped"] > 0


def test_all_forbidden_but_singletons_and_nothing_feasible():
    v = np.full(1 << 5, -np.inf)
    v[0] = 0.0
    for i in range(5):
        v[1 << i] = 1.0
    got = best_partition(v)
    assert got.value == 5.0 and got.blocks == [1, 2, 4, 8, 16]
    v[1] = -np.inf
    assert best_partition(v).value == -np.inf
    assert best_partition(v, compiled=True).value == -np.inf


def test_integer_partition_bound_stops_at_once_when_the_grand_coalition_wins():
    n = 14
    v = popcounts(n).astype(float) ** 2  # any split loses: (n-1)^2 + 1 < n^2
    got = best_partition(v, compiled=True, lp=False)
    assert got.blocks == [(1 << n) - 1] and got.value == n * n
    assert got.stats["levels_skipped"] == n - 2  # stopped before the first level


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 8),
    seed=st.integers(0, 2**32 - 1),
    exponent=st.floats(0.5, 2.0),
    noise=st.floats(0.0, 3.0),
)
def test_bounds_keep_the_optimum_on_scale_games(n, seed, exponent, noise):
    # economies of scale with noise: the grand coalition often wins, so the
    # early stop and the size skips are exercised against enumeration
    rng = np.random.default_rng(seed)
    v = popcounts(n).astype(float) ** exponent - rng.uniform(0, noise, 1 << n)
    v[0] = 0.0
    want = brute_best_partition(v)
    for compiled in (True, False):
        got = best_partition(v, compiled=compiled)
        assert got.value == pytest.approx(want, rel=1e-12, abs=1e-12)
        check(v, got)
