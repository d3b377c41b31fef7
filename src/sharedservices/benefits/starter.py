"""Starter sets of indicators per service area, offered when an arrangement has none and
editable afterwards. Each names words to find the partner's baseline among the business
case's baselines (``matches``: every word in the measure, case-insensitive)."""

from __future__ import annotations

STARTER_SETS: dict[str, list[dict]] = {
    "revenues-benefits": [
        {
            "name": "Average days to process new claims and changes",
            "kind": "quality",
            "unit": "days",
            "direction": "lower",
            "target": "10",
            "tolerance": "3",
            "matches": ("days", "claim"),
        },
        {
            "name": "Council tax collection rate",
            "kind": "quality",
            "unit": "percent",
            "direction": "higher",
            "target": "97",
            "tolerance": "1",
            "matches": ("collection", "rate"),
        },
        {
            "name": "Cost per case",
            "kind": "cost",
            "unit": "gbp",
            "direction": "lower",
            "target": "60",
            "tolerance": "6",
            "matches": ("cost", "per case"),
        },
    ],
}

GENERIC = [
    {
        "name": "Net cost of the service",
        "kind": "cost",
        "unit": "gbp",
        "direction": "lower",
        "target": "0",
        "tolerance": "0",
        "matches": ("net cost",),
        "measures_savings": True,
    },
]


def starter_set(service_area_slugs) -> list[dict]:
    """The starter indicators for an arrangement's service areas (generic if none)."""
    out: list[dict] = []
    for slug in service_area_slugs:
        out.extend(STARTER_SETS.get(slug, []))
    return out or list(GENERIC)
