"""Reads for the partner finder: council data in the shape ``analysis`` wants.

The analysis package has no Django; this is the one place the web app turns
``Council`` rows into its ``council_lookup`` and the councils of an area.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from sharedservices.councils.dates import CouncilsOn
from sharedservices.councils.models import Council, CouncilKind


def council_lookup(codes: list[str]) -> dict[str, dict[str, Any]]:
    """``{code: {"lat", "lon", "neighbours": [codes]}}`` for the known ``codes``
    (the ``council_lookup`` contract of docs/sharing-and-coalitions.md)."""
    wanted = [c for c in codes if isinstance(c, str)]
    out: dict[str, dict[str, Any]] = {
        code: {"lat": lat, "lon": lon, "neighbours": []}
        for code, lat, lon in Council.objects.filter(code__in=wanted).values_list(
            "code", "latitude", "longitude"
        )
    }
    links = Council.neighbours.through.objects.filter(from_council_id__in=out).values_list(
        "from_council_id", "to_council_id"
    )
    for a, b in links:
        out[a]["neighbours"].append(b)
    return out


def counties():
    """Current county councils, whose districts make a natural search area."""
    return Council.objects.current().filter(kind=CouncilKind.COUNTY).order_by("name")


def councils_of_county(county: Council):
    return Council.objects.current().filter(upper_tier=county).order_by("name")


def councils_of_nation(nation: str):
    """Every current council that runs district-level services in ``nation``:
    all but the counties (whose districts are already in)."""
    return (
        Council.objects.current()
        .filter(nation=nation)
        .exclude(kind=CouncilKind.COUNTY)
        .order_by("name")
    )


def councils_on_date(councils, on=None) -> list[Council]:
    """The councils holding ``councils``' areas on ``on`` (today by default), by code: a
    council abolished by then is replaced by its successors (Woking by West Surrey on
    1 April 2027), and none that has ceased to exist is offered."""
    day = on or timezone.localdate()
    holders = CouncilsOn.build(day)
    codes = {h for c in councils for h in holders.holders(c.code)}
    found = [c for c in Council.objects.filter(code__in=codes) if c.exists_on(day)]
    return sorted(found, key=lambda c: c.code)


def on_words(on) -> str:
    return f" on {on:%-d %B %Y}" if on else ""


def council_names(codes) -> dict[str, str]:
    return dict(Council.objects.filter(code__in=list(codes)).values_list("code", "name"))


def council_postcodes(codes) -> dict[str, int | None]:
    return dict(Council.objects.filter(code__in=list(codes)).values_list("code", "postcode_count"))


def existing_partnerships(*, user, service_area, codes) -> list[tuple[str, list[str]]]:
    """The live arrangements of ``service_area`` that the user can see, as (name, the
    member codes among ``codes``, sorted), for those with a member among ``codes``;
    arrangements sharing a council are one partnership in the analysis."""
    from sharedservices.registry.models import Arrangement, ArrangementStatus

    if service_area is None:
        return []
    found = []
    arrangements = (
        Arrangement.objects.visible_to(user)
        .filter(status=ArrangementStatus.LIVE, service_areas=service_area)
        .prefetch_related("partners")
        .order_by("name", "pk")
    )
    for arrangement in arrangements:
        members = sorted({p.council_id for p in arrangement.partners.all()} & set(codes))
        if members:
            found.append((arrangement.name, members))
    return found
