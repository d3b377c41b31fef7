"""Reorganisations ahead (and in force): public, cited reference data."""

import datetime as dt

from ninja import Field, Router, Schema

from sharedservices.councils.models import Reorganisation, ReorganisationStatus

router = Router(tags=["councils"], auth=None)


class CreatedOut(Schema):
    code: str = Field(description="ONS's code, or a provisional one (E06P00001) until issued")
    name: str
    kind: str
    provisional_code: bool
    predecessors: list[str] = Field(description="Codes of the councils whose areas it covers")

    @staticmethod
    def resolve_provisional_code(obj) -> bool:
        return obj.is_provisional_code

    @staticmethod
    def resolve_predecessors(obj) -> list[str]:
        return sorted(c.code for c in obj.predecessors.all())


class ReorganisationOut(Schema):
    id: str
    name: str
    vesting_on: dt.date
    status: ReorganisationStatus = Field(
        description="proposed, decided (by the Secretary of State), order-made or in-force"
    )
    source: str = Field(description="The order (title, SI number) or the decision, with its date")
    source_url: str
    shadow_from: dt.date | None
    abolished: list[str]
    created: list[CreatedOut]

    @staticmethod
    def resolve_id(obj) -> str:
        return obj.slug

    @staticmethod
    def resolve_abolished(obj) -> list[str]:
        return sorted(c.code for c in obj.abolished.all())

    @staticmethod
    def resolve_created(obj):
        return list(obj.created.all())


@router.get("", response=list[ReorganisationOut], summary="Reorganisations of councils")
def list_reorganisations(request):
    return Reorganisation.objects.prefetch_related("abolished", "created__predecessors")
