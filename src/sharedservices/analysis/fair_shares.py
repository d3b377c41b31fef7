"""``compare_bases``: every way of splitting a partnership's saving, side by side, each
checked against the core.

The saving to split is the cost model's (``costmodel``, the partner finder's): what the
partners together save a year against each running the service alone, from their baseline
costs, workloads and places. Each basis gives each partner a fraction of it: equal, by
households, by baseline cost, agreed percentages, the Shapley value (each partner's average
added saving over every order of joining) and the nucleolus (the split that makes the
worst-treated group as well off as possible, then the next). A split is in the core when
no group of partners would save more on its own than the split gives its members; for one
outside it, the group that gains most by leaving and by how much is named.
"""

from __future__ import annotations

import numpy as np

from sharedservices.analysis import sharing
from sharedservices.analysis.bitsets import members
from sharedservices.analysis.errors import InputError
from sharedservices.analysis.games import core_check, least_core
from sharedservices.analysis.money import round_pence
from sharedservices.analysis.sharing_game import read_game
from sharedservices.analysis.validation import Reader

# In the order a page shows them; a basis is left out when a partner lacks its figure.
BASES = ("equal", "households", "baseline_cost", "custom", "shapley", "nucleolus")
_NEEDS = {"households": "households", "baseline_cost": "baseline_cost", "custom": "custom_pct"}
_TOLERANCE = 0.01  # a penny: rounding never moves a split out of the core


def compare_bases(data: dict) -> dict:
    """``data``: ``partners`` (``code``, ``baseline_cost``, ``workload``, ``lat``, ``lon``
    and optionally ``households`` and ``custom_pct``) and optionally ``model``
    (``sharing.run``'s). Raises ``InputError`` as ``sharing.run`` does."""
    partners = data.get("partners") or []
    model = data.get("model") or {}
    r = Reader()
    codes = [p.get("code") for p in partners]
    game = read_game({"model": model}, partners, codes, r)
    if r.problems:
        raise InputError(r.problems)
    table = game.table if game is not None else None
    grand = float(table[-1]) if table is not None else 0.0
    if grand <= 0:  # nothing to share: no split to compare
        return {"partners": codes, "saving": round_pence(grand), "bases": [], "core_empty": None}
    bases = [
        b for b in BASES if b not in _NEEDS or all(p.get(_NEEDS[b]) is not None for p in partners)
    ]
    lines = [{"name": b, "kind": "saving", "amount": grand, "basis": b} for b in bases]
    shared = sharing.run({"partners": partners, "model": model, "lines": lines})
    out = []
    for line in shared["lines"]:
        allocation = np.array([line["shares"][c] for c in codes])
        entry = {
            "basis": line["basis"],
            "fractions": line["fractions"],
            "shares": line["shares"],
            "in_core": None,
            "blocking_group": [],
            "blocking_gain": 0.0,
        }
        if table is not None:
            check = core_check(table, allocation)
            stable = check.worst_excess <= _TOLERANCE
            entry["in_core"] = bool(stable)
            if not stable:
                entry["blocking_group"] = [codes[i] for i in members(check.worst_coalition)]
                entry["blocking_gain"] = round_pence(check.worst_excess)
        out.append(entry)
    core_empty = None
    if table is not None and len(codes) > 1:
        core_empty = bool(least_core(table).epsilon > _TOLERANCE)
    return {
        "partners": codes,
        "saving": round_pence(grand),
        "bases": out,
        "core_empty": core_empty,
    }
