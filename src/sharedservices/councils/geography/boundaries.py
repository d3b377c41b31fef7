"""Approximate council polygons from postcode points.

Method (all in British National Grid metres, NI reprojected from Irish Grid):

1. A raster of `resolution_m` cells covers the UK. A cell is land if a postcode lies within
   `land_reach_m` of it; enclosed gaps (lakes, empty moorland surrounded by land) are filled, so
   only the sea stays empty. Estuaries wider than about twice the reach stay sea.
2. Every land cell takes the council of its nearest postcode (a discrete Voronoi diagram).
3. Each council's cells become a polygon: cells are merged into row runs, the runs are unioned
   per council, and every boundary is densified to the cell size so that neighbouring polygons
   share identical vertices (a valid polygonal coverage).
4. The coverage is simplified *together* (GEOS coverage simplification), so shared boundaries
   stay shared: no slivers or gaps appear between neighbours.

Accuracy is measured, not assumed: `containment` gives, per council, the share of its own
postcodes inside its polygon.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import shapely
from pyproj import Transformer
from scipy import ndimage
from scipy.spatial import cKDTree

from .points import BNG, WGS84, PostcodePoints

RESOLUTION_M = 150.0
LAND_REACH_M = 1_500.0
SIMPLIFY_M = 200.0
COORD_DECIMALS = 4  # about 11 m of latitude, 7 m of longitude: finer than the method


def label_raster(
    xy: np.ndarray,
    labels: np.ndarray,
    *,
    resolution_m: float = RESOLUTION_M,
    land_reach_m: float = LAND_REACH_M,
):
    """Raster of council labels (-1 = sea) and its origin (x0, y0) in metres."""
    margin = land_reach_m + 2 * resolution_m
    x0 = np.floor((xy[:, 0].min() - margin) / resolution_m) * resolution_m
    y0 = np.floor((xy[:, 1].min() - margin) / resolution_m) * resolution_m
    nx = int(np.ceil((xy[:, 0].max() + margin - x0) / resolution_m))
    ny = int(np.ceil((xy[:, 1].max() + margin - y0) / resolution_m))
    col = ((xy[:, 0] - x0) // resolution_m).astype(np.int64)
    row = ((xy[:, 1] - y0) // resolution_m).astype(np.int64)
    empty = np.ones((ny, nx), dtype=bool)
    empty[row, col] = False
    distance = ndimage.distance_transform_edt(empty).astype(np.float32)
    del empty
    land = distance * resolution_m <= land_reach_m
    del distance
    land = ndimage.binary_fill_holes(land)
    rows, cols = np.nonzero(land)
    del land
    centres = np.column_stack([x0 + (cols + 0.5) * resolution_m, y0 + (rows + 0.5) * resolution_m])
    _, nearest = cKDTree(xy).query(centres, k=1, workers=2)
    del centres
    raster = np.full((ny, nx), -1, dtype=np.int32)
    raster[rows, cols] = labels[nearest]
    return raster, (float(x0), float(y0))


def raster_polygons(
    raster: np.ndarray, origin: tuple[float, float], resolution_m: float
) -> dict[int, shapely.Geometry]:
    """One (multi)polygon per label, from horizontal runs of equal cells."""
    x0, y0 = origin
    ny, nx = raster.shape
    change = np.ones((ny, nx), dtype=bool)
    change[:, 1:] = raster[:, 1:] != raster[:, :-1]
    start_rows, start_cols = np.nonzero(change)
    del change
    flat_starts = start_rows * nx + start_cols
    # every row's first cell starts a run, so a run never crosses a row end
    end_cols = start_cols + (np.append(flat_starts[1:], ny * nx) - flat_starts)
    run_labels = raster[start_rows, start_cols]
    land = run_labels >= 0
    start_rows, start_cols, end_cols, run_labels = (
        start_rows[land],
        start_cols[land],
        end_cols[land],
        run_labels[land],
    )
    boxes = shapely.box(
        x0 + start_cols * resolution_m,
        y0 + start_rows * resolution_m,
        x0 + end_cols * resolution_m,
        y0 + (start_rows + 1) * resolution_m,
    )
    order = np.argsort(run_labels, kind="stable")
    run_labels = run_labels[order]
    boxes = boxes[order]
    cuts = np.flatnonzero(np.diff(run_labels)) + 1
    if not len(run_labels):
        return {}
    groups = np.split(boxes, cuts)
    firsts = run_labels[np.r_[0, cuts]]
    return {
        int(label): shapely.union_all(group) for group, label in zip(groups, firsts, strict=True)
    }


def simplified_coverage(
    polygons: Mapping[int, shapely.Geometry], resolution_m: float, simplify_m: float
) -> dict[int, shapely.Geometry]:
    """Simplify all polygons together so that shared edges stay shared."""
    keys = list(polygons)
    # Densify to the cell size: every boundary then has a vertex at every cell corner, so the
    # two sides of a shared edge have identical vertices, as coverage simplification requires.
    dense = shapely.segmentize(np.array([polygons[k] for k in keys]), resolution_m)
    simple = shapely.coverage_simplify(dense, simplify_m, simplify_boundary=True)
    simple = shapely.make_valid(simple)
    return dict(zip(keys, simple, strict=True))


def containment(
    geometries: Mapping[int, shapely.Geometry], points: PostcodePoints
) -> dict[int, float]:
    """Share of each council's own postcodes that fall inside its polygon."""
    order = np.argsort(points.labels, kind="stable")
    sorted_labels = points.labels[order]
    cuts = np.flatnonzero(np.diff(sorted_labels)) + 1
    result = {}
    for idx in np.split(order, cuts):
        label = int(points.labels[idx[0]])
        geom = geometries.get(label)
        if geom is None:
            result[label] = 0.0
            continue
        shapely.prepare(geom)
        inside = shapely.contains_xy(geom, points.x[idx], points.y[idx])
        result[label] = float(inside.mean())
    return result


