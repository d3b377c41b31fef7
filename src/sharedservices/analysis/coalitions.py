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
from typing import Any

import numpy as np

from sharedservices.analysis.bitsets import (
    MAX_EXACT_PLAYERS,
    connected_masks,
    mask_of,
    members,
    popcounts,
)
from sharedservices.analysis.costmodel import CostModel, Councils, all_savings, hub_of
from sharedservices.analysis.errors import InputError
from sharedservices.analysis.games import graph_restricted, shapley
from sharedservices.analysis.money import round_pence
from sharedservices.analysis.partition_exact import best_partition
from sharedservices.analysis.partition_graph import (
    all_coalitions,
    best_packing,
    connected_coalitions,
)
from sharedservices.analysis.splits import (
    induced_adjacency,
    restrict_to_graph,
    shapley_rows,
    subgame_table,
)
from sharedservices.analysis.validation import Reader

CouncilLookup = Callable[[list[str]], dict[str, dict[str, Any]]]
Progress = Callable[[float, str], None]


def _no_progress(fraction: float, message: str) -> None:
    return None


MAX_GRAPH_EXACT = 20  # with the graph, the 2**n route up to here, then candidates
MAX_CANDIDATES = 2_000_000
DEFAULT_TIME_LIMIT = 60.0
# A promise the solver can keep: an hour is far beyond any search the product runs,
# and an unbounded limit (1e9 s) would hold a worker for ever.
MAX_TIME_LIMIT = 3600.0
IR_TOLERANCE = 1e-6  # pounds


class Problem_:  # parsed input, kept together
    def __init__(self) -> None:
        self.councils: Councils
        self.model: CostModel
        self.connected = False
        self.neighbours: list[set[int]] = []
        self.max_size: int | None = None
        self.together: list[tuple[int, int]] = []
        self.apart: list[tuple[int, int]] = []
        self.opt_out: set[int] = set()
        self.individually_rational = True
        self.split = "shapley"
        self.time_limit = DEFAULT_TIME_LIMIT


