"""The passes over all ``2**n`` coalitions that the LP bound needs, each fused into one sweep.

Why: at 22-24 players the table of worths is 32-128 MB, and on this kind of
machine one numpy operation over it costs 7-40 ms. The LP bound in numpy made
about five such operations per pass (the subset sums, the comparison, the
indices of the short ones, their surplus) and five passes, plus a scan for the
scale and the best structure of two blocks: most of its 0.25 s at n = 22.
Here each pass reads the table once and writes nothing of its size.

The subset sums are formed exactly as ``bitsets.subset_sums`` forms them
(a mask's sum is its sum without its highest player, plus that player's
share), so every surplus here is bit for bit ``subset_sums(y)[S] - v[S]``:
the low ``k`` players' sums are one row, and each value of the high players
adds one share to the row of its parent (itself without its highest player),
visited depth first so only one row per depth is kept.

Only ``partition_lp`` imports this, and only from ``COMPILED_FROM`` players on
(numba takes about a second to import; see ``jit``).
"""

from __future__ import annotations

import numpy as np

from sharedservices.analysis.jit import njit


@njit(fastmath={"nnan", "nsz", "reassoc"})
def _scan_chunk(v, full, lo, hi):
    """Largest ``|v|`` (allowed), largest ``v`` and largest ``v[c] + v[full ^ c]`` over
    ``c`` in ``lo..hi``: reductions only, so the compiler vectorises them."""
    scale = 0.0
    top = -np.inf
    two = -np.inf
    for c in range(lo, hi):
        a = v[c]
        b = v[full - c]
        top = max(top, max(a, b))
        scale = max(scale, max(abs(a) if a > -np.inf else 0.0, abs(b) if b > -np.inf else 0.0))
        two = max(two, a + b)
    return scale, top, two


@njit()
def scan(v, n):
    """One pass: the largest ``|v|`` over allowed coalitions, the largest ``v``, and
    the best structure of two blocks ``C`` and ``N \\ C`` (``C`` without the top
    player) as its worth and ``C`` (``0`` when there is none with a finite worth)."""
    full = (np.int64(1) << n) - 1
    half = np.int64(1) << (n - 1)
    scale = 0.0
    top = -np.inf
    two = -np.inf
    where = np.int64(0)
    step = 4096
    for lo in range(1, half, step):
        hi = min(lo + step, half)
        s, t, w = _scan_chunk(v, full, lo, hi)
        scale = max(scale, s)
        top = max(top, t)
        if w > two:  # the first coalition of the chunk that gives it
            for c in range(lo, hi):
                if v[c] + v[full - c] == w:
                    two = w
                    where = c
                    break
    for c in (np.int64(0), half, full):  # the masks the loop above does not read
        a = v[c]
        top = max(top, a)
        if a > -np.inf:
            scale = max(scale, abs(a))
    return scale, top, two, where


@njit()
def _keep_smallest(masks, surplus, count, keep):
    """Keep the ``keep`` smallest surpluses in front; returns the largest kept."""
    order = np.argpartition(surplus[:count], keep - 1)[:keep]
    m = masks[order].copy()
    s = surplus[order].copy()
    masks[:keep] = m
    surplus[:keep] = s
    return s.max()


@njit()
def _push(masks, surplus, count, cap, accept, m, s):
    """Add a coalition to a buffer of ``2 * cap``; when full, keep the ``cap``
    smallest and accept only below the largest of them from then on."""
    masks[count] = m
    surplus[count] = s
    count += 1
    if count == 2 * cap:
        accept = _keep_smallest(masks, surplus, count, cap)
        count = cap
    return count, accept


# Reassociating the minimum lets the compiler vectorise it; each surplus is still
# one subtraction, and infinities keep their meaning (``-inf`` worths give ``+inf``).
@njit(fastmath={"nnan", "nsz", "reassoc"})
def _row_min(row, v, base, nl):
    low = np.inf
    for j in range(nl):
        s = row[j] - v[base + j]
        low = s if s < low else low
    return low


