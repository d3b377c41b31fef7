"""The nucleolus and the least core against oracles that share none of their code.

* Kohlberg's criterion (Kohlberg 1971; Peleg and Sudhölter, Theorem 5.1.4 and
  its imputation form): an imputation ``x`` is the nucleolus exactly when, for
  every excess level ``a``, the coalitions with excess at least ``a`` together
  with the singletons held at their own worth form a balanced collection with
  positive weights on the former. Checked by brute force over every coalition
  with one small LP per level, on small games with many ties (the flat faces
  that made the old row generation crawl).
* The least core by one LP with every row.
* coopgame-py on the cost model's savings games.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from sharedservices.analysis.bitsets import subset_sums
from sharedservices.analysis.costmodel import CostModel, Councils, all_savings
from sharedservices.analysis.games import least_core, nucleolus


def _bits(mask: int, n: int) -> np.ndarray:
    return np.array([(mask >> i) & 1 for i in range(n)], dtype=float)


def _balanced(positive: list[int], optional: list[int], n: int) -> bool:
    """Weights >= 1 on ``positive``, >= 0 on ``optional``, summing to c * 1_N, c >= 0."""
    cols = [_bits(m, n) for m in positive + optional]
    k = len(cols)
    a_eq = np.hstack([np.array(cols).T, -np.ones((n, 1))])
    bounds = [(1, None)] * len(positive) + [(0, None)] * len(optional) + [(0, None)]
    res = linprog(np.zeros(k + 1), A_eq=a_eq, b_eq=np.zeros(n), bounds=bounds, method="highs")
    return res.status == 0


def satisfies_kohlberg(v: np.ndarray, x: np.ndarray, imputation: bool, tol: float = 1e-6) -> bool:
    n = len(x)
    full = (1 << n) - 1
    e = v - subset_sums(x)
    masks = list(range(1, full))
    held = [1 << i for i in range(n) if imputation and abs(x[i] - v[1 << i]) <= tol]
    for level in sorted({round(float(e[m]), 6) for m in masks}, reverse=True):
        top = [m for m in masks if e[m] >= level - tol]
        if not _balanced(top, held, n):
            return False
    return True


def game_from(worths: list[int], n: int, zero_singletons: bool) -> np.ndarray:
    v = np.zeros(1 << n)
    v[1:] = worths[: (1 << n) - 1]
    if zero_singletons:
        v[[1 << i for i in range(n)]] = 0.0
        v[-1] = max(v[-1], 1.0)
    return v


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, 5),
    worths=st.lists(st.integers(0, 6), min_size=31, max_size=31),
    zero_singletons=st.booleans(),
)
def test_nucleolus_meets_kohlbergs_criterion(n, worths, zero_singletons):
    v = game_from(worths, n, zero_singletons)
    nu = nucleolus(v)
    x = nu.allocation
    assert x.sum() == pytest.approx(v[-1], abs=1e-7)
    imputation = nu.domain == "imputation"
    if imputation:
        assert (x >= v[[1 << i for i in range(n)]] - 1e-7).all()
    assert satisfies_kohlberg(v, x, imputation)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 6), worths=st.lists(st.integers(-3, 9), min_size=63, max_size=63))
def test_least_core_matches_the_lp_with_every_row(n, worths):
    v = game_from(worths, n, zero_singletons=False)
    lc = least_core(v)
    full = (1 << n) - 1
    rows = np.array([np.r_[_bits(m, n), 1.0] for m in range(1, full)])
    res = linprog(
        np.r_[np.zeros(n), 1.0],
        A_ub=-rows,
        b_ub=-v[1:full],
        A_eq=np.r_[np.ones(n), 0.0][None, :],
        b_eq=[v[full]],
        bounds=[(None, None)] * (n + 1),
        method="highs",
    )
    assert lc.epsilon == pytest.approx(res.x[-1], abs=1e-7)
    assert (v[1:full] - subset_sums(lc.allocation)[1:full] <= lc.epsilon + 1e-7).all()
    assert lc.allocation.sum() == pytest.approx(v[full], abs=1e-7)


def savings_game(n: int, seed: int, proportional: bool) -> np.ndarray:
    """The cost model on councils scattered over Lancashire-sized ground."""
    rng = np.random.default_rng(seed)
    workload = rng.lognormal(np.log(30_000), 0.6, n).round()
    cost = 300.0 * workload if proportional else rng.lognormal(np.log(1.2e6), 0.4, n)
    councils = Councils.build(
        [f"E0700{i:04d}" for i in range(n)],
        cost,
        workload,
        rng.uniform(53.3, 54.3, n),
        rng.uniform(-3.2, -1.8, n),
    )
    return all_savings(CostModel(), councils)


@pytest.mark.parametrize(
    ("n", "seed", "proportional"), [(8, 0, True), (10, 1, False), (12, 2, True)]
)
def test_nucleolus_of_savings_games_agrees_with_coopgame(n, seed, proportional):
    coopgame = pytest.importorskip("coopgame")
    v = savings_game(n, seed, proportional)
    ours = nucleolus(v).allocation
    theirs = coopgame.nucleolus(coopgame.Game(list(v[1:])))
    theirs = np.array(theirs["allocation"] if isinstance(theirs, dict) else theirs)
    assert ours == pytest.approx(theirs, abs=1e-4)


def test_savings_game_nucleolus_meets_kohlberg():
    v = savings_game(6, 3, True)
    nu = nucleolus(v)
    assert satisfies_kohlberg(v, nu.allocation, nu.domain == "imputation", tol=1e-4)
