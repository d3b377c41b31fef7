"""Reads of programmes and the pipeline, always through ``visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet, Sum

from sharedservices.base.tenancy import acting_council_ids
from sharedservices.councils.models import Council
from sharedservices.programme.lists import more_not_pursued
from sharedservices.programme.models import (
    EXPLORING,
    PIPELINE,
    Allocation,
    Opportunity,
    OpportunityStage,
    Programme,
)


def programme_list(*, user) -> QuerySet[Programme]:
    return (
        Programme.objects.visible_to(user)
        .select_related("parent")
        .prefetch_related("members", "clusters")
    )


def programme_detail(*, user, pk: int) -> Programme:
    return programme_list(user=user).get(pk=pk)


def my_programmes(*, user) -> QuerySet[Programme]:
    codes = acting_council_ids(user)
    return programme_list(user=user).filter(pk__in=Programme.objects.owned_by(codes).values("pk"))


@dataclass
class AllocationView:
    allocation: Allocation
    spent: int
    left: int


@dataclass
class PotView:
    pot: object
    allocated: int
    spent: int
    left: int
    allocations: list[AllocationView] = field(default_factory=list)


def funding(programme: Programme) -> list[PotView]:
    """Each pot with what is allocated, spent and left, and each allocation's spend."""
    allocations = (
        Allocation.objects.filter(pot__programme=programme)
        .annotate(spent_gbp=Sum("spend__amount_gbp"))
        .select_related("opportunity")
        .prefetch_related("councils", "spend")
    )
    by_pot: dict[int, list[AllocationView]] = {}
    for a in allocations:
        spent = a.spent_gbp or 0
        by_pot.setdefault(a.pot_id, []).append(
            AllocationView(allocation=a, spent=spent, left=a.amount_gbp - spent)
        )
    views = []
    for pot in programme.pots.all():
        rows = by_pot.get(pot.pk, [])
        allocated = sum(r.allocation.amount_gbp for r in rows)
        views.append(
            PotView(
                pot=pot,
                allocated=allocated,
                spent=sum(r.spent for r in rows),
                left=pot.amount_gbp - allocated,
                allocations=rows,
            )
        )
    return views


@dataclass(frozen=True)
class OpportunityFilters:
    stage: str = ""
    service_area: str = ""
    programme: int | None = None
    council: str = ""
    q: str = ""


def opportunity_list(*, user, filters: OpportunityFilters | None = None) -> QuerySet[Opportunity]:
    f = filters or OpportunityFilters()
    items = Opportunity.objects.visible_to(user)
    if f.stage:
        items = items.filter(stage=f.stage)
    if f.service_area:
        items = items.filter(service_area__slug=f.service_area)
    if f.programme:
        items = items.filter(programme_id=f.programme)
    if f.council:
        code = f.council.upper()
        items = items.filter(
            Q(council_id=code)
            | Q(
                pk__in=Opportunity.proposed_partners.through.objects.filter(council_id=code).values(
                    "opportunity_id"
                )
            )
        )
    if f.q:
        items = items.filter(Q(title__icontains=f.q) | Q(description__icontains=f.q))
    return items.select_related("council", "programme", "service_area", "owner").prefetch_related(
        "proposed_partners"
    )


def board(*, user, filters: OpportunityFilters | None = None) -> list[tuple[str, str, list]]:
    """Columns of the board: each stage with its opportunities (not pursued last)."""
    items = list(opportunity_list(user=user, filters=filters))
    columns = []
    for stage in [*PIPELINE, OpportunityStage.NOT_PURSUED]:
        columns.append((stage.value, stage.label, [o for o in items if o.stage == stage.value]))
    return columns


def council_lists(*, user, council: Council) -> tuple[list, list]:
    """Wyre Forest's two lists for ``council``: services being explored, and those
    considered and not pursued (with the reason), among what the user may see."""
    items = (
        Opportunity.objects.visible_to(user)
        .filter(council=council)
        .select_related("service_area", "programme")
        .prefetch_related(Prefetch("proposed_partners"), "partner_organisations")
        .order_by("title", "pk")
    )
    return (
        [o for o in items if o.stage in EXPLORING],
        [o for o in items if o.stage == OpportunityStage.NOT_PURSUED]
        + more_not_pursued(user=user, council=council),
    )


def opportunity_case_initial(*, user, pk) -> dict | None:
    """What "Start a business case" fills in from an opportunity the user can see:
    for the business case form's ``initial``."""
    if not (isinstance(pk, str) and pk.isdigit() and len(pk) <= 18):
        return None
    o = Opportunity.objects.visible_to(user).filter(pk=int(pk)).first()
    if o is None:
        return None
    partners = [c for c in o.proposed_partners.all() if c.pk != getattr(user, "council_id", None)]
    if o.council_id != getattr(user, "council_id", None):
        partners = [o.council, *partners]
    summary = o.description or ""
    if o.programme_id:
        summary = (summary + "\n\n" if summary else "") + f"From the programme {o.programme.name}."
    return {
        "title": o.title,
        "summary": summary,
        "opportunity": o.pk,
        "service_areas": [o.service_area_id] if o.service_area_id else [],
        "partner_organisations": list(o.partner_organisations.values_list("pk", flat=True)),
        # The case form splits on commas: a name with one ("Bristol, City of") goes by code.
        "partners": ", ".join(c.code if "," in c.name else c.name for c in partners),
    }
