"""The LP and MIP of one region of the packing search, on HiGHS: the model with its
cuts and duals, a greedy packing from a fractional answer, the dive for a first
incumbent, and the per-council bound. Used by ``packing_region``.
"""

from __future__ import annotations

import atexit
import threading
import time
from collections.abc import Callable

import numpy as np
from scipy.sparse import csc_array

from .highs import quiet_highs
from .packing_cuts import (
    Cuts,
)
from .partition_candidates import greedy_packing, per_council_bound

__all__ = ["PackingLP", "dive", "greedy_packing", "is_packing", "per_council_bound"]

CUT_ROUNDS = 20  # rounds of rounded (Chvatal-Gomory) cuts on the LP, within 15% of the time
RESTRICTED_MASTER_FROM = 20  # candidates per council above which a restricted master runs first
RESTRICTED_MASTER_COLUMNS = 17  # columns per council, best reduced cost first, in that master
START_MIP_FROM_INCUMBENT = True
DIVE_SHARE = 0.25  # the LP dive for a first answer stops at this share of the time limit
POLISH_SHARE = 0.15  # and the local search after it may take this share
MIN_MIP_SECONDS = 0.5  # a MIP is not started with less time than this left
PRESOLVE_FROM = 2.0  # MIP presolve (which cannot be interrupted) only with this x LP time left
GRACE_SECONDS = 0.1  # a watched solve is waited for this long past its deadline
# Solves given up at their deadline, still running until HiGHS's next callback: the
# command line ends its process without waiting for them once the answer is written.
ABANDONED: list[threading.Thread] = []


@atexit.register
def _wait_for_abandoned_solves() -> None:
    """At the interpreter's exit, wait for solves given up at their deadline: each stops
    at HiGHS's next callback. A daemon thread still inside HiGHS when Python finalises is
    ended by ``pthread_exit`` unwinding through C++ code, which aborts the process
    ("terminate called without an active exception"). The command line never gets here
    with one running: it ends its process once the answer is written."""
    for worker in ABANDONED:
        worker.join()


class PackingLP:
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
        self.deadline: float | None = None
        self.report: Callable[[float, float], None] | None = None
        self.latest: tuple[float, float] | None = None  # (best found, bound) at the last tick
        self.stop = False
        self.abandoned = False
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
        ``report(primal, dual)`` (in HiGHS's sense, negated: the best value found
        and the bound) about once a second.

        HiGHS's own time limit and its interrupt callbacks are not reached
        everywhere: the root LP of a large MIP (seven seconds for England at size
        5 on a loaded machine) calls neither. So, once watched, :meth:`run` runs
        HiGHS in a thread of its own and waits for it until the deadline (and
        ``GRACE_SECONDS``); a solve still busy then is left to stop at its next
        callback, the model is marked ``abandoned`` and nothing is read from it
        again. ``report`` is called from the waiting (calling) thread, never from
        HiGHS's; an exception from it stops HiGHS and is raised again by :meth:`run`.
        """
        self.deadline = deadline
        self.report = report

        def interrupt(e) -> None:
            if self.stop or time.perf_counter() > deadline:
                e.data_in.user_interrupt = True

        def tick(e) -> None:
            self.latest = (-float(e.data_out.mip_primal_bound), -float(e.data_out.mip_dual_bound))
            interrupt(e)

        self.h.cbMipInterrupt.subscribe(tick)
        self.h.cbSimplexInterrupt.subscribe(interrupt)  # the root LP of a large MIP, the LPs

    def run(self) -> None:
        if self.deadline is None:
            self.h.run()
            return
        done = threading.Event()

        def solve() -> None:
            try:
                self.h.run()
            finally:
                done.set()

        worker = threading.Thread(target=solve, name="highs", daemon=True)
        worker.start()
        last = time.perf_counter()
        give_up = self.deadline + GRACE_SECONDS
        while not done.wait(min(0.2, max(0.0, give_up - time.perf_counter()))):
            now = time.perf_counter()
            if now >= give_up:
                self.stop = True  # HiGHS stops at its next callback; its answer is dropped
                self.abandoned = True
                ABANDONED.append(worker)
                break
            if self.report is not None and self.latest is not None and now - last >= 1.0:
                last = now
                try:
                    self.report(*self.latest)
                except BaseException as exc:  # re-raised once the solver stops
                    self.error, self.stop = exc, True
        if self.error is not None:
            raise self.error

    def status(self) -> str:
        if self.abandoned:
            return "Abandoned"
        return self.h.modelStatusToString(self.h.getModelStatus())


def is_packing(a: csc_array, chosen: np.ndarray, lower: np.ndarray) -> bool:
    """True when the chosen columns cover no row twice and every row with ``lower`` 1."""
    cover = a @ chosen.astype(float)
    return bool((cover <= 1 + 1e-9).all() and (cover >= lower - 1e-9).all())


_HALF_MARGIN = 1e-6


def dive(lp: PackingLP, deadline: float) -> np.ndarray | None:
    """A packing from the LP by diving: fix at 1 the columns it takes at 0.9 or more (or
    else its largest fractional one) and re-solve, until whole. None when the LP turns
    infeasible (rows that must be covered). When time runs out first, the columns the
    last LP takes at more than one half: a packing still (two such columns cannot share
    a council), for the caller to complete; on a busy machine the dive of England at
    size 5 stops a few LPs short, and throwing it away left a first answer 7% worse.
    Leaves the LP's bounds changed.
    """
    x = np.asarray(lp.h.getSolution().col_value, dtype=float)
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
        x = np.asarray(lp.h.getSolution().col_value, dtype=float)
    # More than one half by a margin beyond the LP's feasibility tolerance: two columns
    # at 0.5000001 (a triangle split in halves, as the solver returns it) share a row.
    return x > 0.5 + _HALF_MARGIN
