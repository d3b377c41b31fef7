"""Demo data for programmes, every record marked ``is_demo``. Made through the same
services as the pages, so the demo obeys the same rules (the pot arithmetic, reasons
for moving back).

- Team Lancashire and its three clusters (Lancaster City Council, Cabinet, 2009).
  The paper names Mid Lancashire's members; Pennine Lancashire's and the Fylde's
  are the usual groupings of those areas, shown to illustrate.
- The Mid Lancashire cluster's £100,000, with £50,000 allocated to Lancaster and
  Preston to research a shared revenues and benefits service, and some spend.
- Carlisle's CLASB list (Carlisle City Council, Executive report) as opportunities
  of its successors Cumberland and Westmorland and Furness: four go on to full
  business cases, licensing is sent back to its outline case.
- Wyre Forest's "being explored" and "considered and not pursued" lists, made
  from the register records it already has.
- Criteria, two weight sets and scores in the Mid Lancashire cluster.

``load_demo_programmes`` replaces the previous demo programmes: safe to run again.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.programme.models import (
    Allocation,
    Opportunity,
    OpportunityStage,
    Programme,
    Spend,
)
from sharedservices.programme.services.funding import allocation_create, pot_add, spend_record
from sharedservices.programme.services.opportunities import (
    OpportunityInput,
    opportunity_create,
    opportunity_move,
)
from sharedservices.programme.services.programmes import ProgrammeInput, programme_create
from sharedservices.programme.services.scoring import (
    DEFAULT_CRITERIA,
    criterion_add,
    scores_save,
    weight_set_save,
)
from sharedservices.registry.models import Arrangement, ArrangementStatus

LANCASHIRE = "E10000017"
MID_LANCASHIRE = ["E07000121", "E07000123", "E07000126", "E07000118", "E07000127"]
PENNINE = ["E06000008", "E07000117", "E07000120", "E07000122", "E07000124", "E07000125"]
FYLDE = ["E06000009", "E07000119", "E07000128"]
LANCASTER, PRESTON, SOUTH_RIBBLE, CHORLEY, WEST_LANCS = MID_LANCASHIRE
CUMBERLAND, WESTMORLAND_FURNESS = "E06000063", "E06000064"
WYRE_FOREST = "E07000239"
LANCASTER_PAPER = "Lancaster City Council, Cabinet, 1 September 2009"
CARLISLE_PAPER = "Carlisle City Council, Executive report on shared services (ACE programme)"
WYRE_FOREST_PAPER = "Wyre Forest District Council, Cabinet, 25 January 2007"


def _councils(codes) -> list[Council]:
    found = Council.objects.in_bulk(list(codes))
    return [found[c] for c in codes if c in found]


def _area(slug: str) -> ServiceArea | None:
    return ServiceArea.objects.filter(slug=slug).first()


def _clear() -> None:
    demo = Programme.objects.filter(is_demo=True)
    Spend.objects.filter(allocation__pot__programme__in=demo).delete()
    Allocation.objects.filter(pot__programme__in=demo).delete()
    Opportunity.objects.filter(is_demo=True).delete()
    # Clusters before their parents (the parent link protects them).
    for p in demo.filter(parent__isnull=False):
        p.delete()
    demo.delete()


def _programme(name, codes, **kwargs) -> Programme:
    return programme_create(
        user=None, data=ProgrammeInput(name=name, members=_councils(codes), is_demo=True, **kwargs)
    )


def _opportunity(council, title, **kwargs) -> Opportunity:
    partners = kwargs.pop("partners", ())
    return opportunity_create(
        user=None,
        data=OpportunityInput(
            title=title,
            council=Council.objects.get(pk=council),
            proposed_partners=_councils(partners),
            is_demo=True,
            **kwargs,
        ),
    )


def team_lancashire() -> Programme:
    team = _programme(
        "Team Lancashire",
        [LANCASHIRE, *MID_LANCASHIRE, *PENNINE, *FYLDE],
        description="Improvements and efficiencies through joint working across Lancashire,"
        f" progressed through three clusters ({LANCASTER_PAPER}).",
    )
    _programme(
        "Pennine Lancashire cluster",
        PENNINE,
        parent=team,
        description="A cluster of Team Lancashire; its members are shown to illustrate, as"
        f" the paper names the cluster only ({LANCASTER_PAPER}).",
    )
    _programme(
        "The Fylde cluster",
        FYLDE,
        parent=team,
        description="A cluster of Team Lancashire; its members are shown to illustrate, as"
        f" the paper names the cluster only ({LANCASTER_PAPER}).",
    )
    mid = _programme(
        "Mid Lancashire cluster",
        MID_LANCASHIRE,
        parent=team,
        project_manager="Project manager recruited with the Team Lancashire allocation",
        method="LAMP, Lancaster's project management method",
        start_date=date(2009, 9, 1),
        description="No service area is ruled out at the start. Revenues and benefits with"
        " Preston is the first opportunity; South Ribble and Chorley already share their"
        f" financial services ({LANCASTER_PAPER}).",
        private_notes="Staff and unions have been briefed on the revenues and benefits work.",
    )
    pot = pot_add(
        user=None,
        programme=mid,
        source="Team Lancashire",
        amount_gbp=100_000,
        conditions="To support the development of efficiency options for joint working.",
    )
    allocation = allocation_create(
        user=None,
        pot=pot,
        amount_gbp=50_000,
        purpose="Research shared services, in particular revenues and benefits",
        councils=_councils([LANCASTER, PRESTON]),
    )
    spend_record(
        user=None, allocation=allocation, amount_gbp=18_500, description="Project manager (demo)"
    )
    spend_record(
        user=None,
        allocation=allocation,
        amount_gbp=2_400,
        description="Baseline workshops with both revenues teams (demo)",
    )
    _mid_lancashire_pipeline(mid)
    return team


def _mid_lancashire_pipeline(mid: Programme) -> None:
    revs = _opportunity(
        LANCASTER,
        "Shared revenues and benefits service",
        programme=mid,
        service_area=_area("revenues-benefits"),
        partners=[PRESTON],
        description="A shared senior management structure, IT systems and back office for"
        " revenues and benefits, without changing what residents experience.",
        sponsor_role="Head of Financial Services",
        next_step="Business case showing the benefits for each council",
        stage=OpportunityStage.RESEARCH,
    )
    ict = _opportunity(
        SOUTH_RIBBLE,
        "Shared ICT service (demo)",
        programme=mid,
        service_area=_area("ict"),
        partners=[CHORLEY],
        stage=OpportunityStage.IDEA,
    )
    building = _opportunity(
        WEST_LANCS,
        "Building control across the cluster (demo)",
        programme=mid,
        service_area=_area("building-control"),
        partners=[CHORLEY, SOUTH_RIBBLE],
        stage=OpportunityStage.IDEA,
    )
    criteria = [
        criterion_add(user=None, programme=mid, name=name, description=text)
        for name, text in DEFAULT_CRITERIA
    ]
    savings_first = [5, 3, 2, 3, 2, 1, 1]
    balanced = [1, 1, 1, 1, 1, 1, 1]
    for name, weights in (("Savings first", savings_first), ("Balanced", balanced)):
        weight_set_save(
            user=None,
            programme=mid,
            name=name,
            weights={c.pk: w for c, w in zip(criteria, weights, strict=True)},
        )
    scores = {
        revs: [5, 3, 3, 5, 3, 2, 2],
        ict: [3, 4, 3, 3, 3, 3, 3],
        building: [2, 3, 4, 3, 4, 4, 4],
    }
    reasons = {
        revs: "Shared management and systems offer the largest savings, as the cluster's"
        f" first opportunity with Preston showed ({LANCASTER_PAPER})",
        ict: "Illustrative score for the demo",
        building: "Illustrative score for the demo",
    }
    for o, values in scores.items():
        scores_save(
            user=None,
            opportunity=o,
            scores={c.pk: (v, reasons[o]) for c, v in zip(criteria, values, strict=True)},
        )


def cumbria() -> Programme:
    clasb = _programme(
        "Cumbrian shared services (CLASB candidate services)",
        [CUMBERLAND, WESTMORLAND_FURNESS],
        description="The candidate services the Cumbrian Local Authorities Strategic Board"
        f" chose, each with a sponsor ({CARLISLE_PAPER}), now carried by Carlisle's"
        " successors.",
    )
    sponsor = "Sponsor nominated by CLASB"
    rows = [
        ("Licensing", "licensing", CUMBERLAND, WESTMORLAND_FURNESS),
        ("Building control", "building-control", CUMBERLAND, WESTMORLAND_FURNESS),
        ("E-recruitment", "hr", WESTMORLAND_FURNESS, CUMBERLAND),
        ("Procurement", "procurement", CUMBERLAND, WESTMORLAND_FURNESS),
        ("Property rationalisation", None, WESTMORLAND_FURNESS, CUMBERLAND),
    ]
    for title, slug, owner, partner in rows:
        o = _opportunity(
            owner,
            title,
            programme=clasb,
            service_area=_area(slug) if slug else None,
            partners=[partner],
            sponsor_role=sponsor,
            stage=OpportunityStage.OBC,
            next_step="Business case development",
        )
        opportunity_move(user=None, opportunity=o, to_stage=OpportunityStage.FBC)
        if title == "Licensing":
            opportunity_move(
                user=None,
                opportunity=o,
                to_stage=OpportunityStage.OBC,
                reason="Requires further work on the outline business case (CLASB, April)",
            )
    return clasb


def wyre_forest() -> int:
    """Opportunities from Wyre Forest's register records that are being explored or
    were not pursued: the two lists of its Cabinet paper."""
    council = Council.objects.get(pk=WYRE_FOREST)
    records = (
        Arrangement.objects.of_council(council)
        .filter(status__in=[ArrangementStatus.EXPLORING, ArrangementStatus.NOT_PURSUED])
        .prefetch_related("service_areas", "partners__council")
        .order_by("name")
    )
    made = 0
    for a in records:
        pursued = a.status == ArrangementStatus.EXPLORING
        _opportunity(
            WYRE_FOREST,
            a.name,
            service_area=next(iter(a.service_areas.all()), None),
            partners=[p.council_id for p in a.partners.all() if p.council_id != WYRE_FOREST],
            arrangement=a,
            stage=OpportunityStage.RESEARCH if pursued else OpportunityStage.NOT_PURSUED,
            stage_reason="" if pursued else a.status_reason,
            description=f"From the register ({WYRE_FOREST_PAPER}).",
        )
        made += 1
    return made


@transaction.atomic
def load_demo_programmes() -> int:
    """Replace the demo programmes and opportunities; return how many opportunities."""
    _clear()
    team_lancashire()
    cumbria()
    wyre_forest()
    return Opportunity.objects.filter(is_demo=True).count()
