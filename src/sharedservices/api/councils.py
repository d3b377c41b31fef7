"""Council endpoints: public reference data."""

import datetime as dt
import gzip
import re
from functools import lru_cache

from django.http import Http404, HttpResponse
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from sharedservices.api.dates import on_and_scenario
from sharedservices.api.pagination import BoundedLimitOffset
from sharedservices.councils.dates import councils_on
from sharedservices.councils.models import BoundarySet, Council, CouncilKind, Nation
from sharedservices.councils.selectors import council_detail, council_list

router = Router(tags=["councils"], auth=None)

_CODE = re.compile(r"[A-Za-z0-9]{1,12}")


class CouncilRef(Schema):
    code: str
    name: str
    valid_from: dt.date | None = Field(description="First day (a successor's vesting day)")
    provisional_code: bool = Field(description="True until ONS issues the council's code")

    @staticmethod
    def resolve_provisional_code(obj) -> bool:
        return obj.is_provisional_code


class CouncilOut(Schema):
    code: str = Field(description="ONS GSS code (legacy ONS code for councils abolished in 2009)")
    name: str
    kind: CouncilKind
    nation: Nation
    upper_tier: str | None = Field(description="GSS code of the county council above a district")
    valid_from: dt.date | None
    valid_to: dt.date | None = Field(
        description="Last day of existence (a reorganisation ahead included); null if none"
    )
    current: bool = Field(description="Exists on the date asked for (?on=, default today)")
    provisional_code: bool = Field(
        description="A council a reorganisation creates, before ONS issues its code (E06P00001)"
    )
    shadow_from: dt.date | None = Field(
        description="A new council: the day its shadow authority was elected"
    )
    latitude: float | None
    longitude: float | None
    postcode_count: int | None = Field(
        description="Postcodes in the ONS Postcode Directory: a proxy for households"
    )

    @staticmethod
    def resolve_upper_tier(obj) -> str | None:
        return obj.upper_tier_id

    @staticmethod
    def resolve_current(obj) -> bool:
        on = getattr(obj, "answer_on", None)
        return obj.exists_on(on) if on else obj.is_current

    @staticmethod
    def resolve_provisional_code(obj) -> bool:
        return obj.is_provisional_code


class CouncilDetailOut(CouncilOut):
    upper_tier_council: CouncilRef | None
    successors: list[CouncilRef]
    predecessors: list[CouncilRef]
    neighbours: list[CouncilRef]
    source: str

    @staticmethod
    def resolve_upper_tier_council(obj):
        return obj.upper_tier

    @staticmethod
    def resolve_successors(obj):
        return list(obj.successors.all())

    @staticmethod
    def resolve_predecessors(obj):
        return list(obj.predecessors.all())

    @staticmethod
    def resolve_neighbours(obj):
        return list(obj.neighbours.all())


class CouncilFilters(FilterSchema):
    kind: CouncilKind | None = None
    nation: Nation | None = None
    upper_tier: str | None = Field(None, description="GSS code of the county council")
    status: str = Field("current", pattern="^(current|abolished|all)$")
    on: str | None = Field(
        None, description="YYYY-MM-DD: the councils as they are (or will be) that day"
    )
    scenario: str | None = Field(
        None, description="Id of a proposed reorganisation to apply (see /reorganisations)"
    )


@router.get("", response=list[CouncilOut], summary="List councils")
@paginate(BoundedLimitOffset, page_size=500)
def list_councils(request, filters: Query[CouncilFilters]):
    on, scenario = on_and_scenario(filters.on, filters.scenario)
    if filters.status == "current" and (filters.on or scenario):
        councils = [
            c
            for c in councils_on(on, scenario)
            if (not filters.kind or c.kind == filters.kind)
            and (not filters.nation or c.nation == filters.nation)
            and (not filters.upper_tier or c.upper_tier_id == filters.upper_tier.upper())
        ]
        for c in councils:
            c.answer_on = on
        return councils
    councils = council_list(
        kind=filters.kind or "", nation=filters.nation or "", status=filters.status
    )
    if filters.upper_tier:
        councils = councils.filter(upper_tier_id=filters.upper_tier.upper())
    return councils


@lru_cache(maxsize=2)
def _compressed(data_version: str, geojson: str) -> bytes:
    return gzip.compress(geojson.encode(), compresslevel=6)


@router.get(
    "/boundaries",
    url_name="council-boundaries",
    summary="Approximate boundaries of every current council (GeoJSON)",
    description=(
        "A GeoJSON FeatureCollection in WGS84, one Feature per current council with "
        "`properties.code` (GSS code), `tier` (`lower` or `county`) and `postcode_count`. "
        "Derived from the ONS Postcode Directory: see docs/geography.md for the method and "
        "its accuracy. Abolished councils have no polygon: follow their successors."
    ),
    openapi_extra={
        "responses": {
            200: {"description": "GeoJSON", "content": {"application/geo+json": {}}},
            503: {
                "description": "Geography not loaded yet (run load_councils)",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ErrorsOut"}}
                },
            },
        }
    },
)
def get_boundaries(request):
    boundary_set = BoundarySet.objects.first()
    if boundary_set is None:
        # The one error shape (api/errors.py), with the status saying "not yet".
        raise HttpError(503, "Boundaries are not loaded yet: the geography is still being built")
    etag = f'"{boundary_set.data_version}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponse(status=304, headers={"ETag": etag})
    body: bytes | str = boundary_set.geojson
    headers = {"ETag": etag, "Cache-Control": "public, max-age=3600", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        body = _compressed(boundary_set.data_version, boundary_set.geojson)
        headers["Content-Encoding"] = "gzip"
    return HttpResponse(body, content_type="application/geo+json", headers=headers)


@router.get("/{code}", response=CouncilDetailOut, summary="One council, with its links")
def get_council(request, code: str, on: str | None = None):
    # The same read as the council page; a code that cannot be one (NUL bytes,
    # punctuation) is not looked up at all.
    day, _ = on_and_scenario(on, None)
    if not _CODE.fullmatch(code):
        raise Http404("No council with that code")
    try:
        council = council_detail(code.upper())
    except Council.DoesNotExist:
        raise Http404("No council with that code") from None
    council.answer_on = day
    return council
