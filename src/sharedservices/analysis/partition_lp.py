"""An upper bound on every coalition structure from the LP relaxation, by row generation.

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

There are ``n`` unknowns and ``2**n`` rows, so rows are generated: one
subset-sum table gives every coalition's surplus ``y(S) - v(S)`` and the most
violated join the model (HiGHS re-solves warm with the dual simplex). The
coalitions violated at that full pass are kept as a pool, and the rounds after
it look only there until the pool is clean; then a full pass again, so a
handful of rounds costs two or three passes over the 2**n table.
The bound returned is rigorous: ``y`` is raised by the largest violation left
(within HiGHS's tolerance), so every row holds. Its sum over any coalition ``C``
bounds every structure of ``C`` too (``f(C) <= y(C)``), which the dynamic
programme uses to prune when the bound does not settle the search.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sharedservices.analysis.bitsets import subset_sums
from sharedservices.analysis.highs import quiet_highs

ROWS_PER_ROUND = 32  # per player
POOL_PER_PLAYER = 8192  # violated coalitions kept for cheap rounds between full passes
MAX_ROUNDS = 60  # then give up on the bound (the dynamic programme still answers)


@dataclass(frozen=True)
class LPBound:
    bound: float  # no structure of all the players is worth more
    per_player: np.ndarray  # its sum over any coalition C bounds every structure of C
    blocks: list[int] | None  # the LP's own answer when it is a structure (an integral LP)
    rounds: int


def _rows(masks: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    members = (masks[:, None] >> np.arange(n)) & 1
    r, c = np.nonzero(members)
    return np.searchsorted(r, np.arange(len(masks))).astype(np.int32), c.astype(np.int32)


def lp_bound(v: np.ndarray, n: int, target: float = np.inf) -> LPBound | None:
    """The LP bound of the game ``v`` (a 2**n table, ``-inf`` forbids), or ``None``
    when the LP has no optimum (no structure at all), does not settle in
    ``MAX_ROUNDS`` rounds, or cannot come down to ``target``: each round's LP has
    only some of the rows, so its optimum only rises towards the bound, and once
    above the target the rest of the work could not prove it."""
    import highspy

    full = (1 << n) - 1
    tol = 1e-9 * max(1.0, abs(float(v.max())))
    inf = highspy.kHighsInf
    h = quiet_highs()
    h.setOptionValue("presolve", "off")  # warm bases matter more here
    h.setOptionValue("primal_feasibility_tolerance", 1e-9)
    h.setOptionValue("dual_feasibility_tolerance", 1e-9)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, 0
    lp.col_cost_ = np.ones(n)
    # A floor on each y: with only some rows in the model a player no row bounds yet
    # (a forbidden singleton, say) sends the LP to minus infinity, though a structure
    # exists. Any floor keeps the bound valid (a y that meets every row bounds every
    # structure, by weak duality); one this far down does not bind at an optimum.
    finite = v[np.isfinite(v)]
    scale = max(1.0, float(np.abs(finite).max(initial=0.0)))
    lp.col_lower_ = np.full(n, -4.0 * (n + 1) * scale)
    lp.col_upper_ = np.full(n, inf)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array([0], dtype=np.int32)
    h.passModel(lp)
    in_model = np.zeros(1 << n, dtype=bool)
    rows: list[np.ndarray] = []

    def add(masks: np.ndarray) -> None:
        masks = np.unique(masks)
        masks = masks[~in_model[masks] & np.isfinite(v[masks])]
        if len(masks):
            starts, cols = _rows(masks, n)
            h.addRows(
                len(masks),
                v[masks],
                np.full(len(masks), inf),
                len(cols),
                starts,
                cols,
                np.ones(len(cols)),
            )
            in_model[masks] = True
            rows.append(masks)

    # the singletons, everyone but one, and everyone: the rows a grand coalition rests on
    players = np.int64(1) << np.arange(n, dtype=np.int64)
    add(np.concatenate([players, full ^ players, [full]]).astype(np.int64))
    limit = ROWS_PER_ROUND * n
    low = np.empty(1 << n, dtype=bool)
    pool = np.zeros(0, dtype=np.int64)  # coalitions violated at the last full pass
    pool_members = np.zeros((0, n))
    rounds = 0
    while rounds < MAX_ROUNDS:
        rounds += 1
        h.run()
        if h.modelStatusToString(h.getModelStatus()) != "Optimal":
            return None  # unbounded: no fractional structure either, or trouble
        y = np.asarray(h.getSolution().col_value, dtype=np.float64)
        if float(y.sum()) > target:
            return None
        if len(pool):  # a cheap round first: only the coalitions violated lately
            surplus = pool_members @ y - v[pool]
            violated = np.flatnonzero((surplus < -tol) & ~in_model[pool])
            if len(violated):
                add(_most_violated(pool[violated], surplus[violated], limit))
                continue
        sums = subset_sums(y)  # the full pass: every coalition (v[0] = 0 is never short)
        short = np.flatnonzero(np.less(sums, v, out=low))
        surplus = sums[short] - v[short]
        violated, surplus = short[surplus < -tol], surplus[surplus < -tol]
        if len(violated) == 0:
            # y + lift meets every row, rounding of the sums included (a few ulps each)
            lift = max(0.0, -float(surplus.min(initial=0.0)))
            lift += 2.0 * np.finfo(float).eps * float(np.abs(y).sum())
            # Checked as the sums are computed: a few ulps can still be short.
            for _ in range(3):
                short = float(np.min(subset_sums(y + lift) - v))
                if short >= 0.0:
                    break
                lift += -short + np.finfo(float).eps * abs(lift)
            blocks = _integral(h, np.concatenate(rows), full) if rows else None
            return LPBound(float((y + lift).sum()), y + lift, blocks, rounds)
        add(_most_violated(violated, surplus, limit))
        pool = _most_violated(violated, surplus, POOL_PER_PLAYER * n)
        pool_members = ((pool[:, None] >> np.arange(n)) & 1).astype(np.float64)
    return None


def _most_violated(masks: np.ndarray, surplus: np.ndarray, k: int) -> np.ndarray:
    if len(masks) <= k:
        return masks
    return masks[np.argpartition(surplus, k)[:k]]


def _integral(h, masks: np.ndarray, full: int) -> list[int] | None:
    """The coalitions the LP takes whole, when they form a structure on their own."""
    x = np.asarray(h.getSolution().row_dual)
    chosen = masks[np.abs(x) > 0.5]
    if len(chosen) and int(np.bitwise_or.reduce(chosen)) == full and int(chosen.sum()) == full:
        return sorted(int(c) for c in chosen)
    return None
