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


def induced_adjacency(rows: np.ndarray, edge_keys: set[int], n: int) -> np.ndarray:
    """(m, k) bitmasks: bit b of entry [r, a] when rows[r, a] and rows[r, b] are neighbours."""
    m, k = rows.shape
    keys = np.fromiter(edge_keys, dtype=np.int64) if edge_keys else np.zeros(0, np.int64)
    adj = np.zeros((m, k), dtype=np.int64)
    for a in range(k):
        for b in range(k):
            if a != b:
                linked = np.isin(rows[:, a].astype(np.int64) * n + rows[:, b], keys)
                adj[:, a] |= linked.astype(np.int64) << b
    return adj


def restrict_to_graph(table: np.ndarray, adjacency: np.ndarray) -> np.ndarray:
    """Myerson's restriction, row by row: a coalition is worth the sum over its connected parts."""
    m, size = table.shape
    k = size.bit_length() - 1
    out = np.zeros_like(table)
    for mask in range(1, size):
        low = mask & -mask
        comp = np.full(m, low, dtype=np.int64)
        for _ in range(k):
            grown = comp.copy()
            for j in range(k):
                has = (comp >> j) & 1
                grown |= np.where(has == 1, adjacency[:, j], 0)
            grown &= mask
            if np.array_equal(grown, comp):
                break
            comp = grown
        head = table[np.arange(m), comp]
        rest = mask ^ comp
        out[:, mask] = head + out[np.arange(m), rest]
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
