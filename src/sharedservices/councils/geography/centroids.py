"""Centroid and size of each council from its postcodes.

The centroid is the mean of the council's postcode grid references: a population-weighted
centre (postcodes follow addresses), which is what "where is this council" means on a map of
services. It can fall outside a crescent-shaped council; that is accepted and documented.
It is computed in the council's own grid (BNG in Great Britain, Irish Grid in Northern Ireland)
and converted to WGS84 with pyproj. The postcode count is a *households proxy*, not a count of
households: it includes terminated postcodes and large-user (business) postcodes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

import numpy as np
from pyproj import Transformer

from .points import BNG, IRISH_GRID, WGS84, PostcodePoints


@dataclass(frozen=True)
class CouncilGeometry:
    """Where a council is and how big it is, for one current council."""

    code: str
    lat: float
    lon: float
    easting: float  # metres in `grid`
    northing: float
    postcode_count: int  # households proxy
    grid: str = BNG  # EPSG code of easting/northing: BNG, or Irish Grid for NI
    tier: str = "lower"  # "lower" (districts, unitaries) or "county"

    def as_dict(self) -> dict:
        return asdict(self)


def _to_wgs84(grid: str):
    return Transformer.from_crs(grid, WGS84, always_xy=True)


def council_centroids(
    points: PostcodePoints, upper_tier: Mapping[str, str]
) -> dict[str, CouncilGeometry]:
    """Centroids of every council in the directory, plus counties aggregated from districts."""
    n_codes = len(points.codes)
    count = np.bincount(points.labels, minlength=n_codes)
    sum_x = np.bincount(points.labels, points.native_x, minlength=n_codes)
    sum_y = np.bincount(points.labels, points.native_y, minlength=n_codes)
    ni = np.bincount(points.labels, points.is_ni, minlength=n_codes) > count / 2
    mean_x = sum_x / np.maximum(count, 1)
    mean_y = sum_y / np.maximum(count, 1)
    lon = np.empty(n_codes)
    lat = np.empty(n_codes)
    for grid, mask in ((BNG, ~ni), (IRISH_GRID, ni)):
        if mask.any():
            lon[mask], lat[mask] = _to_wgs84(grid).transform(mean_x[mask], mean_y[mask])
    result: dict[str, CouncilGeometry] = {}
    for i, code in enumerate(points.codes):
        if count[i] == 0:
            continue
        result[str(code)] = CouncilGeometry(
            code=str(code),
            lat=round(float(lat[i]), 6),
            lon=round(float(lon[i]), 6),
            easting=round(float(mean_x[i]), 1),
            northing=round(float(mean_y[i]), 1),
            postcode_count=int(count[i]),
            grid=IRISH_GRID if ni[i] else BNG,
        )
    result.update(county_centroids(result, upper_tier))
    return result


def county_centroids(
    lower: Mapping[str, CouncilGeometry], upper_tier: Mapping[str, str]
) -> dict[str, CouncilGeometry]:
    """A county's centroid is the postcode-weighted mean of its districts' centroids, which
    equals the mean of all its postcodes (counties are all in England, so all in BNG)."""
    members: dict[str, list[CouncilGeometry]] = {}
    for district, county in upper_tier.items():
        if district in lower and county != district:
            members.setdefault(county, []).append(lower[district])
    to_wgs84 = _to_wgs84(BNG)
    result = {}
    for county, districts in sorted(members.items()):
        weights = np.array([d.postcode_count for d in districts], dtype=float)
        east = float(np.average([d.easting for d in districts], weights=weights))
        north = float(np.average([d.northing for d in districts], weights=weights))
        lon, lat = to_wgs84.transform(east, north)
        result[county] = CouncilGeometry(
            code=county,
            lat=round(float(lat), 6),
            lon=round(float(lon), 6),
            easting=round(east, 1),
            northing=round(north, 1),
            postcode_count=int(weights.sum()),
            grid=BNG,
            tier="county",
        )
    return result
