"""Adjacency of councils, derived from postcode points and the polygons built from them.

Two councils are neighbours when enough Delaunay edges join their postcodes across a gap that
looks like land rather than water. Without a coastline, "looks like land" is judged against the
local postcode spacing: an edge is kept only if it is shorter than `spacing_factor` times the
typical edge length around *both* of its ends (the geometric mean of the Delaunay edges meeting
at each end, which follows density from city centres, ~30 m, to moorland, ~2 km) and shorter
than `max_edge_m` outright. A river crossing between dense towns (the Mersey between Liverpool and
Wirral, the Humber at Hull, the Solent) is many times the spacing on its banks and is dropped; a
rural land border has edges about as long as those on either side and is kept.
`min_edges` rules out a single stray edge.

Land edges alone miss councils whose statutory boundaries meet in an estuary (Wirral and
Liverpool in the Mersey, Gosport and Portsmouth across the harbour mouth) or on land with no
postcodes near the border (Pendle and Bradford on the moors). A second test therefore looks at the
approximate polygons (`boundaries.py`): their land mask fills estuaries up to about 3 km wide and
enclosed empty uplands, so two councils whose polygons share at least `CONTACT_M` of boundary are
neighbours too. Measured against ONS's own list of local authorities that share a boundary
(`evaluation.py`, docs/geography.md), this raises recall from 94.8% to about 98% of true pairs.

Known limits, settled by hand from the ONS list (`known_pairs.py`): a strait narrower than the
postcode spacing of its banks cannot be seen from postcodes alone (the Menai Strait: Anglesey is
declared an island in `KNOWN_ISLANDS`); some estuaries that the land mask closes are not shared
boundaries (the Forth, the Tay, the Humber); and three Highland borders run through mountains
that are empty for tens of kilometres (`KNOWN_BORDERS`, `KNOWN_APART`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import shapely
from scipy.spatial import Delaunay, QhullError, cKDTree

from .known_pairs import KNOWN_APART, KNOWN_BORDERS
from .points import PostcodePoints

# Councils wholly on islands, for which the postcode method cannot see the water on its own.
# Only Anglesey needs it (see the module docstring); the other island councils (Isle of Wight,
# Isles of Scilly, Orkney, Shetland, Na h-Eileanan Siar) come out with no land neighbour by the
# method itself, and the tests check that without this list.
KNOWN_ISLANDS: frozenset[str] = frozenset({"W06000001"})

SPACING_FACTOR = 2.5
MAX_EDGE_M = 8_000.0
MIN_EDGES = 2
THIN_M = 20.0
OUTLIER_K = 8
# Shared polygon boundary (metres) that makes two councils neighbours even without land edges;
# below it, a touch at a corner or across a river mouth a few cells wide.
CONTACT_M = 1_000.0
CONTACT_TOLERANCE_M = 30.0


def thinned_points(points: PostcodePoints, thin_m: float = THIN_M):
    """One point per (council, `thin_m` cell): city blocks hold hundreds of postcodes a few
    metres apart, which add Delaunay work but no information about where boundaries are."""
    cell_x = np.floor(points.x / thin_m).astype(np.int64)
    cell_y = np.floor(points.y / thin_m).astype(np.int64)
    key = (cell_x * 4_000_000 + cell_y) * 1024 + points.labels
    _, first = np.unique(key, return_index=True)
    xy = np.column_stack([points.x[first], points.y[first]])
    return xy, points.labels[first]


def drop_outliers(xy: np.ndarray, labels: np.ndarray, k: int = OUTLIER_K):
    """Drop points none of whose k nearest neighbours belong to their own council.

    A postcode whose grid reference fell inside another council (a PO box, a mis-geocoded
    record) would otherwise make its council border the one it sits in.
    """
    if len(xy) <= k:
        return xy, labels
    tree = cKDTree(xy)
    _, nearest = tree.query(xy, k=k + 1, workers=2)
    own = (labels[nearest[:, 1:]] == labels[:, None]).any(axis=1)
    # A council's last few points are never outliers of themselves (tiny test fixtures).
    small = np.bincount(labels)[labels] <= k
    keep = own | small
    return xy[keep], labels[keep]


def delaunay_edges(xy: np.ndarray) -> np.ndarray:
    """Unique undirected edges (i < j) of the Delaunay triangulation, shape (m, 2)."""
    try:
        simplices = Delaunay(xy).simplices.astype(np.int64)
    except QhullError:  # fewer than three points, or all on one line: no triangle, no edge
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate([simplices[:, [0, 1]], simplices[:, [1, 2]], simplices[:, [2, 0]]])
    del simplices
    lo = pairs.min(axis=1)
    hi = pairs.max(axis=1)
    del pairs
    keys = np.unique(lo * len(xy) + hi)
    return np.column_stack([keys // len(xy), keys % len(xy)])


def land_edge_counts(
    xy: np.ndarray,
    labels: np.ndarray,
    *,
    spacing_factor: float = SPACING_FACTOR,
    max_edge_m: float = MAX_EDGE_M,
) -> dict[tuple[int, int], int]:
    """Count, per pair of council labels (lo, hi), the Delaunay edges that cross on land."""
    edges = delaunay_edges(xy)
    length = np.hypot(*(xy[edges[:, 0]] - xy[edges[:, 1]]).T)
    log_len = np.log(np.maximum(length, 1.0))
    n = len(xy)
    degree = np.bincount(edges.ravel(), minlength=n)
    spacing = np.exp(
        (np.bincount(edges[:, 0], log_len, n) + np.bincount(edges[:, 1], log_len, n))
        / np.maximum(degree, 1)
    )
    la = labels[edges[:, 0]]
    lb = labels[edges[:, 1]]
    near = np.minimum(spacing[edges[:, 0]], spacing[edges[:, 1]])
    keep = (la != lb) & (length <= max_edge_m) & (length <= spacing_factor * near)
    lo = np.minimum(la[keep], lb[keep]).astype(np.int64)
    hi = np.maximum(la[keep], lb[keep]).astype(np.int64)
    keys, counts = np.unique(lo * 1_000_000 + hi, return_counts=True)
    return {
        (int(k // 1_000_000), int(k % 1_000_000)): int(c) for k, c in zip(keys, counts, strict=True)
    }


def contact_lengths(
    shapes: Mapping[str, shapely.Geometry], tolerance_m: float = CONTACT_TOLERANCE_M
) -> dict[tuple[str, str], float]:
    """Length of boundary (metres) each pair of polygons shares, keyed (lo, hi) by code.

    The polygons form a coverage (shared edges have identical vertices), so a boundary of one
    within `tolerance_m` of the other is their common edge; the tolerance absorbs rounding.
    """
    codes = sorted(shapes)
    if len(codes) < 2:
        return {}
    geoms = np.array([shapes[c] for c in codes])
    grown = shapely.buffer(geoms, tolerance_m)
    left, right = shapely.STRtree(geoms).query(grown, predicate="intersects")
    keep = right < left
    left, right = left[keep], right[keep]
    lengths = shapely.length(shapely.intersection(shapely.boundary(geoms[right]), grown[left]))
    return {
        (codes[r], codes[q]): float(n)
        for r, q, n in zip(right, left, lengths, strict=True)
        if n > 0
    }


def adjacent_pairs(
    edge_counts: Mapping[tuple[str, str], int],
    contacts: Mapping[tuple[str, str], float],
    present: Iterable[str],
    *,
    islands: Iterable[str] = KNOWN_ISLANDS,
    known_borders: Iterable[tuple[str, str]] = KNOWN_BORDERS,
    known_apart: Iterable[tuple[str, str]] = KNOWN_APART,
    min_edges: int = MIN_EDGES,
    contact_m: float = CONTACT_M,
) -> set[tuple[str, str]]:
    """The rule, on the evidence per pair of codes: adjacent with at least `min_edges` land
    edges or at least `contact_m` of shared polygon boundary; then the curated pairs apply
    (`known_apart` removed, `known_borders` added where both councils are present) and islands
    have none. Pairs come back sorted (lo, hi)."""
    present = set(present)
    islands = set(islands)
    pairs = {tuple(sorted(p)) for p, n in edge_counts.items() if n >= min_edges}
    pairs |= {tuple(sorted(p)) for p, length in contacts.items() if length >= contact_m}
    pairs -= {tuple(sorted(p)) for p in known_apart}
    pairs |= {tuple(sorted(p)) for p in known_borders if set(p) <= present}
    return {
        (a, b)
        for a, b in pairs
        if a != b and a in present and b in present and a not in islands and b not in islands
    }


def lower_tier_neighbours(
    xy: np.ndarray,
    labels: np.ndarray,
    codes: np.ndarray,
    *,
    contacts: Mapping[tuple[str, str], float] | None = None,
    islands: Iterable[str] = KNOWN_ISLANDS,
    known_borders: Iterable[tuple[str, str]] = KNOWN_BORDERS,
    known_apart: Iterable[tuple[str, str]] = KNOWN_APART,
    min_edges: int = MIN_EDGES,
    contact_m: float = CONTACT_M,
    spacing_factor: float = SPACING_FACTOR,
    max_edge_m: float = MAX_EDGE_M,
) -> tuple[dict[str, frozenset[str]], dict[tuple[str, str], int]]:
    """Neighbours among the councils `codes` of cleaned points (see `thinned_points` and
    `drop_outliers`), and the number of land edges per pair as evidence; `contacts` are the
    shared polygon boundaries (`contact_lengths`), the rest is `adjacent_pairs`."""
    counts = land_edge_counts(xy, labels, spacing_factor=spacing_factor, max_edge_m=max_edge_m)
    evidence = {(str(codes[lo]), str(codes[hi])): n for (lo, hi), n in counts.items()}
    present = [str(c) for c in codes]
    pairs = adjacent_pairs(
        evidence,
        contacts or {},
        present,
        islands=islands,
        known_borders=known_borders,
        known_apart=known_apart,
        min_edges=min_edges,
        contact_m=contact_m,
    )
    neighbours: dict[str, set[str]] = {c: set() for c in present}
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    return {c: frozenset(n) for c, n in neighbours.items()}, evidence


def upper_tier_neighbours(
    lower: Mapping[str, frozenset[str]], upper_tier: Mapping[str, str]
) -> dict[str, frozenset[str]]:
    """Neighbours among upper-tier councils (counties and unitaries), from their districts.

    A county borders whatever upper-tier council any of its districts borders, except itself.
    """
    upper: dict[str, set[str]] = {}
    for code, near in lower.items():
        mine = upper_tier.get(code, code)
        upper.setdefault(mine, set())
        for other in near:
            theirs = upper_tier.get(other, other)
            if theirs != mine:
                upper[mine].add(theirs)
    return {c: frozenset(n) for c, n in upper.items()}


def combined_neighbours(
    lower: Mapping[str, frozenset[str]], upper: Mapping[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """One symmetric graph: adjacency within the lower tier plus adjacency within the upper tier.

    Unitaries sit in both tiers, so a unitary lists the districts *and* the counties it borders;
    a district lists only lower-tier councils and a county only upper-tier ones, so a county never
    neighbours its own (or anyone's) districts.
    """
    merged: dict[str, set[str]] = {c: set(n) for c, n in lower.items()}
    for code, near in upper.items():
        merged.setdefault(code, set()).update(near)
    return {c: frozenset(n) for c, n in merged.items()}
