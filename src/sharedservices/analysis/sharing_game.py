"""The game behind a Shapley or nucleolus split in ``share``: the partners' savings
from explicit coalition worths or from the cost model, the values it gives, and the
core check (would any group of partners do better on its own?)."""

from __future__ import annotations

import numpy as np

from sharedservices.analysis.bitsets import MAX_EXACT_PLAYERS, mask_of, members
from sharedservices.analysis.costmodel import CostModel, Councils, all_savings, membership_savings
from sharedservices.analysis.games import core_check
from sharedservices.analysis.money import format_pence, round_pence
from sharedservices.analysis.validation import Reader

MAX_NUCLEOLUS_PLAYERS = 20
TOLERANCE = 1e-6


class Game:
    """The partners' saving game: exact table for few partners, sampled beyond."""

    def __init__(self, n: int):
        self.n = n
        self.table: np.ndarray | None = None
        self.worth_fn = None
        self.grand = 0.0
        self.shapley: np.ndarray | None = None
        self.half_width: np.ndarray | None = None
        self.nucleolus: np.ndarray | None = None


def read_game(data: dict, partners: list[dict], codes: list[str], r: Reader) -> Game | None:
    n = len(codes)
    known = {c: i for i, c in enumerate(codes)}
    if "game" in data and "model" in data:
        r.fail("$", "give either game or model, not both")
        return None
    if "game" in data:
        g = r.mapping(data, "game", "$")
        worths = r.listing(g, "worths", "$.game", required=True)
        if n > MAX_EXACT_PLAYERS:
            r.fail(
                "$.game", f"explicit worths are for up to {MAX_EXACT_PLAYERS} partners; use model"
            )
            return None
        table = np.zeros(1 << n)
        seen = set()
        for j, w in enumerate(worths):
            path = f"$.game.worths[{j}]"
            if not isinstance(w, dict):
                r.fail(path, 'must be an object like {"members": [...], "worth": 120000}')
                continue
            ms = r.listing(w, "members", path, required=True)
            idx = [known[c] for k, c in enumerate(ms) if r.code(c, f"{path}.members[{k}]", known)]
            value = r.field_number(w, "worth", path)
            if len(idx) != len(ms) or value is None or not idx:
                continue
            mask = mask_of(idx)
            if mask in seen:
                r.fail(f"{path}.members", "this coalition is given twice")
            seen.add(mask)
            table[mask] = value
        if (1 << n) - 1 not in seen and not r.problems:
            r.fail("$.game.worths", "must give the worth of the whole partnership (all partners)")
        game = Game(n)
        game.table = table
        game.grand = float(table[-1])
        return game
    if "model" in data:
        m = r.mapping(data, "model", "$")
        model = CostModel(
            r.field_number(
                m,
                "scale_exponent",
                "$.model",
                default=0.85,
                minimum=0,
                maximum=1,
                strict_minimum=True,
            )
            or 0.85,
            r.field_number(m, "governance_cost", "$.model", default=40_000.0, minimum=0) or 0.0,
            r.field_number(m, "distance_cost_per_km", "$.model", default=500.0, minimum=0) or 0.0,
        )
        cols = {"baseline_cost": [], "workload": [], "lat": [], "lon": []}
        for i, p in enumerate(partners):
            for key, lo, hi, strict in (
                ("baseline_cost", 0, None, True),
                ("workload", 0, None, True),
                ("lat", -90, 90, False),
                ("lon", -180, 180, False),
            ):
                v = (
                    r.field_number(
                        p, key, f"$.partners[{i}]", minimum=lo, maximum=hi, strict_minimum=strict
                    )
                    if isinstance(p, dict)
                    else None
                )
                cols[key].append(v if v is not None else 1.0)
        if r.problems:
            return None
        councils = Councils.build(
            codes, cols["baseline_cost"], cols["workload"], cols["lat"], cols["lon"]
        )
        game = Game(n)
        if n <= MAX_EXACT_PLAYERS:
            game.table = all_savings(model, councils)
            game.grand = float(game.table[-1])
        else:
            rank, dist = councils.hub_rank(), councils.distances_km()
            game.worth_fn = lambda x: membership_savings(model, councils, x, rank, dist)
            game.grand = float(game.worth_fn(np.ones((1, n), dtype=bool))[0])
        return game
    return None


def core_report(game: Game | None, net: np.ndarray | None, codes: list[str]) -> dict:
    if game is None or game.table is None or net is None:
        why = (
            "no game given"
            if game is None
            else (
                "too many partners for an exact check"
                if game.table is None
                else "net benefits unknown"
            )
        )
        return {
            "checked": False,
            "in_core": None,
            "efficient": None,
            "worst_coalition": None,
            "worst_excess": None,
            "note": why,
        }
    check = core_check(game.table, net)
    scale = TOLERANCE * max(1.0, abs(game.grand))
    efficient = abs(float(net.sum()) - game.grand) <= max(scale, 0.01)
    worst = [codes[i] for i in members(check.worst_coalition)]
    stable = check.worst_excess <= max(scale, 0.01)
    return {
        "checked": True,
        "in_core": bool(efficient and stable),
        "efficient": bool(efficient),
        "worst_coalition": worst,
        "worst_excess": round_pence(check.worst_excess),
        "note": (
            f"{', '.join(worst)} together would save {format_pence(check.worst_excess)} more "
            "on their own"
            if not stable
            else None
        ),
    }
