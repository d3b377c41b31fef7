"""Weighted prioritisation that explains itself (seed 002, question 8: "what methods
could we use to help select and prioritise the potential areas for shared services?").

Each opportunity ``i`` has a score ``s[i, j]`` on each criterion ``j`` and the
programme gives each criterion a weight ``w[j] >= 0``. An opportunity's total is
the weighted average ``sum_j w[j] s[i, j] / sum_j w[j]``, so it stays on the scoring
scale, and its part from criterion ``j`` is ``w[j] s[i, j] / sum(w)``: the parts add
up to the total, which is how the ranked list shows how each total is made up.

Switching values (the Green Book's term for the change in one input that would
change a decision): for each pair of neighbours ``a`` above ``b``, and each
criterion ``j``, the change ``delta`` to ``w[j]`` alone at which ``b`` draws level
with ``a``. With ``d = s[a] - s[b]`` and ``gap = w . d >= 0`` (the totals' order does
not depend on the divisor, which is the same for both), ``gap + delta d[j] = 0``
gives ``delta = -gap / d[j]``. Any change beyond it puts ``b`` above ``a`` (at the level
point itself the one listed first goes first). There is none when no weight change
can do it: ``d[j] = 0`` (the weight does not separate them) or the weight would have
to fall below zero.

Ties are broken by input order (the earlier opportunity ranks higher), so a
ranking is a deterministic function of its input. No Django: plain lists and
numpy in, dataclasses out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from sharedservices.analysis.errors import InputError, Problem

MAX_OPPORTUNITIES = 10_000
MAX_CRITERIA = 100


class Swap(NamedTuple):
    """Changing the weight of ``criterion`` by ``change`` (to ``new_weight``) makes the
    next opportunity draw level (and go first if it was listed first); any further
    change in that direction swaps them. A named tuple: a ranking of 200 has ~1,600."""

    criterion: int
    change: float
    new_weight: float


@dataclass(frozen=True)
class RankedItem:
    index: int  # position in the input
    rank: int  # 1 is first
    total: float
    by_criterion: tuple[float, ...]  # parts of the total, adding up to it
    swap: tuple[Swap, ...]  # with the next one in the ranking, smallest change first


@dataclass(frozen=True)
class Ranking:
    items: tuple[RankedItem, ...]  # in ranked order
    weights: tuple[float, ...]

    @property
    def order(self) -> list[int]:
        return [item.index for item in self.items]


@dataclass(frozen=True)
class Movement:
    index: int
    rank_a: int
    rank_b: int
    total_a: float
    total_b: float

    @property
    def moved(self) -> int:
        """Places gained going from weight set A to weight set B (negative: lost)."""
        return self.rank_a - self.rank_b


@dataclass(frozen=True)
class Comparison:
    items: tuple[Movement, ...]  # in input order
    discordant_pairs: int  # pairs ranked in opposite orders (Kendall distance)
    pairs: int

    @property
    def agreement(self) -> float:
        """Kendall's tau between the two rankings: 1 the same order, -1 reversed."""
        if self.pairs == 0:
            return 1.0
        return 1.0 - 2.0 * self.discordant_pairs / self.pairs


def _matrix(scores, weights) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(scores, dtype=float)
    w = np.asarray(weights, dtype=float)
    problems: list[Problem] = []
    if s.ndim == 1 and s.size == 0:
        s = s.reshape(0, w.size)
    if s.ndim != 2:
        problems.append(Problem("$.scores", "Scores must be a table: one row per opportunity"))
    elif w.ndim != 1 or w.size != s.shape[1]:
        problems.append(Problem("$.weights", "Give one weight for each criterion"))
    else:
        if s.shape[0] > MAX_OPPORTUNITIES:
            problems.append(Problem("$.scores", f"At most {MAX_OPPORTUNITIES:,} opportunities"))
        if s.shape[1] > MAX_CRITERIA:
            problems.append(Problem("$.weights", f"At most {MAX_CRITERIA} criteria"))
        if not np.isfinite(s).all():
            problems.append(Problem("$.scores", "Every score must be a finite number"))
        if not np.isfinite(w).all() or (w < 0).any():
            problems.append(Problem("$.weights", "Weights must be finite and not negative"))
        elif w.size and w.sum() <= 0:
            problems.append(Problem("$.weights", "At least one weight must be above zero"))
    if problems:
        raise InputError(problems)
    return s, w


def order_by_totals(totals: np.ndarray) -> np.ndarray:
    """Indices best first; equal totals keep input order (a stable sort)."""
    return np.argsort(-totals, kind="stable")


