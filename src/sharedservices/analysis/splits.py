"""Fair splits inside many small partnerships at once.

The partner finder needs each candidate partnership's Shapley (or Myerson)
split to check that every member is better off than alone. Partnerships of the
same size are handled together: their sub-coalition worths form an (m, 2**k)
table and the split is a weighted sum over its columns.
"""

from __future__ import annotations

import numpy as np

from sharedservices.analysis.costmodel import CostModel, Councils, batch_savings
from sharedservices.analysis.games import _shapley_weights


def subgame_table(
    model: CostModel,
    councils: Councils,
    rows: np.ndarray,
    rank: np.ndarray,
    distances: np.ndarray,
) -> np.ndarray:
    """Worth of every sub-coalition of each row of ``rows`` (m, k): an (m, 2**k) table."""
    m, k = rows.shape
    table = np.zeros((m, 1 << k))
    for mask in range(1, 1 << k):
        bits = [j for j in range(k) if mask >> j & 1]
        if len(bits) >= 2:
            table[:, mask] = batch_savings(model, councils, rows[:, bits], rank, distances)
    return table


def induced_adjacency(rows: np.ndarray, linked: np.ndarray) -> np.ndarray:
    """(m, k) bitmasks: bit b of entry [r, a] when rows[r, a] and rows[r, b] are
    neighbours (``linked``: the councils' (n, n) boolean adjacency matrix)."""
    m, k = rows.shape
    adj = np.zeros((m, k), dtype=np.int64)
    for a in range(k):
        for b in range(k):
            if a != b:
                adj[:, a] |= linked[rows[:, a], rows[:, b]].astype(np.int64) << b
    return adj


_COMPONENTS: dict[tuple[int, int], np.ndarray] = {}  # (k, border pattern) -> parts


def _component(mask: int, adjacency: tuple[int, ...]) -> int:
    """The connected part of ``mask`` holding its lowest member."""
    comp = mask & -mask
    while True:
        grown = comp
        for j, near in enumerate(adjacency):
            if comp >> j & 1:
                grown |= near
        grown &= mask
        if grown == comp:
            return comp
        comp = grown


def restrict_to_graph(table: np.ndarray, adjacency: np.ndarray) -> np.ndarray:
    """Myerson's restriction, row by row: a coalition is worth the sum over its connected parts.

    Rows share few border patterns (at most 2**(k(k-1)/2) graphs on k members, a few
    hundred in practice), so the connected part of each coalition is worked out once
    per pattern and looked up for every row.
    """
    m, size = table.shape
    k = size.bit_length() - 1
    adjacency = np.asarray(adjacency, dtype=np.int64).reshape(m, k)
    key = np.zeros(m, dtype=np.int64)
    for j in range(k):
        key |= adjacency[:, j] << (k * j)
    patterns, which = np.unique(key, return_inverse=True)
    comps = np.zeros((len(patterns), size), dtype=np.int64)
    for p, pattern in enumerate(patterns.tolist()):
        known = _COMPONENTS.get((k, pattern))
        if known is None:
            near = tuple((pattern >> (k * j)) & (size - 1) for j in range(k))
            known = np.array([0] + [_component(mask, near) for mask in range(1, size)])
            _COMPONENTS[(k, pattern)] = known
        comps[p] = known
    comp_of = comps[which.reshape(-1)]
    rows = np.arange(m)
    out = np.zeros_like(table)
    for mask in range(1, size):
        comp = comp_of[:, mask]
        out[:, mask] = table[rows, comp] + out[rows, mask ^ comp]
    return out


def shapley_rows(table: np.ndarray) -> np.ndarray:
    """Shapley value of each row's game: (m, 2**k) -> (m, k)."""
    m, size = table.shape
    k = size.bit_length() - 1
    w = _shapley_weights(k)
    phi = np.zeros((m, k))
    for i in range(k):
        bit = 1 << i
        for mask in range(size):
            if not mask & bit:
                s = bin(mask).count("1")
                phi[:, i] += w[s] * (table[:, mask | bit] - table[:, mask])
    return phi
