"""Opportunity endpoints: record, read and change the opportunities of a council or its
programme, for their officers. The same services as the pages (``programme.services``).

``POST /opportunities`` takes an ``Idempotency-Key`` header as ``POST /arrangements``
does (``api/idempotency.py``): a retry with the same key and body answers the first
response again and records one opportunity.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from sharedservices.analysis.errors import InputError, Problem
from sharedservices.api.idempotency import idempotent
from sharedservices.api.programmes import FAILURES, OpportunityRef, _by_id, _ref, not_found
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.programme import permissions
from sharedservices.programme.models import Opportunity, OpportunityStage, Programme
from sharedservices.programme.services.common import check_revision
from sharedservices.programme.services.opportunities import (
    OpportunityInput,
    opportunity_create,
    opportunity_input_from,
    opportunity_move,
    opportunity_update,
)

router = Router(tags=["programmes"], auth=django_auth)


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
    revision: int = Field(
        description="Send it back in a PATCH: the revision your change is based on"
    )


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
        "revision": o.revision,
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
    revision: int | None = Field(
        None,
        description="The revision you read (from GET). Required: a missing or stale one is"
        " refused with 409, so a change based on an old copy never overwrites a newer one",
    )
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
    description="Send an `Idempotency-Key` header to make retries safe: the same key and body"
    " answer the first response again and record one opportunity.",
)
@idempotent(OpportunityOut)
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
    revision = given.pop("revision", None)
    stage, reason = given.pop("stage", None), given.pop("stage_reason", None)
    # null clears a link or a date; for text and lists it means "leave as it is"
    given = {k: v for k, v in given.items() if v is not None or k in NULLABLE}
    values = _resolve(given, request.user)
    data = opportunity_input_from(o)
    for key, value in values.items():
        setattr(data, key, value)
    moving = stage is not None and stage != o.stage
    if not (values or moving):
        check_revision(o, revision)  # nothing to change: still say if the copy is stale
    with transaction.atomic():  # details and stage together, or neither
        if values:
            o = opportunity_update(
                user=request.user, opportunity=o, data=data, expected_revision=revision
            )
            revision = o.revision  # the move follows this change, in the same transaction
        if moving:
            o = opportunity_move(
                user=request.user,
                opportunity=o,
                to_stage=stage,
                reason=reason or "",
                expected_revision=revision,
            )
    return _opportunity_out(o, request.user)