def _round_ring(coords: np.ndarray, decimals: int) -> list | None:
    ring = np.round(coords, decimals)
    keep = np.ones(len(ring), dtype=bool)
    keep[1:] = (ring[1:] != ring[:-1]).any(axis=1)
    ring = ring[keep]
    if len(ring) < 4:
        return None
    return ring.tolist()


def geojson_geometry(geom: shapely.Geometry, decimals: int = COORD_DECIMALS) -> dict | None:
    """A (Multi)Polygon as a GeoJSON dict with rounded coordinates, degenerate rings dropped."""
    polygons = []
    for part in getattr(geom, "geoms", [geom]):
        if part.geom_type != "Polygon" or part.is_empty:
            continue
        shell = _round_ring(np.asarray(part.exterior.coords), decimals)
        if shell is None:
            continue
        holes = [_round_ring(np.asarray(r.coords), decimals) for r in part.interiors]
        polygons.append([shell] + [h for h in holes if h is not None])
    if not polygons:
        return None
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def to_wgs84(geom: shapely.Geometry, transformer: Transformer | None = None) -> shapely.Geometry:
    """BNG -> WGS84 (lon, lat) with pyproj, vertex by vertex."""
    transformer = transformer or Transformer.from_crs(BNG, WGS84, always_xy=True)

    def project(coords: np.ndarray) -> np.ndarray:
        lon, lat = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geom, project)


def boundaries_feature_collection(
    geometries: Mapping[str, shapely.Geometry], properties: Mapping[str, dict]
) -> dict:
    """GeoJSON FeatureCollection in WGS84, one feature per council code, sorted by code."""
    features = []
    transformer = Transformer.from_crs(BNG, WGS84, always_xy=True)
    for code in sorted(geometries):
        geometry = geojson_geometry(to_wgs84(geometries[code], transformer))
        if geometry is None:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, **properties.get(code, {})},
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "features": features}
