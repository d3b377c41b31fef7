"""Programme endpoints: programmes with their funding, the ranking with its switching
values, and "councils like you already share this" (opportunities are in
``api/opportunities.py``). The same selectors and services as the pages.

Endpoints raise (``Http404``, ``PermissionDenied``, a service's ``ValidationError``,
``InputError`` for unknown references); ``api/errors.py`` answers every refusal as
``{"errors": [{"path", "message"}]}``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from sharedservices.api.errors import ErrorsOut
from sharedservices.councils.models import Council
from sharedservices.programme import permissions
from sharedservices.programme.models import Opportunity, OpportunityStage, Programme
from sharedservices.programme.prioritisation import programme_ranking
from sharedservices.programme.selectors import funding, programme_list
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
    explanation: str = Field(
        description='The score in words, e.g. "Shared by 4 councils like Lancaster, 2 of them'
        ' neighbours; the nearest 12 km away"'
    )


@router.get(
    "/councils/{code}/suggestions",
    response={200: list[SuggestionOut], 404: ErrorsOut},
    auth=None,
    summary="Services councils like this one already share (public records only)",
)
def get_suggestions(
    request,
    code: str,
    limit: int = Query(50, ge=1, le=200),
    provenance: Literal["real", "demo", "all"] = Query(
        "real", description="real (the default), demo, or all: the records suggestions come from"
    ),
):
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
            "explanation": s.explanation,
        }
        for s in suggestions_for(council, limit=limit, provenance=provenance)
    ]
