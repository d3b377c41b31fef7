"""Candidate partnerships for the packing search (``partition_graph``): every connected
coalition up to a size, or every coalition; the dominance filter that drops a column
worth no more than its best split; and the regions the surviving columns fall into.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np


def connected_coalitions(
    neighbours: Sequence[Sequence[int]], max_size: int, allowed: Sequence[bool] | None = None
) -> list[tuple[int, ...]]:
    """Every connected set of 2..max_size allowed vertices, each once (ESU, Wernicke 2006).

    A set is grown only from its smallest vertex, and only by vertices larger
    than that one which are exclusive neighbours of the newest vertex, so no set
    is produced twice.
    """
    n = len(neighbours)
    ok = [True] * n if allowed is None else list(allowed)
    nbr = [frozenset(u for u in neighbours[v] if ok[u] and u != v) for v in range(n)]
    out: list[tuple[int, ...]] = []

    def extend(sub: list[int], closed: set[int], ext: list[int], root: int) -> None:
        if len(sub) >= 2:
            out.append(tuple(sorted(sub)))
        if len(sub) == max_size:
            return
        ext = list(ext)
        while ext:
            w = ext.pop()
            new = [u for u in nbr[w] if u > root and u not in closed]
            extend(sub + [w], closed | set(new) | {w}, ext + new, root)

    for v in range(n):
        if not ok[v]:
            continue
        start = [u for u in nbr[v] if u > v]
        extend([v], {v, *start}, start, v)
    return out


def all_coalitions(players: Sequence[int], max_size: int) -> list[tuple[int, ...]]:
    """Every set of 2..max_size of ``players``."""
    players = sorted(players)
    return [c for k in range(2, max_size + 1) for c in combinations(players, k)]


def _keys(rows: np.ndarray, base: int) -> np.ndarray:
    """One integer per sorted member tuple (members + 1 as digits in ``base``)."""
    key = np.zeros(len(rows), dtype=np.int64)
    for j in range(rows.shape[1]):
        key = key * base + (rows[:, j] + 1)
    return key


def undominated(
    n: int,
    columns: list[tuple[int, ...]],
    values: np.ndarray,
    alone_value: np.ndarray,
) -> np.ndarray:
    """Mask of columns worth strictly more than their best split into smaller pieces.

    The pieces are other columns or singletons (worth ``alone_value``: 0, or
    ``-inf`` for a council that may not stand alone). Vectorised per column
    size: every sub-coalition of every column is looked up at once in the
    sorted keys of all columns, then a DP over the 2**k submasks runs across
    all columns of that size together.
    """
    keep = np.ones(len(columns), dtype=bool)
    if not columns:
        return keep
    sizes = np.array([len(c) for c in columns])
    kmax = int(sizes.max())
    base = n + 2
    if float(base) ** kmax >= 2.0**62:
        return keep
    all_keys = np.empty(len(columns), dtype=np.int64)
    for k in range(2, kmax + 1):
        idx = np.flatnonzero(sizes == k)
        if len(idx):
            all_keys[idx] = _keys(np.array([columns[i] for i in idx]), base)
    order = np.argsort(all_keys)
    sorted_keys = all_keys[order]
    sorted_vals = np.asarray(values, dtype=float)[order]

    def lookup(rows: np.ndarray) -> np.ndarray:
        key = _keys(rows, base)
        pos = np.clip(np.searchsorted(sorted_keys, key), 0, len(sorted_keys) - 1)
        return np.where(sorted_keys[pos] == key, sorted_vals[pos], -np.inf)

    for k in range(2, kmax + 1):
        idx = np.flatnonzero(sizes == k)
        if not len(idx):
            continue
        rows = np.array([columns[i] for i in idx])
        m = len(idx)
        val = np.full((m, 1 << k), -np.inf)
        val[:, 0] = 0.0
        for mask in range(1, 1 << k):
            bits = [j for j in range(k) if mask >> j & 1]
            if len(bits) == 1:
                val[:, mask] = alone_value[rows[:, bits[0]]]
            elif mask != (1 << k) - 1:
                val[:, mask] = lookup(rows[:, bits])
        best = val.copy()
        full = (1 << k) - 1
        for mask in range(1, 1 << k):
            low = mask & -mask
            rest = mask ^ low
            t = rest
            split = np.full(m, -np.inf)
            while True:  # parts holding the lowest player, proper ones only
                part = t | low
                if part != mask:
                    split = np.maximum(split, val[:, part] + best[:, mask ^ part])
                if t == 0:
                    break
                t = (t - 1) & rest
            if mask == full:
                slack = 1e-9 * np.maximum(1.0, np.abs(np.where(np.isfinite(split), split, 0.0)))
                keep[idx] = np.asarray(values, dtype=float)[idx] > split + slack
            else:
                best[:, mask] = np.maximum(best[:, mask], split)
    return keep


def split_into_regions(n: int, columns: list[tuple[int, ...]]) -> list[list[int]]:
    """Groups of column indices that share no council with other groups (union-find)."""
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for col in columns:
        r = find(col[0])
        for u in col[1:]:
            ru = find(u)
            if ru != r:
                parent[ru] = r
    groups: dict[int, list[int]] = {}
    for j, col in enumerate(columns):
        groups.setdefault(find(col[0]), []).append(j)
    return list(groups.values())
