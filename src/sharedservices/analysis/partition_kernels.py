"""The compiled kernels of the exact partition search (see ``partition_exact``).

Kept apart so that importing ``partition_exact`` costs no numba: small searches
run in plain Python there, and only a search big enough to need these loads them
(with numba's on-disk cache, see ``jit``).
"""

from __future__ import annotations

import numpy as np

from sharedservices.analysis.jit import nb, njit

BLOCK = 256  # coalitions per block handed to a thread


@njit()
def popcount(x):
    c = 0
    while x:  # LLVM turns this loop into one popcnt instruction
        x &= x - 1
        c += 1
    return c


@njit()
def masks_by_size(n):
    """All masks grouped by size: ``order[start[s]:start[s+1]]`` have size s."""
    size = 1 << n
    count = np.zeros(n + 2, np.int64)
    for m in range(size):
        count[popcount(m) + 1] += 1
    start = np.cumsum(count)
    fill = start.copy()
    order = np.empty(size, np.int32)
    for m in range(size):
        p = popcount(m)
        order[fill[p]] = m
        fill[p] += 1
    return order, start


@njit()
def best_split(values, best, c, n, low, high):
    """Best of ``values[c]`` and ``best[t] + best[c ^ t]`` over the allowed parts ``t``.

    ``t`` never holds the highest member of ``c`` and has ``low..high`` members;
    it walks every submask of the rest and skips the other sizes by popcount.
    """
    top = c
    while top & (top - 1):
        top &= top - 1
    rest = c ^ top
    b = values[c]
    arg = np.int64(0)
    t = rest
    while t:
        k = popcount(t)
        if low <= k <= high:
            val = best[t] + best[c ^ t]
            if val > b:
                b = val
                arg = t
        t = (t - 1) & rest
    return b, arg


@njit(parallel=True)
def level(
    values,
    best,
    split,
    order,
    lo,
    hi,
    s,
    n,
    ub,
    per_player,
    lb,
    prune,
    threads,
    rest_bound,
    rest_solved,
    total_share,
):
    """Solve every coalition of size ``s``; returns how many were pruned.

    ``C`` is pruned when ``cap(C) + rest <= lb``: ``rest`` is ``f(N \\ C)`` when
    that size is solved exactly, else the smaller of ``rest_bound`` (the
    integer-partition bound of its size) and its members' per-player bounds.
    """
    full = (np.int64(1) << n) - 1
    bound = n - 1 if s == n else n - s  # largest allowed part
    low = s - bound
    pruned = np.zeros(threads, np.int64)
    for q in nb.prange(threads):
        for base in range(lo + q * BLOCK, hi, threads * BLOCK):
            for j in range(base, min(base + BLOCK, hi)):
                c = np.int64(order[j])
                if prune:
                    share = 0.0  # per-player bound on f(c)
                    x = c
                    while x:
                        low_bit = x & -x
                        share += per_player[popcount(low_bit - 1)]
                        x ^= low_bit
                    cap = min(max(values[c], ub), share)
                    rest = best[full ^ c] if rest_solved else min(rest_bound, total_share - share)
                else:
                    cap = ub
                    rest = 0.0
                if prune and cap + rest <= lb:
                    best[c] = values[c]
                    split[c] = 0
                    pruned[q] += 1
                    continue
                b, arg = best_split(values, best, c, n, low, bound)
                best[c] = b
                split[c] = arg
    return pruned.sum()


@njit(parallel=True)
def best_with_complement(best, order, lo, hi, n, threads):
    """Largest ``best[c] + best[N \\ c]`` over the coalitions of one size, and where."""
    full = (np.int64(1) << n) - 1
    top = np.full(threads, -np.inf)
    where = np.zeros(threads, np.int64)
    for q in nb.prange(threads):
        for j in range(lo + q, hi, threads):
            c = np.int64(order[j])
            val = best[c] + best[full ^ c]
            if val > top[q]:
                top[q] = val
                where[q] = c
    k = np.argmax(top)
    return top[k], where[k]


@njit()
def per_player(values, n):
    """``u[i]``: the largest ``v(S) / |S|`` over coalitions ``S`` holding ``i``.

    In any structure of any coalition ``C`` each block ``B`` is worth
    ``sum over i in B of v(B)/|B|``, so ``f(C) <= sum over i in C of u[i]``.
    """
    u = np.full(n, -np.inf)
    for m in range(1, 1 << n):
        x = values[m]
        if x == -np.inf:
            continue
        r = x / popcount(m)
        y = m
        while y:
            low_bit = y & -y
            i = popcount(low_bit - 1)
            if r > u[i]:
                u[i] = r
            y ^= low_bit
    return u


@njit()
def level_max(arr, order, lo, hi):
    out = -np.inf
    for j in range(lo, hi):
        x = arr[order[j]]
        if x > out:
            out = x
    return out
