"""``coalitions``: the partner finder.

Given councils with baseline cost, workload and location, the cost model and
constraints, find the partition into partnerships that saves the most, with
every member better off than alone after a Shapley split (Myerson when
partnerships must be connected). Two exact routes:

* **every coalition** (up to 20 councils, or 24 without the graph): the 2**n
  table of savings with forbidden coalitions at ``-inf``, solved by the IDP
  kernel of :mod:`partition_exact`; a partnership whose split leaves a member
  worse off than alone is forbidden and the search repeated until none is.
* **candidate partnerships** (hundreds of councils): every connected coalition
  of at most ``max_size`` (or every coalition, without the graph), filtered by
  the constraints and by individual rationality, then packed by
  :mod:`partition_graph` (dominance, regional decomposition, HiGHS MIP).

See docs/sharing-and-coalitions.md for the JSON contract.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from math import comb

import numpy as np

from sharedservices.analysis.bitsets import (
    MAX_EXACT_PLAYERS,
    connected_masks,
    mask_of,
    members,
    popcounts,
)
from sharedservices.analysis.coalitions_input import (
    CouncilLookup,
    SearchInput,
    parse,
    problem,
)
from sharedservices.analysis.costmodel import all_savings, hub_of
from sharedservices.analysis.errors import InputError
from sharedservices.analysis.games import graph_restricted, shapley
from sharedservices.analysis.money import round_pence
from sharedservices.analysis.partition_exact import best_partition
from sharedservices.analysis.splits import (
    induced_adjacency,
    restrict_to_graph,
    shapley_rows,
    subgame_table,
)

Progress = Callable[[float, str], None]


def _no_progress(fraction: float, message: str) -> None:
    return None


MAX_GRAPH_EXACT = 20  # with the graph, the 2**n route up to here, then candidates
MAX_CANDIDATES = 2_000_000
IR_TOLERANCE = 1e-6  # pounds


def _together_groups(p: SearchInput) -> list[int]:
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


def _allowed_mask_table(p: SearchInput, active: list[int]) -> np.ndarray:
    """Which coalitions of the active councils the constraints allow (2**n booleans)."""
    n = len(active)
    pos = {c: j for j, c in enumerate(active)}
    ok = np.ones(1 << n, dtype=bool)
    ok[0] = False
    size = popcounts(n)
    if p.max_size is not None:
        ok &= size <= p.max_size
    masks = np.arange(1 << n, dtype=np.int64)
    for a, b in p.apart:
        if a in pos and b in pos:
            both = (1 << pos[a]) | (1 << pos[b])
            ok &= (masks & both) != both
    for a, b in p.together:
        one, two = 1 << pos[a], 1 << pos[b]
        ok &= ((masks & one) == 0) == ((masks & two) == 0)
    if p.connected:
        adjacency = [mask_of(pos[u] for u in p.neighbours[c] if u in pos) for c in active]
        ok &= connected_masks(n, adjacency) | (size == 1)
    return ok


def _block_split(p: SearchInput, block: list[int]) -> np.ndarray:
    """Shapley or Myerson split of one partnership's saving among its members."""
    sub = p.councils.subset(block)
    v = all_savings(p.model, sub)
    if p.split == "myerson":
        pos = {c: j for j, c in enumerate(block)}
        adjacency = [mask_of(pos[u] for u in p.neighbours[c] if u in pos) for c in block]
        v = graph_restricted(v, adjacency)
    return shapley(v)


