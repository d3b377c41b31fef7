"""Transferable-utility games and the fair splits of their worth.

A game of ``n`` players is a float array ``v`` of length ``2**n`` indexed by
coalition bitmask (``v[0] == 0``). Everything exact is vectorised over that
table: Shapley in O(2**n), the core and the nucleolus by linear programmes
whose 2**n constraints are generated lazily (only the most violated coalitions
ever enter HiGHS), and the Myerson value as the Shapley value of the
graph-restricted game.

The least core and the nucleolus have only ``n + 1`` unknowns but ``2**n``
rows, so they are solved by row generation on one HiGHS model that is kept
warm between rounds (``analysis/nucleolus_lp.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import lgamma

import numpy as np

from sharedservices.analysis.bitsets import (
    component_of_lowest,
    players_in,
    popcounts,
    subset_ors,
    subset_sums,
)

TOL = 1e-7


def _shapley_weights(n: int) -> np.ndarray:
    """``w[s] = s! (n-s-1)! / n!``: the chance a player joins right after a given s-set."""
    return np.array([np.exp(lgamma(s + 1) + lgamma(n - s) - lgamma(n + 1)) for s in range(n)])


def _sums_with_each_player(x: np.ndarray, n: int) -> np.ndarray:
    """``out[i] = sum(x[mask] for mask containing i)`` by folding halves: O(2**n)."""
    out = np.empty(n)
    y = x
    for i in range(n - 1, -1, -1):
        h = 1 << i
        out[i] = y[h : 2 * h].sum()
        y = y[:h] + y[h : 2 * h]
    return out


def shapley(v: np.ndarray) -> np.ndarray:
    """Exact Shapley value: ``phi_i = sum_S w(|S|) (v(S+i) - v(S))``.

    Written as ``sum_{S ni i} v(S) w(|S|-1) - sum_{S not ni i} v(S) w(|S|)`` so
    each term is one weighted table, summed per player by folding halves.
    """
    v = np.asarray(v, dtype=float)
    n = players_in(v)
    if n == 0:
        return np.zeros(0)
    w = _shapley_weights(n)
    size = popcounts(n)
    w_in = np.concatenate([[0.0], w])  # w(|S|-1) for S containing i
    w_out = np.concatenate([w, [0.0]])  # w(|S|) for S without i
    total_in = _sums_with_each_player(v * w_in[size], n)
    weighted_out = v * w_out[size]
    total_out = weighted_out.sum() - _sums_with_each_player(weighted_out, n)
    return total_in - total_out


@dataclass(frozen=True)
class SampledShapley:
    value: np.ndarray
    half_width: np.ndarray  # 95% confidence half-width per player
    permutations: int


def shapley_sampled(
    worth: Callable[[np.ndarray], np.ndarray],
    n: int,
    permutations: int = 2000,
    seed: int = 0,
    batch: int | None = None,
) -> SampledShapley:
    """Shapley value by sampling random orders (Castro et al. 2009).

    ``worth`` takes a boolean (m, n) membership matrix and returns the m worths.
    Each order is paired with its reverse (antithetic sampling), which cuts the
    variance for games whose marginal contributions trend with coalition size,
    as economies of scale do. Every sampled order splits ``v(N)`` exactly, so the
    estimate is efficient whatever the sample.
    """
    rng = np.random.default_rng(seed)
    pairs = max(1, (permutations + 1) // 2)
    batch = batch or max(1, 2_000_000 // max(1, n * n))
    samples = []
    done = 0
    while done < pairs:
        m = min(batch, pairs - done)
        orders = np.argsort(rng.random((m, n)), axis=1)
        both = np.concatenate([orders, orders[:, ::-1]])
        prefix = np.zeros((2 * m, n + 1, n), dtype=bool)
        rows = np.arange(2 * m)
        for k in range(n):
            prefix[:, k + 1] = prefix[:, k]
            prefix[rows, k + 1, both[:, k]] = True
        worths = worth(prefix[:, 1:].reshape(-1, n)).reshape(2 * m, n)
        marginal = np.diff(np.concatenate([np.zeros((2 * m, 1)), worths], axis=1), axis=1)
        contrib = np.empty_like(marginal)
        contrib[rows[:, None], both] = marginal
        samples.append((contrib[:m] + contrib[m:]) / 2)
        done += m
    paired = np.concatenate(samples)
    mean = paired.mean(axis=0)
    if len(paired) > 1:
        half = 1.959964 * paired.std(axis=0, ddof=1) / np.sqrt(len(paired))
    else:
        half = np.full(n, np.inf)
    return SampledShapley(mean, half, 2 * len(paired))


def graph_restricted(v: np.ndarray, adjacency: list[int]) -> np.ndarray:
    """Myerson's restricted game: a coalition is worth the sum over its connected parts."""
    v = np.asarray(v, dtype=float)
    n = players_in(v)
    masks = np.arange(1 << n, dtype=np.int64)
    comp = component_of_lowest(masks, subset_ors(np.asarray(adjacency, dtype=np.int64)))
    rest = masks ^ comp
    head = v[comp]
    out = head.copy()
    out[0] = 0.0
    # each pass settles the masks with one more component
    for _ in range(n):
        new = head + out[rest]
        new[0] = 0.0
        if np.array_equal(new, out):
            break
        out = new
    return out


