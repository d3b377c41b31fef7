"""Store the geography built from the postcode directory on the councils.

``councils/geography`` (no Django) computes centroids, neighbours and polygons
and caches them by data version; this module writes them to the database in one
transaction, touching only what changed, so a re-run changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from sharedservices.councils.geography import Geography, build_geography
from sharedservices.councils.loading import sync_council_links
from sharedservices.councils.models import BoundarySet, Council
from sharedservices.councils.reorganisations import derived_geography

GEOMETRY_FIELDS = ("latitude", "longitude", "easting", "northing", "postcode_count")


@dataclass
class GeographyReport:
    councils_updated: int = 0
    neighbour_links_changed: int = 0
    boundaries_stored: bool = False


def load_geography(cache_dir: Path) -> Geography:
    """The geography for today's data, from the cache when it is there (seconds)
    or built from the raw postcode directory (about 75 s)."""
    return build_geography(cache_dir=cache_dir)


def _rounded(value):
    return round(value, 6) if isinstance(value, float) else value


@transaction.atomic
def save_geography(geo: Geography) -> GeographyReport:
    report = GeographyReport()
    councils = Council.objects.in_bulk(list(geo.councils))
    changed = []
    for code, g in geo.councils.items():
        council = councils.get(code)
        if council is None:
            continue  # build_records already refused unknown codes
        values = {
            "latitude": _rounded(g.lat),
            "longitude": _rounded(g.lon),
            "easting": _rounded(g.easting),
            "northing": _rounded(g.northing),
            "postcode_count": g.postcode_count,
        }
        if any(getattr(council, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(council, f, v)
            changed.append(council)
    geo_values = {
        code: {
            "latitude": _rounded(g.lat),
            "longitude": _rounded(g.lon),
            "easting": _rounded(g.easting),
            "northing": _rounded(g.northing),
            "postcode_count": g.postcode_count,
        }
        for code, g in geo.councils.items()
        if g.lat is not None
    }
    derived, derived_pairs = derived_geography(
        geo_values, {a: set(b) for a, b in geo.neighbours.items()}
    )
    for council in Council.objects.filter(pk__in=list(derived)):
        values = derived[council.code]
        if any(getattr(council, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(council, f, v)
            changed.append(council)
    Council.objects.bulk_update(changed, GEOMETRY_FIELDS, batch_size=500)
    report.councils_updated = len(changed)

    want = {
        (a, b)
        for a, others in geo.neighbours.items()
        for b in others
        if a in councils and b in councils
    } | derived_pairs
    report.neighbour_links_changed = sync_council_links(Council.neighbours.through, want)

    if not BoundarySet.objects.filter(data_version=geo.data_version).exists():
        BoundarySet.objects.create(
            data_version=geo.data_version,
            geojson=json.dumps(geo.boundaries, separators=(",", ":")),
            feature_count=len(geo.boundaries.get("features", [])),
        )
        BoundarySet.objects.exclude(data_version=geo.data_version).delete()
        report.boundaries_stored = True
    return report
