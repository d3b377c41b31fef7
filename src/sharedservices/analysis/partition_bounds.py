"""Upper bounds that let the exact partition search (``partition_exact``) skip work:
no structure of ``d`` players can beat the best integer partition of ``d`` valued by
the largest worth of each part size (the bound ODP-IP uses).
"""

from __future__ import annotations

import numpy as np


def eased(lb: float) -> float:
    """A lower bound eased by rounding, so a bound equal to it never prunes the optimum."""
    return lb - 1e-12 * abs(lb)


def size_bounds(largest_v: np.ndarray, known: np.ndarray, exact: np.ndarray, n: int) -> np.ndarray:
    """``out[d]`` bounds every structure of ``d`` players (ODP-IP's integer-partition bound).

    A structure of ``d`` players is one block (worth at most the largest ``v``
    of size ``d``) or a first block of some size ``j`` and a structure of the
    other ``d - j``: a knapsack over part sizes, i.e. the best integer partition
    of ``d`` valued by the largest worth of each part size. Sizes solved exactly
    use their exact best instead.
    """
    out = np.full(n + 1, -np.inf)
    out[0] = 0.0
    for d in range(1, n + 1):
        if exact[d]:
            out[d] = known[d]
            continue
        b = largest_v[d]
        for j in range(1, d):
            b = max(b, largest_v[j] + out[d - j])
        out[d] = b
    return out


def structures_bound(bounds: np.ndarray, largest_v: np.ndarray, n: int) -> float:
    """No structure of all players with two or more blocks beats this."""
    return max((largest_v[j] + bounds[n - j] for j in range(1, n)), default=-np.inf)
