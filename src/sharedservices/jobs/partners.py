"""Councils and a user's choices, turned into the ``coalitions`` input.

The baseline proxy (docs/find-partners.md): where the user gives no figures, a
council's workload is its number of postcodes in the ONS Postcode Directory
(about a dozen households each, so proportional to households served) and its
baseline cost is that times a cost per postcode the user can change. It is a
starting point for a conversation, not a budget: replace it with real costs.
"""

from __future__ import annotations

from sharedservices.councils.models import Council

DEFAULT_SCALE_EXPONENT = 0.85
DEFAULT_GOVERNANCE_COST = 40_000
DEFAULT_DISTANCE_COST = 500
DEFAULT_COST_PER_POSTCODE = 300
DEFAULT_MAX_SIZE = 5


def coalitions_input(
    *,
    councils: list[Council],
    known_costs: dict[str, tuple[float, float | None]],
    cost_per_postcode: float,
    scale_exponent: float,
    governance_cost: float,
    distance_cost_per_km: float,
    max_size: int | None,
    connected: bool,
    opt_out: list[str],
) -> dict:
    rows = []
    for council in councils:
        cost, workload = known_costs.get(council.code, (None, None))
        postcodes = council.postcode_count or 0
        row = {
            "code": council.code,
            "baseline_cost": round(cost if cost else postcodes * cost_per_postcode, 2),
            "workload": workload if workload else float(postcodes or 1),
        }
        if council.latitude is not None and council.longitude is not None:
            row["lat"], row["lon"] = council.latitude, council.longitude
        rows.append(row)
    codes = {c.code for c in councils}
    return {
        "councils": rows,
        "model": {
            "scale_exponent": scale_exponent,
            "governance_cost": governance_cost,
            "distance_cost_per_km": distance_cost_per_km,
        },
        "constraints": {
            "connected": connected,
            "max_size": max_size,
            "opt_out": sorted(c for c in opt_out if c in codes),
        },
    }