def _parse(data: Any, council_lookup: CouncilLookup | None) -> Problem_:
    r = Reader()
    p = Problem_()
    if not isinstance(data, dict):
        raise InputError([_p("$", "must be a JSON object")])
    raw = r.listing(data, "councils", "$", required=True)
    if not raw and "councils" in data:
        r.fail("$.councils", "must name at least one council")
    codes: list[str] = []
    cost, work, lat, lon = [], [], [], []
    missing_place: list[int] = []
    for i, c in enumerate(raw):
        path = f"$.councils[{i}]"
        if not isinstance(c, dict):
            r.fail(path, "must be an object with code, baseline_cost and workload")
            continue
        code = r.code(c.get("code"), f"{path}.code")
        if code is not None and code in codes:
            r.fail(f"{path}.code", f"{code} appears more than once")
        codes.append(code or f"?{i}")
        cost.append(r.field_number(c, "baseline_cost", path, minimum=0, strict_minimum=True))
        work.append(r.field_number(c, "workload", path, minimum=0, strict_minimum=True))
        la = r.field_number(c, "lat", path, default=None, minimum=-90, maximum=90)
        lo = r.field_number(c, "lon", path, default=None, minimum=-180, maximum=180)
        if ("lat" in c) != ("lon" in c):
            r.fail(path, "give both lat and lon, or neither")
        lat.append(la)
        lon.append(lo)
        if la is None or lo is None:
            missing_place.append(i)
    known = {code: i for i, code in enumerate(codes)}

    m = r.mapping(data, "model", "$")
    p.model = CostModel(
        r.field_number(
            m, "scale_exponent", "$.model", default=0.85, minimum=0, maximum=1, strict_minimum=True
        )
        or 0.85,
        r.field_number(m, "governance_cost", "$.model", default=40_000.0, minimum=0) or 0.0,
        r.field_number(m, "distance_cost_per_km", "$.model", default=500.0, minimum=0) or 0.0,
    )
    k = r.mapping(data, "constraints", "$")
    p.connected = r.boolean(k, "connected", "$.constraints", False)
    p.individually_rational = r.boolean(k, "individually_rational", "$.constraints", True)
    if "max_size" in k and k["max_size"] is not None:
        ms = k["max_size"]
        if isinstance(ms, bool) or not isinstance(ms, int) or ms < 1:
            r.fail("$.constraints.max_size", f"must be a whole number of at least 1, not {ms!r}")
        else:
            p.max_size = ms
    for name in ("together", "apart"):
        pairs = []
        for j, pair in enumerate(r.listing(k, name, "$.constraints")):
            got = r.pair(pair, f"$.constraints.{name}[{j}]", known)
            if got:
                pairs.append(got)
        setattr(p, name, pairs)
    for j, code in enumerate(r.listing(k, "opt_out", "$.constraints")):
        if r.code(code, f"$.constraints.opt_out[{j}]", known):
            p.opt_out.add(known[code])
    edges_given = "edges" in k and k["edges"] is not None
    edges = []
    for j, pair in enumerate(r.listing(k, "edges", "$.constraints")):
        got = r.pair(pair, f"$.constraints.edges[{j}]", known)
        if got:
            edges.append(got)
    o = r.mapping(data, "options", "$")
    p.time_limit = (
        r.field_number(
            o,
            "time_limit",
            "$.options",
            default=DEFAULT_TIME_LIMIT,
            minimum=0,
            strict_minimum=True,
            maximum=MAX_TIME_LIMIT,
        )
        or DEFAULT_TIME_LIMIT
    )
    split = o.get("split", "myerson" if p.connected else "shapley")
    if split not in ("shapley", "myerson"):
        r.fail("$.options.split", f'must be "shapley" or "myerson", not {split!r}')
    p.split = split if split in ("shapley", "myerson") else "shapley"

    # the council data for what the input leaves out
    need_lookup = (missing_place or (p.connected and not edges_given)) and not r.problems
    looked: dict[str, dict[str, Any]] = {}
    if need_lookup:
        if council_lookup is None:
            for i in missing_place:
                r.fail(f"$.councils[{i}]", "needs lat and lon (no council data is available here)")
            if p.connected and not edges_given:
                r.fail(
                    "$.constraints.edges",
                    "is needed when connected is true and no council data is available",
                )
        else:
            looked = council_lookup(codes) or {}
            for i in missing_place:
                got = looked.get(codes[i]) or {}
                if got.get("lat") is None or got.get("lon") is None:
                    r.fail(f"$.councils[{i}]", f"has no lat/lon and none is known for {codes[i]}")
                else:
                    lat[i], lon[i] = float(got["lat"]), float(got["lon"])
            if p.connected and not edges_given:
                for i, code in enumerate(codes):
                    got = looked.get(code)
                    if got is None:
                        r.fail(
                            f"$.councils[{i}].code",
                            f"{code} is not a known council, so its neighbours are unknown",
                        )
                        continue
                    for other in got.get("neighbours") or []:
                        if other in known:
                            edges.append((i, known[other]))

    for j, (a, b) in enumerate(p.together):
        if (a, b) in p.apart or (b, a) in p.apart:
            r.fail(
                f"$.constraints.together[{j}]",
                f"{codes[a]} and {codes[b]} are also asked to be apart",
            )
        for x in (a, b):
            if x in p.opt_out:
                r.fail(
                    f"$.constraints.together[{j}]",
                    f"{codes[x]} has opted out, so it cannot be together with a partner",
                )
    if r.problems:
        raise InputError(r.problems)
    p.councils = Councils.build(codes, cost, work, lat, lon)
    p.neighbours = [set() for _ in codes]
    for a, b in edges:
        p.neighbours[a].add(b)
        p.neighbours[b].add(a)
    return p


def _p(path: str, message: str):
    from sharedservices.analysis.errors import Problem

    return Problem(path, message)


def _together_groups(p: Problem_) -> list[int]:
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


def _allowed_mask_table(p: Problem_, active: list[int]) -> np.ndarray:
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


def _block_split(p: Problem_, block: list[int]) -> np.ndarray:
    """Shapley or Myerson split of one partnership's saving among its members."""
    sub = p.councils.subset(block)
    v = all_savings(p.model, sub)
    if p.split == "myerson":
        pos = {c: j for j, c in enumerate(block)}
        adjacency = [mask_of(pos[u] for u in p.neighbours[c] if u in pos) for c in block]
        v = graph_restricted(v, adjacency)
    return shapley(v)


def _solve_every_coalition(
    p: Problem_, active: list[int], report: Progress = _no_progress
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


def _candidates(p: Problem_, active: list[int]) -> list[tuple[int, ...]]:
    n = len(p.councils)
    ok = [False] * n
    for c in active:
        ok[c] = True
    size = p.max_size or len(active)
    if p.connected:
        return connected_coalitions([sorted(s) for s in p.neighbours], size, ok)
    return all_coalitions(active, size)


def _feasible_candidates(p: Problem_, cols: list[tuple[int, ...]]) -> tuple[list, np.ndarray]:
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


def _report(p: Problem_, blocks: list[list[int]]) -> list[dict]:
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


def _active(p: Problem_) -> list[int]:
    return [c for c in range(len(p.councils)) if c not in p.opt_out]


def _candidates_within_limits(p: Problem_, active: list[int]) -> list[tuple[int, ...]] | None:
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
                _p(
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
                _p(
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
    p = _parse(data, council_lookup)
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
    p = _parse(data, council_lookup)
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
                _p(
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
