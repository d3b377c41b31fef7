"""The partner finder's route for hundreds of councils: candidate partnerships (every
connected coalition of at most ``max_size``, or every coalition), filtered by the
constraints and individual rationality, packed by :mod:`partition_graph`, all under
the search's one deadline (:mod:`clock`).

When the deadline comes before every candidate is enumerated and valued, the answer
is the best packing of the candidates valued so far (most valuable first) with the
one bound that needs none: no partnership saves more than its members' baseline
costs (its cost is never negative), so the councils' baseline costs added up bound
every answer. Once every candidate is valued, ``best_packing`` keeps the same
promise with far better bounds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sharedservices.analysis.clock import Clock, OutOfTime
from sharedservices.analysis.coalitions_input import SearchInput
from sharedservices.analysis.partition_candidates import greedy_packing, per_council_bound
from sharedservices.analysis.splits import (
    induced_adjacency,
    restrict_to_graph,
    shapley_rows,
    subgame_table,
)

IR_TOLERANCE = 1e-6  # pounds
CHUNK = 8192  # candidates valued (and split) at once between looks at the clock
GREEDY_SHARE = 0.6  # packing candidates greedily takes up to this share of valuing them
# Kept back when enumerating and valuing candidates, for packing the ones valued so far
# greedily if the deadline comes first (about 0.3 s for 70,000 on a loaded machine).
GREEDY_SECONDS = 0.5


@dataclass
class Found:
    """What a search found: its blocks, their worth, the proven bound on any answer."""

    blocks: list[list[int]]
    value: float
    bound: float
    optimal: bool
    timed_out: bool = False
    feasible: bool = True

    @property
    def gap(self) -> float:
        if self.optimal or self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.value) / self.bound)


def together_groups(p: SearchInput) -> list[int]:
    """Label of each council's must-be-together group (union of the pairs)."""
    n = len(p.councils)
    label = list(range(n))

    def find(a: int) -> int:
        while label[a] != a:
            label[a] = label[label[a]]
            a = label[a]
        return a

    for a, b in p.together:
        label[find(a)] = find(b)
    return [find(i) for i in range(n)]


def candidates(
    p: SearchInput, active: list[int], deadline: float = float("inf")
) -> list[tuple[int, ...]]:
    """Every connected coalition (or every coalition) of at most ``max_size`` active
    councils; ``OutOfTime`` with those found so far when ``deadline`` passes first."""
    from sharedservices.analysis.partition_candidates import (
        all_coalitions,
        connected_coalitions,
    )

    n = len(p.councils)
    ok = [False] * n
    for c in active:
        ok[c] = True
    size = p.max_size or len(active)
    if p.connected:
        return connected_coalitions([sorted(s) for s in p.neighbours], size, ok, deadline)
    return all_coalitions(active, size, deadline)


def feasible_candidates(
    p: SearchInput, cols: list[tuple[int, ...]], deadline: float = float("inf")
) -> tuple[list[tuple[int, ...]], np.ndarray, bool]:
    """Drop candidates breaking apart/together or individual rationality; value the rest.

    Returns (kept, their values, complete): ``complete`` is False when ``deadline``
    passed before every candidate was looked at (the ones valued so far are returned).
    """
    n = len(p.councils)
    group = np.array(together_groups(p))
    group_size = np.bincount(group, minlength=n)
    apart = {(a, b) for a, b in p.apart} | {(b, a) for a, b in p.apart}
    rank = p.councils.hub_rank()
    distances = p.councils.distances_km()
    linked = np.zeros((n, n), dtype=bool)
    for a in range(n):
        linked[a, list(p.neighbours[a])] = True
    kept: list[tuple[int, ...]] = []
    values: list[np.ndarray] = []
    sizes = np.array([len(c) for c in cols])
    complete = True
    began = last = time.perf_counter()
    chunk_seconds = 0.0
    for k in range(2, int(sizes.max()) + 1 if len(cols) else 0):
        every = np.flatnonzero(sizes == k)
        for start in range(0, len(every), CHUNK):
            now = time.perf_counter()
            chunk_seconds, last = max(chunk_seconds, now - last), now
            # room for the next chunk and for packing greedily what is valued by then
            # (half the time valuing takes, by measurement, on a quiet or a loaded machine)
            if now + chunk_seconds + GREEDY_SHARE * (now - began) > deadline:
                complete = False
                break
            rows = np.array([cols[i] for i in every[start : start + CHUNK]], dtype=np.int64)
            ok = np.ones(len(rows), dtype=bool)
            # together: each member's whole group must be inside
            g = group[rows]
            for j in range(k):
                inside = (g == g[:, [j]]).sum(axis=1)
                ok &= inside == group_size[g[:, j]]
            if apart:
                for a in range(k):
                    for b in range(a + 1, k):
                        ok &= ~np.array(
                            [(x, y) in apart for x, y in zip(rows[:, a], rows[:, b], strict=True)]
                        )
            rows = rows[ok]
            if not len(rows):
                continue
            table = subgame_table(p.model, p.councils, rows, rank, distances)
            worth = table[:, -1]
            if p.individually_rational:
                game = table
                if p.split == "myerson":
                    game = restrict_to_graph(table, induced_adjacency(rows, linked))
                fair = shapley_rows(game).min(axis=1) >= -IR_TOLERANCE
                rows, worth = rows[fair], worth[fair]
            kept.extend(map(tuple, rows.tolist()))
            values.append(worth)
        if not complete:
            break
    return kept, np.concatenate(values) if values else np.zeros(0), complete


