"""Council endpoints: public reference data."""

import datetime as dt
import gzip
import re
from functools import lru_cache

from django.http import Http404, HttpResponse
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from sharedservices.api.pagination import BoundedLimitOffset
from sharedservices.councils.models import BoundarySet, Council, CouncilKind, Nation
from sharedservices.councils.selectors import council_detail, council_list

router = Router(tags=["councils"], auth=None)

_CODE = re.compile(r"[A-Za-z0-9]{1,12}")


class CouncilRef(Schema):
    code: str
    name: str


class CouncilOut(Schema):
    code: str = Field(description="ONS GSS code (legacy ONS code for councils abolished in 2009)")
    name: str
    kind: CouncilKind
    nation: Nation
    upper_tier: str | None = Field(description="GSS code of the county council above a district")
    valid_from: dt.date | None
    valid_to: dt.date | None = Field(description="Last day of existence; null while current")
    current: bool
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
        return obj.is_current


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


@router.get("", response=list[CouncilOut], summary="List councils")
@paginate(BoundedLimitOffset, page_size=500)
def list_councils(request, filters: Query[CouncilFilters]):
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
def get_council(request, code: str):
    # The same read as the council page; a code that cannot be one (NUL bytes,
    # punctuation) is not looked up at all.
    if not _CODE.fullmatch(code):
        raise Http404("No council with that code")
    try:
        return council_detail(code.upper())
    except Council.DoesNotExist:
        raise Http404("No council with that code") from None
