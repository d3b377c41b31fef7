"""Build the whole geography from the ONS packages, and cache it by data version."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from . import boundaries as boundary_steps
from .centroids import CouncilGeometry, council_centroids
from .neighbours import (
    CONTACT_M,
    KNOWN_ISLANDS,
    combined_neighbours,
    contact_lengths,
    drop_outliers,
    lower_tier_neighbours,
    thinned_points,
    upper_tier_neighbours,
)
from .points import PostcodePoints, load_postcode_points, postcode_package_version
from .tiers import authorities_package_version, default_upper_tier

# Bump when the method or its parameters change: it is part of the cache key.
PIPELINE_VERSION = "2"  # 2: polygon contact and the curated pairs (known_pairs.py)

_FILES = ("councils.json", "neighbours.json", "boundaries.geojson", "meta.json")


@dataclass
class Geography:
    """Centroids, neighbours and boundaries of every current UK council.

    `councils` and `neighbours` cover lower-tier councils (districts, unitaries, metropolitan and
    London boroughs, Welsh, Scottish and NI councils) and the counties built from `upper_tier`.
    `neighbours` is symmetric; see `neighbours.combined_neighbours` for the tier rule.
    """

    data_version: str
    councils: dict[str, CouncilGeometry]
    neighbours: dict[str, frozenset[str]]
    boundaries: dict
    upper_tier: dict[str, str] = field(default_factory=dict)
    metrics: dict = field(default_factory=dict)

    def to_json_files(self, dirpath: Path) -> None:
        """Write the four cache files; `meta.json` is written last and marks completeness."""
        dirpath = Path(dirpath)
        dirpath.mkdir(parents=True, exist_ok=True)
        _write_json(
            dirpath / "councils.json",
            {code: g.as_dict() for code, g in sorted(self.councils.items())},
        )
        _write_json(
            dirpath / "neighbours.json",
            {code: sorted(n) for code, n in sorted(self.neighbours.items())},
        )
        _write_json(dirpath / "boundaries.geojson", self.boundaries)
        _write_json(
            dirpath / "meta.json",
            {
                "data_version": self.data_version,
                "upper_tier": self.upper_tier,
                "metrics": self.metrics,
            },
        )

    @classmethod
    def from_files(cls, dirpath: Path) -> Geography:
        dirpath = Path(dirpath)
        meta = json.loads((dirpath / "meta.json").read_text())
        councils = {
            code: CouncilGeometry(**row)
            for code, row in json.loads((dirpath / "councils.json").read_text()).items()
        }
        neighbours = {
            code: frozenset(n)
            for code, n in json.loads((dirpath / "neighbours.json").read_text()).items()
        }
        return cls(
            data_version=meta["data_version"],
            councils=councils,
            neighbours=neighbours,
            boundaries=json.loads((dirpath / "boundaries.geojson").read_text()),
            upper_tier=meta["upper_tier"],
            metrics=meta["metrics"],
        )

    def boundaries_path(self, cache_dir: Path) -> Path:
        """Where this version's GeoJSON lives under `cache_dir`, to serve the file as is."""
        return Path(cache_dir) / self.data_version / "boundaries.geojson"


def _write_json(path: Path, payload) -> None:
    path.write_text(json.dumps(payload, separators=(",", ":"), sort_keys=False))


def data_version(upper_tier: Mapping[str, str] | None) -> str:
    """Cache key: package versions, pipeline version and the tier mapping the caller chose."""
    if upper_tier is None:
        tiers = f"ut-default-{authorities_package_version()}"
    else:
        digest = hashlib.sha256(json.dumps(sorted(upper_tier.items())).encode()).hexdigest()
        tiers = f"ut-{digest[:10]}"
    return f"onspd-{postcode_package_version()}_geo-{PIPELINE_VERSION}_{tiers}"


def build_geography(
    upper_tier: Mapping[str, str] | None = None, cache_dir: Path | None = None
) -> Geography:
    """The geography for the installed ONS packages, from `cache_dir` if it was built before.

    `upper_tier` maps district code -> county code; by default it is taken from the ONS
    lower-to-upper-tier lookup package (see `tiers.default_upper_tier`). With `cache_dir` the
    result is stored in `cache_dir/<data_version>/` and reused while the version is unchanged.
    """
    version = data_version(upper_tier)
    if cache_dir is not None:
        cached = Path(cache_dir) / version
        if all((cached / name).exists() for name in _FILES):
            return Geography.from_files(cached)
    geography = compute_geography(load_postcode_points(), upper_tier, version=version)
    if cache_dir is not None:
        _store(geography, Path(cache_dir))
    return geography


