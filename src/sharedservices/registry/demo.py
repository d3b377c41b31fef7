"""Demo data for the register, every record marked ``is_demo`` and sourced "Demo data".

Two parts:

1. The partnerships in the papers (seeds 000, 001, 002, 004; ``demo_papers.py``), with
   the papers as their sources: Wyre Forest's table of partnerships, the services it was
   exploring and those it considered and did not pursue (and why); Lancaster's
   museums and joint licensing manager and its revenues and benefits talks with
   Preston; Carlisle's parking enforcement with Eden and telephony procurement
   with Allerdale (Carlisle is now part of Cumberland); the North West foster
   care framework. Details the papers do not give (years, savings) are left empty.
2. Generated records (seeded, so the same every time) over real councils and
   their real neighbours, so that the map and the national picture have
   something to show. Their names say "(demo)".

``load_demo_arrangements`` replaces the previous demo records: safe to run again.
"""

from __future__ import annotations

import json
import math
import random

from django.db import transaction

from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council, CouncilKind
from sharedservices.registry.demo_papers import ORGANISATION_KINDS, demo_row, paper_rows
from sharedservices.registry.duplicates import registered_keys
from sharedservices.registry.importing import ArrangementImporter
from sharedservices.registry.models import (
    Arrangement,
    ArrangementSource,
    Organisation,
)

DEMO_SOURCE = "Demo data: illustrates the register, not a real record"
AREA_WEIGHTS = {
    "revenues-benefits": 9, "ict": 9, "shared-management": 8, "legal": 7, "audit": 7,
    "procurement": 7, "building-control": 6, "hr": 5, "payroll": 5, "finance": 5,
    "customer-services": 4, "environmental-health": 4, "waste": 5, "licensing": 4,
    "planning": 3, "cctv": 3, "parking": 3, "emergency-planning": 3, "community-safety": 3,
    "business-continuity": 2, "training": 2, "housing": 2, "leisure": 2, "museums": 1,
    "tourism": 1, "children-social-care": 1, "adult-social-care": 1,
}  # fmt: skip
MODEL_BY_AREA = {
    "procurement": "joint-procurement",
    "shared-management": "joint-post",
    "leisure": "company",
    "waste": "joint-committee",
    "children-social-care": "joint-procurement",
    "adult-social-care": "joint-procurement",
}
STATUSES = [("live", 74), ("ended", 10), ("exploring", 8), ("business-case", 5), ("not-pursued", 3)]
ENDED_REASONS = [
    "A partner withdrew after a change of administration.",
    "Local government reorganisation replaced the partner councils.",
    "The contract ended and each council now provides the service itself.",
]
NOT_PURSUED_REASONS = [
    "The business case did not show enough saving for every partner.",
    "The partners could not agree how to share costs.",
    "Staff consultation raised risks the partners would not accept.",
]


