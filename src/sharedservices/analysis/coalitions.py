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
from sharedservices.analysis.clock import Clock, OutOfTime
from sharedservices.analysis.coalitions_input import (
    CouncilLookup,
    SearchInput,
    parse,
    problem,
)
from sharedservices.analysis.coalitions_packing import (
    IR_TOLERANCE,
    Found,
    candidates,
    solve,
)
from sharedservices.analysis.costmodel import all_savings, hub_of
from sharedservices.analysis.errors import InputError
from sharedservices.analysis.games import graph_restricted, shapley
from sharedservices.analysis.money import round_pence
from sharedservices.analysis.partition_exact import best_partition

Progress = Callable[[float, str], None]


def _no_progress(fraction: float, message: str) -> None:
    return None


MAX_GRAPH_EXACT = 20  # with the graph, the 2**n route up to here, then candidates
MAX_CANDIDATES = 2_000_000


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


def _candidates_within_limits(
    p: SearchInput, active: list[int], deadline: float = float("inf")
) -> list[tuple[int, ...]] | None:
    """``None`` when every coalition of the active councils can be valued at once;
    otherwise the candidate partnerships to choose among. Raises ``InputError``
    when the search would be too large to run, and ``OutOfTime`` (with the
    candidates found so far) when ``deadline`` passes first."""
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
    cols = candidates(p, active, deadline)
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
    started: float | None = None,
) -> dict:
    """Best partnerships of the councils in ``data`` (see the module docstring).

    ``options.time_limit`` is a wall-clock promise counted from ``started`` (a
    ``time.perf_counter()`` reading: the command line passes its process's start;
    by default the call of ``run``): every phase of the search over candidate
    partnerships looks at one deadline, and when it comes the answer is the best
    found, with its proven ``bound`` on the total saving, the ``gap`` between
    them and ``timed_out`` true. The exact search over every coalition (up to
    20 councils with ``connected``, 24 without) takes seconds and is not cut short.

    ``progress(fraction, message)``, when given, is called at a few stages with
    a fraction in [0, 1] that never decreases: input validated, candidates
    enumerated (or the savings table built), LP relaxation solved, MIP progress
    where the solver reports it, and done (1.0). An exception it raises is not
    caught, so a caller may use it to cancel a long run.
    """
    report = _monotone(progress)
    p = parse(data, council_lookup)
    clock = Clock(p.time_limit, started)
    report(0.05, "input validated")
    active = _active(p)
    try:
        cols = _candidates_within_limits(p, active, clock.deadline - min(0.5, 0.1 * p.time_limit))
    except OutOfTime as stop:  # out of time while enumerating: pack what there is
        found = solve(p, active, stop.partial, clock, report, complete=False)
    else:
        if cols is None:
            blocks, optimal, _ = _solve_every_coalition(p, active, report)
            found = Found(blocks, 0.0, 0.0, optimal, feasible=bool(blocks) or not active)
        else:
            found = solve(p, active, cols, clock, report)
    if not found.feasible:
        raise InputError(
            [
                problem(
                    "$.constraints",
                    "no set of partnerships meets all the constraints together "
                    "(check together, apart, max_size and connected)"
                    if not found.timed_out
                    else f"no set of partnerships meeting the together constraints was found "
                    f"within the time limit of {p.time_limit:g} s; allow more time",
                )
            ]
        )
    coalitions = _report(p, found.blocks)
    total = round_pence(sum(c["saving"] for c in coalitions))
    bound = total if found.optimal else max(round_pence(found.bound), total)
    report(1.0, "done")
    return {
        "coalitions": coalitions,
        "total_saving": total,
        "optimal": bool(found.optimal),
        "gap": 0.0 if found.optimal or bound <= 0 else round((bound - total) / bound, 9),
        "bound": bound,
        "timed_out": bool(found.timed_out),
        "seconds": round(clock.elapsed(), 3),
    }
