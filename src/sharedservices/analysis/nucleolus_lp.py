"""The surplus LP behind the least core and the nucleolus, kept warm in HiGHS.

``max t  s.t.  x(S) - t >= v(S)`` for the unsettled coalitions ``S``,
``x(S) = v(S) + t_k`` for those settled at stage ``k``, and ``x(N) = v(N)``.

There are only ``n + 1`` unknowns but ``2**n`` rows, so rows are generated:
after each solve the surplus of every coalition is one subset-sum table
(a million numbers at n = 20, a few milliseconds), and the most violated
coalitions join the model together with their complements (a coalition and
its complement are settled together, and keeping both keeps ``t`` bounded).
HiGHS re-solves from its previous basis with the dual simplex, so a round costs
a few pivots rather than a solve from scratch.

Why in bulk: on the cost model's savings games the least-core face is flat
(thousands of coalitions share the smallest surplus), so adding a few rows a
round only moves ``x`` to another vertex that violates their neighbours; the
old loop of 2n rows per round from scratch took minutes at n = 20.
"""

from __future__ import annotations

import numpy as np

from sharedservices.analysis.bitsets import distinct, players_in, subset_sums
from sharedservices.analysis.highs import quiet_highs

ROWS_PER_ROUND = 64  # per player: up to 1,280 new coalitions a round at n = 20
DUAL_TOL = 1e-9  # the duals of the t-rows add up to 1


