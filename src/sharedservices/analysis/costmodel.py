"""The shared-service cost model of issue 7.

Council ``i`` runs the service alone at baseline cost ``c_i`` with workload
``V_i``. A partnership ``S`` runs it at::

    cost(S) = (sum c_i / sum V_i**b) * (sum V_i)**b      economies of scale, 0 < b <= 1
            + g * (|S| - 1)                                 governance overhead per extra partner
            + d * sum_i km(i, hub(S))                       travel/distance penalty

where the hub is the member with the largest workload (ties go to the smallest
code, so the answer never depends on input order) and ``km`` is the great-circle
distance on a sphere of radius 6371.0088 km (the IUGG mean Earth radius). The
saving is ``v(S) = sum c_i - cost(S)``; a council alone saves exactly 0, which
the formula gives (b-scaling of one council is the identity) and which we set
exactly so rounding never makes going alone look better or worse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sharedservices.analysis.bitsets import subset_sums

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class CostModel:
    scale_exponent: float = 0.85
    governance_cost: float = 40_000.0
    distance_cost_per_km: float = 500.0


@dataclass(frozen=True)
class Councils:
    """Column arrays of the councils in a problem, in input order."""

    codes: tuple[str, ...]
    baseline_cost: np.ndarray
    workload: np.ndarray
    lat: np.ndarray
    lon: np.ndarray

    @classmethod
    def build(cls, codes, baseline_cost, workload, lat, lon) -> Councils:
        return cls(
            tuple(codes),
            np.asarray(baseline_cost, dtype=float),
            np.asarray(workload, dtype=float),
            np.asarray(lat, dtype=float),
            np.asarray(lon, dtype=float),
        )

    def __len__(self) -> int:
        return len(self.codes)

    def subset(self, idx: Sequence[int]) -> Councils:
        idx = np.asarray(idx, dtype=int)
        return Councils(
            tuple(self.codes[i] for i in idx),
            self.baseline_cost[idx],
            self.workload[idx],
            self.lat[idx],
            self.lon[idx],
        )

    def hub_rank(self) -> np.ndarray:
        """Rank 0 is the council that would be hub of any partnership it joins."""
        order = sorted(range(len(self)), key=lambda i: (-self.workload[i], self.codes[i]))
        rank = np.empty(len(self), dtype=np.int64)
        rank[order] = np.arange(len(self))
        return rank

    def distances_km(self) -> np.ndarray:
        return haversine_km(
            self.lat[:, None], self.lon[:, None], self.lat[None, :], self.lon[None, :]
        )


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km between points given in degrees."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2) - np.radians(lon1)
    h = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def hub_of(councils: Councils, members: Sequence[int]) -> int:
    """Index of the hub: largest workload, ties to the smallest code."""
    return min(members, key=lambda i: (-councils.workload[i], councils.codes[i]))


def coalition_cost(model: CostModel, councils: Councils, members: Sequence[int]) -> float:
    """Annual cost of running the service together (one coalition, readable form)."""
    members = list(members)
    c = councils.baseline_cost[members]
    if len(members) == 1:
        return float(c[0])
    w = councils.workload[members]
    b = model.scale_exponent
    hub = hub_of(councils, members)
    km = haversine_km(
        councils.lat[members], councils.lon[members], councils.lat[hub], councils.lon[hub]
    )
    return float(
        c.sum() / (w**b).sum() * w.sum() ** b
        + model.governance_cost * (len(members) - 1)
        + model.distance_cost_per_km * km.sum()
    )


def coalition_saving(model: CostModel, councils: Councils, members: Sequence[int]) -> float:
    members = list(members)
    if len(members) <= 1:
        return 0.0
    return float(councils.baseline_cost[members].sum()) - coalition_cost(model, councils, members)


def batch_savings(
    model: CostModel,
    councils: Councils,
    members: np.ndarray,
    rank: np.ndarray | None = None,
    distances: np.ndarray | None = None,
) -> np.ndarray:
    """Savings of many coalitions of the same size: ``members`` is an (m, k) index array."""
    members = np.asarray(members, dtype=np.int64)
    m, k = members.shape
    if k <= 1:
        return np.zeros(m)
    rank = councils.hub_rank() if rank is None else rank
    c = councils.baseline_cost[members]
    w = councils.workload[members]
    b = model.scale_exponent
    hub = members[np.arange(m), np.argmin(rank[members], axis=1)]
    if distances is not None:
        km = distances[members, hub[:, None]].sum(axis=1)
    else:
        km = haversine_km(
            councils.lat[members],
            councils.lon[members],
            councils.lat[hub][:, None],
            councils.lon[hub][:, None],
        ).sum(axis=1)
    csum = c.sum(axis=1)
    cost = (
        csum / (w**b).sum(axis=1) * w.sum(axis=1) ** b
        + model.governance_cost * (k - 1)
        + model.distance_cost_per_km * km
    )
    return csum - cost


def membership_savings(
    model: CostModel,
    councils: Councils,
    member_matrix: np.ndarray,
    rank: np.ndarray | None = None,
    distances: np.ndarray | None = None,
) -> np.ndarray:
    """Savings of coalitions given as a boolean (m, n) membership matrix (any sizes)."""
    x = np.asarray(member_matrix, dtype=bool)
    rank = councils.hub_rank() if rank is None else rank
    distances = councils.distances_km() if distances is None else distances
    xf = x.astype(float)
    size = x.sum(axis=1)
    csum = xf @ councils.baseline_cost
    wsum = xf @ councils.workload
    wbsum = xf @ councils.workload**model.scale_exponent
    big = len(councils) + 1
    hub = np.argmin(np.where(x, rank[None, :], big), axis=1)
    km = (xf * distances[hub]).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cost = (
            csum / wbsum * wsum**model.scale_exponent
            + model.governance_cost * (size - 1)
            + model.distance_cost_per_km * km
        )
    out = csum - cost
    out[size <= 1] = 0.0
    return out


def all_savings(model: CostModel, councils: Councils) -> np.ndarray:
    """``v[mask]`` for every coalition of the (few) councils, vectorised.

    Laid out in hub-priority order first (the highest bit of a mask is then its
    hub, so the distance term of each block of masks is one subset sum), and
    permuted back to input order with one gather.
    """
    n = len(councils)
    rank = councils.hub_rank()
    by_priority = np.argsort(-rank)  # bit p holds the council of p-th lowest priority
    c = councils.baseline_cost[by_priority]
    w = councils.workload[by_priority]
    b = model.scale_exponent
    dist = councils.distances_km()[np.ix_(by_priority, by_priority)]
    csum = subset_sums(c)
    wsum = subset_sums(w)
    wbsum = subset_sums(w**b)
    size = subset_sums(np.ones(n))
    km = np.zeros(1 << n)
    for p in range(n):
        h = 1 << p
        km[h : 2 * h] = subset_sums(dist[:p, p])
    with np.errstate(invalid="ignore", divide="ignore"):
        cost = (
            csum / wbsum * wsum**b
            + model.governance_cost * (size - 1)
            + model.distance_cost_per_km * km
        )
        saving = csum - cost
    saving[size <= 1] = 0.0
    # mask in input order -> mask in priority order
    position = np.empty(n, dtype=np.int64)
    position[by_priority] = np.arange(n)
    to_priority = subset_sums(np.left_shift(1, position), dtype=np.int64)
    return saving[to_priority]
