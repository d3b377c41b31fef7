""" "Councils like you already share this" (Nottinghamshire County Council, Shared
Services Review Group, 2012: look at what neighbours and peers already share before
starting).

For a council, the service areas that its peers share in the register's live
arrangements and it does not. Peers are its neighbours, the other councils under
the same upper tier (a county's own districts, for a county), and current councils
of the same kind whose centres lie within 50 km. Only live arrangements count:
they are public, so nothing a council keeps private (exploring, business case, not
pursued) can surface in another council's suggestions. Only real records count unless
demo ones are asked for (``provenance``: the demo's illustrations never suggest anything
to a real council by default).

Each council that shares an area adds ``1 / (1 + distance / 25 km)`` to its score:
so more sharers rank higher, and a near one counts more than a far one (a
neighbour 10 km away adds 0.71; a council 50 km away 0.33).

Speed: the councils and the live part of the register are read into small in-process
indexes, rebuilt whenever a cheap fingerprint of the tables changes (counts and the
latest change), so each council's suggestions need a few tiny queries whatever the
size of the register, and every web process stays correct on its own.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db.models import Count, Max
from django.utils import timezone

from sharedservices.analysis.costmodel import haversine_km
from sharedservices.base.tenancy import council_and_predecessors
from sharedservices.councils.models import Council, CouncilKind
from sharedservices.registry.models import (
    Arrangement,
    ArrangementPartner,
    ArrangementStatus,
    ServiceArea,
)

NEARBY_KM = 50.0
HALF_WEIGHT_KM = 25.0
WHY_ORDER = ("neighbour", "same upper tier", "same kind nearby")
SHOWN_ARRANGEMENTS = 3


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
    named_arrangements: list[tuple[int, str]] = field(default_factory=list)  # the first few
    explanation: str = ""


@dataclass
class _Councils:
    codes: list[str]
    index: dict[str, int]
    names: list[str]
    kinds: np.ndarray
    upper: list[str | None]
    lat: np.ndarray
    lon: np.ndarray
    current: np.ndarray
    neighbours: dict[str, set[str]]


@dataclass
class _Register:
    by_council: dict[str, list[int]]  # council code -> live arrangement ids
    areas: dict[int, list[int]]  # live arrangement id -> service area ids


_lock = threading.Lock()
_cache: dict[str, tuple[object, object]] = {}


def _cached(name: str, key, build):
    found = _cache.get(name)
    if found is not None and found[0] == key:
        return found[1]
    value = build()
    with _lock:
        _cache[name] = (key, value)
    return value


def _councils(today: date) -> _Councils:
    through = Council.neighbours.through.objects
    key = (today, Council.objects.count(), through.count())

    def build() -> _Councils:
        rows = list(
            Council.objects.values_list(
                "pk", "name", "kind", "upper_tier_id", "latitude", "longitude"
            ).order_by("pk")
        )
        current = set(Council.objects.current(on=today).values_list("pk", flat=True))
        neighbours: dict[str, set[str]] = defaultdict(set)
        for a, b in through.values_list("from_council_id", "to_council_id"):
            neighbours[a].add(b)
            neighbours[b].add(a)
        codes = [r[0] for r in rows]
        return _Councils(
            codes=codes,
            index={c: i for i, c in enumerate(codes)},
            names=[r[1] for r in rows],
            kinds=np.array([r[2] for r in rows], dtype=object),
            upper=[r[3] for r in rows],
            lat=np.array([np.nan if r[4] is None else r[4] for r in rows], dtype=float),
            lon=np.array([np.nan if r[5] is None else r[5] for r in rows], dtype=float),
            current=np.array([c in current for c in codes], dtype=bool),
            neighbours=dict(neighbours),
        )

    return _cached("councils", key, build)


def _register(provenance: str = "real") -> _Register:
    live = Arrangement.objects.filter(status=ArrangementStatus.LIVE).of_provenance(provenance)
    key = tuple(live.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk")).values()) + (
        ArrangementPartner.objects.count(),
    )

    def build() -> _Register:
        by_council: dict[str, list[int]] = defaultdict(list)
        for arrangement_id, code in ArrangementPartner.objects.filter(
            arrangement__in=live, council__isnull=False
        ).values_list("arrangement_id", "council_id"):
            by_council[code].append(arrangement_id)
        areas: dict[int, list[int]] = defaultdict(list)
        for arrangement_id, area_id in Arrangement.service_areas.through.objects.filter(
            arrangement__in=live
        ).values_list("arrangement_id", "servicearea_id"):
            areas[arrangement_id].append(area_id)
        return _Register(by_council=dict(by_council), areas=dict(areas))

    return _cached(f"register.{provenance}", key, build)


def peers_of(council: Council) -> dict[str, Peer]:
    """The current councils "like" ``council``, each with why and how far its centre is."""
    c = _councils(timezone.localdate())
    me = c.index[council.pk]
    why: dict[int, set[str]] = defaultdict(set)
    for code in c.neighbours.get(council.pk, ()):
        why[c.index[code]].add("neighbour")
    tier = council.upper_tier_id
    for i, upper in enumerate(c.upper):
        if (tier and upper == tier) or (council.kind == CouncilKind.COUNTY and upper == council.pk):
            why[i].add("same upper tier")
    d = np.full(len(c.codes), np.nan)
    if not np.isnan(c.lat[me]):
        d = haversine_km(c.lat[me], c.lon[me], c.lat, c.lon)
        with np.errstate(invalid="ignore"):
            near = np.flatnonzero((c.kinds == council.kind) & (d <= NEARBY_KM))
        for i in near.tolist():
            why[i].add("same kind nearby")
    return {
        c.codes[i]: Peer(
            code=c.codes[i],
            name=c.names[i],
            why=[w for w in WHY_ORDER if w in reasons],
            distance_km=None if np.isnan(d[i]) else float(d[i]),
        )
        for i, reasons in why.items()
        if i != me and c.current[i]
    }


def nearness(distance_km: float | None) -> float:
    return 1.0 / (1.0 + (distance_km if distance_km is not None else NEARBY_KM) / HALF_WEIGHT_KM)


def suggestions_for(
    council: Council, *, limit: int | None = None, provenance: str = "real"
) -> list[Suggestion]:
    """Service areas the council's peers share (live, public arrangements) and it does
    not, best first."""
    own = council_and_predecessors(council.pk)
    peers = {code: p for code, p in peers_of(council).items() if code not in own}
    register = _register(provenance)
    own_areas = {
        area
        for code in own
        for arrangement in register.by_council.get(code, ())
        for area in register.areas.get(arrangement, ())
    }
    by_area: dict[int, tuple[set[int], set[str]]] = defaultdict(lambda: (set(), set()))
    for code in peers:
        for arrangement in register.by_council.get(code, ()):
            for area in register.areas.get(arrangement, ()):
                if area not in own_areas:
                    arrangements, councils = by_area[area]
                    arrangements.add(arrangement)
                    councils.add(code)
    areas = ServiceArea.objects.in_bulk(list(by_area)) if by_area else {}
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
    result = result[:limit] if limit else result
    shown = {a for s in result for a in s.arrangements[:SHOWN_ARRANGEMENTS]}
    names = dict(Arrangement.objects.filter(pk__in=shown).values_list("pk", "name"))
    for s in result:
        s.named_arrangements = [(a, names[a]) for a in s.arrangements[:SHOWN_ARRANGEMENTS]]
        s.explanation = explain(council, s)
    return result


def explain(council: Council, suggestion: Suggestion) -> str:
    """The score in words: "Shared by 4 councils like Lancaster, 2 of them neighbours; the
    nearest 12 km away"."""
    n = len(suggestion.councils)
    text = f"Shared by {n} council{'s' if n != 1 else ''} like {council.name}"
    neighbours = sum("neighbour" in p.why for p in suggestion.councils)
    if neighbours and n > 1:
        text += f", {neighbours} of them {'neighbours' if neighbours > 1 else 'a neighbour'}"
    elif neighbours:
        text += ", a neighbour"
    distances = [p.distance_km for p in suggestion.councils if p.distance_km is not None]
    if distances:
        text += f"; the nearest {min(distances):.0f} km away"
    return text
