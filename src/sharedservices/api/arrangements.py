"""Arrangement endpoints: the public register as open data, and create/update for
signed-in users of a partner council. The same selectors and services as the pages."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import field_validator

from sharedservices.api.dates import on_and_scenario
from sharedservices.api.errors import ERROR_CODES, ErrorsOut
from sharedservices.api.idempotency import idempotent
from sharedservices.api.pagination import BoundedLimitOffset
from sharedservices.catalogue.models import ServiceArea, ServiceCategory
from sharedservices.councils.dates import reorganisations_in_view
from sharedservices.councils.models import Council, Nation
from sharedservices.registry.models import (
    Arrangement,
    ArrangementStatus,
    DeliveryModel,
    Provenance,
    SavingsBasis,
)
from sharedservices.registry.permissions import can_record_arrangements
from sharedservices.registry.reorganisation import arrangement_effects
from sharedservices.registry.selectors import (
    ArrangementFilters,
    arrangement_detail,
    arrangement_list,
)
from sharedservices.registry.services import (
    ArrangementInput,
    arrangement_create,
    arrangement_input_from,
    arrangement_update,
)

router = Router(tags=["arrangements"])


class PartnerOut(Schema):
    council: str | None = Field(description="GSS code, when the partner is a council")
    organisation: str | None = Field(description="Name, when the partner is not a council")
    name: str
    role: str = Field(description="lead, partner or provider")
    council_current: bool | None = Field(description="False for an abolished council")

    @staticmethod
    def resolve_council(obj):
        return obj.council_id

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.name if obj.organisation_id else None

    @staticmethod
    def resolve_name(obj):
        return obj.party.name

    @staticmethod
    def resolve_council_current(obj):
        return obj.council.is_current if obj.council_id else None


class ServiceAreaOut(Schema):
    slug: str
    name: str
    category: ServiceCategory


class ArrangementOut(Schema):
    id: int
    name: str
    description: str
    status: ArrangementStatus
    status_reason: str
    delivery_model: DeliveryModel | None
    start_year: int | None
    end_year: int | None
    service_areas: list[ServiceAreaOut]
    partners: list[PartnerOut]
    annual_savings_gbp: int | None
    savings_basis: SavingsBasis
    is_demo: bool = Field(description="Demonstration data, not a real arrangement")
    provenance: Provenance = Field(
        description="real (curated from a cited public source, or recorded by a council) or"
        " demo (generated to illustrate)"
    )
    source_url: str | None = Field(description="The address of the record's source")
    source_title: str | None = Field(description="The source's title")
    source_date: str | None = Field(description="The source's date as it gives it (2019-05)")
    checked_on: datetime.date | None = Field(
        description="When the source was last checked to say this"
    )
    url: str

    @staticmethod
    def resolve_delivery_model(obj):
        return obj.delivery_model or None

    @staticmethod
    def resolve_service_areas(obj):
        return list(obj.service_areas.all())

    @staticmethod
    def resolve_partners(obj):
        return list(obj.partners.all())

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()

    @staticmethod
    def resolve_source_url(obj):
        source = obj.main_source
        return source.url or None if source else None

    @staticmethod
    def resolve_source_title(obj):
        source = obj.main_source
        return source.title or None if source else None

    @staticmethod
    def resolve_source_date(obj):
        source = obj.main_source
        return source.published or None if source else None

    @staticmethod
    def resolve_checked_on(obj):
        source = obj.main_source
        return source.checked_on if source else None


class SourceOut(Schema):
    url: str
    title: str
    published: str = Field(description="The source's date as it gives it")
    checked_on: datetime.date | None


class ReorganisationEffectOut(Schema):
    on: str = Field(description="Vesting day (YYYY-MM-DD)")
    effect: str = Field(description="within-one-council, between-successors or partly")
    successors: list[str] = Field(description="Codes of the new councils taking partners over")
    reorganisation: str = Field(description="The reorganisation's id (/api/v1/reorganisations)")


class ArrangementDetailOut(ArrangementOut):
    reorganisation: list[ReorganisationEffectOut] = Field(
        description="What each reorganisation ahead does to it on vesting day (empty when none;"
        " a proposed one only with ?scenario=)"
    )
    sources: list[SourceOut]
    updated_at: str
    revision: int = Field(
        description="Send it back in a PATCH: the revision your change is based on"
    )

    @staticmethod
    def resolve_reorganisation(obj):
        return [
            {
                "on": e.on.isoformat(),
                "effect": e.effect,
                "successors": list(e.successors),
                "reorganisation": e.reorganisation.slug,
            }
            for e in getattr(obj, "reorganisation_effects", None) or []
        ]

    @staticmethod
    def resolve_sources(obj):
        return list(obj.sources.all())

    @staticmethod
    def resolve_updated_at(obj):
        return obj.updated_at.isoformat()


class ArrangementQuery(FilterSchema):
    service_area: str | None = Field(None, description="Service-area slug, e.g. revenues-benefits")
    category: ServiceCategory | None = None
    delivery_model: DeliveryModel | None = None
    status: ArrangementStatus | None = None
    council: str | None = Field(
        None, description="A partner council: its GSS code (E07000121) or its name (Lancaster)"
    )
    upper_tier: str | None = Field(None, description="GSS code of a county council")
    nation: Nation | None = None
    start_year: int | None = None
    q: str | None = Field(None, description="Text in the name or description")
    provenance: Provenance | None = Field(None, description="real or demo; both when left out")


class ArrangementIn(Schema):
    name: str = Field(max_length=200)
    description: str = ""
    status: str = Field(description="exploring, business-case, live, ended or not-pursued")
    status_reason: str = ""
    delivery_model: str = ""
    start_year: int | None = None
    end_year: int | None = None
    service_areas: list[str] = Field(default_factory=list, description="Service-area slugs")
    councils: list[str] = Field(description="GSS codes of the partner councils")
    organisations: list[str] = Field(default_factory=list, description="Names")
    lead_council: str | None = Field(None, description="GSS code; one of the councils")
    annual_savings_gbp: int | None = None
    savings_basis: str = SavingsBasis.ESTIMATED
    source_url: str = ""


class ArrangementPatch(Schema):
    revision: int | None = Field(
        None,
        description="The revision you read (from GET). Required: a missing or stale one is"
        " refused with 409, so a change based on an old copy never overwrites a newer one",
    )
    name: str | None = Field(None, max_length=200)
    description: str | None = None
    status: str | None = None
    status_reason: str | None = None
    delivery_model: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    service_areas: list[str] | None = None
    councils: list[str] | None = None
    organisations: list[str] | None = None
    lead_council: str | None = None
    annual_savings_gbp: int | None = None
    savings_basis: str | None = None
    source_url: str | None = None

    # Omitted means "unchanged". An explicit null clears a field that may be empty
    # and is refused for one that may not.
    @field_validator(
        "name", "status", "councils", "service_areas", "organisations", "savings_basis",
        mode="before",
    )  # fmt: skip
    @classmethod
    def _not_null(cls, value):
        if value is None:
            raise ValueError("may not be null; leave the field out to keep it unchanged")
        return value

    @field_validator("description", "status_reason", "delivery_model", "source_url", mode="before")
    @classmethod
    def _null_clears(cls, value):
        return "" if value is None else value


def _resolve(payload: dict, base: ArrangementInput | None = None) -> ArrangementInput:
    errors: dict[str, list[str]] = {}
    values = dict(payload)
    if "councils" in values:
        codes = [c.upper() for c in values["councils"]]
        found = Council.objects.in_bulk(codes)
        errors.update(
            {"councils": [f"Unknown council code '{c}'" for c in codes if c not in found]}
            if any(c not in found for c in codes)
            else {}
        )
        values["councils"] = [found[c] for c in codes if c in found]
    if values.get("lead_council"):
        lead = Council.objects.filter(pk=values["lead_council"].upper()).first()
        if lead is None:
            errors["lead_council"] = [f"Unknown council code '{values['lead_council']}'"]
        values["lead_council"] = lead
    elif "lead_council" in values:
        values["lead_council"] = None
    if "service_areas" in values:
        areas = ServiceArea.objects.in_bulk(values["service_areas"], field_name="slug")
        bad = [s for s in values["service_areas"] if s not in areas]
        if bad:
            errors["service_areas"] = [f"Unknown service area '{s}'" for s in bad]
        values["service_areas"] = [areas[s] for s in values["service_areas"] if s in areas]
    if errors:
        raise ValidationError(errors)
    if base is None:
        return ArrangementInput(**values)
    for key, value in values.items():
        setattr(base, key, value)
    return base


@router.get(
    "",
    response=list[ArrangementOut],
    auth=None,
    summary="List arrangements (public ones; a signed-in user also sees their council's)",
)
@paginate(BoundedLimitOffset, page_size=100)
def list_arrangements(request, filters: Query[ArrangementQuery]):
    data = filters.dict(exclude_none=True)
    return arrangement_list(user=request.user, filters=ArrangementFilters(**data))


@router.get(
    "/{int:arrangement_id}", response=ArrangementDetailOut, auth=None, summary="One arrangement"
)
def get_arrangement(request, arrangement_id: int, scenario: str | None = None):
    _, chosen = on_and_scenario(None, scenario)
    try:
        arrangement = arrangement_detail(user=request.user, pk=arrangement_id)
    except Arrangement.DoesNotExist:
        raise Http404("No arrangement you can see has that id") from None
    arrangement.reorganisation_effects = arrangement_effects(
        arrangement, reorganisations_in_view(chosen)
    )
    return arrangement


@router.post(
    "",
    response={201: ArrangementDetailOut, ERROR_CODES: ErrorsOut},
    auth=django_auth,
    summary="Record an arrangement your council is a partner in",
    description="Send an `Idempotency-Key` header to make retries safe: the same key and body"
    " answer the first response again and record one arrangement.",
)
@idempotent(ArrangementDetailOut)
def create_arrangement(request, payload: ArrangementIn):
    if not can_record_arrangements(request.user):
        raise PermissionDenied("Your role cannot record arrangements")
    a = arrangement_create(user=request.user, data=_resolve(payload.dict()))
    return Status(201, arrangement_detail(user=request.user, pk=a.pk))


@router.patch(
    "/{int:arrangement_id}",
    response={200: ArrangementDetailOut, ERROR_CODES: ErrorsOut},
    auth=django_auth,
    summary="Change an arrangement of your council (only the fields given, with the revision)",
)
def update_arrangement(request, arrangement_id: int, payload: ArrangementPatch):
    try:
        arrangement = arrangement_detail(user=request.user, pk=arrangement_id)
    except Arrangement.DoesNotExist:
        raise Http404("No arrangement you can see has that id") from None
    if not Arrangement.objects.editable_by(request.user).filter(pk=arrangement_id).exists():
        raise PermissionDenied("Only officers of a partner council may change this arrangement")
    values = payload.dict(exclude_unset=True)
    revision = values.pop("revision", None)
    data = _resolve(values, base=arrangement_input_from(arrangement))
    arrangement_update(
        user=request.user, arrangement=arrangement, data=data, expected_revision=revision
    )
    return arrangement_detail(user=request.user, pk=arrangement_id)
