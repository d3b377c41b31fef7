"""Reading a partner search's JSON (``coalitions``): councils, the cost model and the
constraints, with every problem named at its path by the engine's one reader.
See docs/sharing-and-coalitions.md for the contract."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sharedservices.analysis.costmodel import CostModel, Councils
from sharedservices.analysis.errors import InputError, Problem
from sharedservices.analysis.validation import Reader

CouncilLookup = Callable[[list[str]], dict[str, dict[str, Any]]]

DEFAULT_TIME_LIMIT = 60.0
# A promise the solver can keep: an hour is far beyond any search the product runs,
# and an unbounded limit (1e9 s) would hold a worker for ever.
MAX_TIME_LIMIT = 3600.0


class SearchInput:
    """A partner search's input, read and checked: councils, cost model, constraints."""

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


def parse(data: Any, council_lookup: CouncilLookup | None) -> SearchInput:
    r = Reader()
    p = SearchInput()
    if not isinstance(data, dict):
        raise InputError([problem("$", "must be a JSON object")])
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


def problem(path: str, message: str) -> Problem:
    return Problem(path, message)
