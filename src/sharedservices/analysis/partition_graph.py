"""Best partnerships among hundreds of councils, with small connected partnerships.

The search space is every partition of the councils into blocks taken from a
list of candidate *columns* (e.g. every connected coalition of at most 5
councils); a council not in a chosen column stands alone and saves 0. That is
weighted set packing, solved exactly by:

1. **Dominance.** A column worth no more than the best split of itself into
   smaller columns (or singletons) is never needed: replace it by that split
   and nothing is lost. On the cost model most large columns go here.
2. **Decomposition.** Councils linked by no surviving column are independent
   problems; the map falls apart into regions, each solved on its own.
3. **HiGHS MIP** (``scipy.optimize.milp``) per region, with gap 0, so an answer
   is flagged optimal only when HiGHS proves it; otherwise the proven dual
   bound is kept and the gap reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csc_array


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
    packing covers them all.
    """
    started = time.perf_counter()
    values = np.asarray(values, dtype=float)
    must = np.zeros(n, dtype=bool) if must_join is None else np.asarray(must_join, dtype=bool)
    alone = np.where(must, -np.inf, 0.0)
    columns_in = len(columns)
    keep = np.isfinite(values)
    if prune and columns:
        keep &= undominated(n, columns, values, alone)
    cols = [c for c, k in zip(columns, keep, strict=True) if k]
    vals = values[keep]
    covered = np.zeros(n, dtype=bool)
    for c in cols:
        covered[list(c)] = True
    if (must & ~covered).any():
        return PackingResult([], -np.inf, -np.inf, True, columns_in, len(cols), 0)
    regions = _regions(n, cols)
    if progress is not None:
        progress(0.1, f"{len(cols):,} undominated partnerships in {len(regions)} regions")
    chosen: list[tuple[int, ...]] = []
    total = 0.0
    bound = 0.0
    optimal = True
    solved = 0
    for group in sorted(regions, key=len):
        sub_cols = [cols[j] for j in group]
        sub_vals = vals[group]
        if len(group) == 1 or all(not set(a) & set(b) for a, b in combinations(sub_cols, 2)):
            take = [j for j, w in enumerate(sub_vals) if w > 0 or must[list(sub_cols[j])].any()]
            chosen.extend(sub_cols[j] for j in take)
            total += float(sub_vals[take].sum())
            bound += float(sub_vals[take].sum())
            continue
        councils = sorted({u for c in sub_cols for u in c})
        row_of = {u: r for r, u in enumerate(councils)}
        rows = [row_of[u] for c in sub_cols for u in c]
        colidx = [j for j, c in enumerate(sub_cols) for _ in c]
        a = csc_array((np.ones(len(rows)), (rows, colidx)), shape=(len(councils), len(sub_cols)))
        lower = np.where(must[councils], 1.0, 0.0)
        remaining = max(1.0, time_limit - (time.perf_counter() - started))
        res = milp(
            -sub_vals,
            constraints=LinearConstraint(a, lower, np.ones(len(councils))),
            integrality=np.ones(len(sub_cols)),
            bounds=Bounds(0, 1),
            options={"time_limit": remaining, "mip_rel_gap": 0.0},
        )
        solved += 1
        if progress is not None:
            progress(min(0.95, 0.1 + 0.85 * solved / len(regions)), f"region {solved} solved")
        if res.x is None:
            if res.status == 2:  # infeasible
                return PackingResult([], -np.inf, -np.inf, True, columns_in, len(cols), 0)
            optimal = False
            bound += float(-res.mip_dual_bound) if res.mip_dual_bound is not None else np.inf
            continue
        take = np.flatnonzero(res.x > 0.5)
        chosen.extend(sub_cols[j] for j in take)
        found = float(sub_vals[take].sum())
        total += found
        if res.status == 0:
            bound += found
        else:
            optimal = False
            dual = getattr(res, "mip_dual_bound", None)
            bound += float(-dual) if dual is not None and np.isfinite(dual) else np.inf
    return PackingResult(
        sorted(chosen),
        total,
        bound,
        optimal,
        columns_in,
        len(cols),
        len(regions),
        {"mip_regions": solved, "seconds": time.perf_counter() - started},
    )