def generated_rows(count: int = 600, seed: int = 2019) -> list[dict]:
    """Plausible arrangements between real neighbouring councils (seeded)."""
    rng = random.Random(seed)
    councils = list(
        Council.objects.current().exclude(kind=CouncilKind.COUNTY).order_by("code")
        .values("code", "name", "kind", "upper_tier_id", "latitude", "longitude")
    )  # fmt: skip
    area_names = dict(ServiceArea.objects.values_list("slug", "name"))
    neighbours: dict[str, list[str]] = {}
    for a, b in Council.neighbours.through.objects.values_list("from_council_id", "to_council_id"):
        neighbours.setdefault(a, []).append(b)
    by_code = {c["code"]: c for c in councils}
    areas = list(AREA_WEIGHTS)
    weights = [AREA_WEIGHTS[a] for a in areas]
    rows, names = [], set()
    for i in range(count):
        lead = rng.choice(councils)
        # Districts share more than single-tier councils (seed 004 §8).
        if lead["kind"] != CouncilKind.DISTRICT and rng.random() < 0.35:
            lead = rng.choice([c for c in councils if c["kind"] == CouncilKind.DISTRICT])
        pool = [n for n in neighbours.get(lead["code"], []) if n in by_code]
        if not pool and lead["upper_tier_id"]:
            pool = [c["code"] for c in councils if c["upper_tier_id"] == lead["upper_tier_id"]]
        pool = [p for p in pool if p != lead["code"]]
        if not pool:
            continue
        partners = rng.sample(pool, k=min(len(pool), rng.choice([1, 1, 1, 2, 2, 3])))
        area = rng.choices(areas, weights)[0]
        chosen = [area]
        if area in ("ict", "hr") and rng.random() < 0.3:
            chosen.append("payroll" if area == "hr" else "customer-services")
        codes = [lead["code"], *partners]
        if lead["upper_tier_id"] and rng.random() < 0.12:
            codes.append(lead["upper_tier_id"])
        status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
        start = rng.randint(2004, 2025) if status in ("live", "ended") else None
        end = rng.randint(start + 1, 2025) if status == "ended" and start < 2025 else None
        model = MODEL_BY_AREA.get(area) or rng.choice(
            ["lead-authority", "lead-authority", "lead-authority", "joint-committee", "company",
             "joint-post", "private-sector"]
        )  # fmt: skip
        if status in ("exploring", "not-pursued") and rng.random() < 0.6:
            model = ""
        savings = None
        if status in ("live", "ended") and rng.random() < 0.7:
            # Log-normal around £90k: over half save under £100k (LGA, seed 004).
            savings = int(round(math.exp(rng.gauss(math.log(90_000), 1.0)), -3))
        reason = ""
        if status == "ended":
            reason = rng.choice(ENDED_REASONS)
        elif status == "not-pursued":
            reason = rng.choice(NOT_PURSUED_REASONS)
        partner_names = " and ".join(by_code[c]["name"] for c in codes[1:3] if c in by_code)
        name = f"{area_names[area]}: {lead['name']} with {partner_names or 'partners'} (demo)"
        if name.casefold() in names:
            name = name.replace(" (demo)", f" {i} (demo)")
        names.add(name.casefold())
        rows.append(
            demo_row(
                name,
                chosen,
                codes,
                status=status,
                model=model,
                lead=lead["code"] if model != "joint-committee" else "",
                reason=reason,
                start=start,
                end=end,
                savings=savings,
                source="",
                description="Demo data: generated to show how the register, map and "
                "statistics work. Not a real arrangement.",
            )  # fmt: skip
        )
    return rows


@transaction.atomic
def load_demo_arrangements(*, generated: int = 600) -> int:
    """Replace the demo arrangements with a fresh, identical set; return how many."""
    Arrangement.objects.filter(is_demo=True).delete_with_history()
    # A partnership of the papers that is also a real, curated record is shown once, as
    # the real record (Worcestershire Regulatory Services, the foster care framework).
    real = registered_keys(Arrangement.objects.filter(is_demo=False))
    rows = [
        r
        for r in paper_rows() + generated_rows(generated)
        if (r["name"].strip().casefold(), frozenset(r["councils"])) not in real
    ]
    sources = [r.pop("_source") for r in rows]
    result = ArrangementImporter(is_demo=True).run(json.dumps(rows), fmt="json")
    if result.errors:
        raise ValueError("Demo data is invalid: " + "; ".join(map(str, result.errors[:5])))
    for name, kind in ORGANISATION_KINDS.items():
        Organisation.objects.filter(name=name).update(kind=kind)
    created = Arrangement.objects.filter(is_demo=True).order_by("pk")
    ArrangementSource.objects.bulk_create(
        [
            ArrangementSource(arrangement_id=pk, title=f"{DEMO_SOURCE}. {source}".strip(". "))
            for pk, source in zip(created.values_list("pk", flat=True), sources, strict=True)
        ]
    )
    return result.created