def _store(geography: Geography, cache_dir: Path) -> None:
    """Write to a temporary folder and rename, so a crash never leaves a half cache. Two
    processes may build the same version at once (CI's two lanes, a web and a worker
    process): whichever finishes second keeps the first one's complete copy, which
    the other may be reading, rather than deleting it."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / geography.data_version
    scratch = Path(tempfile.mkdtemp(prefix=".building-", dir=cache_dir))
    try:
        geography.to_json_files(scratch)
        if all((target / name).exists() for name in _FILES):
            return
        if target.exists():
            shutil.rmtree(target)
        os.replace(scratch, target)
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)


def compute_geography(
    points: PostcodePoints,
    upper_tier: Mapping[str, str] | None = None,
    *,
    version: str = "unversioned",
    islands=KNOWN_ISLANDS,
    resolution_m: float = boundary_steps.RESOLUTION_M,
    simplify_m: float = boundary_steps.SIMPLIFY_M,
) -> Geography:
    """All steps on a given set of points (the full directory, or a synthetic set in tests)."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    codes = [str(c) for c in points.codes]
    if upper_tier is None:
        upper_tier = default_upper_tier(codes)
    upper_tier = {d: c for d, c in upper_tier.items() if d in set(codes) and c != d}

    councils = council_centroids(points, upper_tier)
    timings["centroids_s"] = time.perf_counter() - started

    # Cleaned points serve both boundaries and neighbours; the polygons come first because
    # neighbours also count a long shared polygon edge (an estuary, an empty moor).
    xy, labels = drop_outliers(*thinned_points(points))
    lower_shapes, containment = _lower_tier_shapes(points, xy, labels, resolution_m, simplify_m)
    timings["lower_shapes_s"] = time.perf_counter() - started - sum(timings.values())

    contacts = contact_lengths(lower_shapes)
    lower, evidence = lower_tier_neighbours(
        xy, labels, points.codes, contacts=contacts, islands=islands
    )
    del xy, labels
    upper = upper_tier_neighbours(lower, upper_tier)
    neighbours = combined_neighbours(lower, upper)
    timings["neighbours_s"] = time.perf_counter() - started - sum(timings.values())

    county_shapes = _county_shapes(lower_shapes, upper_tier)
    properties = {
        code: {"tier": g.tier, "postcode_count": g.postcode_count} for code, g in councils.items()
    }
    collection = boundary_steps.boundaries_feature_collection(
        {**lower_shapes, **county_shapes}, properties
    )
    timings["boundaries_s"] = time.perf_counter() - started - sum(timings.values())

    values = np.array(list(containment.values())) if containment else np.array([1.0])
    metrics = {
        "timings": {k: round(v, 2) for k, v in timings.items()},
        "postcodes_used": len(points),
        "containment": {k: round(v, 4) for k, v in sorted(containment.items())},
        "containment_min": round(float(values.min()), 4),
        "containment_median": round(float(np.median(values)), 4),
        "neighbour_edge_counts": {f"{a}|{b}": n for (a, b), n in sorted(evidence.items())},
        "neighbour_contact_m": {f"{a}|{b}": round(m) for (a, b), m in sorted(contacts.items())},
        "method": {
            "resolution_m": resolution_m,
            "simplify_m": simplify_m,
            "land_reach_m": boundary_steps.LAND_REACH_M,
            "known_islands": sorted(islands),
            "contact_m": CONTACT_M,
        },
    }
    return Geography(
        data_version=version,
        councils=councils,
        neighbours=neighbours,
        boundaries=collection,
        upper_tier=dict(sorted(upper_tier.items())),
        metrics=metrics,
    )


def _lower_tier_shapes(
    points: PostcodePoints,
    xy: np.ndarray,
    labels: np.ndarray,
    resolution_m: float,
    simplify_m: float,
):
    raster, origin = boundary_steps.label_raster(xy, labels, resolution_m=resolution_m)
    del xy, labels
    polygons = boundary_steps.raster_polygons(raster, origin, resolution_m)
    del raster
    simple = boundary_steps.simplified_coverage(polygons, resolution_m, simplify_m)
    share = boundary_steps.containment(simple, points)
    codes = points.codes
    return (
        {str(codes[k]): g for k, g in simple.items()},
        {str(codes[k]): v for k, v in share.items()},
    )


def _county_shapes(lower_shapes: Mapping[str, shapely.Geometry], upper_tier: Mapping[str, str]):
    """A county's polygon is the union of its districts' (already simplified together)."""
    members: dict[str, list[shapely.Geometry]] = {}
    for district, county in upper_tier.items():
        if district in lower_shapes:
            members.setdefault(county, []).append(lower_shapes[district])
    return {
        county: shapely.make_valid(shapely.coverage_union_all(parts))
        for county, parts in members.items()
    }
