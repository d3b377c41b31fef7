"""An upper bound on every coalition structure from the LP relaxation, by column generation.

Why: the integer-partition bound (``partition_bounds``, ODP-IP's) adds the best
coalition of each part size, and on the cost model's savings games the best
coalitions of every size share the same big councils, so the bound stays above
the grand coalition and proves nothing from 16 councils on. The LP relaxation of
set partitioning does not double-count a council:

    max sum v(S) x_S  s.t.  sum over S holding i of x_S = 1,  x >= 0,

whose dual is ``min sum y_i  s.t.  y(S) >= v(S)`` for every coalition ``S``. Any
``y`` meeting every row bounds every structure (each block ``B`` is worth at most
``y(B)``, and the blocks add up to ``y(N)``), and a structure worth ``y(N)`` is
optimal. On the cost model's games (real councils and the benchmark family) the
bound meets the best structure of one or two blocks, found in one pass, so the
optimum is proved without the dynamic programme: 5 LP rounds, 0.04 s at n = 20.

There are ``n`` rows and ``2**n`` columns, so columns are generated: a pass
over the table gives every coalition's surplus ``y(S) - v(S)`` and the most
violated join the model. HiGHS keeps the basis between rounds (new columns
leave it primal feasible, and it has only ``n`` rows, so a round costs a few
milliseconds). The coalitions violated at that full pass are kept as a pool,
and the rounds after it look only there until the pool is clean; then a full
pass again, so a handful of rounds costs two to four passes over the table.
From ``COMPILED_FROM`` players the passes are compiled kernels that read the
table once each (``partition_lp_kernels``): at n = 22 the whole bound went
from 0.25 s to about 0.05 s.

The bound returned is rigorous: ``y`` is raised by the largest violation left
(within HiGHS's tolerance) and a few ulps, and the coalitions the rounding
could still leave short are checked with their sums as computed, so every
coalition's sum meets its worth. Its sum over any coalition ``C`` bounds every
structure of ``C`` too (``f(C) <= y(C)``), which the dynamic programme uses to
prune when the bound does not settle the search.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np

from sharedservices.analysis.bitsets import distinct, subset_sums
from sharedservices.analysis.highs import quiet_highs

COLUMNS_PER_ROUND = 32  # per player
POOL_PER_PLAYER = 8192  # violated coalitions kept for cheap rounds between full passes
MAX_ROUNDS = 60  # then give up on the bound (the dynamic programme still answers)
# From here the passes over the 2**n table run as compiled kernels (one read of the
# table each, ``partition_lp_kernels``), in a process where numba is loaded already
# (a worker, a search that needed the kernels, the benchmark); else numpy. Loading
# numba and the kernels costs a one-off command 1.5-2.5 s, more than the kernels save
# at 24 players (0.12-0.2 s against 0.6-0.7 s in numpy), so it is never loaded for them.
COMPILED_FROM = 21
LOW_PLAYERS = 12  # the kernel's row of sums: 2**12 of them, 32 KB, in cache
NEAR_CAP = 1 << 16  # coalitions re-checked after the lift, at most (else a full pass)
# Before the first full pass, rounds priced on one SAMPLE-th of the table (compiled
# passes only): the first y is far off (at n = 24 it leaves 640,000 coalitions short),
# and a sample finds columns as good at a sixteenth of the cost.
SAMPLE = 16
# The compiled passes also keep the coalitions with the smallest surplus, short or
# not, for the pool: the next to be short as y moves are then found in the cheap
# rounds, not by another full pass.
TIGHT_PER_PLAYER = 64


@dataclass(frozen=True)
class LPBound:
    bound: float  # no structure of all the players is worth more
    per_player: np.ndarray  # its sum over any coalition C bounds every structure of C
    blocks: list[int] | None  # the LP's own answer when it is a structure (an integral LP)
    rounds: int


def _members(masks: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Column starts and row indices of the coalitions ``masks`` (one column each)."""
    members = (masks[:, None] >> np.arange(n)) & 1
    r, c = np.nonzero(members)
    return np.searchsorted(r, np.arange(len(masks))).astype(np.int32), c.astype(np.int32)