@njit()
def full_pass(v, y, k, tol, cap, tight_cap, tight_below, near, near_cap):
    """Every coalition's surplus ``y(S) - v(S)``, as ``subset_sums(y) - v`` gives it.

    Returns the smallest surplus; the masks and surpluses of the ``cap`` most
    violated coalitions (short by more than ``tol``; at most ``2 * cap``, a
    superset of them); the same for the ``tight_cap`` smallest surpluses, short
    or not (the coalitions next to be short as ``y`` moves), looking only below
    ``tight_below`` (a surplus at least that many coalitions are known to reach:
    most rows are then passed over after their minimum); the masks with a
    surplus below ``near`` (the ones a rounding of the sums could still leave
    short), and whether there were more of those than ``near_cap``.
    """
    n = y.shape[0]
    nl = np.int64(1) << k
    depth = n - k
    rows = np.empty((depth + 1, nl))
    rows[0, 0] = 0.0
    for i in range(k):  # the low players: subset_sums(y[:k])
        h = np.int64(1) << i
        for x in range(h):
            rows[0, h + x] = rows[0, x] + y[i]
    short_m = np.empty(2 * cap, np.int64)
    short_s = np.empty(2 * cap)
    short_count, short_accept = 0, -tol
    tight_m = np.empty(2 * tight_cap, np.int64)
    tight_s = np.empty(2 * tight_cap)
    tight_count, tight_accept = 0, tight_below
    near_m = np.empty(near_cap, np.int64)
    near_count = 0
    overflow = False
    smallest = np.inf
    # depth-first over the masks of the high players, children after their parent
    stack = np.empty(depth * depth + 1, np.int64)
    stack[0] = 0
    sp = 1
    while sp:
        sp -= 1
        h = stack[sp]
        t = -1  # highest high player in h
        x = h
        while x:
            t += 1
            x >>= 1
        d = 0  # players in h: the depth of its row
        x = h
        while x:
            x &= x - 1
            d += 1
        row = rows[d]
        if h:
            prev = rows[d - 1]  # h without t, visited last at that depth
            share = y[k + t]
            for j in range(nl):
                row[j] = prev[j] + share
        base = h << k
        low = _row_min(row, v, base, nl)  # first the smallest surplus of the row
        smallest = min(smallest, low)
        if low < max(near, short_accept, tight_accept):  # then, in such rows only, each
            for j in range(nl):
                s = row[j] - v[base + j]
                if s < near:
                    if near_count < near_cap:
                        near_m[near_count] = base + j
                        near_count += 1
                    else:
                        overflow = True
                if s < short_accept:
                    short_count, short_accept = _push(
                        short_m, short_s, short_count, cap, short_accept, base + j, s
                    )
                if s < tight_accept:
                    tight_count, tight_accept = _push(
                        tight_m, tight_s, tight_count, tight_cap, tight_accept, base + j, s
                    )
        for c in range(depth - 1, t, -1):  # children: one more high player above t
            stack[sp] = h | (np.int64(1) << c)
            sp += 1
    return (
        smallest,
        short_m[:short_count].copy(),
        short_s[:short_count].copy(),
        tight_m[:tight_count].copy(),
        tight_s[:tight_count].copy(),
        near_m[:near_count].copy(),
        overflow,
    )


@njit()
def sample_pass(v, low_sums, high_sums, k, rows, tol, cap, tight_cap, tight_below):
    """``full_pass``'s most violated and tightest coalitions among the rows ``rows``
    only: each row is a set of the high players with every set of the low ``k``.
    Sums in any order: a sample only chooses columns."""
    nl = np.int64(1) << k
    short_m = np.empty(2 * cap, np.int64)
    short_s = np.empty(2 * cap)
    short_count, short_accept = 0, -tol
    tight_m = np.empty(2 * tight_cap, np.int64)
    tight_s = np.empty(2 * tight_cap)
    tight_count, tight_accept = 0, tight_below
    for r in range(rows.shape[0]):
        h = rows[r]
        base = h << k
        share = high_sums[h]
        for j in range(nl):
            s = share + low_sums[j] - v[base + j]
            if s < short_accept:
                short_count, short_accept = _push(
                    short_m, short_s, short_count, cap, short_accept, base + j, s
                )
            if s < tight_accept:
                tight_count, tight_accept = _push(
                    tight_m, tight_s, tight_count, tight_cap, tight_accept, base + j, s
                )
    return (
        short_m[:short_count].copy(),
        short_s[:short_count].copy(),
        tight_m[:tight_count].copy(),
        tight_s[:tight_count].copy(),
    )


@njit()
def pool_surplus(pool, v, low_sums, high_sums, k):
    """The surplus ``y(S) - v(S)`` of each coalition of the pool, from the sums of
    its low ``k`` and its high players (the pool only chooses rows: the full
    pass decides)."""
    out = np.empty(pool.shape[0])
    low = (np.int64(1) << k) - 1
    for p in range(pool.shape[0]):
        m = pool[p]
        out[p] = low_sums[m & low] + high_sums[m >> k] - v[m]
    return out
