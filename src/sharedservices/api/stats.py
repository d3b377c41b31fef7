"""The national picture as JSON (seed 004), and the data the national map draws.
Definitions in docs/register.md; computed by ``registry.statistics``."""

from typing import Literal

from ninja import Field, Query, Router, Schema

from sharedservices.api.dates import on_and_scenario
from sharedservices.registry.statistics import map_data, national_picture

router = Router(tags=["statistics"], auth=None)


class KindShare(Schema):
    kind: str
    name: str
    in_live: int = Field(description="Current councils in at least one live arrangement")
    councils: int = Field(description="Current councils of this kind")
    percent: float | None


class KindSavings(Schema):
    kind: str
    name: str
    live: int = Field(description="Live arrangements with at least one council of this kind")
    savings_gbp: int = Field(description="Their annual savings (an arrangement counts once)")


class TierTotal(Schema):
    tier: str = Field(description="two-tier, single-tier, or both (joining the two)")
    name: str
    live: int
    savings_gbp: int
    in_live: int | None = Field(description="Councils of the tier in a live arrangement")
    councils: int | None
    percent: float | None


class CouncilShare(Schema):
    in_live: int
    current: int
    percent: float | None


class AreaTotal(Schema):
    slug: str
    name: str
    category: str | None = None
    live: int
    savings_gbp: int


class Band(Schema):
    band: str
    min_gbp: int
    max_gbp: int | None
    live: int


class YearCount(Schema):
    year: int
    live: int
    ended: int


class UnknownYear(Schema):
    live: int
    ended: int


PROVENANCE_HELP = (
    "real (the default: curated from a cited source, or recorded by a council), demo, or all"
)


class ProvenanceQuery(Schema):
    provenance: Literal["real", "demo", "all"] = Field("real", description=PROVENANCE_HELP)


class StatsQuery(ProvenanceQuery):
    on: str | None = Field(None, description="YYYY-MM-DD: the councils of that day")


class NationalPicture(Schema):
    provenance: str = Field(description="The records counted: real, demo or all")
    live_arrangements: int
    annual_savings_gbp: int
    councils: CouncilShare
    by_kind: list[KindShare]
    savings_by_kind: list[KindSavings]
    by_tier: list[TierTotal]
    by_category: list[AreaTotal]
    by_service_area: list[AreaTotal]
    without_savings: int = Field(description="Live arrangements reporting no (or £0) savings")
    savings_distribution: list[Band]
    reporting_savings: int
    under_100k: int
    under_100k_percent: float | None
    by_start_year: list[YearCount]
    start_year_unknown: UnknownYear


class MapCouncil(Schema):
    code: str
    name: str
    kind: str
    latitude: float | None
    longitude: float | None
    live: int
    savings_gbp: int


class MapLink(Schema):
    from_: str = Field(alias="from")
    to: str
    arrangements: int


class MapData(Schema):
    service_area: str | None
    provenance: str = Field(description="The records counted: real, demo or all")
    councils: list[MapCouncil]
    links: list[MapLink]
    names: dict[str, str] = Field(description="Name of every current council, by GSS code")


class MapQuery(Schema):
    service_area: str | None = Field(None, description="Service-area slug")
    on: str | None = Field(None, description="YYYY-MM-DD: partners as the councils of that day")
    provenance: Literal["real", "demo", "all"] = Field("real", description=PROVENANCE_HELP)


@router.get("", response=NationalPicture, summary="The national picture of shared services")
def get_stats(request, query: Query[StatsQuery]):
    on, _ = on_and_scenario(query.on, None)
    return national_picture(provenance=query.provenance, on=on if query.on else None)


@router.get(
    "/map",
    response=MapData,
    by_alias=True,
    summary="Councils with their live arrangements and the partnerships between them",
)
def get_map(request, query: Query[MapQuery]):
    on, _ = on_and_scenario(query.on, None)
    return map_data(
        service_area=query.service_area or "",
        provenance=query.provenance,
        on=on if query.on else None,
    )
