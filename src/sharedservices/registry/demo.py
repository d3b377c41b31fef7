"""Demo data for the register, every record marked ``is_demo`` and sourced "Demo data".

Two parts:

1. The partnerships in the papers (seeds 000, 001, 002, 004), with the papers as
   their sources: Wyre Forest's table of partnerships, the services it was
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
from sharedservices.registry.importing import ArrangementImporter
from sharedservices.registry.models import (
    Arrangement,
    ArrangementSource,
    Organisation,
    OrganisationKind,
)

DEMO_SOURCE = "Demo data: illustrates the register, not a real record"
SEED_000 = "Carlisle City Council, Executive report on shared services and the ACE programme"
SEED_001 = "Lancaster City Council, Cabinet, 1 September 2009: Shared Services Programme"
SEED_002 = "Wyre Forest District Council, Cabinet, 25 January 2007: Shared Services Strategy"
SEED_004 = "Nottinghamshire County Council, Shared Services Review Group, 21 February 2012"

WYRE_FOREST, WORCESTERSHIRE = "E07000239", "E10000034"
WORCESTERSHIRE_DISTRICTS = [
    "E07000234",  # Bromsgrove
    "E07000235",  # Malvern Hills
    "E07000236",  # Redditch
    "E07000237",  # Worcester
    "E07000238",  # Wychavon
    WYRE_FOREST,
]
COUNTYWIDE = [WORCESTERSHIRE, *WORCESTERSHIRE_DISTRICTS]
LANCASTER, PRESTON, LANCASHIRE = "E07000121", "E07000123", "E10000017"
CARLISLE, EDEN, ALLERDALE = "E07000028", "E07000030", "E07000026"
CUMBRIA_DISTRICTS = [ALLERDALE, "E07000027", CARLISLE, "E07000029", EDEN, "E07000031"]
NORTH_WEST_FOSTERING = [
    LANCASHIRE, "E06000009", "E06000008", "E10000006", "E08000003", "E08000012", "E08000010",
    "E08000001", "E08000007", "E08000009", "E08000006", "E08000004", "E08000015", "E08000014",
    "E08000011", "E08000013", "E06000007", "E06000006", "E06000049", "E06000050", "E08000005",
    "E08000008", "E08000002",
]  # fmt: skip

ORGANISATION_KINDS = {
    "Wyre Forest Community Housing": OrganisationKind.HOUSING_ASSOCIATION,
    "DC Leisure": OrganisationKind.PRIVATE,
    "West Mercia Police": OrganisationKind.POLICE,
    "Hereford and Worcester Fire and Rescue Service": OrganisationKind.FIRE,
    "NHS Worcestershire": OrganisationKind.NHS,
    "West Midlands Centre of Excellence": OrganisationKind.CENTRE_OF_EXCELLENCE,
    "Department for Work and Pensions": OrganisationKind.CENTRAL_GOVERNMENT,
}

WF_REASON = (
    "Considered and not pursued: the Council was not convinced that the financial benefits "
    "would make sharing worthwhile (Cabinet, 25 January 2007)."
)


def _row(name, areas, councils, *, status="live", model="", lead="", orgs=(), reason="",
         start=None, end=None, savings=None, description="", source=""):  # fmt: skip
    return {
        "name": name,
        "service_areas": list(areas),
        "councils": list(councils),
        "organisations": list(orgs),
        "lead_council": lead,
        "delivery_model": model,
        "status": status,
        "status_reason": reason,
        "start_year": start,
        "end_year": end,
        "annual_savings_gbp": savings,
        "description": description,
        "_source": source,
    }


def paper_rows() -> list[dict]:
    wf = [WYRE_FOREST]
    rows = [
        # Seed 002 §3.4: Wyre Forest's existing partnerships.
        _row(
            "Housing and grounds maintenance",
            ["housing"],
            wf,
            model="private-sector",
            orgs=["Wyre Forest Community Housing"],
            lead=WYRE_FOREST,
        ),
        _row(
            "Leisure services",
            ["leisure"],
            wf,
            model="private-sector",
            orgs=["DC Leisure"],
            lead=WYRE_FOREST,
        ),
        _row(
            "Community safety partnership",
            ["community-safety"],
            wf,
            model="informal",
            orgs=[
                "West Mercia Police",
                "Hereford and Worcester Fire and Rescue Service",
                "NHS Worcestershire",
            ],
        ),
        _row(
            "Children and young people",
            ["children-social-care"],
            [WYRE_FOREST, WORCESTERSHIRE],
            model="informal",
        ),
        _row(
            "Disability access", ["building-control"], [WYRE_FOREST, "E07000237"], model="informal"
        ),
        _row(
            "Care and Repair Agency",
            ["housing"],
            [WYRE_FOREST, "E07000234", "E07000236"],
            model="lead-authority",
        ),
        _row(
            "Worcestershire Hub",
            ["customer-services"],
            COUNTYWIDE,
            model="joint-committee",
            lead=WORCESTERSHIRE,
        ),
        _row(
            "Tourism: Destination Worcestershire", ["tourism"], COUNTYWIDE, model="joint-committee"
        ),
        _row("Council tax leaflet", ["revenues-benefits"], COUNTYWIDE, model="informal"),
        _row("Concessionary travel", ["customer-services"], COUNTYWIDE, model="joint-procurement"),
        _row(
            "Computer audit",
            ["audit", "ict"],
            [WYRE_FOREST, "E07000237"],
            model="lead-authority",
            lead="E07000237",
        ),
        _row("CCTV", ["cctv"], [WYRE_FOREST, "E07000234"], model="lead-authority"),
        _row(
            "Procurement",
            ["procurement"],
            wf,
            model="joint-procurement",
            orgs=["West Midlands Centre of Excellence"],
        ),
        _row(
            "Business continuity planning",
            ["business-continuity"],
            [WYRE_FOREST, WORCESTERSHIRE],
            model="lead-authority",
            lead=WORCESTERSHIRE,
        ),
        _row(
            "Environment enforcement",
            ["environmental-health", "community-safety"],
            wf,
            model="informal",
            orgs=["West Mercia Police"],
        ),
        _row(
            "Benefit fraud prosecutions",
            ["revenues-benefits", "legal"],
            wf,
            model="informal",
            orgs=["Department for Work and Pensions"],
        ),
    ]
    for r in rows:
        r["_source"] = SEED_002
    # Seed 002 §3.5: being explored.
    for name, areas in [
        ("Audit management", ["audit"]),
        ("Risk management", ["audit"]),
        ("Building control", ["building-control"]),
        ("Environmental health", ["environmental-health"]),
        ("Decriminalisation of on-street parking", ["parking"]),
        ("Litter picking: lengthsman scheme", ["waste"]),
        ("Third age services", ["adult-social-care"]),
        ("Printing and design", []),
        ("Equality and diversity", ["hr"]),
        ("Strategic environmental assessment", ["planning"]),
    ]:
        rows.append(_row(name, areas, wf, status="exploring", source=SEED_002))
    # Seed 002 §3.6: considered and not pursued.
    for name, areas in [
        ("Human resources", ["hr"]),
        ("Payroll", ["payroll"]),
        ("IT services", ["ict"]),
        ("Revenues and benefits", ["revenues-benefits"]),
    ]:
        rows.append(_row(name, areas, wf, status="not-pursued", reason=WF_REASON, source=SEED_002))
    rows += [
        # Seed 001 §2.2, 2.4-2.7.
        _row(
            "Museums service",
            ["museums"],
            [LANCASTER, LANCASHIRE],
            model="lead-authority",
            lead=LANCASHIRE,
            source=SEED_001,
            description="Lancaster's museums delivered in partnership with the County Council.",
        ),
        _row(
            "Joint licensing manager",
            ["licensing"],
            [LANCASTER, "E07000031"],
            model="joint-post",
            source=SEED_001,
            description="One licensing manager for Lancaster and South Lakeland.",
        ),
        _row(
            "Revenues and benefits shared service",
            ["revenues-benefits"],
            [LANCASTER, PRESTON],
            status="business-case",
            model="lead-authority",
            source=SEED_001,
            description="Options for a shared service, with £50,000 from the Mid Lancashire "
            "cluster's £100,000 for a project manager.",
        ),
        _row(
            "Financial services",
            ["finance"],
            ["E07000126", "E07000118"],
            model="informal",
            source=SEED_001,
            description="South Ribble and Chorley share their financial services.",
        ),
        # Seed 000: Carlisle (now Cumberland) and the ACE programme.
        _row(
            "Parking enforcement",
            ["parking"],
            [CARLISLE, EDEN],
            model="lead-authority",
            lead=CARLISLE,
            source=SEED_000,
        ),
        _row(
            "Telephony system procurement",
            ["procurement", "ict"],
            [CARLISLE, ALLERDALE],
            model="joint-procurement",
            status="ended",
            source=SEED_000,
            reason="A one-off joint procurement: the telephony system was bought.",
        ),
        _row(
            "Common internet services provider",
            ["ict"],
            CUMBRIA_DISTRICTS,
            model="private-sector",
            source=SEED_000,
        ),
        _row(
            "Payroll services for Allerdale",
            ["payroll"],
            [CARLISLE, ALLERDALE],
            status="exploring",
            lead=CARLISLE,
            source=SEED_000,
        ),
        _row(
            "Shared legal services",
            ["legal"],
            CUMBRIA_DISTRICTS,
            status="exploring",
            source=SEED_000,
        ),
        _row(
            "Training and development for other councils",
            ["training"],
            [CARLISLE],
            status="exploring",
            source=SEED_000,
        ),
    ]
    for name, areas in [
        ("Cumbrian licensing", ["licensing"]),
        ("Cumbrian building control", ["building-control"]),
        ("Cumbrian e-recruitment", ["hr"]),
        ("Cumbrian procurement", ["procurement"]),
        ("Cumbrian property rationalisation", []),
    ]:
        rows.append(_row(name, areas, [*CUMBRIA_DISTRICTS, "E10000006"],
                         status="business-case", model="lead-authority",
                         source=SEED_000))  # fmt: skip
    # Seed 004 §6.
    rows.append(
        _row(
            "North West foster care framework",
            ["children-social-care", "procurement"],
            NORTH_WEST_FOSTERING,
            model="joint-procurement",
            savings=1_900_000,
            source=SEED_004,
            description="A framework contract from which councils buy external foster care "
            "placements; savings estimated at £1.9m.",
        )  # fmt: skip
    )
    return rows


# Weights: corporate sharing is the most common, social care the least (seed 004 §5-6).
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
            _row(
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
    rows = paper_rows() + generated_rows(generated)
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