def _solve_every_coalition(
    p: SearchInput, active: list[int], report: Progress = _no_progress
) -> tuple[list[list[int]], bool, float]:
    sub = p.councils.subset(active)
    values = all_savings(p.model, sub)
    allowed = _allowed_mask_table(p, active)
    values = np.where(allowed, values, -np.inf)
    report(0.3, f"every coalition of {len(active)} councils valued")
    forbidden_rounds = 0
    while True:
        result = best_partition(values)
        report(
            min(0.9, 0.6 + 0.05 * forbidden_rounds),
            "best partition found"
            + (f" (round {forbidden_rounds + 1})" if forbidden_rounds else ""),
        )
        if not np.isfinite(result.value):
            return [], True, 0.0
        blocks = [[active[j] for j in members(b)] for b in result.blocks]
        if not p.individually_rational:
            return blocks, True, 0.0
        bad = [
            b
            for b, blk in zip(result.blocks, blocks, strict=True)
            if len(blk) > 1 and _block_split(p, blk).min() < -IR_TOLERANCE
        ]
        if not bad:
            return blocks, True, 0.0
        for b in bad:
            values[b] = -np.inf
        forbidden_rounds += 1


def best_packing(*args, **kwargs):
    """``partition_graph.best_packing``, imported on first use: it brings scipy's
    sparse matrices, HiGHS and numba, which only the search over hundreds of
    councils needs (the command starts in a third of the time without them)."""
    from sharedservices.analysis.partition_graph import best_packing as packing

    return packing(*args, **kwargs)


def _candidates(p: SearchInput, active: list[int]) -> list[tuple[int, ...]]:
    from sharedservices.analysis.partition_graph import all_coalitions, connected_coalitions

    n = len(p.councils)
    ok = [False] * n
    for c in active:
        ok[c] = True
    size = p.max_size or len(active)
    if p.connected:
        return connected_coalitions([sorted(s) for s in p.neighbours], size, ok)
    return all_coalitions(active, size)


def _feasible_candidates(p: SearchInput, cols: list[tuple[int, ...]]) -> tuple[list, np.ndarray]:
    """Drop candidates breaking apart/together or individual rationality; value the rest."""
    n = len(p.councils)
    group = np.array(_together_groups(p))
    group_size = np.bincount(group, minlength=n)
    apart = {(a, b) for a, b in p.apart} | {(b, a) for a, b in p.apart}
    rank = p.councils.hub_rank()
    distances = p.councils.distances_km()
    edge_keys = {a * n + b for a in range(n) for b in p.neighbours[a]}
    kept: list[tuple[int, ...]] = []
    values: list[np.ndarray] = []
    sizes = np.array([len(c) for c in cols])
    for k in range(2, int(sizes.max()) + 1 if len(cols) else 0):
        idx = np.flatnonzero(sizes == k)
        if not len(idx):
            continue
        rows = np.array([cols[i] for i in idx], dtype=np.int64)
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
                game = restrict_to_graph(table, induced_adjacency(rows, edge_keys, n))
            fair = shapley_rows(game).min(axis=1) >= -IR_TOLERANCE
            rows, worth = rows[fair], worth[fair]
        kept.extend(tuple(int(x) for x in row) for row in rows)
        values.append(worth)
    return kept, np.concatenate(values) if values else np.zeros(0)


def _monotone(progress: Progress | None) -> Progress:
    """``progress`` with fractions clamped to [0, 1] and never going back."""
    if progress is None:
        return _no_progress
    last = [0.0]

    def report(fraction: float, message: str) -> None:
        last[0] = min(1.0, max(last[0], float(fraction)))
        progress(last[0], message)

    return report


def _report(p: SearchInput, blocks: list[list[int]]) -> list[dict]:
    out = []
    placed = {c for b in blocks for c in b}
    blocks = blocks + [[c] for c in range(len(p.councils)) if c not in placed]
    for block in sorted(blocks, key=lambda b: min(p.councils.codes[c] for c in b)):
        block = sorted(block, key=lambda c: p.councils.codes[c])
        codes = [p.councils.codes[c] for c in block]
        hub = hub_of(p.councils, block)
        if len(block) == 1:
            saving, split = 0.0, np.zeros(1)
        else:
            saving = float(all_savings(p.model, p.councils.subset(block))[-1])
            split = _block_split(p, block)
        shares = {code: round_pence(x) for code, x in zip(codes, split, strict=True)}
        # pennies from rounding go to the hub so the shares add up exactly
        shares[p.councils.codes[hub]] = round_pence(
            shares[p.councils.codes[hub]] + round_pence(saving) - sum(shares.values())
        )
        out.append(
            {
                "members": codes,
                "hub": p.councils.codes[hub],
                "saving": round_pence(saving),
                "shares": shares,
            }
        )
    return out