def myerson(v: np.ndarray, adjacency: list[int]) -> np.ndarray:
    """Myerson value (Myerson 1977): Shapley value of the graph-restricted game."""
    return shapley(graph_restricted(v, adjacency))


def excesses(v: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``e(S) = v(S) - x(S)``: what coalition S could gain by leaving."""
    return np.asarray(v, dtype=float) - subset_sums(np.asarray(x, dtype=float))


@dataclass(frozen=True)
class CoreCheck:
    in_core: bool
    worst_coalition: int  # mask with the largest excess
    worst_excess: float


def core_check(v: np.ndarray, x: np.ndarray, tol: float = 1e-6) -> CoreCheck:
    """Is ``x`` in the core: efficient and no coalition gains by leaving."""
    v = np.asarray(v, dtype=float)
    e = excesses(v, x)
    e[0] = -np.inf
    e[-1] = -np.inf
    worst = int(np.argmax(e)) if len(e) > 2 else 0
    worst_excess = float(e[worst]) if len(e) > 2 else 0.0
    scale = tol * max(1.0, float(np.abs(v).max()))
    efficient = abs(float(np.sum(x)) - float(v[-1])) <= scale
    return CoreCheck(efficient and worst_excess <= scale, worst, worst_excess)


@dataclass(frozen=True)
class LeastCore:
    epsilon: float  # smallest possible largest excess; the core is non-empty iff <= 0
    allocation: np.ndarray


def least_core(v: np.ndarray, tol: float = 1e-9) -> LeastCore:
    """min eps s.t. x(S) >= v(S) - eps for all S, x(N) = v(N): one LP, rows generated.

    It is the first stage of the nucleolus with no imputation bounds, so the
    same warm-started row generation answers it (``t = -eps``).
    """
    from sharedservices.analysis.nucleolus_lp import SurplusLP

    v = np.asarray(v, dtype=float)
    n = players_in(v)
    if n <= 1:
        return LeastCore(0.0, np.array([v[-1]] * n))
    lp = SurplusLP(v, imputation=False, tol=tol)
    t, x = lp.stage()
    return LeastCore(float(-t), x)


@dataclass(frozen=True)
class Nucleolus:
    allocation: np.ndarray
    levels: list[float]  # the successive minimal largest excesses
    lp_solves: int
    domain: str  # "imputation" or "pre-imputation"


def nucleolus(v: np.ndarray, tol: float = 1e-9, seed: int = 0) -> Nucleolus:
    """Nucleolus by the sequential LP method (Maschler, Peleg and Shapley 1979).

    Stage k maximises the smallest surplus ``t = min x(S) - v(S)`` over the
    coalitions whose surplus is not yet settled. Coalitions with a positive dual
    price have surplus ``t`` in every optimum: they become equalities, and every
    coalition whose indicator lies in the span of the equalities is settled too
    (its surplus is then determined) and leaves the problem. At least one new
    direction is settled per stage, so at most n stages. The 2**n rows are
    generated: after each solve every coalition's surplus is computed at once
    (one subset-sum table) and the most violated ones join the model in bulk,
    with their complements, and HiGHS re-solves from its last basis. The
    domain is the imputation set; where it is empty (sum of v({i}) > v(N)) the
    pre-nucleolus is returned instead.
    """
    from sharedservices.analysis.nucleolus_lp import SurplusLP

    v = np.asarray(v, dtype=float)
    n = players_in(v)
    if n <= 1:
        return Nucleolus(np.array([v[-1]] * n), [], 0, "imputation")
    singles = v[[1 << i for i in range(n)]]
    full = (1 << n) - 1
    imputation = bool(singles.sum() <= v[full] + 1e-9 * max(1.0, abs(v[full])))
    lp = SurplusLP(v, imputation=imputation, tol=tol, seed=seed)
    levels: list[float] = []
    x = np.full(n, v[full] / n)
    while not lp.settled():
        t, x = lp.stage()
        levels.append(float(t))
        lp.settle(t)
    x = lp.solution(x)
    return Nucleolus(x, levels, lp.solves, "imputation" if imputation else "pre-imputation")
