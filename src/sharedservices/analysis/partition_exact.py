"""Exact best coalition structure over every coalition of up to 24 players.

Dynamic programming over subsets (Yeh 1986), with a split filter and bounds that
keep it exact:

* **IDP split filter** (Rahwan and Jennings 2008): a coalition ``C`` of size
  ``s < n`` is only split into ``{A, B}`` when ``max(|A|, |B|) <= n - s``; the
  grand coalition into any two parts. Every coalition structure is still
  reached (through its integer-partition path), and coalitions of more than
  ``2n/3`` players are never split at all.
* The part ``A`` not holding the coalition's highest player walks every
  submask of the rest, skipping the disallowed sizes by a hardware popcount.
  (Tried and dropped: generating only the allowed sizes as k-combinations was 4x
  slower at n = 20, although the walk visits 8.1e10 submasks at n = 24 for
  5.5e10 useful splits; so was Gosper's hack with deposit tables.)
* **Bounds, in the spirit of ODP-IP** (Michalak et al. 2016). ``LB`` is the
  best structure of all players found so far: ``v(N)``, the singletons, then
  ``f(C) + f(N \\ C)`` over every coalition of each solved size ``s >= n/2``.
  A coalition ``C`` of more than ``n/2`` players is only split when
  ``cap(C) + f(N \\ C) > LB``, where ``f(N \\ C)`` is exact (its size is below
  ``n/2``, where nothing is pruned) and ``cap(C)`` bounds what the split can
  give: the smaller of ``max(v(C), U[s])``, ``U[s]`` being the largest
  ``max f(A) + max f(B)`` over the part sizes IDP allows at size ``s`` (both
  below ``n/2``, so their maxima are exact), and ``sum over i in C of u[i]``
  with ``u[i]`` the largest ``v(S)/|S|`` over coalitions ``S`` holding ``i``
  (every block's worth is its members' average, so no structure of ``C`` beats
  that sum). A pruned ``C`` keeps ``f(C) = v(C)``, the worth of a real
  structure, so every ``f`` still names a structure; and a structure better
  than ``LB`` never meets a pruned coalition on its path (its own blocks give
  ``cap(C) + f(N \\ C) >=`` its worth ``> LB``), so ``f(N)`` is still the
  optimum. On the benchmark families this skips the splits of 35-40% of all
  coalitions, nearly all of those above ``n/2``, where IDP's work lies.

* **Integer-partition bounds** (ODP-IP's subspace bound). Every structure of
  ``d`` players is worth at most the best integer partition of ``d`` valued by
  the largest worth of each part size (a knapsack over part sizes; sizes up to
  ``n/2`` that are solved exactly use their exact best instead). Before each
  size level, when no structure of two or more blocks can beat the best found,
  the search stops; above ``n/2`` a whole size is skipped when no coalition of
  it can matter, and a coalition whose complement's size is not exact is
  pruned against that bound. ``LB`` starts from the best structure of two
  blocks (one serial pass over the table). Pruning below ``n/2`` was tried
  and dropped: it loses the exact ``f`` there that the pruning above relies
  on, and was slower overall. The bound ignores that parts must be disjoint,
  so it proves the grand coalition at once only where it wins clearly (the
  cost model's benchmark family at n = 14, not from 16 on).

* **The LP bound first** (``partition_lp``, from ``MIN_LP_PLAYERS`` on): the
  LP relaxation of set partitioning counts each player once, so it is far
  tighter than the integer-partition bound on the cost model's games. Where it
  meets the best of the grand coalition, the singletons and every structure of
  two blocks (one numpy pass), or the LP's own answer when that is a structure,
  the optimum is proved and no size level is searched (the cost model's family
  and real councils, n = 18-24: 0.01-1 s, against seconds to minutes). Else the
  search runs, its per-player bound taken from the LP when the LP settled.

The kernel is compiled with numba and runs one size level at a time, the
coalitions of a level in parallel (each only reads smaller coalitions), in
blocks handed out round-robin so pruning does not unbalance the threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sharedservices.analysis.bitsets import MAX_EXACT_PLAYERS, players_in, popcounts
from sharedservices.analysis.partition_bounds import eased, size_bounds, structures_bound
from sharedservices.analysis.partition_lp import FirstLook, Passes, lp_bound

# Up to here numpy (3**n / 2 splits: 0.2 s at 16) beats loading numba and the
# compiled kernels from its cache (1-2 s, more on a busy machine).
MAX_PLAIN_PLAYERS = 16
# From here the LP bound is tried first: 20-40 ms, against 0.05 s and up for the search.
MIN_LP_PLAYERS = 13


@dataclass(frozen=True)
class ExactPartition:
    blocks: list[int]  # coalition bitmasks, disjoint, covering all players
    value: float
    stats: dict = field(default_factory=dict, compare=False)


def _plain_partition(v: np.ndarray, n: int) -> ExactPartition:
    """Yeh's dynamic programme in numpy, a size level at a time, for up to 16 players.

    Each coalition ``c`` of a level is split every way at once: ``t`` runs over the
    non-empty subsets of ``c`` without its lowest player (built by doubling), the
    other part holds that player. Ties keep the coalition whole, as the kernel
    does. Largest level at n = 16: 4,368 coalitions x 1,024 splits.
    """
    best = v.copy()
    split = np.zeros(1 << n, dtype=np.int64)
    size = popcounts(n)
    order = np.argsort(size, kind="stable")
    start = np.concatenate(([0], np.cumsum(np.bincount(size, minlength=n + 1))))
    for s in range(2, n + 1):
        c = order[start[s] : start[s + 1]].astype(np.int32)
        bits = np.nonzero((c[:, None] >> np.arange(n)) & 1)[1].reshape(len(c), s)
        t = np.zeros((len(c), 1), dtype=np.int32)
        for col in bits[:, 1:].T:  # every subset of the members but the lowest
            t = np.concatenate((t, t + (np.int32(1) << col.astype(np.int32))[:, None]), axis=1)
        t = t[:, 1:]
        worth = best[t] + best[c[:, None] ^ t]
        j = np.argmax(worth, axis=1)
        top = worth[np.arange(len(c)), j]
        better = top > best[c]
        best[c[better]] = top[better]
        split[c[better]] = t[better, j[better]]
    blocks = _unfold(split, (1 << n) - 1)
    return ExactPartition(blocks, float(sum(v[b] for b in blocks)), {"coalitions": 1 << n})


def _unfold(split, c: int, top_split: int | None = None) -> list[int]:
    """The blocks of the structure ``split`` names for coalition ``c``."""
    blocks: list[int] = []
    stack = [(c, int(split[c]) if top_split is None else top_split)]
    while stack:
        c, t = stack.pop()
        if t == 0:
            blocks.append(c)
        else:
            stack.extend((x, int(split[x])) for x in (t, c ^ t))
    return sorted(blocks)


def _simple_structures(v: np.ndarray, n: int, first: FirstLook) -> tuple[float, int]:
    """The best of the grand coalition (``0``), the singletons (``-1``) and every
    structure of two blocks (``C``: ``C`` and the rest), with its worth."""
    full = (1 << n) - 1
    singletons = float(sum(v[1 << i] for i in range(n)))
    lb, lb_split = max(float(v[full]), singletons), 0 if v[full] >= singletons else -1
    if first.two > lb:
        lb, lb_split = first.two, first.two_at
    return lb, lb_split


def _simple_blocks(lb_split: int, n: int) -> list[int]:
    full = (1 << n) - 1
    if lb_split == -1:
        return [1 << i for i in range(n)]
    return sorted({lb_split, full ^ lb_split} - {0})


def best_partition(
    values: np.ndarray,
    prune: bool = True,
    compiled: bool | None = None,
    lp: bool | None = None,
    compiled_lp: bool | None = None,
) -> ExactPartition:
    """Partition of the players maximising the sum of ``values[block]``.

    ``values`` is the 2**n table; forbid a coalition by giving it ``-inf``. The
    answer's value is ``-inf`` when no partition avoids forbidden coalitions.
    ``prune=False`` turns the bounds off (same answer, for testing).
    ``compiled`` chooses the numba kernel (``True``) or plain numpy
    (``False``); by default numpy up to ``MAX_PLAIN_PLAYERS``. ``lp`` tries the
    LP bound first (``partition_lp``); by default from ``MIN_LP_PLAYERS`` on.
    ``compiled_lp`` chooses the compiled passes over the table for the first look
    and the LP (``partition_lp.Passes``; by default from ``COMPILED_FROM`` players).
    """
    v = np.ascontiguousarray(values, dtype=np.float64)
    n = players_in(v)
    if n > MAX_EXACT_PLAYERS:
        raise ValueError(f"exact partition handles at most {MAX_EXACT_PLAYERS} players, not {n}")
    if n == 0:
        return ExactPartition([], 0.0)
    full = (1 << n) - 1
    if v[0] != 0.0:  # the empty coalition is worth nothing (v is only read from here)
        v = v.copy()
        v[0] = 0.0
    bound = None
    passes = Passes(v, n, compiled_lp)
    first = passes.first_look()  # one pass: the scale, the best structure of two blocks
    if prune and n > 1 and (n >= MIN_LP_PLAYERS if lp is None else lp):
        lb, lb_split = _simple_structures(v, n, first)
        blocks = _simple_blocks(lb_split, n)
        # it proves the optimum only if it comes down to lb (eased for rounding); it
        # cannot come down to lb when the LP's own answer beats lb, which is rare
        target = lb + 1e-9 * abs(lb) if np.isfinite(lb) else np.inf
        bound = lp_bound(v, n, target, passes, first)
        if bound is not None and bound.blocks is not None:
            worth = float(sum(v[b] for b in bound.blocks))
            if worth > lb:
                lb, blocks = worth, bound.blocks
        if bound is not None and np.isfinite(lb) and bound.bound <= lb + 1e-12 * abs(lb):
            value = float(sum(v[b] for b in blocks))  # the bound meets it: optimal
            return ExactPartition(blocks, value, {"coalitions": 1 << n, "lp_rounds": bound.rounds})
    if not (n > MAX_PLAIN_PLAYERS if compiled is None else compiled):
        return _plain_partition(v, n)
    from sharedservices.analysis import partition_kernels as k  # numba: see MAX_PLAIN_PLAYERS

    best = v.copy()
    split = np.zeros(1 << n, dtype=np.int32)
    order, start = k.masks_by_size(n)
    threads = k.nb.get_num_threads()
    # largest value of each size; exact maxima of f replace them as sizes are solved
    known = np.array(
        [0.0] + [k.level_max(v, order, int(start[s]), int(start[s + 1])) for s in range(1, n + 1)]
    )
    largest_v = known.copy()
    # sizes whose f is exact for every coalition: all splits allowed (at most n/2)
    # and nothing pruned at that size or below
    exact = np.zeros(n + 1, dtype=bool)
    exact[0] = exact[1] = True
    if not prune:
        per_player = np.zeros(n)
    elif bound is not None:  # the LP's y: sum over C bounds f(C), and is tighter
        per_player = bound.per_player
    else:
        per_player = k.per_player(v, n)
    total_share = float(per_player.sum())
    lb, lb_split = _simple_structures(v, n, first)
    pruned = 0
    skipped = 0
    for s in range(2, n):
        bounds = size_bounds(largest_v, known, exact, n)
        if prune and np.isfinite(lb) and structures_bound(bounds, largest_v, n) <= eased(lb):
            skipped += n - s  # no structure beats the best found: stop
            break
        if n - s >= (s + 1) // 2:  # else no allowed split: best[c] = v[c]
            low_part = max(1, s - (n - s))
            # bound on the best allowed split of a coalition of this size
            ub = max(
                (known[a] + known[s - a] for a in range(low_part, s // 2 + 1)),
                default=-np.inf,
            )
            # only above n/2 (a coalition, or a whole size when no coalition of it
            # can matter): pruning below would cost the exactness of f there,
            # on which the pruning above relies (measured: it is slower overall)
            cut = prune and np.isfinite(lb)
            slack = eased(lb) if cut else -np.inf
            rest_solved = bool(2 * s > n and exact[n - s])
            rest_bound = float(bounds[n - s])
            before = pruned
            if (
                cut
                and 2 * s > n
                and min(max(largest_v[s], ub), total_share)
                + (known[n - s] if rest_solved else rest_bound)
                <= slack
            ):
                pruned += int(start[s + 1] - start[s])  # the whole size: f = v
                skipped += 1
            else:
                pruned += int(
                    k.level(
                        v,
                        best,
                        split,
                        order,
                        int(start[s]),
                        int(start[s + 1]),
                        s,
                        n,
                        float(ub),
                        per_player,
                        slack,
                        cut and 2 * s > n,
                        threads,
                        rest_bound,
                        rest_solved,
                        total_share,
                    )
                )
        else:
            before = pruned
        if 2 * s <= n:
            known[s] = k.level_max(best, order, int(start[s]), int(start[s + 1]))
            exact[s] = exact[s - 1] and pruned == before
        if 2 * s >= n:
            val, c = k.best_with_complement(
                best, order, int(start[s]), int(start[s + 1]), n, threads
            )
            if val > lb:
                lb, lb_split = float(val), int(c)
    # the grand coalition: every split (its best is max over all coalitions C of
    # f(C) + f(N \ C), i.e. the best of the LB candidates above and v(N))
    value = float(v[full])
    top_split = 0
    if lb_split == -1 or lb > value:
        value = lb
        top_split = lb_split
    if n == 1:
        value, top_split = float(v[full]), 0
    singles = [1 << i for i in range(n)]
    blocks = singles if top_split == -1 else _unfold(split, full, top_split)
    if np.isfinite(value):  # the structure named may be better than when it was recorded
        value = float(sum(v[b] for b in blocks))
    return ExactPartition(
        blocks,
        value,
        {"pruned": pruned, "coalitions": 1 << n, "levels_skipped": skipped},
    )
