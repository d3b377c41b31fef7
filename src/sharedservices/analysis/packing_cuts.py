"""Cutting planes that tighten the LP bound of a set packing (Chvátal–Gomory rounding).

Why: on the England map the LP relaxation of "pick disjoint partnerships" sits
0.3% above the best packing, so the MIP solver spends its time proving, not
finding. Much of that gap is counting: a stretch of coast with 12 councils
can hold at most two partnerships of five, but the LP covers it with 2.4 of
them. For any set ``C`` of councils, adding the packing rows of ``C`` gives
``sum_j |j & C| x_j <= |C|``; dividing by ``k``, rounding the coefficients
down (``x >= 0``) and then the right side (the left side of a packing is now a
whole number) gives the valid inequality

    sum_j floor(|j & C| / k) x_j <= floor(|C| / k)

which every packing satisfies and the LP optimum often breaks. Separation is
heuristic: candidate sets are neighbourhoods on the map (when the columns
show it: every pair column is a border) and unions of the columns the LP
uses, each tried with every ``k``; the most violated cuts are added in rounds.
Three councils with ``k = 2`` give the subset-row cut of vehicle routing
(Jepsen et al. 2008): partnerships holding two of any three councils are
pairwise in conflict, so at most one of them is chosen. Those are separated
exactly, over every triple (``violated_triples``), since the map's
neighbourhoods miss most of the ones the LP breaks.
On the England instance (296 councils, partnerships of up to 5) the LP
bound is £155.88M; about 15 rounds of the map cuts take it to £155.66M in
4 s and the triples to £155.62M, against a best packing known of £155.50M
(``docs/sharing-and-coalitions.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csc_array, csr_array, vstack

MAX_K = 12  # divisors tried; a set of up to 12 councils holds at most 2 blocks of 5
TOLERANCE = 1e-4  # a cut must be violated by this much (in units of x) to be added


@dataclass
class Cuts:
    """Rows ``coef @ x <= rhs`` over the columns of one packing problem."""

    coef: csr_array  # cuts x columns
    rhs: np.ndarray

    @classmethod
    def none(cls, columns: int) -> Cuts:
        return cls(csr_array((0, columns)), np.zeros(0))

    def __len__(self) -> int:
        return len(self.rhs)

    def stack(self, other: Cuts) -> Cuts:
        return Cuts(csr_array(vstack([self.coef, other.coef])), np.r_[self.rhs, other.rhs])

    def restricted(self, columns: np.ndarray) -> Cuts:
        """The same cuts over a subset of the columns (the rest fixed at 0), empty rows dropped."""
        coef = csr_array(self.coef[:, columns])
        keep = np.diff(coef.indptr) > 0
        return Cuts(csr_array(coef[keep]), self.rhs[keep])


def map_sets(a: csc_array, radius: int = 4) -> np.ndarray:
    """Neighbourhoods on the border graph read off the pair columns (sets x rows, bool).

    ``a`` is the rows x columns packing matrix. Balls of 1..``radius`` steps
    round every council, and the unions of the 1- and 2-step balls round the
    two ends of every border and round a third council beside them. Empty when
    there are no pair columns.
    """
    rows = a.shape[0]
    sizes = np.diff(a.indptr)
    pairs = np.flatnonzero(sizes == 2)
    if not len(pairs):
        return np.zeros((0, rows), dtype=bool)
    ends = a.indices[a.indptr[pairs][:, None] + np.arange(2)]
    adj = csr_array(
        (np.ones(2 * len(ends)), (np.r_[ends[:, 0], ends[:, 1]], np.r_[ends[:, 1], ends[:, 0]])),
        shape=(rows, rows),
    )
    adj = csr_array((adj + csr_array(np.eye(rows))) > 0, dtype=float)
    ball = csr_array(np.eye(rows))
    balls = []
    for _ in range(radius):
        ball = csr_array((ball @ adj) > 0, dtype=float)
        balls.append(ball.toarray() > 0)
    sets = list(balls)
    ii, jj = adj.nonzero()
    sel = ii < jj
    ii, jj = ii[sel], jj[sel]
    nb = [adj.indices[adj.indptr[r] : adj.indptr[r + 1]] for r in range(rows)]
    tri = np.array(
        [(i, j, w) for i, j in zip(ii, jj, strict=True) for w in nb[j] if w not in (i, j)],
        dtype=np.int64,
    ).reshape(-1, 3)
    for dense in balls[:2]:
        sets.append(dense[ii] | dense[jj])
        sets.append(dense[tri[:, 0]] | dense[tri[:, 1]] | dense[tri[:, 2]])
    return np.unique(np.vstack(sets), axis=0)


def support_sets(a: csc_array, x: np.ndarray) -> np.ndarray:
    """Round every council, the union of the columns the LP point ``x`` uses
    through it (its star), and the union of the stars of those (sets x rows, bool)."""
    support = np.flatnonzero(x > 1e-7)
    if not len(support):
        return np.zeros((0, a.shape[0]), dtype=bool)
    s = csc_array(a[:, support])
    star = csr_array((s @ csc_array(s.T)) > 0, dtype=float)  # rows sharing a used column
    two = csr_array((star @ star) > 0, dtype=float)
    return np.vstack([star.toarray() > 0, two.toarray() > 0, (two @ star).toarray() > 0])


def violated_triples(a: csc_array, x: np.ndarray, limit: int = 300) -> np.ndarray:
    """The ``limit`` triples of rows whose subset-row cut the LP point ``x`` breaks most
    (sets x rows, bool).

    For rows ``{u, v, w}`` the cut's left side is the weight of the used columns
    holding at least two of them: ``P_uv + P_uw + P_vw - 2 T_uvw``, where ``P``
    is the weight of the columns through a pair and ``T`` through all three.
    Only triples with ``P_uv + P_uw + P_vw > 1`` can break it; they are found
    pair by pair, the third row vectorised.
    """
    rows = a.shape[0]
    support = np.flatnonzero(x > 1e-7)
    if not len(support):
        return np.zeros((0, rows), dtype=bool)
    used = a[:, support].toarray()  # rows x used columns, 0/1
    weight = x[support]
    pair = (used * weight) @ used.T
    np.fill_diagonal(pair, 0.0)
    found: list[tuple[float, int, int, int]] = []
    for u, v in np.argwhere(np.triu(pair) > 1e-7):
        third = np.flatnonzero(pair[u] + pair[v] > 1.0 - pair[u, v] + TOLERANCE)
        third = third[third > v]
        if not len(third):
            continue
        all_three = used[third] @ (used[u] * used[v] * weight)
        lhs = pair[u, v] + pair[u, third] + pair[v, third] - 2.0 * all_three
        for i in np.flatnonzero(lhs > 1.0 + TOLERANCE):
            found.append((float(lhs[i]), int(u), int(v), int(third[i])))
    found.sort(key=lambda t: -t[0])
    out = np.zeros((min(limit, len(found)), rows), dtype=bool)
    for i, (_, u, v, w) in enumerate(found[:limit]):
        out[i, [u, v, w]] = True
    return out


def candidate_sets(*families: np.ndarray) -> csr_array:
    """The distinct sets of two or more rows among ``families``, as a 0/1 matrix."""
    m = np.unique(np.vstack(families), axis=0)
    return csr_array(m[m.sum(axis=1) >= 2], dtype=float)


def separate(a: csc_array, x: np.ndarray, sets: csr_array, limit: int = 200) -> Cuts:
    """The ``limit`` most violated rounded cuts over ``sets`` at the LP point ``x``."""
    support = np.flatnonzero(x > 1e-7)
    if not len(support) or not sets.shape[0]:
        return Cuts.none(a.shape[1])
    counts = (sets @ csc_array(a[:, support])).toarray()  # |j & C| for the used columns
    size = np.asarray(sets.sum(axis=1)).ravel()
    found = []
    for k in range(2, MAX_K + 1):
        lhs = np.floor(counts / k) @ x[support]
        viol = lhs - np.floor(size / k)
        for s in np.flatnonzero(viol > TOLERANCE):
            found.append((viol[s], s, k))
    if not found:
        return Cuts.none(a.shape[1])
    found.sort(key=lambda t: -t[0])
    picked = found[:limit]
    chosen = sets[[s for _, s, _ in picked]]
    ks = np.array([k for _, _, k in picked], dtype=float)
    full = csr_array(chosen @ a)  # |j & C| for every column
    full.data = np.floor(full.data / np.repeat(ks, np.diff(full.indptr)))
    full.eliminate_zeros()
    coef = full
    rhs = np.floor(np.asarray(chosen.sum(axis=1)).ravel() / ks)
    return Cuts(coef, rhs)
