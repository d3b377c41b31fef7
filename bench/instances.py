"""Instances for the benchmarks: a synthetic England-like map and the real one.

``england_like`` scatters about 300 council centroids over a 600 km x 400 km
box placed where England is (lat ~50.5-54.1, lon ~-4.4-+0.4), joins them by a
Delaunay triangulation (neighbouring councils share a border, roughly), and
draws workloads and baseline costs from lognormals so that a few large
unitaries sit among many districts, with cost roughly proportional to workload
times a lognormal efficiency factor.
"""

from __future__ import annotations

import functools
import os

import numpy as np
from scipy.spatial import Delaunay

from sharedservices.analysis.costmodel import Councils

KM_PER_DEG_LAT = 111.2


@functools.cache
def _geography(cache_dir: str | None = None):
    """The cached council geography (about 2 s to load), once per process."""
    from pathlib import Path

    from sharedservices.councils.geography import build_geography

    root = Path(__file__).resolve().parents[1]
    cache_dir = cache_dir or os.environ.get("GEOGRAPHY_CACHE_DIR")
    return build_geography(cache_dir=Path(cache_dir) if cache_dir else root / "data" / "geography")


def england_like(n: int = 296, seed: int = 7) -> tuple[Councils, list[list[int]]]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 600, n)  # km east
    y = rng.uniform(0, 400, n)  # km north
    lat0, lon0 = 50.5, -4.4
    lat = lat0 + y / KM_PER_DEG_LAT
    lon = lon0 + x / (KM_PER_DEG_LAT * np.cos(np.radians(lat)))
    workload = rng.lognormal(np.log(30_000), 0.6, n).round()
    cost = workload * rng.lognormal(np.log(40.0), 0.25, n)
    codes = [f"E{7000000 + i:08d}" for i in range(n)]
    tri = Delaunay(np.c_[x, y])
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for simplex in tri.simplices:
        for a in simplex:
            for b in simplex:
                if a != b:
                    neighbours[a].add(int(b))
    return Councils.build(codes, cost, workload, lat, lon), [sorted(s) for s in neighbours]


def england_real(seed: int = 7, cache_dir: str | None = None) -> tuple[Councils, list[list[int]]]:
    """Every current lower-tier council in England on the REAL map.

    Centroids, postcode counts and neighbours come from the cached council
    geography (``data/geography``; about 2 s to load): the 296 councils of tier
    ``lower`` whose code starts with ``E``, joined when they share a border (a
    lower-tier council's neighbours are lower-tier councils; the Isle of Wight
    and the Isles of Scilly have none). The money is modelled, not real:

    * workload ``V_i = 12 x postcode_count_i x LN(0, 0.2)`` (about one household
      per twelfth of a postcode, so roughly the households served), and
    * baseline cost ``c_i = £30 x V_i x LN(0, 0.25)`` (cost per household with a
      council-to-council efficiency spread),

    with the two lognormal factors drawn from ``numpy.random.default_rng(seed)``
    in code order, so the instance is the same on every machine.
    """
    geo = _geography(cache_dir)
    codes = sorted(c for c, x in geo.councils.items() if x.tier == "lower" and c.startswith("E"))
    index = {c: i for i, c in enumerate(codes)}
    rng = np.random.default_rng(seed)
    n = len(codes)
    postcodes = np.array([geo.councils[c].postcode_count for c in codes], dtype=float)
    workload = (12.0 * postcodes * rng.lognormal(0.0, 0.2, n)).round()
    cost = 30.0 * workload * rng.lognormal(0.0, 0.25, n)
    lat = [geo.councils[c].lat for c in codes]
    lon = [geo.councils[c].lon for c in codes]
    neighbours = [sorted(index[u] for u in geo.neighbours[c] if u in index) for c in codes]
    return Councils.build(codes, cost, workload, lat, lon), neighbours


def district_sample(n: int, seed: int = 0, spread: bool = False, cache_dir: str | None = None):
    """``n`` real English lower-tier councils, priced as the product prices them.

    A council drawn with ``numpy.random.default_rng(seed)`` and its ``n - 1``
    nearest lower-tier councils (by centroid), or with ``spread`` ``n`` councils
    drawn from all of England by the same generator; workload = postcode count and
    baseline cost = £300 a postcode, the defaults of the Find partners page
    (``jobs/partners.py``), so the game is the one ``share`` and ``coalitions``
    see from that page. Returns the ``Councils`` in code order.
    """
    geo = _geography(cache_dir)
    codes = sorted(c for c, x in geo.councils.items() if x.tier == "lower" and c.startswith("E"))
    lat = np.array([geo.councils[c].lat for c in codes])
    lon = np.array([geo.councils[c].lon for c in codes])
    from sharedservices.analysis.costmodel import haversine_km

    rng = np.random.default_rng(seed)
    if spread:
        pick = np.sort(rng.choice(len(codes), n, replace=False))
    else:
        centre = rng.integers(len(codes))
        km = haversine_km(lat[centre], lon[centre], lat, lon)
        pick = np.sort(np.argsort(km, kind="stable")[:n])
    postcodes = np.array([geo.councils[codes[i]].postcode_count for i in pick], dtype=float)
    return Councils.build(
        [codes[i] for i in pick], 300.0 * postcodes, postcodes, lat[pick], lon[pick]
    )
