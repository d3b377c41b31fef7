"""Candidate partnerships for the packing search (``partition_graph``): every connected
coalition up to a size, or every coalition; the dominance filter that drops a column
worth no more than its best split; and the regions the surviving columns fall into.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from itertools import chain, combinations

import numpy as np

from .clock import OutOfTime

_CHECK_EVERY = 4096  # candidates between looks at the clock (a few milliseconds)


def connected_coalitions(
    neighbours: Sequence[Sequence[int]],
    max_size: int,
    allowed: Sequence[bool] | None = None,
    deadline: float = float("inf"),
) -> list[tuple[int, ...]]:
    """Every connected set of 2..max_size allowed vertices, each once (ESU, Wernicke 2006).

    A set is grown only from its smallest vertex, and only by vertices larger
    than that one which are exclusive neighbours of the newest vertex, so no set
    is produced twice. Raises ``OutOfTime`` (with the sets found so far) when
    ``deadline`` (``time.perf_counter()``) passes first.
    """
    n = len(neighbours)
    ok = [True] * n if allowed is None else list(allowed)
    nbr = [frozenset(u for u in neighbours[v] if ok[u] and u != v) for v in range(n)]
    out: list[tuple[int, ...]] = []

    def extend(sub: list[int], closed: set[int], ext: list[int], root: int) -> None:
        if len(sub) >= 2:
            out.append(tuple(sorted(sub)))
            if not len(out) % _CHECK_EVERY and time.perf_counter() > deadline:
                raise OutOfTime(out)
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


def all_coalitions(
    players: Sequence[int], max_size: int, deadline: float = float("inf")
) -> list[tuple[int, ...]]:
    """Every set of 2..max_size of ``players`` (``OutOfTime`` as in ``connected_coalitions``)."""
    players = sorted(players)
    out: list[tuple[int, ...]] = []
    for k in range(2, max_size + 1):
        for c in combinations(players, k):
            out.append(c)
            if not len(out) % _CHECK_EVERY and time.perf_counter() > deadline:
                raise OutOfTime(out)
    return out


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
    deadline: float = float("inf"),
) -> np.ndarray:
    """Mask of columns worth strictly more than their best split into smaller pieces.

    The pieces are other columns or singletons (worth ``alone_value``: 0, or
    ``-inf`` for a council that may not stand alone). Vectorised per column
    size: every sub-coalition of every column is looked up at once in the
    sorted keys of all columns, then a DP over the 2**k submasks runs across
    all columns of that size together. Columns of sizes not reached by
    ``deadline`` (``time.perf_counter()``) are kept: keeping one is always safe.
    """
    keep = np.ones(len(columns), dtype=bool)
    if not columns:
        return keep
    sizes = np.array([len(c) for c in columns])
    kmax = int(sizes.max())
    base = n + 2
    if float(base) ** kmax >= 2.0**62:
        return keep
    if time.perf_counter() > deadline:
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
        if not len(idx) or time.perf_counter() > deadline:
            continue
        rows = np.array([columns[i] for i in idx])
        m = len(idx)
        val = np.full((m, 1 << k), -np.inf)
        val[:, 0] = 0.0
        for mask in range(1, 1 << k):
            if time.perf_counter() > deadline:
                return keep  # this size's columns and larger ones all kept
            bits = [j for j in range(k) if mask >> j & 1]
            if len(bits) == 1:
                val[:, mask] = alone_value[rows[:, bits[0]]]
            elif mask != (1 << k) - 1:
                val[:, mask] = lookup(rows[:, bits])
        best = val.copy()
        full = (1 << k) - 1
        for mask in range(1, 1 << k):
            if time.perf_counter() > deadline:
                break  # this size's columns all kept
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


def greedy_packing(cols, vals, row_of, first: np.ndarray, rows: int) -> np.ndarray:
    """Columns in ``first`` that fit, then the rest that fit, most valuable first.

    The second part in rounds rather than one column at a time: a column worth more
    than every other column left on each of its councils is the one a sequential
    greedy would take there, so every such column is taken at once, the columns it
    overlaps dropped, and the rest looked at again (the same packing, in a few dozen
    passes over the arrays instead of a Python step per column).
    """
    m = len(cols)
    used = np.zeros(rows, dtype=bool)
    chosen = np.zeros(m, dtype=bool)
    for j in np.flatnonzero(first).tolist():
        r = [row_of[u] for u in cols[j]]
        if not used[r].any():
            used[r] = True
            chosen[j] = True
    if not m:
        return chosen
    sizes = np.fromiter(map(len, cols), dtype=np.int64, count=m)
    flat = np.fromiter(chain.from_iterable(cols), dtype=np.int64, count=int(sizes.sum()))
    lookup = np.zeros(max(int(flat.max()), max(row_of)) + 1, dtype=np.int64)
    lookup[list(row_of)] = list(row_of.values())
    member_rows = lookup[flat]
    owner = np.repeat(np.arange(m), sizes)
    rank = np.empty(m, dtype=np.int64)  # 0 = most valuable (ties: the earlier column)
    rank[np.argsort(-np.asarray(vals, dtype=float), kind="stable")] = np.arange(m)
    alive = (np.asarray(vals) > 0) & ~first
    blocked = np.zeros(m, dtype=bool)
    np.logical_or.at(blocked, owner, used[member_rows])
    alive &= ~blocked
    while alive.any():
        live = alive[owner]
        best = np.full(rows, m, dtype=np.int64)
        np.minimum.at(best, member_rows[live], rank[owner[live]])
        top = np.ones(m, dtype=bool)
        np.logical_and.at(top, owner, best[member_rows] == rank[owner])
        take = alive & top
        chosen |= take
        used[member_rows[take[owner]]] = True
        blocked[:] = False
        np.logical_or.at(blocked, owner, used[member_rows])
        alive &= ~blocked
    return chosen


def per_council_bound(cols, vals) -> float:
    """No packing beats the sum over councils of their best ``max(0, v_j / |j|)``."""
    if not len(cols):
        return 0.0
    sizes = np.fromiter((len(c) for c in cols), dtype=np.int64, count=len(cols))
    members = np.fromiter((u for c in cols for u in c), dtype=np.int64, count=int(sizes.sum()))
    share = np.maximum(0.0, np.asarray(vals, dtype=float) / sizes)
    best = np.zeros(int(members.max()) + 1)
    np.maximum.at(best, members, np.repeat(share, sizes))
    return float(best.sum())


def split_into_regions(n: int, columns: list[tuple[int, ...]]) -> list[list[int]]:
    """Groups of column indices that share no council with other groups, in the order
    of each group's first column (connected components of the councils, each column
    linking its members in a chain)."""
    if not columns:
        return []
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    sizes = np.fromiter(map(len, columns), dtype=np.int64, count=len(columns))
    flat = np.fromiter(chain.from_iterable(columns), dtype=np.int64, count=int(sizes.sum()))
    ends = np.cumsum(sizes)
    link = np.ones(len(flat), dtype=bool)  # each member to the next one of its column
    link[ends - 1] = False
    a, b = flat[link], flat[np.flatnonzero(link) + 1]
    graph = coo_array((np.ones(len(a)), (a, b)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    of_column = label[flat[ends - sizes]]
    _, first = np.unique(of_column, return_index=True)
    rank = np.empty(int(label.max()) + 1, dtype=np.int64)
    rank[of_column[np.sort(first)]] = np.arange(len(first))
    order = np.argsort(rank[of_column], kind="stable")
    cuts = np.flatnonzero(np.diff(rank[of_column][order])) + 1
    return [g.tolist() for g in np.split(order, cuts)]
