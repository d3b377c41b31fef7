"""Best partnerships among hundreds of councils, with small connected partnerships.

The search space is every partition of the councils into blocks taken from a
list of candidate *columns* (e.g. every connected coalition of at most 5
councils); a council not in a chosen column stands alone and saves 0. That is
weighted set packing, solved exactly by:

1. **Dominance.** A column worth no more than the best split of itself into
   smaller columns (or singletons) is never needed: replace it by that split
   and nothing is lost. Many large columns go here when distance costs bite
   (with the default model on the real England map, none do).
2. **Decomposition.** Councils linked by no surviving column are independent
   problems; the map falls apart into regions, each solved on its own.
3. **LP with cuts, reduced-cost fixing, HiGHS MIP** per region (``highspy``):
   the LP relaxation, tightened by rounded cuts (``packing_cuts``: a stretch of
   12 councils holds at most two blocks of five), gives duals that bound every
   packing that uses a column; columns whose
   bound is below an incumbent's value are dropped, the rest re-split into
   independent parts, and each part solved as a MIP started from the incumbent
   with gap 0, so an answer is flagged optimal only when HiGHS proves it;
   otherwise the proven bound is kept and the gap reported.
4. **Incumbent.** The better the first answer, the more columns step 3 drops
   and the smaller the gap when time runs out. It comes from diving the cut
   LP (fix what it takes nearly whole, re-solve), then ``packing_search``:
   two or three neighbouring blocks re-partitioned exactly, over and over; on
   large models a restricted master MIP over the best-priced columns, and the
   local search again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from scipy.sparse import csc_array, csr_array

from .highs import quiet_highs
from .packing_cuts import (
    Cuts,
    candidate_sets,
    map_sets,
    separate,
    support_sets,
    violated_triples,
)
from .packing_search import improve

CUT_ROUNDS = 20  # rounds of rounded (Chvatal-Gomory) cuts on the LP, within 15% of the time
RESTRICTED_MASTER_FROM = 20  # candidates per council above which a restricted master runs first
RESTRICTED_MASTER_COLUMNS = 17  # columns per council, best reduced cost first, in that master
START_MIP_FROM_INCUMBENT = True
DIVE_SHARE = 0.25  # the LP dive for a first answer stops at this share of the time limit
POLISH_SHARE = 0.15  # and the local search after it may take this share
MIN_MIP_SECONDS = 0.5  # a MIP is not started with less time than this left
PRESOLVE_FROM = 2.0  # MIP presolve (which cannot be interrupted) only with this x LP time left


@dataclass
class PackingResult:
    chosen: list[tuple[int, ...]]
    value: float
    bound: float
    optimal: bool
    columns_in: int = 0
    columns_kept: int = 0
    regions: int = 0
    stats: dict = field(default_factory=dict)

    @property
    def gap(self) -> float:
        """Relative gap between the proven bound and the value found (0 when optimal)."""
        if self.optimal:
            return 0.0
        if not (np.isfinite(self.bound) and np.isfinite(self.value)):
            return float("inf")  # nothing proven
        return max(0.0, (self.bound - self.value) / max(abs(self.bound), 1e-9))


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


def _regions(n: int, columns: list[tuple[int, ...]]) -> list[list[int]]:
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


class _Highs:
    """One HiGHS model over some columns of the packing, with rows ``lower <= A x <= 1``."""

    def __init__(
        self,
        a: csc_array,
        cost: np.ndarray,
        lower: np.ndarray,
        integer: bool,
        time_limit: float,
        cuts: Cuts | None = None,
        presolve: bool = True,
    ) -> None:
        import highspy

        self.highspy = highspy
        h = quiet_highs()  # no banner on standard output: the CLI promises pure JSON
        h.setOptionValue("time_limit", float(max(time_limit, 0.1)))
        # presolve cannot be interrupted (neither by the time limit nor by a callback):
        # LPs go without it (no slower here), MIPs only when there is time for it
        h.setOptionValue("presolve", "on" if presolve and integer else "off")
        if integer:
            h.setOptionValue("mip_rel_gap", 0.0)
            h.setOptionValue("mip_abs_gap", 0.0)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = a.shape[1], a.shape[0]
        lp.col_cost_ = -np.asarray(cost, dtype=float)  # HiGHS minimises
        lp.col_lower_ = np.zeros(a.shape[1])
        lp.col_upper_ = np.ones(a.shape[1])
        lp.row_lower_ = np.where(lower > 0, 1.0, -highspy.kHighsInf)
        lp.row_upper_ = np.ones(a.shape[0])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = a.indptr
        lp.a_matrix_.index_ = a.indices
        lp.a_matrix_.value_ = a.data
        if integer:
            lp.integrality_ = [highspy.HighsVarType.kInteger] * a.shape[1]
        h.passModel(lp)
        self.h = h
        self.error: BaseException | None = None
        if cuts is not None and len(cuts):
            self.add_cuts(cuts)

    def add_cuts(self, cuts: Cuts) -> None:
        """Append the rows ``cuts.coef @ x <= cuts.rhs``."""
        coef = cuts.coef
        self.h.addRows(
            len(cuts),
            np.full(len(cuts), -self.highspy.kHighsInf),
            np.asarray(cuts.rhs, dtype=float),
            coef.nnz,
            coef.indptr.astype(np.int32),
            coef.indices.astype(np.int32),
            coef.data.astype(float),
        )

    def start(self, x: np.ndarray) -> None:
        sol = self.highspy.HighsSolution()
        sol.col_value = list(np.asarray(x, dtype=float))
        sol.value_valid = True
        self.h.setSolution(sol)

    def watch(self, report: Callable[[float, float], None] | None, deadline: float) -> None:
        """Stop at ``deadline`` (``time.perf_counter()``) and, if given, call
        ``report(primal, dual)`` (in HiGHS's sense) about once a second.

        HiGHS's own time limit is not checked everywhere (its root cut loop can
        overrun it on large models), so the deadline is enforced here too. An
        exception from ``report`` stops HiGHS and is raised again by :meth:`run`.
        """
        last = [time.perf_counter()]

        def tick(e) -> None:
            now = time.perf_counter()
            if self.error is not None or now > deadline:
                e.data_in.user_interrupt = True
                return
            if report is None or now - last[0] < 1.0:
                return
            last[0] = now
            try:
                report(-float(e.data_out.mip_primal_bound), -float(e.data_out.mip_dual_bound))
            except BaseException as exc:  # re-raised after the solver stops
                self.error = exc
                e.data_in.user_interrupt = True

        def stop_at_deadline(e) -> None:  # the root LP of a large MIP, between MIP ticks
            if self.error is not None or time.perf_counter() > deadline:
                e.data_in.user_interrupt = True

        self.h.cbMipInterrupt.subscribe(tick)
        self.h.cbSimplexInterrupt.subscribe(stop_at_deadline)

    def run(self) -> None:
        self.h.run()
        if self.error is not None:
            raise self.error

    def status(self) -> str:
        return self.h.modelStatusToString(self.h.getModelStatus())


def _greedy(cols, vals, row_of, first: np.ndarray, rows: int) -> np.ndarray:
    """Columns in ``first`` that fit, then the rest that fit, most valuable first."""
    used = np.zeros(rows, dtype=bool)
    chosen = np.zeros(len(cols), dtype=bool)
    order = list(np.flatnonzero(first)) + [
        j for j in np.argsort(-vals, kind="stable") if vals[j] > 0 and not first[j]
    ]
    for j in order:
        r = [row_of[u] for u in cols[j]]
        if not used[r].any():
            used[r] = True
            chosen[j] = True
    return chosen


def per_council_bound(cols, vals) -> float:
    """No packing beats the sum over councils of their best ``max(0, v_j / |j|)``."""
    best: dict[int, float] = {}
    for c, x in zip(cols, vals, strict=True):
        share = max(0.0, float(x) / len(c))
        for u in c:
            best[u] = max(best.get(u, 0.0), share)
    return float(sum(best.values()))


def _is_packing(a: csc_array, chosen: np.ndarray, lower: np.ndarray) -> bool:
    """True when the chosen columns cover no row twice and every row with ``lower`` 1."""
    cover = a @ chosen.astype(float)
    return bool((cover <= 1 + 1e-9).all() and (cover >= lower - 1e-9).all())


def _dive(lp: _Highs, deadline: float) -> np.ndarray | None:
    """A packing from the LP by diving: fix at 1 the columns it takes at 0.9 or more (or
    else its largest fractional one) and re-solve, until whole. None when the LP turns
    infeasible (rows that must be covered) or time runs out. Leaves the LP's bounds changed.
    """
    while time.perf_counter() < deadline:
        x = np.asarray(lp.h.getSolution().col_value, dtype=float)
        frac = np.flatnonzero((x > 1e-6) & (x < 1 - 1e-6))
        if not len(frac):
            return x > 0.5
        pick = frac[x[frac] >= 0.9]
        if not len(pick):
            pick = frac[[np.argmax(x[frac])]]
        for j in pick:
            lp.h.changeColBounds(int(j), 1.0, 1.0)
        lp.run()
        if lp.status() != "Optimal":
            return None
    return None


def _region_packing(
    cols: list[tuple[int, ...]],
    vals: np.ndarray,
    must: np.ndarray,
    time_limit: float,
    fix: bool,
    report: Callable[[float, str], None] | None,
    stats: dict,
) -> tuple[list[int], float, float, bool, bool]:
    """Best packing of one connected region: (chosen, value, bound, optimal, feasible).

    With ``fix``: the LP relaxation gives duals ``y`` (>= 0 on the <= rows) and
    for every packing ``x``, ``w.x <= L = sum y + sum_j max(0, rc_j)`` with
    ``rc_j = w_j - y(j)``; a packing holding column ``j`` is worth at most
    ``L - max(0, rc_j) + rc_j``. An incumbent of value ``LB`` is built by keeping
    the columns the LP takes whole and adding the rest greedily by worth (on
    large models, improved by a short MIP over the columns of best reduced
    cost); every column whose bound falls below ``LB`` is dropped (reduced-cost fixing), the kept
    columns are split again into independent parts and each part is a MIP
    started from the incumbent. Dropped columns are in no packing better than
    ``LB``, so the answer is optimal when every part is.
    """
    started = time.perf_counter()
    deadline = started + time_limit
    councils = sorted({u for c in cols for u in c})
    row_of = {u: r for r, u in enumerate(councils)}
    m = len(cols)
    rows = np.fromiter((row_of[u] for c in cols for u in c), dtype=np.int64)
    colidx = np.fromiter((j for j, c in enumerate(cols) for _ in c), dtype=np.int64)
    a = csc_array((np.ones(len(rows)), (rows, colidx)), shape=(len(councils), m))
    lower = must[councils].astype(float)
    scale = 10.0 ** np.round(np.log10(max(float(np.abs(vals).max()), 1e-9)) - 2)
    w = vals / scale  # HiGHS warns about, and slows on, costs of 1e6 and more

    def left() -> float:
        return time_limit - (time.perf_counter() - started)

    def mip(idx: np.ndarray, limit: float, start: np.ndarray | None, note: str):
        model = _Highs(a[:, idx], w[idx], lower * (1 if len(idx) == m else 0), True, limit)
        if start is not None:
            model.start(start)
        model.watch(
            None
            if report is None
            else lambda primal, dual: report(
                min(1.0, (time.perf_counter() - started) / max(time_limit, 1e-9)),
                f"{note}: best {primal * scale:,.0f}, bound {dual * scale:,.0f}",
            ),
            started + time_limit,
        )
        model.run()
        info = model.h.getInfo()
        x = np.asarray(model.h.getSolution().col_value, dtype=float)
        status = model.status()
        has = x.size == len(idx) and info.primal_solution_status == 2
        value = float(w[idx] @ np.round(x)) * scale if has else -np.inf
        dual = -float(info.mip_dual_bound) * scale
        return (x > 0.5) if has else None, value, dual, status

    if not fix:
        x, value, dual, status = mip(np.arange(m), left(), None, "MIP")
        if x is None:
            return (
                [],
                -np.inf,
                dual if status != "Infeasible" else -np.inf,
                status == "Infeasible",
                False,
            )
        opt = status == "Optimal"
        return list(np.flatnonzero(x)), value, value if opt else max(value, dual), opt, True

    # LP relaxation, tightened by rounded cuts, and its Lagrangian bound
    lp = _Highs(a, w, lower, False, max(left(), 0.1))
    lp.watch(None, deadline)
    lp.run()
    lp_seconds = time.perf_counter() - started  # how long a solve of this model takes now

    def out_of_time():  # no LP answer in time: the greedy packing and a simple bound
        greedy = _greedy(cols, vals, row_of, np.zeros(m, dtype=bool), len(councils))
        if not _is_packing(a, greedy, lower):
            return [], -np.inf, per_council_bound(cols, vals), False, False
        got = float(vals[greedy].sum())
        return list(np.flatnonzero(greedy)), got, per_council_bound(cols, vals), False, True

    if lp.status() != "Optimal":
        return out_of_time()
    cuts = Cuts.none(m)
    xlp = np.asarray(lp.h.getSolution().col_value, dtype=float)
    on_map = map_sets(a) if CUT_ROUNDS else None
    for _ in range(CUT_ROUNDS):
        if left() < 0.85 * time_limit:
            break
        before = lp.h.getInfo().objective_function_value
        sets = candidate_sets(on_map, support_sets(a, xlp), violated_triples(a, xlp))
        new = separate(a, xlp, sets)
        if not len(new):
            break
        lp.add_cuts(new)
        lp.run()
        cuts = cuts.stack(new)
        xlp = np.asarray(lp.h.getSolution().col_value, dtype=float)
        if lp.h.getInfo().objective_function_value - before < 2e-6 * abs(before):
            break  # the bound no longer moves
    if lp.status() != "Optimal":  # a cut round stopped at the deadline: its duals bound nothing
        return out_of_time()
    dual = -np.asarray(lp.h.getSolution().row_dual, dtype=float) * scale
    y, pi = dual[: len(councils)], np.maximum(dual[len(councils) :], 0.0)
    binding = pi > 0  # the rest only slow the MIPs down: HiGHS re-solves its root with them
    cuts, pi = Cuts(csr_array(cuts.coef[binding]), cuts.rhs[binding]), pi[binding]
    stats["cuts"] = stats.get("cuts", 0) + len(cuts)
    y = np.where(lower > 0, y, np.maximum(y, 0.0))
    rc = vals - a.T @ y - cuts.coef.T @ pi
    big = float(y.sum() + pi @ cuts.rhs + np.maximum(rc, 0.0).sum())
    stats["lp_bound"] = stats.get("lp_bound", 0.0) + big
    if report is not None:
        report(0.1, f"LP relaxation solved: bound {big:,.0f}")

    # incumbent: the columns the LP takes whole, then the rest greedily
    incumbent = _greedy(cols, vals, row_of, xlp > 1 - 1e-6, len(councils))
    lb = float(vals[incumbent].sum()) if _is_packing(a, incumbent, lower) else -np.inf
    # better: dive the LP (fix what it takes nearly whole, else its largest column, re-solve)
    dived = _dive(lp, started + DIVE_SHARE * time_limit)
    if dived is not None and _is_packing(a, dived, lower) and vals[dived].sum() > lb:
        incumbent, lb = dived, float(vals[dived].sum())
    stats["dive"] = stats.get("dive", 0.0) + (lb if np.isfinite(lb) else 0.0)
    if report is not None and np.isfinite(lb):
        report(0.12, f"first answer {lb:,.0f}; improving it by local search")
    # then re-partition two or three neighbouring blocks at a time, exactly
    local = [tuple(row_of[u] for u in c) for c in cols]

    def polish(start: np.ndarray) -> np.ndarray:
        stop = min(time.perf_counter() + POLISH_SHARE * time_limit, deadline)
        return improve(local, vals, start, lower > 0, 3, stop)

    if np.isfinite(lb):
        incumbent = polish(incumbent)
        lb = float(vals[incumbent].sum())
        stats["polished"] = stats.get("polished", 0.0) + lb
    # better incumbent on large models, where HiGHS's root alone can take the whole
    # time limit: the MIP over the columns the LP prices best (a restricted master)
    if (
        np.isfinite(lb)
        and m > RESTRICTED_MASTER_FROM * len(councils)
        and 0.3 * left() > MIN_MIP_SECONDS
    ):
        top = np.argsort(-rc, kind="stable")[: RESTRICTED_MASTER_COLUMNS * len(councils)]
        pool = np.flatnonzero(incumbent | np.isin(np.arange(m), top))
        heur = _Highs(
            a[:, pool],
            w[pool],
            lower * 0,
            True,
            0.3 * left(),
            cuts.restricted(pool),
            presolve=0.3 * left() > PRESOLVE_FROM * lp_seconds,
        )
        heur.start(incumbent[pool].astype(float))
        heur.watch(
            None
            if report is None
            else lambda primal, dual: report(
                min(0.2, 0.1 + 0.1 * (time.perf_counter() - started) / time_limit),
                f"looking for a good first answer: best {primal * scale:,.0f}",
            ),
            time.perf_counter() + 0.3 * left(),
        )
        heur.run()
        xh = np.asarray(heur.h.getSolution().col_value, dtype=float)
        if xh.size == len(pool) and heur.h.getInfo().primal_solution_status == 2:
            better = np.zeros(m, dtype=bool)
            better[pool[xh > 0.5]] = True
            if _is_packing(a, better, lower):  # worse or not, it may polish up better
                better = polish(better)
                if vals[better].sum() > lb:
                    incumbent, lb = better, float(vals[better].sum())
    stats["incumbent"] = stats.get("incumbent", 0.0) + (lb if np.isfinite(lb) else 0.0)

    # reduced-cost fixing
    tol = 1e-9 * max(1.0, abs(big)) + 1e-6
    keep = big - np.maximum(rc, 0.0) + rc >= lb - tol
    keep |= incumbent
    if (lower > 0).any() and not np.isfinite(lb):
        keep[:] = True
    stats["kept_after_fixing"] = stats.get("kept_after_fixing", 0) + int(keep.sum())
    if report is not None:
        report(
            0.2,
            f"incumbent {lb:,.0f}; {int(keep.sum()):,} of {m:,} partnerships can still "
            "be in a better answer",
        )
    kept = np.flatnonzero(keep)
    parts = _regions(max(councils) + 1, [cols[j] for j in kept])
    chosen: list[int] = []
    value = 0.0
    bound = 0.0
    optimal = True
    for part in sorted(parts, key=len):
        idx = kept[part]
        if len(idx) == 1 or all(not set(cols[i]) & set(cols[j]) for i, j in combinations(idx, 2)):
            take = [j for j in idx if vals[j] > 0 or must[list(cols[j])].any()]
            chosen.extend(take)
            value += float(vals[take].sum())
            bound += float(vals[take].sum())
            continue
        if left() < MIN_MIP_SECONDS and np.isfinite(lb):  # no time: keep the incumbent
            take = idx[incumbent[idx]]
            chosen.extend(take)
            value += float(vals[take].sum())
            bound = np.inf  # the LP's bound stands for this part (taken below)
            optimal = False
            continue
        model_rows = sorted({row_of[u] for j in idx for u in cols[j]})
        model = _Highs(
            csc_array(a[:, idx][model_rows, :]),
            w[idx],
            lower[model_rows],
            True,
            max(left(), 0.1),
            cuts.restricted(idx),
            presolve=left() > PRESOLVE_FROM * lp_seconds,
        )
        if START_MIP_FROM_INCUMBENT:
            model.start(incumbent[idx].astype(float))
        model.watch(
            None
            if report is None
            else lambda primal, dual: report(
                min(0.95, 0.2 + 0.75 * (time.perf_counter() - started) / time_limit),
                f"MIP: best {primal * scale:,.0f}, bound {dual * scale:,.0f}",
            ),
            started + time_limit,
        )
        model.run()
        stats["mip_parts"] = stats.get("mip_parts", 0) + 1
        info = model.h.getInfo()
        x = np.asarray(model.h.getSolution().col_value, dtype=float)
        status = model.status()
        if status == "Infeasible":
            return [], -np.inf, -np.inf, True, False
        found = x.size == len(idx) and info.primal_solution_status == 2
        if not found and not np.isfinite(lb):
            return [], -np.inf, big, False, False  # no packing found in time
        if not found or (
            np.isfinite(lb) and vals[idx[x > 0.5]].sum() < vals[idx[incumbent[idx]]].sum()
        ):
            x = incumbent[idx].astype(float)  # stopped before improving on the start
        take = idx[x > 0.5]
        chosen.extend(take)
        got = float(vals[take].sum())
        value += got
        if status == "Optimal":
            bound += got
        else:
            optimal = False
            bound += max(got, -float(info.mip_dual_bound) * scale)
    if not optimal:
        bound = min(big, max(bound, lb))
    return chosen, value, bound, optimal, True


def best_packing(
    n: int,
    columns: list[tuple[int, ...]],
    values: np.ndarray,
    must_join: Sequence[bool] | None = None,
    time_limit: float = 60.0,
    prune: bool = True,
    progress: Callable[[float, str], None] | None = None,
) -> PackingResult:
    """Choose disjoint columns maximising total value; other councils stand alone.

    ``must_join[i]`` marks councils that may not stand alone (one of a pair that
    must be together). Returns value ``-inf`` and ``optimal`` True when no
    packing covers them all. ``prune=False`` is the plain model (no dominance,
    no reduced-cost fixing): one HiGHS MIP per region, for comparison.
    """
    started = time.perf_counter()
    values = np.asarray(values, dtype=float)
    must = np.zeros(n, dtype=bool) if must_join is None else np.asarray(must_join, dtype=bool)
    alone = np.where(must, -np.inf, 0.0)
    columns_in = len(columns)
    keep = np.isfinite(values)
    if prune and columns:
        keep &= undominated(n, columns, values, alone)
        keep &= (values > 0) | np.array([must[list(c)].any() for c in columns], dtype=bool)
    cols = [c for c, k in zip(columns, keep, strict=True) if k]
    vals = values[keep]
    covered = np.zeros(n, dtype=bool)
    for c in cols:
        covered[list(c)] = True
    if (must & ~covered).any():
        return PackingResult([], -np.inf, -np.inf, True, columns_in, len(cols), 0)
    regions = _regions(n, cols)
    if progress is not None:
        progress(0.05, f"{len(cols):,} partnerships worth considering, in {len(regions)} regions")
    chosen: list[tuple[int, ...]] = []
    total = 0.0
    bound = 0.0
    optimal = True
    stats: dict = {}
    hard = [g for g in regions if len(g) > 1]
    weight = max(1, sum(len(g) for g in hard))
    done = 0
    for group in sorted(regions, key=len):
        sub_cols = [cols[j] for j in group]
        sub_vals = vals[group]
        if len(group) == 1 or all(not set(a) & set(b) for a, b in combinations(sub_cols, 2)):
            take = [j for j, w in enumerate(sub_vals) if w > 0 or must[list(sub_cols[j])].any()]
            chosen.extend(sub_cols[j] for j in take)
            total += float(sub_vals[take].sum())
            bound += float(sub_vals[take].sum())
            continue
        remaining = max(1.0, time_limit - (time.perf_counter() - started))
        share = remaining * len(group) / max(1, weight - done)
        base, span = done / weight, len(group) / weight

        def report(f: float, msg: str, base=base, span=span) -> None:
            if progress is not None:
                progress(0.05 + 0.9 * (base + span * min(1.0, f)), msg)

        picked, value, region_bound, region_optimal, feasible = _region_packing(
            sub_cols, sub_vals, must, share, prune, report if progress else None, stats
        )
        done += len(group)
        if not feasible:
            if region_optimal:
                return PackingResult([], -np.inf, -np.inf, True, columns_in, len(cols), 0)
            optimal = False
            bound += region_bound
            continue
        chosen.extend(sub_cols[j] for j in picked)
        total += value
        bound += region_bound
        optimal &= region_optimal
    stats["seconds"] = time.perf_counter() - started
    return PackingResult(
        sorted(chosen),
        total,
        bound,
        optimal,
        columns_in,
        len(cols),
        len(regions),
        stats,
    )
