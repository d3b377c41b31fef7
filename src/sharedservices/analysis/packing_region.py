"""One connected region of the packing search: LP with cuts, an incumbent (dive, local
search, restricted master), reduced-cost fixing and a MIP per remaining part.
``partition_graph.best_packing`` runs it over every region.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from itertools import chain, combinations

import numpy as np
from scipy.sparse import csc_array, csr_array

from .packing_cuts import (
    Cuts,
    candidate_sets,
    map_sets,
    separate,
    support_sets,
    violated_triples,
)
from .packing_lp import (
    CUT_ROUNDS,
    DIVE_SHARE,
    MIN_MIP_SECONDS,
    POLISH_SHARE,
    PRESOLVE_FROM,
    RESTRICTED_MASTER_COLUMNS,
    RESTRICTED_MASTER_FROM,
    START_MIP_FROM_INCUMBENT,
    PackingLP,
    dive,
    greedy_packing,
    is_packing,
    per_council_bound,
)
from .packing_search import improve, kernel_ready
from .partition_candidates import split_into_regions


def region_packing(
    cols: list[tuple[int, ...]],
    vals: np.ndarray,
    must: np.ndarray,
    time_limit: float,
    fix: bool,
    report: Callable[[float, str], None] | None,
    stats: dict,
    fallback: bool = True,
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

    With ``fallback`` False, a region whose LP does not finish by the deadline
    answers (nothing, -inf, inf, not optimal, not feasible) at once: the caller
    holds a greedy packing of its own, made before the search.
    """
    started = time.perf_counter()
    deadline = started + time_limit
    m = len(cols)
    sizes = np.fromiter(map(len, cols), dtype=np.int64, count=m)
    flat = np.fromiter(chain.from_iterable(cols), dtype=np.int64, count=int(sizes.sum()))
    councils = np.unique(flat).tolist()
    row_of = {u: r for r, u in enumerate(councils)}
    rows = np.searchsorted(councils, flat)
    colidx = np.repeat(np.arange(m), sizes)
    a = csc_array((np.ones(len(rows)), (rows, colidx)), shape=(len(councils), m))
    lower = must[councils].astype(float)
    scale = 10.0 ** np.round(np.log10(max(float(np.abs(vals).max()), 1e-9)) - 2)
    w = vals / scale  # HiGHS warns about, and slows on, costs of 1e6 and more

    def left() -> float:
        return time_limit - (time.perf_counter() - started)

    def mip(idx: np.ndarray, limit: float, start: np.ndarray | None, note: str):
        model = PackingLP(a[:, idx], w[idx], lower * (1 if len(idx) == m else 0), True, limit)
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
        if model.abandoned:  # still in its root LP at the deadline
            dual = model.latest[1] * scale if model.latest else per_council_bound(cols, vals)
            return None, -np.inf, dual, model.status()
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

    def out_of_time():  # no LP answer in time: a greedy packing and a simple bound
        if not fallback:  # the caller has its own
            return [], -np.inf, np.inf, False, False
        greedy = greedy_packing(cols, vals, row_of, np.zeros(m, dtype=bool), len(councils))
        if not is_packing(a, greedy, lower):
            return [], -np.inf, per_council_bound(cols, vals), False, False
        got = float(vals[greedy].sum())
        return list(np.flatnonzero(greedy)), got, per_council_bound(cols, vals), False, True

    if left() <= 0:
        return out_of_time()
    # LP relaxation, tightened by rounded cuts, and its Lagrangian bound
    lp = PackingLP(a, w, lower, False, max(left(), 0.1))
    lp.watch(None, deadline)
    lp.run()
    lp_seconds = time.perf_counter() - started  # how long a solve of this model takes now

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
        if lp.status() != "Optimal":
            break
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
    incumbent = greedy_packing(cols, vals, row_of, xlp > 1 - 1e-6, len(councils))
    lb = float(vals[incumbent].sum()) if is_packing(a, incumbent, lower) else -np.inf
    # better: dive the LP (fix what it takes nearly whole, else its largest column, re-solve)
    dived = dive(lp, started + DIVE_SHARE * time_limit)
    if dived is not None:  # completed greedily where the dive stopped short of whole
        dived = greedy_packing(cols, vals, row_of, dived, len(councils))
    if dived is not None and is_packing(a, dived, lower) and vals[dived].sum() > lb:
        incumbent, lb = dived, float(vals[dived].sum())
    stats["dive"] = stats.get("dive", 0.0) + (lb if np.isfinite(lb) else 0.0)
    if report is not None and np.isfinite(lb):
        report(0.12, f"first answer {lb:,.0f}; improving it by local search")
    # then re-partition two or three neighbouring blocks at a time, exactly
    local = [tuple(row_of[u] for u in c) for c in cols]

    def polish(start: np.ndarray) -> np.ndarray:
        stop = min(time.perf_counter() + POLISH_SHARE * time_limit, deadline)
        return improve(local, vals, start, lower > 0, 3, stop)

    if np.isfinite(lb) and kernel_ready(left()):
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
        heur = PackingLP(
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
        xh = np.zeros(0) if heur.abandoned else np.asarray(heur.h.getSolution().col_value)
        if xh.size == len(pool) and heur.h.getInfo().primal_solution_status == 2:
            better = np.zeros(m, dtype=bool)
            better[pool[xh > 0.5]] = True
            if is_packing(a, better, lower) and kernel_ready(left()):
                better = polish(better)  # worse or not, it may polish up better
                if vals[better].sum() > lb:
                    incumbent, lb = better, float(vals[better].sum())
    stats["incumbent"] = stats.get("incumbent", 0.0) + (lb if np.isfinite(lb) else 0.0)
    trace = stats.setdefault("trace", [])  # (perf_counter, best found, proven bound)
    trace.append((time.perf_counter(), lb, big))

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
    parts = split_into_regions(max(councils) + 1, [cols[j] for j in kept])
    chosen: list[int] = []
    value = 0.0
    bound = 0.0
    optimal = True
    ordered = sorted(parts, key=len)
    for number, part in enumerate(ordered):
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
        model = PackingLP(
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
        last = number == len(ordered) - 1  # the parts before it are settled

        def tick(primal, dual, last=last, value=value, bound=bound):
            if last:  # the region's best and bound as they stand (the bench's gap table)
                trace.append((time.perf_counter(), value + primal * scale, bound + dual * scale))
            if report is not None:
                report(
                    min(0.95, 0.2 + 0.75 * (time.perf_counter() - started) / time_limit),
                    f"MIP: best {primal * scale:,.0f}, bound {dual * scale:,.0f}",
                )

        model.watch(tick, started + time_limit)
        model.run()
        stats["mip_parts"] = stats.get("mip_parts", 0) + 1
        if model.abandoned:  # still in its root LP at the deadline: keep the incumbent
            take = idx[incumbent[idx]] if np.isfinite(lb) else idx[:0]
            if not np.isfinite(lb):
                return [], -np.inf, big, False, False
            chosen.extend(take)
            value += float(vals[take].sum())
            bound = np.inf  # the LP's bound stands for this part (taken below)
            optimal = False
            continue
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