def baseline_bound(p: SearchInput, active: list[int]) -> float:
    """No answer saves more than the active councils' baseline costs added up."""
    return float(np.sum(p.councils.baseline_cost[active])) if active else 0.0


def greedy_answer(
    p: SearchInput,
    active: list[int],
    cols: list[tuple[int, ...]],
    values: np.ndarray,
    must: np.ndarray,
) -> Found:
    """The candidates valued so far packed most valuable first, bounded by the
    baseline costs (the caller tightens the bound once every candidate is valued)."""
    n = len(p.councils)
    order = values
    if must.any():  # a partnership that takes in a council which may not stand alone
        touches = np.array([must[list(c)].any() for c in cols], dtype=bool)
        order = np.where(touches & (values <= 0), 1e-9, values)
    chosen = greedy_packing(cols, order, {u: u for u in range(n)}, np.zeros(len(cols), bool), n)
    blocks = [list(cols[j]) for j in np.flatnonzero(chosen)]
    total = float(values[chosen].sum())
    used = [False] * n
    for b in blocks:
        for u in b:
            used[u] = True
    covered = not any(must[u] and not used[u] for u in range(len(used)))
    bound = max(baseline_bound(p, active), total)
    return Found(blocks, total, bound, False, timed_out=True, feasible=covered)


def solve(
    p: SearchInput,
    active: list[int],
    cols: list[tuple[int, ...]] | None,
    clock: Clock,
    report: Callable[[float, str], None],
    complete: bool = True,
) -> Found:
    """The best packing of candidate partnerships found by ``clock``'s deadline.
    ``cols`` are the candidates when already enumerated (``None``: enumerate here);
    ``complete`` False when they are only those found before the deadline."""
    n = len(p.councils)
    must = np.zeros(n, dtype=bool)
    for a, b in p.together:
        must[[a, b]] = True
    prepared_by = clock.settle() - min(GREEDY_SECONDS, 0.1 * clock.limit)
    if cols is None:
        try:
            cols = candidates(p, active, prepared_by)
        except OutOfTime as stop:
            cols, complete = stop.partial, False
    report(0.2, f"{len(cols):,} candidate partnerships enumerated")
    cols, values, valued = feasible_candidates(p, cols, clock.settle())
    complete &= valued
    report(0.3, f"{len(cols):,} candidate partnerships pass the constraints")
    first = greedy_answer(p, active, cols, values, must)
    if not complete:
        return first
    # every candidate valued: the greedy packing is an answer, bounded per council
    first.bound = max(per_council_bound(cols, values), first.value)
    first.timed_out = time.perf_counter() > clock.settle()
    if first.timed_out:
        return first
    from sharedservices.analysis.partition_graph import best_packing

    result = best_packing(
        n,
        cols,
        values,
        must,
        deadline=clock.settle(),
        progress=lambda f, msg: report(0.3 + 0.65 * f, msg),
        fallback=False,
    )
    if result.optimal and not np.isfinite(result.value):  # proven: nothing covers `must`
        return Found([], 0.0, 0.0, True, feasible=False)
    blocks = [list(c) for c in result.chosen]
    placed = {u for b in blocks for u in b}
    covered = all(u in placed for u in np.flatnonzero(must))
    bound = min(float(result.bound), first.bound)
    if result.stopped or not covered or (first.feasible and result.value < first.value):
        first.bound, first.timed_out = max(bound, first.value), True
        return first
    return Found(
        blocks,
        float(result.value),
        max(bound, float(result.value)),
        bool(result.optimal),
        timed_out=not result.optimal,
    )
