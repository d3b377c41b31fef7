"""Local search that improves a packing: re-partition a few neighbouring blocks exactly.

Why: the proof of optimality (``partition_graph``) prunes with the value of
the best packing known, and on the England map with partnerships of up to 5
a general MIP solver spends most of a minute finding a good one. A packing
that came out of rounding the LP is usually a few swaps from much better:
two or three neighbouring partnerships that would be worth more cut up
differently. Each such window holds at most ``MAX_WINDOW`` councils, so the
best re-partition of it is a dynamic programme over its subsets, compiled
with numba: a whole sweep over the map takes a fraction of a second.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from itertools import combinations

import numpy as np

MAX_WINDOW = 16  # councils in one window: 2**16 subsets
# Importing numba and reading the kernel from its on-disk cache: about a second, three
# on a loaded machine. The search starts the local search only with more time than this
# left (or the kernel already loaded), so that loading it cannot overrun the time limit.
KERNEL_LOAD_SECONDS = 3.0
_kernel = None


def _window_kernel():
    """The compiled ``_best_window`` (numba imported on first use)."""
    global _kernel
    if _kernel is None:
        from sharedservices.analysis.jit import njit

        _kernel = njit()(_best_window)
    return _kernel


def kernel_ready(seconds_left: float) -> bool:
    """Whether the local search may run with ``seconds_left``: the kernel is loaded,
    or there is time to load it."""
    return _kernel is not None or seconds_left > KERNEL_LOAD_SECONDS


def _best_window(k: int, masks: np.ndarray, values: np.ndarray, may_stand_alone: np.ndarray):
    """Best packing of ``k`` councils by the given columns (bit masks sorted by lowest bit).

    Returns (value, chosen column positions); value is -inf when some council
    that may not stand alone cannot be covered.
    """
    full = (1 << k) - 1
    start = np.zeros(k + 1, dtype=np.int64)
    for c in range(len(masks)):
        m = masks[c]
        low = 0
        while not (m >> low) & 1:
            low += 1
        start[low + 1] += 1
    for i in range(k):
        start[i + 1] += start[i]
    best = np.full(full + 1, -np.inf)
    took = np.full(full + 1, -1, dtype=np.int64)
    best[0] = 0.0
    for mask in range(1, full + 1):
        low = 0
        while not (mask >> low) & 1:
            low += 1
        rest = mask ^ (1 << low)
        b = best[rest] if may_stand_alone[low] else -np.inf
        t = -1
        for c in range(start[low], start[low + 1]):
            m = masks[c]
            if m & mask == m:
                v = values[c] + best[mask ^ m]
                if v > b:
                    b = v
                    t = c
        best[mask] = b
        took[mask] = t
    chosen = []
    mask = full
    while mask and best[full] > -np.inf:
        t = took[mask]
        if t < 0:
            mask &= mask - 1
        else:
            chosen.append(t)
            mask ^= masks[t]
    return best[full], np.array(chosen, dtype=np.int64)


def improve(
    columns: Sequence[Sequence[int]],
    values: np.ndarray,
    chosen: np.ndarray,
    must: np.ndarray,
    blocks_per_window: int = 3,
    deadline: float = float("inf"),
) -> np.ndarray:
    """A packing at least as good as ``chosen`` (a 0/1 mask over ``columns``).

    Councils are 0..n-1 (``must`` has one flag per council: may not stand
    alone). Windows are a chosen block with one or two of the blocks or lone
    councils beside it (sharing a pair column, which on the map is a border);
    each window is re-partitioned exactly by the columns inside it, and kept
    when worth more. Sweeps repeat until one finds nothing or ``deadline``
    (``time.perf_counter()``) passes.
    """
    values = np.asarray(values, dtype=float)
    chosen = np.asarray(chosen, dtype=bool).copy()
    n = len(must)
    width = max((len(c) for c in columns), default=1)
    members = np.full((len(columns), width), n, dtype=np.int64)  # padded with n
    for j, c in enumerate(columns):
        members[j, : len(c)] = c
    lists: list[list[int]] = [[] for _ in range(n)]
    for j, c in enumerate(columns):
        lists[min(c)].append(j)
    first = [np.array(t, dtype=np.int64) for t in lists]  # columns by their smallest council
    beside: list[set[int]] = [set() for _ in range(n)]
    for c in columns:
        if len(c) == 2:
            beside[c[0]].add(c[1])
            beside[c[1]].add(c[0])
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        owner = np.full(n, -1, dtype=np.int64)
        for j in np.flatnonzero(chosen):
            owner[list(columns[j])] = j
        for j in sorted(np.flatnonzero(chosen), key=lambda j: values[j]):
            if not chosen[j] or time.perf_counter() > deadline:
                continue
            near = sorted(
                {(int(owner[v]), v if owner[v] < 0 else -1) for u in columns[j] for v in beside[u]}
                - {(int(j), -1)}
            )
            for extra in range(1, blocks_per_window):
                for combo in combinations(near, extra):
                    if _try_window(j, combo, columns, values, members, first, must, chosen, owner):
                        improved = True
                        break
                else:
                    continue
                break
    return chosen


def _try_window(j, combo, columns, values, members, first, must, chosen, owner) -> bool:
    """Re-partition block ``j`` with the blocks / lone councils in ``combo``; True if improved."""
    blocks = [int(j)] + [b for b, _ in combo if b >= 0]
    free = sorted({u for b in blocks for u in columns[b]} | {v for b, v in combo if b < 0})
    if len(free) > MAX_WINDOW:
        return False
    bit = np.zeros(len(must) + 1, dtype=np.int64)  # the padding council n has bit 0
    bit[free] = 1 << np.arange(len(free), dtype=np.int64)
    inside = np.zeros(len(must) + 1, dtype=bool)
    inside[free] = True
    inside[-1] = True
    near = np.concatenate([first[u] for u in free])
    idx = near[inside[members[near]].all(axis=1)]
    masks = bit[members[idx]].sum(axis=1)
    order = np.argsort(masks & -masks, kind="stable")
    value, picked = _window_kernel()(
        len(free), masks[order], values[idx][order], ~np.asarray(must)[free]
    )
    if value <= values[blocks].sum() + 1e-9 * max(1.0, abs(value)):
        return False
    chosen[blocks] = False
    owner[free] = -1
    for c in np.asarray(idx)[order][picked]:
        chosen[c] = True
        owner[list(columns[c])] = c
    return True
