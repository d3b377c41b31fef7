"""The register's demo partnerships taken from the councils' papers, with the papers as
their sources: Wyre Forest's table of partnerships, the services it was exploring and
those it considered and did not pursue (and why); Lancaster's museums, joint licensing
manager and revenues and benefits talks with Preston; Carlisle's parking enforcement
with Eden and telephony procurement with Allerdale (Carlisle is now part of
Cumberland); the North West foster care framework. Details the papers do not give
(years, savings) are left empty. ``demo.load_demo_arrangements`` loads them.
"""

from __future__ import annotations

from sharedservices.registry.models import OrganisationKind

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


def demo_row(name, areas, councils, *, status="live", model="", lead="", orgs=(), reason="",
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
        demo_row(
            "Housing and grounds maintenance",
            ["housing"],
            wf,
            model="private-sector",
            orgs=["Wyre Forest Community Housing"],
            lead=WYRE_FOREST,
        ),
        demo_row(
            "Leisure services",
            ["leisure"],
            wf,
            model="private-sector",
            orgs=["DC Leisure"],
            lead=WYRE_FOREST,
        ),
        demo_row(
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
        demo_row(
            "Children and young people",
            ["children-social-care"],
            [WYRE_FOREST, WORCESTERSHIRE],
            model="informal",
        ),
        demo_row(
            "Disability access", ["building-control"], [WYRE_FOREST, "E07000237"], model="informal"
        ),
        demo_row(
            "Care and Repair Agency",
            ["housing"],
            [WYRE_FOREST, "E07000234", "E07000236"],
            model="lead-authority",
        ),
        demo_row(
            "Worcestershire Hub",
            ["customer-services"],
            COUNTYWIDE,
            model="joint-committee",
            lead=WORCESTERSHIRE,
        ),
        demo_row(
            "Tourism: Destination Worcestershire", ["tourism"], COUNTYWIDE, model="joint-committee"
        ),
        demo_row("Council tax leaflet", ["revenues-benefits"], COUNTYWIDE, model="informal"),
        demo_row(
            "Concessionary travel", ["customer-services"], COUNTYWIDE, model="joint-procurement"
        ),
        demo_row(
            "Computer audit",
            ["audit", "ict"],
            [WYRE_FOREST, "E07000237"],
            model="lead-authority",
            lead="E07000237",
        ),
        demo_row("CCTV", ["cctv"], [WYRE_FOREST, "E07000234"], model="lead-authority"),
        demo_row(
            "Procurement",
            ["procurement"],
            wf,
            model="joint-procurement",
            orgs=["West Midlands Centre of Excellence"],
        ),
        demo_row(
            "Business continuity planning",
            ["business-continuity"],
            [WYRE_FOREST, WORCESTERSHIRE],
            model="lead-authority",
            lead=WORCESTERSHIRE,
        ),
        demo_row(
            "Environment enforcement",
            ["environmental-health", "community-safety"],
            wf,
            model="informal",
            orgs=["West Mercia Police"],
        ),
        demo_row(
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
        rows.append(demo_row(name, areas, wf, status="exploring", source=SEED_002))
    # Seed 002 §3.6: considered and not pursued.
    for name, areas in [
        ("Human resources", ["hr"]),
        ("Payroll", ["payroll"]),
        ("IT services", ["ict"]),
        ("Revenues and benefits", ["revenues-benefits"]),
    ]:
        rows.append(
            demo_row(name, areas, wf, status="not-pursued", reason=WF_REASON, source=SEED_002)
        )
    rows += [
        # Seed 001 §2.2, 2.4-2.7.
        demo_row(
            "Museums service",
            ["museums"],
            [LANCASTER, LANCASHIRE],
            model="lead-authority",
            lead=LANCASHIRE,
            source=SEED_001,
            description="Lancaster's museums delivered in partnership with the County Council.",
        ),
        demo_row(
            "Joint licensing manager",
            ["licensing"],
            [LANCASTER, "E07000031"],
            model="joint-post",
            source=SEED_001,
            description="One licensing manager for Lancaster and South Lakeland.",
        ),
        demo_row(
            "Revenues and benefits shared service",
            ["revenues-benefits"],
            [LANCASTER, PRESTON],
            status="business-case",
            model="lead-authority",
            source=SEED_001,
            description="Options for a shared service, with £50,000 from the Mid Lancashire "
            "cluster's £100,000 for a project manager.",
        ),
        demo_row(
            "Financial services",
            ["finance"],
            ["E07000126", "E07000118"],
            model="informal",
            source=SEED_001,
            description="South Ribble and Chorley share their financial services.",
        ),
        # Seed 000: Carlisle (now Cumberland) and the ACE programme.
        demo_row(
            "Parking enforcement",
            ["parking"],
            [CARLISLE, EDEN],
            model="lead-authority",
            lead=CARLISLE,
            source=SEED_000,
        ),
        demo_row(
            "Telephony system procurement",
            ["procurement", "ict"],
            [CARLISLE, ALLERDALE],
            model="joint-procurement",
            status="ended",
            source=SEED_000,
            reason="A one-off joint procurement: the telephony system was bought.",
        ),
        demo_row(
            "Common internet services provider",
            ["ict"],
            CUMBRIA_DISTRICTS,
            model="private-sector",
            source=SEED_000,
        ),
        demo_row(
            "Payroll services for Allerdale",
            ["payroll"],
            [CARLISLE, ALLERDALE],
            status="exploring",
            lead=CARLISLE,
            source=SEED_000,
        ),
        demo_row(
            "Shared legal services",
            ["legal"],
            CUMBRIA_DISTRICTS,
            status="exploring",
            source=SEED_000,
        ),
        demo_row(
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
        rows.append(demo_row(name, areas, [*CUMBRIA_DISTRICTS, "E10000006"],
                         status="business-case", model="lead-authority",
                         source=SEED_000))  # fmt: skip
    # Seed 004 §6.
    rows.append(
        demo_row(
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