class SurplusLP:
    def __init__(self, v: np.ndarray, imputation: bool, tol: float = 1e-9, seed: int = 0):
        import highspy

        self.inf = highspy.kHighsInf
        self.v = v
        self.n = n = players_in(v)
        self.full = full = (1 << n) - 1
        self.tol = tol * max(1.0, float(np.abs(v).max()))
        self.rng = np.random.default_rng(seed)
        self.solves = 0
        self.free = np.ones(1 << n, dtype=bool)
        self.free[0] = self.free[full] = False
        self.in_model = np.zeros(1 << n, dtype=bool)
        # v where unsettled, -inf elsewhere: surplus = x(S) - v_free is +inf when settled
        self.v_free = np.where(self.free, v, -np.inf)
        self.q = np.ones((1, n)) / np.sqrt(n)  # orthonormal basis of the settled directions
        self.fixed_rows = [np.ones(n)]
        self.fixed_vals = [float(v[full])]
        self._settled = False

        h = quiet_highs()
        h.setOptionValue("presolve", "off")  # a warm basis is worth more than presolve here
        h.setOptionValue("primal_feasibility_tolerance", 1e-9)
        h.setOptionValue("dual_feasibility_tolerance", 1e-9)
        lower = [float(v[1 << i]) for i in range(n)] if imputation else [-self.inf] * n
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n + 1, 1
        lp.col_cost_ = np.r_[np.zeros(n), -1.0]  # HiGHS minimises: min -t
        lp.col_lower_ = np.array([*lower, -self.inf])
        lp.col_upper_ = np.full(n + 1, self.inf)
        lp.row_lower_ = np.array([float(v[full])])
        lp.row_upper_ = np.array([float(v[full])])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array([0, n], dtype=np.int32)
        lp.a_matrix_.index_ = np.arange(n, dtype=np.int32)
        lp.a_matrix_.value_ = np.ones(n)
        h.passModel(lp)
        self.h = h
        self.rows = np.array([full], dtype=np.int64)  # coalition of each HiGHS row, in order
        self.fixed = np.array([True])  # rows that are equalities (row 0: efficiency)
        self._add(np.array([1 << i for i in range(n)], dtype=np.int64))

    def settled(self) -> bool:
        return self._settled or not self.free.any()

    def _add(self, masks: np.ndarray) -> int:
        masks = distinct(np.concatenate([masks, self.full ^ masks]))
        masks = masks[self.free[masks] & ~self.in_model[masks]]
        k = len(masks)
        if k == 0:
            return 0
        n = self.n
        aug = np.ones((k, n + 1), dtype=bool)
        aug[:, :n] = (masks[:, None] >> np.arange(n)) & 1
        r, c = np.nonzero(aug)  # row-major: members of each row, then t
        starts = np.searchsorted(r, np.arange(k)).astype(np.int32)
        values = np.where(c == n, -1.0, 1.0)
        self.h.addRows(
            k,
            self.v[masks].astype(float),
            np.full(k, self.inf),
            len(c),
            starts,
            c.astype(np.int32),
            values,
        )
        self.rows = np.concatenate([self.rows, masks])
        self.fixed = np.concatenate([self.fixed, np.zeros(k, dtype=bool)])
        self.in_model[masks] = True
        return k

    def _solve(self) -> tuple[float, np.ndarray]:
        self.h.run()
        self.solves += 1
        status = self.h.modelStatusToString(self.h.getModelStatus())
        if status != "Optimal":
            raise RuntimeError(f"nucleolus LP failed: {status}")
        col = np.asarray(self.h.getSolution().col_value)
        return float(col[self.n]), col[: self.n]

    def stage(self) -> tuple[float, np.ndarray]:
        """Solve the current stage to optimality over all 2**n rows."""
        limit = ROWS_PER_ROUND * self.n
        while True:
            t, x = self._solve()
            surplus = subset_sums(x) - self.v_free
            violated = np.flatnonzero(surplus < t - self.tol)
            violated = violated[~self.in_model[violated]]
            if len(violated) == 0:
                return t, x
            if len(violated) > limit:
                violated = violated[np.argpartition(surplus[violated], limit)[:limit]]
            self._add(violated)

    def settle(self, t: float) -> None:
        """Fix the rows with a positive dual at surplus ``t``; drop what they determine."""
        n = self.n
        sol = self.h.getSolution()
        duals = np.abs(np.asarray(sol.row_dual))
        duals[self.fixed] = 0.0
        candidates = np.flatnonzero(duals > DUAL_TOL)
        added = self._fix(candidates[np.argsort(-duals[candidates])], t)
        if not added:  # a degenerate dual answer: fall back to the tight rows
            x = np.asarray(sol.col_value)[:n]
            surplus = subset_sums(x)[self.rows] - self.v[self.rows]
            tight = np.flatnonzero((np.abs(surplus - t) <= self.tol) & ~self.fixed)
            added = self._fix(tight, t)
            if not added:
                raise RuntimeError("nucleolus LP: no coalition could be settled")
        if len(self.fixed_rows) >= n:
            self._settled = True
            return
        # coalitions in the span of the settled rows have a determined surplus: two
        # random directions orthogonal to that span are both orthogonal to S's
        # indicator exactly when S is in the span
        complement = np.eye(n) - self.q.T @ self.q
        probes = complement @ self.rng.standard_normal((n, 2))
        probes /= np.maximum(np.linalg.norm(probes, axis=0), 1e-300)
        in_span = np.abs(subset_sums(probes[:, 0])) <= 1e-9
        in_span &= np.abs(subset_sums(probes[:, 1])) <= 1e-9
        self.free &= ~in_span
        self.v_free[in_span] = -np.inf
        drop = np.flatnonzero(~self.free[self.rows] & ~self.fixed)
        if len(drop):
            self.h.deleteRows(len(drop), drop.astype(np.int32))
            keep = np.ones(len(self.rows), dtype=bool)
            keep[drop] = False
            self.rows, self.fixed = self.rows[keep], self.fixed[keep]

    def _fix(self, candidates: np.ndarray, t: float) -> int:
        n = self.n
        added = 0
        for j in candidates:
            mask = int(self.rows[j])
            row = ((mask >> np.arange(n)) & 1).astype(float)
            residual = row - self.q.T @ (self.q @ row)
            norm = np.linalg.norm(residual)
            if norm <= 1e-7:
                continue
            self.q = np.vstack([self.q, residual / norm])
            value = float(self.v[mask] + t)
            self.fixed_rows.append(row)
            self.fixed_vals.append(value)
            self.h.changeCoeff(int(j), n, 0.0)
            self.h.changeRowBounds(int(j), value, value)
            self.fixed[j] = True
            added += 1
            if len(self.fixed_rows) >= n:
                break
        return added

    def solution(self, fallback: np.ndarray) -> np.ndarray:
        """The allocation the settled rows determine (exact, not the LP's rounding)."""
        if len(self.fixed_rows) >= self.n:
            return np.linalg.solve(
                np.array(self.fixed_rows[: self.n]), np.array(self.fixed_vals[: self.n])
            )
        return fallback
