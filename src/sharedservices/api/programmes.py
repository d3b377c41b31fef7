"""Programme endpoints: programmes with their funding, the ranking with its switching
values, "councils like you already share this", and opportunities for the member
councils' officers. The same selectors and services as the pages.

Endpoints raise (``Http404``, ``PermissionDenied``, a service's ``ValidationError``,
``InputError`` for unknown references); ``api/errors.py`` answers every refusal as
``{"errors": [{"path", "message"}]}``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from sharedservices.analysis.errors import InputError, Problem
from sharedservices.api.errors import ErrorsOut
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.programme import permissions
from sharedservices.programme.models import Opportunity, OpportunityStage, Programme
from sharedservices.programme.prioritisation import programme_ranking
from sharedservices.programme.selectors import funding, programme_list
from sharedservices.programme.services.opportunities import (
    OpportunityInput,
    opportunity_create,
    opportunity_input_from,
    opportunity_move,
    opportunity_update,
)
from sharedservices.programme.suggestions import suggestions_for

router = Router(tags=["programmes"], auth=django_auth)


def not_found(what: str):
    return Http404(f"No {what} you can see has that id")


FAILURES = {401: ErrorsOut, 403: ErrorsOut, 404: ErrorsOut, 422: ErrorsOut}
MAX_ID = 2**63 - 1  # larger ids cannot be in the database (and SQLite cannot even compare them)


def _by_id(queryset, pk: int | None):
    return queryset.filter(pk=pk).first() if pk is not None and 0 < pk <= MAX_ID else None


class PotOut(Schema):
    id: int
    source: str
    amount: int = Field(description="Whole pounds")
    allocated: int
    spent: int
    left: int = Field(description="Not yet allocated")
    conditions: str


class OpportunityRef(Schema):
    id: int
    title: str
    council: str
    stage: OpportunityStage
    service_area: str | None


def _ref(o: Opportunity) -> dict:
    return {
        "id": o.pk,
        "title": o.title,
        "council": o.council_id,
        "stage": o.stage,
        "service_area": o.service_area.slug if o.service_area_id else None,
    }


class ProgrammeOut(Schema):
    id: int
    name: str
    parent: int | None
    clusters: list[int]
    members: list[str] = Field(description="GSS codes of the member councils")
    project_manager: str
    method: str
    start_date: dt.date | None
    end_date: dt.date | None
    description: str
    private_notes: str | None = Field(description="Only for users of member councils")
    pots: list[PotOut]
    opportunities: list[OpportunityRef] = Field(description="Those the user may see")
    url: str


def _programme_out(p: Programme, user) -> dict:
    member = permissions.is_member(user, p)
    opportunities = p.opportunities.visible_to(user).select_related("service_area")
    return {
        "id": p.pk,
        "name": p.name,
        "parent": p.parent_id,
        "clusters": [c.pk for c in p.clusters.all()],
        "members": [c.pk for c in p.members.all()],
        "project_manager": p.project_manager,
        "method": p.method,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "description": p.description,
        "private_notes": p.private_notes if member else None,
        "pots": [
            {
                "id": v.pot.pk,
                "source": v.pot.source,
                "amount": v.pot.amount_gbp,
                "allocated": v.allocated,
                "spent": v.spent,
                "left": v.left,
                "conditions": v.pot.conditions,
            }
            for v in funding(p)
        ],
        "opportunities": [_ref(o) for o in opportunities],
        "url": p.get_absolute_url(),
    }


@router.get("/programmes", response=list[ProgrammeOut], summary="Programmes and clusters")
def list_programmes(request):
    return [_programme_out(p, request.user) for p in programme_list(user=request.user)]


def _programme(request, programme_id: int) -> Programme:
    p = _by_id(programme_list(user=request.user), programme_id)
    if p is None:
        raise not_found("programme")
    return p


@router.get(
    "/programmes/{int:programme_id}",
    response={200: ProgrammeOut, **FAILURES},
    summary="One programme: members, pots, opportunities",
)
def get_programme(request, programme_id: int):
    return _programme_out(_programme(request, programme_id), request.user)


class SwapOut(Schema):
    criterion: str
    change: float = Field(description="Change to this weight alone at which the next draws level")
    new_weight: float


class RankedOut(Schema):
    rank: int
    opportunity: OpportunityRef
    total: float = Field(description="Weighted average score, 0 to 5")
    by_criterion: dict[str, float] = Field(description="Parts of the total; they add up to it")
    swap: list[SwapOut] = Field(description="Weight changes that would swap it with the next")


class RankingOut(Schema):
    programme: int
    weight_set: str
    weights: dict[str, float]
    opportunities: list[RankedOut]
    unscored: list[OpportunityRef] = Field(description="Waiting for a score on every criterion")


@router.get(
    "/programmes/{int:programme_id}/ranking",
    response={200: RankingOut, **FAILURES},
    summary="The ranking, each total's parts, and the switching values",
)
def get_ranking(request, programme_id: int, weight_set: int | None = None):
    p = _programme(request, programme_id)
    if not permissions.is_member(request.user, p):
        raise PermissionDenied("Only the member councils see a programme's ranking")
    sets = p.weight_sets.all()
    chosen = _by_id(sets, weight_set) if weight_set else sets.first()
    if chosen is None:
        raise Http404("The programme has no such weight set")
    r = programme_ranking(programme=p, weight_set=chosen, user=request.user)
    return {
        "programme": p.pk,
        "weight_set": chosen.name,
        "weights": {
            w.criterion.name: float(w.value) for w in chosen.weights.select_related("criterion")
        },
        "opportunities": [
            {
                "rank": row.rank,
                "opportunity": _ref(row.opportunity),
                "total": row.total,
                "by_criterion": {part.criterion.name: part.part for part in row.parts},
                "swap": [
                    {"criterion": s.criterion.name, "change": s.change, "new_weight": s.new_weight}
                    for s in row.swaps
                ],
            }
            for row in r.rows
        ],
        "unscored": [_ref(o) for o in r.unscored],
    }


class SuggestionOut(Schema):
    service_area: str = Field(description="Service-area slug")
    arrangements: list[int] = Field(description="Ids of the live arrangements that share it")
    councils: list[str] = Field(
        description="GSS codes of the councils that share it, nearest first"
    )
    why: list[str] = Field(description="neighbour, same upper tier and/or same kind nearby")
    score: float


@router.get(
    "/councils/{code}/suggestions",
    response={200: list[SuggestionOut], 404: ErrorsOut},
    auth=None,
    summary="Services councils like this one already share (public records only)",
)
def get_suggestions(request, code: str, limit: int = Query(50, ge=1, le=200)):
    council = Council.objects.filter(pk=code.upper()).first()
    if council is None:
        raise Http404("No council with that code")
    return [
        {
            "service_area": s.service_area.slug,
            "arrangements": s.arrangements,
            "councils": [p.code for p in s.councils],
            "why": s.why,
            "score": s.score,
        }
        for s in suggestions_for(council, limit=limit)
    ]


class OpportunityOut(OpportunityRef):
    description: str
    programme: int | None
    stage_reason: str
    proposed_partners: list[str]
    organisations: list[str]
    sponsor_name: str
    sponsor_role: str
    owner: str | None = Field(description="E-mail address of the owner")
    next_step: str
    next_step_due: dt.date | None
    notes: str
    business_cases: list[int]
    url: str


def _opportunity(request, opportunity_id: int) -> Opportunity:
    o = _by_id(Opportunity.objects.visible_to(request.user), opportunity_id)
    if o is None:
        raise not_found("opportunity")
    return o


def _opportunity_out(o: Opportunity, user) -> dict:
    return _ref(o) | {
        "description": o.description,
        "programme": o.programme_id,
        "stage_reason": o.stage_reason,
        "proposed_partners": [c.pk for c in o.proposed_partners.all()],
        "organisations": [org.name for org in o.partner_organisations.all()],
        "sponsor_name": o.sponsor_name,
        "sponsor_role": o.sponsor_role,
        "owner": o.owner.email if o.owner_id else None,
        "next_step": o.next_step,
        "next_step_due": o.next_step_due,
        "notes": o.notes,
        "business_cases": list(o.business_cases.visible_to(user).values_list("pk", flat=True)),
        "url": o.get_absolute_url(),
    }


class OpportunityIn(Schema):
    title: str = Field(max_length=200)
    council: str | None = Field(None, description="GSS code; your council by default")
    programme: int | None = None
    service_area: str | None = Field(None, description="Service-area slug")
    description: str = Field("", max_length=20_000)
    proposed_partners: list[str] = Field(default_factory=list, max_length=100)
    organisations: list[str] = Field(default_factory=list, max_length=100)
    sponsor_name: str = Field("", max_length=200)
    sponsor_role: str = Field("", max_length=200)
    next_step: str = Field("", max_length=300)
    next_step_due: dt.date | None = None
    notes: str = Field("", max_length=20_000)
    stage: OpportunityStage = OpportunityStage.IDEA
    stage_reason: str = Field("", max_length=5_000)


class OpportunityPatch(Schema):
    title: str | None = Field(None, max_length=200)
    programme: int | None = None
    service_area: str | None = None
    description: str | None = Field(None, max_length=20_000)
    proposed_partners: list[str] | None = Field(None, max_length=100)
    organisations: list[str] | None = Field(None, max_length=100)
    sponsor_name: str | None = Field(None, max_length=200)
    sponsor_role: str | None = Field(None, max_length=200)
    next_step: str | None = Field(None, max_length=300)
    next_step_due: dt.date | None = None
    notes: str | None = Field(None, max_length=20_000)
    stage: OpportunityStage | None = Field(
        None, description="Moving back, to not-pursued or out of it needs stage_reason"
    )
    stage_reason: str | None = Field(None, max_length=5_000)


NULLABLE = ("programme", "service_area", "next_step_due")


def _resolve(values: dict, user) -> dict:
    """Codes, slugs and ids to objects; unknown ones become problems."""
    out = dict(values)
    problems: list[Problem] = []
    if "council" in values:
        code = (values["council"] or "").upper()
        council = Council.objects.filter(pk=code).first() if code else user.council
        if council is None:
            problems.append(Problem("$.council", "Give the code of the council it is for"))
        out["council"] = council
    if "programme" in values:
        pk = values["programme"]
        p = _by_id(Programme.objects.visible_to(user), pk) if pk else None
        if pk and p is None:
            problems.append(Problem("$.programme", "No programme you can see has that id"))
        out["programme"] = p
    if "service_area" in values:
        slug = values["service_area"]
        area = ServiceArea.objects.filter(slug=slug).first() if slug else None
        if slug and area is None:
            problems.append(Problem("$.service_area", f"Unknown service area '{slug}'"))
        out["service_area"] = area
    if "proposed_partners" in values:
        codes = [c.upper() for c in values["proposed_partners"]]
        found = Council.objects.in_bulk(codes)
        for i, c in enumerate(codes):
            if c not in found:
                problems.append(Problem(f"$.proposed_partners[{i}]", f"Unknown council code '{c}'"))
        out["proposed_partners"] = [found[c] for c in codes if c in found]
    if problems:
        raise InputError(problems)
    return out


@router.post(
    "/opportunities",
    response={201: OpportunityOut, **FAILURES},
    summary="Record an opportunity for your council",
)
def create_opportunity(request, payload: OpportunityIn):
    if not permissions.can_write(request.user):
        raise PermissionDenied("Your role cannot record opportunities")
    values = _resolve(payload.dict(), request.user)
    o = opportunity_create(user=request.user, data=OpportunityInput(**values))
    return Status(201, _opportunity_out(o, request.user))


@router.get(
    "/opportunities/{int:opportunity_id}",
    response={200: OpportunityOut, **FAILURES},
    summary="One opportunity",
)
def get_opportunity(request, opportunity_id: int):
    return _opportunity_out(_opportunity(request, opportunity_id), request.user)


@router.patch(
    "/opportunities/{int:opportunity_id}",
    response={200: OpportunityOut, **FAILURES},
    summary="Change an opportunity (only the fields given); a stage change is a move",
)
def update_opportunity(request, opportunity_id: int, payload: OpportunityPatch):
    o = _opportunity(request, opportunity_id)
    if not permissions.can_edit_opportunity(request.user, o):
        raise PermissionDenied("Only officers of the council or its programme may change it")
    given = payload.dict(exclude_unset=True)
    stage, reason = given.pop("stage", None), given.pop("stage_reason", None)
    values = _resolve(given, request.user)
    data = opportunity_input_from(o)
    for key, value in values.items():
        # null clears a link or a date; for text and lists it means "leave as it is"
        if value is not None or key in NULLABLE:
            setattr(data, key, value)
    with transaction.atomic():  # details and stage together, or neither
        if values:
            o = opportunity_update(user=request.user, opportunity=o, data=data)
        if stage is not None and stage != o.stage:
            o = opportunity_move(
                user=request.user, opportunity=o, to_stage=stage, reason=reason or ""
            )
    return _opportunity_out(o, request.user)