def _active(p: SearchInput) -> list[int]:
    return [c for c in range(len(p.councils)) if c not in p.opt_out]


def _candidates_within_limits(p: SearchInput, active: list[int]) -> list[tuple[int, ...]] | None:
    """``None`` when every coalition of the active councils can be valued at once;
    otherwise the candidate partnerships to choose among. Raises ``InputError``
    when the search would be too large to run."""
    limit = MAX_GRAPH_EXACT if p.connected else MAX_EXACT_PLAYERS
    if len(active) <= limit:
        return None
    size = p.max_size
    if size is None or (
        not p.connected and sum(comb(len(active), s) for s in range(2, size + 1)) > MAX_CANDIDATES
    ):
        raise InputError(
            [
                problem(
                    "$.constraints.max_size",
                    f"{len(active)} councils are too many to try every partnership; "
                    "set connected to true and a max_size (5 is usual), "
                    "or a smaller max_size",
                )
            ]
        )
    cols = _candidates(p, active)
    if len(cols) > MAX_CANDIDATES:
        raise InputError(
            [
                problem(
                    "$.constraints.max_size",
                    f"gives {len(cols):,} candidate partnerships, "
                    f"more than {MAX_CANDIDATES:,}; lower it",
                )
            ]
        )
    return cols


def validate(data: dict, council_lookup: CouncilLookup | None = None) -> None:
    """Raise ``InputError`` for bad input, or for a search too large to run,
    without solving anything: what a caller checks before queueing a job."""
    p = parse(data, council_lookup)
    _candidates_within_limits(p, _active(p))


def run(
    data: dict,
    council_lookup: CouncilLookup | None = None,
    progress: Progress | None = None,
) -> dict:
    """Best partnerships of the councils in ``data`` (see the module docstring).

    ``progress(fraction, message)``, when given, is called at a few stages with
    a fraction in [0, 1] that never decreases: input validated, candidates
    enumerated (or the savings table built), LP relaxation solved, MIP progress
    where the solver reports it, and done (1.0). An exception it raises is not
    caught, so a caller may use it to cancel a long run.
    """
    started = time.perf_counter()
    report = _monotone(progress)
    p = parse(data, council_lookup)
    report(0.05, "input validated")
    n = len(p.councils)
    active = _active(p)
    cols = _candidates_within_limits(p, active)
    optimal, gap = True, 0.0
    if cols is None:
        blocks, optimal, gap = _solve_every_coalition(p, active, report)
        feasible = bool(blocks) or not active
    else:
        report(0.2, f"{len(cols):,} candidate partnerships enumerated")
        cols, values = _feasible_candidates(p, cols)
        report(0.3, f"{len(cols):,} candidate partnerships pass the constraints")
        must = np.zeros(n, dtype=bool)
        for a, b in p.together:
            must[[a, b]] = True
        remaining = max(1.0, p.time_limit - (time.perf_counter() - started))
        result = best_packing(
            n,
            cols,
            values,
            must,
            time_limit=remaining,
            progress=lambda f, msg: report(0.3 + 0.65 * f, msg),
        )
        feasible = np.isfinite(result.value)
        blocks = [list(c) for c in result.chosen]
        optimal, gap = result.optimal, result.gap
    if not feasible:
        raise InputError(
            [
                problem(
                    "$.constraints",
                    "no set of partnerships meets all the constraints together "
                    "(check together, apart, max_size and connected)",
                )
            ]
        )
    coalitions = _report(p, blocks)
    report(1.0, "done")
    return {
        "coalitions": coalitions,
        "total_saving": round_pence(sum(c["saving"] for c in coalitions)),
        "optimal": bool(optimal),
        "gap": float(gap),
        "seconds": round(time.perf_counter() - started, 3),
    }