@dataclass(frozen=True)
class Pass:
    """What a pass over the table (or a sample of it) found for a given ``y``."""

    smallest: float  # the smallest surplus y(S) - v(S) of all (a full pass only)
    short: np.ndarray  # the most violated coalitions (surplus below -tol), at most a pool
    short_surplus: np.ndarray
    tight: np.ndarray  # the smallest surpluses, short or not: next to be short as y moves
    close: np.ndarray | None = None  # surplus below `near`, or None when too many


def _smallest(masks: np.ndarray, surplus: np.ndarray, k: int):
    keep = _most_violated(surplus, k)
    return masks[keep], surplus[keep]


@dataclass(frozen=True)
class FirstLook:
    """What one pass over the table tells: the scale of the worths, and the best
    structure of two blocks (``C`` without the top player, and the rest)."""

    scale: float  # the largest |v| over allowed coalitions
    top: float  # the largest v
    two: float  # the best worth of C and N \ C (-inf when none is allowed)
    two_at: int  # that C (0 when none)


class Passes:
    """The passes over all ``2**n`` coalitions: the first look, and the surplus
    ``y(S) - v(S)`` of every coalition or of a pool of them. In numpy, or
    (``compiled``) in the kernels of ``partition_lp_kernels``, with the same
    numbers either way (a full pass: ``subset_sums(y) - v``)."""

    def __init__(self, v: np.ndarray, n: int, compiled: bool | None = None):
        self.v, self.n = v, n
        self.k = min(n, LOW_PLAYERS)
        self.cap = max(1, POOL_PER_PLAYER * n)  # the most violated kept by a pass
        self.tight_cap = max(1, TIGHT_PER_PLAYER * n)  # the tightest kept (compiled)
        self.kernels = None
        if compiled is None:  # only where numba is loaded already: see COMPILED_FROM
            compiled = n >= COMPILED_FROM and "numba" in sys.modules
        if compiled:
            from sharedservices.analysis import partition_lp_kernels

            self.kernels = partition_lp_kernels

    def first_look(self) -> FirstLook:
        v, n = self.v, self.n
        if self.kernels is not None:
            scale, top, two, at = self.kernels.scan(v, n)
            return FirstLook(float(scale), float(top), float(two), int(at))
        lo, top = float(v.min()), float(v.max())
        if np.isfinite(lo):
            scale = max(abs(lo), abs(top))
        else:
            scale = float(np.abs(v[np.isfinite(v)]).max(initial=0.0))
        half = 1 << (n - 1)  # C without the top player, N \ C = full - C: v read backwards
        two = v[1:half] + v[::-1][1:half]
        if len(two) == 0:
            return FirstLook(scale, top, -np.inf, 0)
        at = int(np.argmax(two))
        return FirstLook(scale, top, float(two[at]), at + 1 if two[at] > -np.inf else 0)

    def full(self, y: np.ndarray, tol: float, near: float, tight_below: float = np.inf) -> Pass:
        """Every coalition's surplus: see ``Pass``. The tightest are looked for below
        ``tight_below`` only (``tight_cap`` coalitions are known to reach it)."""
        cap, tight_cap = self.cap, self.tight_cap
        if self.kernels is not None:
            smallest, short, s_short, tight, s_tight, close, overflow = self.kernels.full_pass(
                self.v, y, self.k, tol, cap, tight_cap, tight_below, near, NEAR_CAP
            )
            return Pass(
                float(smallest),
                *_smallest(short, s_short, cap),
                _smallest(tight, s_tight, tight_cap)[0],
                None if overflow else close,
            )
        surplus = subset_sums(y)
        np.subtract(surplus, self.v, out=surplus)
        short = np.flatnonzero(surplus < -tol)
        close = np.flatnonzero(surplus < near)
        return Pass(
            float(surplus.min()),
            *_smallest(short, surplus[short], cap),
            np.zeros(0, dtype=np.int64),  # numpy: the short ones only (a second pass)
            close if len(close) <= NEAR_CAP else None,
        )

    def sample(self, y: np.ndarray, tol: float, tight_below: float = np.inf) -> Pass:
        """The most violated and the tightest coalitions in one ``SAMPLE``-th of the
        table: rows of it, each a set of the high players with every set of the
        low ones, spread over the players by a hash. Compiled passes only: in numpy
        the rounds it saves cost more than it does (measured at n = 18 and 20)."""
        cap, tight_cap = self.cap, self.tight_cap
        high = self.n - self.k
        h = np.arange(1 << high, dtype=np.int64)
        rows = h[((h * 2654435761) >> 7) % SAMPLE == 0]
        low, top = subset_sums(y[: self.k]), subset_sums(y[self.k :])
        short, s_short, tight, s_tight = self.kernels.sample_pass(
            self.v, low, top, self.k, rows, tol, cap, tight_cap, tight_below
        )
        return Pass(
            -np.inf, *_smallest(short, s_short, cap), _smallest(tight, s_tight, tight_cap)[0]
        )

    def pool(self, masks: np.ndarray, y: np.ndarray) -> np.ndarray:
        low, high = subset_sums(y[: self.k]), subset_sums(y[self.k :])
        if self.kernels is not None:
            return self.kernels.pool_surplus(masks, self.v, low, high, self.k)
        return low[masks & ((1 << self.k) - 1)] + high[masks >> self.k] - self.v[masks]


