"""Councils and a user's choices, turned into the ``coalitions`` input.

The size proxy (docs/find-partners.md): the ONS packages here hold no household
counts, so where the user gives none a council's size (workload) is its number of
postcodes in the ONS Postcode Directory, called on screen what it is, "postcodes (a
rough proxy)", and its baseline cost is that times a cost per postcode the user can
change. It is a starting point for a conversation, not a budget: give real costs and
households.

Existing partnerships (the register's live arrangements for the service) are kept
together with the analysis's ``together`` pairs, or left out with its ``opt_out``:
one rule set, in ``analysis/coalitions.py``, for the web and the command line.
"""

from __future__ import annotations

from sharedservices.councils.models import Council

DEFAULT_SCALE_EXPONENT = 0.85
DEFAULT_GOVERNANCE_COST = 40_000
DEFAULT_DISTANCE_COST = 500
DEFAULT_COST_PER_POSTCODE = 300
DEFAULT_MAX_SIZE = 5

EXISTING_IGNORE = "ignore"
EXISTING_TOGETHER = "together"
EXISTING_LEAVE_OUT = "leave_out"


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
    existing: list[tuple[str, list[str]]] = (),
    existing_rule: str = EXISTING_IGNORE,
    same_county: bool = False,
) -> dict:
    """``existing``: (arrangement name, its member codes among ``councils``) for each
    live arrangement of the chosen service; ``existing_rule`` says what to do with them."""
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
    together: list[list[str]] = []
    if existing_rule == EXISTING_TOGETHER:
        for _name, members in existing:
            # a council that will not share cannot be kept with its partners
            kept = [c for c in members if c not in opt_out]
            together += [[a, b] for a, b in zip(kept, kept[1:], strict=False)]
    elif existing_rule == EXISTING_LEAVE_OUT:
        opt_out = [*opt_out, *(code for _name, members in existing for code in members)]
    county_rules = {}
    if same_county:
        from sharedservices.jobs import counties
        from sharedservices.jobs.selectors import council_lookup

        edges = None
        if connected:
            looked = council_lookup(sorted(codes))
            edges = [(a, b) for a in sorted(codes) for b in looked[a]["neighbours"] if a < b]
        apart, kept = counties.apart_pairs(counties.counties_of(codes), edges)
        county_rules = {"apart": apart, **({"edges": kept} if kept is not None else {})}
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
            "opt_out": sorted({c for c in opt_out if c in codes}),
            **({"together": together} if together else {}),
            **county_rules,
        },
    }
