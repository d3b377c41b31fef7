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
from itertools import chain, combinations

import numpy as np

from .packing_region import region_packing
from .partition_candidates import (
    all_coalitions,
    connected_coalitions,
    split_into_regions,
    undominated,
)

__all__ = [
    "PackingResult",
    "all_coalitions",
    "best_packing",
    "connected_coalitions",
    "undominated",
]


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
    stopped: bool = False  # the deadline came before any answer (``fallback`` False only)

    @property
    def gap(self) -> float:
        """Relative gap between the proven bound and the value found (0 when optimal)."""
        if self.optimal:
            return 0.0
        if not (np.isfinite(self.bound) and np.isfinite(self.value)):
            return float("inf")  # nothing proven
        return max(0.0, (self.bound - self.value) / max(abs(self.bound), 1e-9))


def best_packing(
    n: int,
    columns: list[tuple[int, ...]],
    values: np.ndarray,
    must_join: Sequence[bool] | None = None,
    time_limit: float = 60.0,
    prune: bool = True,
    progress: Callable[[float, str], None] | None = None,
    deadline: float | None = None,
    fallback: bool = True,
) -> PackingResult:
    """Choose disjoint columns maximising total value; other councils stand alone.

    ``must_join[i]`` marks councils that may not stand alone (one of a pair that
    must be together). Returns value ``-inf`` and ``optimal`` True when no
    packing covers them all. ``prune=False`` is the plain model (no dominance,
    no reduced-cost fixing): one HiGHS MIP per region, for comparison.

    ``deadline`` (a ``time.perf_counter()`` reading; ``time_limit`` seconds from
    now when not given) is kept by every stage: past it the dominance filter
    keeps what it has not looked at, and each region answers with what it has
    (at least a greedy packing and the per-council bound). With ``fallback``
    False the caller holds a greedy packing already: past the deadline before
    any LP answer, the result is ``stopped`` (nothing found, bound infinite).
    """
    started = time.perf_counter()
    deadline = started + time_limit if deadline is None else deadline
    values = np.asarray(values, dtype=float)
    must = np.zeros(n, dtype=bool) if must_join is None else np.asarray(must_join, dtype=bool)
    alone = np.where(must, -np.inf, 0.0)
    columns_in = len(columns)
    keep = np.isfinite(values)
    if prune and columns:
        keep &= undominated(n, columns, values, alone, deadline)
        worth = values > 0
        if must.any():
            worth |= np.array([must[list(c)].any() for c in columns], dtype=bool)
        keep &= worth
    cols = [c for c, k in zip(columns, keep, strict=True) if k]
    vals = values[keep]
    covered = np.zeros(n, dtype=bool)
    covered[list(chain.from_iterable(cols))] = True
    if (must & ~covered).any():
        return PackingResult([], -np.inf, -np.inf, True, columns_in, len(cols), 0)
    stopped = PackingResult([], -np.inf, np.inf, False, columns_in, len(cols), 0, {}, True)
    if not fallback and time.perf_counter() > deadline:
        return stopped
    regions = split_into_regions(n, cols)
    if not fallback and time.perf_counter() > deadline:
        return stopped
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
        remaining = deadline - time.perf_counter()
        share = remaining * len(group) / max(1, weight - done)
        base, span = done / weight, len(group) / weight

        def report(f: float, msg: str, base=base, span=span) -> None:
            if progress is not None:
                progress(0.05 + 0.9 * (base + span * min(1.0, f)), msg)

        picked, value, region_bound, region_optimal, feasible = region_packing(
            sub_cols, sub_vals, must, share, prune, report if progress else None, stats, fallback
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