def switching_values(scores, weights, order) -> np.ndarray:
    """``delta[k, j]``: the change to weight ``j`` alone at which the opportunity ranked
    ``k + 2`` draws level with the one ranked ``k + 1``; NaN when none can."""
    s, w = np.asarray(scores, dtype=float), np.asarray(weights, dtype=float)
    order = np.asarray(order)
    if order.size < 2:
        return np.empty((0, w.size))
    upper, lower = order[:-1], order[1:]
    d = s[upper] - s[lower]  # (n - 1, m): upper minus lower
    gap = d @ w  # >= 0 by the ordering
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = -gap[:, None] / d
    new = w[None, :] + delta
    tol = 1e-12 * max(1.0, float(np.abs(w).max(initial=0.0)))
    # Raising a weight is always possible. Lowering it must leave it at zero or above:
    # strictly above when a level total keeps the upper one first (it was listed
    # first), exactly zero allowed when the lower one was listed first and so goes
    # first once level, as long as some other weight is left above zero.
    lower_listed_first = (lower < upper)[:, None]
    others_left = (w.sum() - w)[None, :] > tol
    at_zero = (np.abs(new) <= tol) & lower_listed_first & others_left
    feasible = (d != 0) & ((d < 0) | (new > tol) | at_zero)
    delta = np.where(feasible, np.where(at_zero, -w[None, :], delta), np.nan)
    return delta + 0.0  # no negative zeros


def rank(scores: Sequence[Sequence[float]], weights: Sequence[float]) -> Ranking:
    """Rank opportunities by weighted total, with each total's parts and the weight
    changes that would swap each opportunity with the next one."""
    s, w = _matrix(scores, weights)
    share = w / w.sum() if w.size else w
    parts = s * share[None, :]
    # Ordered on the undivided sums: exact for whole-number scores and weights, where
    # dividing first could split a true tie by rounding.
    raw = s @ w
    totals = raw / w.sum() if w.size else raw
    order = order_by_totals(raw)
    delta = switching_values(s, w, order)
    # Each pair's swaps, smallest change first: one sort for all pairs, NaN (none) last.
    by_size = np.argsort(np.where(np.isnan(delta), np.inf, np.abs(delta)), axis=1, kind="stable")
    counts = (~np.isnan(delta)).sum(axis=1).tolist()
    changes = np.take_along_axis(delta, by_size, axis=1).tolist()
    new_weights = (np.take_along_axis(delta, by_size, axis=1) + w[by_size]).tolist()
    criteria = by_size.tolist()
    part_rows = parts.tolist()
    total_list = totals.tolist()
    items = []
    for position, i in enumerate(order.tolist()):
        swaps: tuple[Swap, ...] = ()
        if position < len(counts):
            k = counts[position]
            swaps = tuple(
                Swap(j, c + 0.0, nw)
                for j, c, nw in zip(
                    criteria[position][:k],
                    changes[position][:k],
                    new_weights[position][:k],
                    strict=True,
                )
            )
        items.append(
            RankedItem(
                index=i,
                rank=position + 1,
                total=total_list[i],
                by_criterion=tuple(part_rows[i]),
                swap=swaps,
            )
        )
    return Ranking(items=tuple(items), weights=tuple(float(x) for x in w))


def ranks_of(order: np.ndarray) -> np.ndarray:
    """Rank (1 first) of each input index, from an order."""
    r = np.empty(len(order), dtype=int)
    r[np.asarray(order, dtype=int)] = np.arange(1, len(order) + 1)
    return r


def compare(scores, weights_a, weights_b) -> Comparison:
    """The same opportunities ranked under two weight sets, side by side."""
    a, b = rank(scores, weights_a), rank(scores, weights_b)
    ra, rb = ranks_of(np.array(a.order, dtype=int)), ranks_of(np.array(b.order, dtype=int))
    total_a = {item.index: item.total for item in a.items}
    total_b = {item.index: item.total for item in b.items}
    n = len(ra)
    # A pair is discordant when the two rankings put it in opposite orders.
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    da = np.sign(ra[:, None] - ra[None, :])
    db = np.sign(rb[:, None] - rb[None, :])
    discordant = int(((da * db) < 0)[upper].sum())
    return Comparison(
        items=tuple(
            Movement(
                index=i,
                rank_a=int(ra[i]),
                rank_b=int(rb[i]),
                total_a=total_a[i],
                total_b=total_b[i],
            )
            for i in range(n)
        ),
        discordant_pairs=discordant,
        pairs=n * (n - 1) // 2,
    )
