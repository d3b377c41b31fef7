""" "Councils like you already share this" (Nottinghamshire County Council, Shared
Services Review Group, 2012: look at what neighbours and peers already share before
starting).

For a council, the service areas that its peers share in the register's live
arrangements and it does not. Peers are its neighbours, the other councils under
the same upper tier (a county's own districts, for a county), and current councils
of the same kind whose centres lie within 50 km. Only live arrangements count:
they are public, so nothing a council keeps private (exploring, business case, not
pursued) can surface in another council's suggestions.

Each council that shares an area adds ``1 / (1 + distance / 25 km)`` to its score:
so more sharers rank higher, and a near one counts more than a far one (a
neighbour 10 km away adds 0.71; a council 50 km away 0.33).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from sharedservices.analysis.costmodel import haversine_km
from sharedservices.base.tenancy import council_and_predecessors
from sharedservices.councils.models import Council, CouncilKind
from sharedservices.registry.models import Arrangement, ArrangementPartner, ArrangementStatus

NEARBY_KM = 50.0
HALF_WEIGHT_KM = 25.0
WHY_ORDER = ("neighbour", "same upper tier", "same kind nearby")


@dataclass
class Peer:
    code: str
    name: str
    why: list[str]
    distance_km: float | None


@dataclass
class Suggestion:
    service_area: object  # registry.ServiceArea
    arrangements: list[int]
    councils: list[Peer]
    score: float
    why: list[str] = field(default_factory=list)


def peers_of(council: Council) -> dict[str, Peer]:
    """The councils "like" ``council``, each with why and how far its centre is."""
    current = Council.objects.current().exclude(pk=council.pk)
    why: dict[str, set[str]] = defaultdict(set)
    for code in current.filter(neighbours=council).values_list("pk", flat=True):
        why[code].add("neighbour")
    tier = current.none()
    if council.upper_tier_id:
        tier = current.filter(upper_tier_id=council.upper_tier_id)
    elif council.kind == CouncilKind.COUNTY:
        tier = current.filter(upper_tier=council)
    for code in tier.values_list("pk", flat=True):
        why[code].add("same upper tier")
    rows = list(
        current.filter(kind=council.kind, latitude__isnull=False).values_list(
            "pk", "latitude", "longitude"
        )
    )
    if rows and council.latitude is not None:
        lat = np.array([r[1] for r in rows])
        lon = np.array([r[2] for r in rows])
        d = haversine_km(council.latitude, council.longitude, lat, lon)
        for (code, _, _), km in zip(rows, d, strict=True):
            if km <= NEARBY_KM:
                why[code].add("same kind nearby")
    found = Council.objects.filter(pk__in=list(why)).values_list(
        "pk", "name", "latitude", "longitude"
    )
    peers = {}
    for code, name, lat, lon in found:
        km = None
        if None not in (lat, lon, council.latitude, council.longitude):
            km = float(haversine_km(council.latitude, council.longitude, lat, lon))
        peers[code] = Peer(
            code=code, name=name, why=[w for w in WHY_ORDER if w in why[code]], distance_km=km
        )
    return peers


def nearness(distance_km: float | None) -> float:
    return 1.0 / (1.0 + (distance_km if distance_km is not None else NEARBY_KM) / HALF_WEIGHT_KM)


def suggestions_for(council: Council, *, limit: int | None = None) -> list[Suggestion]:
    """Service areas the council's peers share (live, public arrangements) and it does
    not, best first."""
    from sharedservices.registry.models import ServiceArea

    own = set(council_and_predecessors(council.pk))
    peers = {code: p for code, p in peers_of(council).items() if code not in own}
    through = Arrangement.service_areas.through.objects
    live = ArrangementStatus.LIVE
    own_areas = set(
        through.filter(
            arrangement__status=live,
            arrangement_id__in=ArrangementPartner.objects.filter(council_id__in=own).values(
                "arrangement_id"
            ),
        ).values_list("servicearea_id", flat=True)
    )
    partner_rows = list(
        ArrangementPartner.objects.filter(
            arrangement__status=live, council_id__in=list(peers)
        ).values_list("arrangement_id", "council_id")
    )
    sharers: dict[int, set[str]] = defaultdict(set)
    for arrangement_id, code in partner_rows:
        sharers[arrangement_id].add(code)
    by_area: dict[int, tuple[set[int], set[str]]] = defaultdict(lambda: (set(), set()))
    for arrangement_id, area_id in through.filter(arrangement_id__in=list(sharers)).values_list(
        "arrangement_id", "servicearea_id"
    ):
        if area_id in own_areas:
            continue
        arrangements, councils = by_area[area_id]
        arrangements.add(arrangement_id)
        councils |= sharers[arrangement_id]
    areas = ServiceArea.objects.in_bulk(list(by_area))
    result = []
    for area_id, (arrangements, codes) in by_area.items():
        row = sorted(
            (peers[c] for c in codes),
            key=lambda p: (p.distance_km if p.distance_km is not None else 1e9, p.name),
        )
        reasons = {w for p in row for w in p.why}
        result.append(
            Suggestion(
                service_area=areas[area_id],
                arrangements=sorted(arrangements),
                councils=row,
                score=round(sum(nearness(p.distance_km) for p in row), 3),
                why=[w for w in WHY_ORDER if w in reasons],
            )
        )
    result.sort(key=lambda s: (-s.score, s.service_area.name))
    return result[:limit] if limit else result