def _in_order(masks: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``subset_sums(y)[masks]``, added in the same order, without the whole table."""
    out = np.zeros(len(masks))
    for i in range(len(y)):
        has = ((masks >> i) & 1).astype(bool)
        out[has] += y[i]
    return out


def lp_bound(
    v: np.ndarray,
    n: int,
    target: float = np.inf,
    passes: Passes | None = None,
    first: FirstLook | None = None,
) -> LPBound | None:
    """The LP bound of the game ``v`` (a 2**n table, ``-inf`` forbids), or ``None``
    when the LP has no optimum (no structure at all), does not settle in
    ``MAX_ROUNDS`` rounds, or cannot come down to ``target``: each round's LP has
    only some of the coalitions, so its optimum only rises towards the bound, and
    once above the target the rest of the work could not prove it. ``passes``
    chooses numpy or the kernels (by default the kernels from ``COMPILED_FROM``
    players); ``first`` is its first look, when already taken."""
    import highspy

    passes = passes or Passes(v, n)
    first = first or passes.first_look()
    full = (1 << n) - 1
    scale, top = first.scale, first.top
    tol = 1e-9 * max(1.0, abs(top))
    inf = highspy.kHighsInf
    h = quiet_highs()
    h.setOptionValue("presolve", "off")  # warm bases matter more here
    h.setOptionValue("primal_feasibility_tolerance", 1e-9)
    h.setOptionValue("dual_feasibility_tolerance", 1e-9)
    # The LP as set partitioning: a row per player (covered once), a column per
    # coalition, maximised; its row duals are y. Columns keep the basis primal
    # feasible, so each round goes on from the last (n rows: a tiny basis).
    # A column per player worth far below anything (an empty seat) keeps it
    # feasible before any coalition covers a player (a forbidden singleton, say);
    # in y it is a floor, y_i >= that worth, which keeps the bound valid (a y that
    # meets every coalition bounds every structure, by weak duality) and does not
    # bind at an optimum.
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, n
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.full(n, -4.0 * (n + 1) * max(1.0, scale))
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.full(n, inf)
    lp.row_lower_ = lp.row_upper_ = np.ones(n)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.arange(n + 1, dtype=np.int32)
    lp.a_matrix_.index_ = np.arange(n, dtype=np.int32)
    lp.a_matrix_.value_ = np.ones(n)
    h.passModel(lp)
    in_model = np.zeros(1 << n, dtype=bool)
    columns: list[np.ndarray] = []

    def add(masks: np.ndarray) -> None:
        masks = distinct(masks)
        masks = masks[~in_model[masks] & np.isfinite(v[masks])]
        if len(masks):
            starts, rows = _members(masks, n)
            h.addCols(
                len(masks),
                v[masks],
                np.zeros(len(masks)),
                np.full(len(masks), inf),
                len(rows),
                starts,
                rows,
                np.ones(len(rows)),
            )
            in_model[masks] = True
            columns.append(masks)

    # the singletons, everyone but one, and everyone: the coalitions a grand coalition rests on
    players = np.int64(1) << np.arange(n, dtype=np.int64)
    add(np.concatenate([players, full ^ players, [full]]).astype(np.int64))
    limit = COLUMNS_PER_ROUND * n
    pool = np.zeros(0, dtype=np.int64)  # coalitions violated at the last full pass
    sampling = passes.kernels is not None and n - passes.k >= 4
    rounds = 0
    while rounds < MAX_ROUNDS:
        rounds += 1
        h.run()
        if h.modelStatusToString(h.getModelStatus()) != "Optimal":
            return None  # unbounded: no fractional structure either, or trouble
        y = np.asarray(h.getSolution().row_dual, dtype=np.float64)
        if float(y.sum()) > target:
            return None
        tight_below = np.inf  # a surplus tight_cap coalitions are known to reach
        if len(pool):  # a cheap round first: only the coalitions violated lately
            surplus = passes.pool(pool, y)
            violated = np.flatnonzero((surplus < -tol) & ~in_model[pool])
            if len(violated):
                add(pool[violated[_most_violated(surplus[violated], limit)]])
                continue
            if len(surplus) > passes.tight_cap:  # a little above: the pool's sums are
                at = np.partition(surplus, passes.tight_cap - 1)[passes.tight_cap - 1]
                tight_below = at + _margin(y, tol, n)  # added another way than the pass's
        if sampling:  # a sample of the table while it still finds violated coalitions
            found = passes.sample(y, tol, tight_below)
            if len(found.short):
                add(found.short[_most_violated(found.short_surplus, limit)])
                pool = distinct(np.concatenate([found.short, found.tight]))
                continue
            sampling = False
        # the full pass: every coalition (v[0] = 0 is never short); those within
        # ``near`` of their worth are kept for the check after the lift below
        found = passes.full(y, tol, _margin(y, tol, n), tight_below)
        if len(found.short) == 0:
            lift = _lift(y, found.smallest, passes, found.close)
            blocks = _integral(h, np.concatenate(columns), n, full) if columns else None
            return LPBound(float((y + lift).sum()), y + lift, blocks, rounds)
        add(found.short[_most_violated(found.short_surplus, limit)])
        pool = distinct(np.concatenate([found.short, found.tight]))
    return None


def _most_violated(surplus: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` smallest surpluses (all of them when there are no more)."""
    if len(surplus) <= k:
        return np.arange(len(surplus))
    return np.argpartition(surplus, k)[:k]


def _margin(y: np.ndarray, tol: float, n: int) -> float:
    """A surplus this far above zero stays above zero, as computed, once ``y`` is
    lifted by at most ``tol`` and a few ulps: the sums of ``n`` terms err by at most
    ``n`` ulps of the sum of the magnitudes (here eight times that)."""
    return 8.0 * (n + 1) * np.finfo(float).eps * (float(np.abs(y).sum()) + n * tol)


def _lift(y: np.ndarray, smallest: float, passes: Passes, close: np.ndarray | None) -> float:
    """How far to raise every ``y_i`` so that every coalition's sum, as computed,
    meets its worth: the largest shortfall left (within HiGHS's tolerance) and
    rounding. Checked as the sums are computed (a few ulps can still be short):
    on the coalitions that were within the margin, or on all when they were many."""
    eps = np.finfo(float).eps
    lift = max(0.0, -smallest) + 2.0 * eps * float(np.abs(y).sum())
    for _ in range(3):
        if close is None:
            short = passes.full(y + lift, np.inf, 0.0).smallest
        else:
            short = float(np.min(_in_order(close, y + lift) - passes.v[close], initial=0.0))
        if short >= 0.0:
            break
        lift += -short + eps * abs(lift)
    return lift


def _integral(h, masks: np.ndarray, n: int, full: int) -> list[int] | None:
    """The coalitions the LP takes whole, when they form a structure on their own."""
    x = np.asarray(h.getSolution().col_value)[n:]  # after the empty seats
    chosen = masks[x > 0.5]
    if len(chosen) and int(np.bitwise_or.reduce(chosen)) == full and int(chosen.sum()) == full:
        return sorted(int(c) for c in chosen)
    return None
