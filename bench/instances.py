"""Synthetic instances for the benchmarks (no real council data yet).

``england_like`` scatters about 300 council centroids over a 600 km x 400 km
box placed where England is (lat ~50.5-54.1, lon ~-4.4-+0.4), joins them by a
Delaunay triangulation (neighbouring councils share a border, roughly), and
draws workloads and baseline costs from lognormals so that a few large
unitaries sit among many districts, with cost roughly proportional to workload
times a lognormal efficiency factor.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import Delaunay

from sharedservices.analysis.costmodel import Councils

KM_PER_DEG_LAT = 111.2


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
