"""A programme's ranking: its models turned into ``analysis.ranking``'s input, in
one place, and the answer turned back into rows the page and the API show.

Only opportunities still being explored are ranked (live ones are done, and those
not pursued are out), and only once they have a score on every criterion: the
others are listed as waiting for scores rather than ranked as if they scored 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from sharedservices.analysis import ranking
from sharedservices.programme.models import EXPLORING, Opportunity, Programme, WeightSet


@dataclass
class Part:
    criterion: object
    score: int
    weight: float
    part: float


@dataclass
class SwapRow:
    criterion: object
    change: float
    new_weight: float


@dataclass
class Row:
    opportunity: Opportunity
    rank: int
    total: float
    parts: list[Part]
    swaps: list[SwapRow]
    next_opportunity: Opportunity | None


@dataclass
class ProgrammeRanking:
    weight_set: WeightSet
    criteria: list
    rows: list[Row]
    unscored: list[Opportunity]
    weight_total: float = 0.0


def _inputs(programme: Programme, user):
    criteria = list(programme.criteria.all())
    candidates = list(
        Opportunity.objects.visible_to(user)
        .filter(programme=programme, stage__in=EXPLORING)
        .prefetch_related("scores")
        .order_by("created_at", "pk")
    )
    scored, unscored, matrix = [], [], []
    for o in candidates:
        by = {s.criterion_id: s.value for s in o.scores.all()}
        if criteria and all(c.pk in by for c in criteria):
            scored.append(o)
            matrix.append([by[c.pk] for c in criteria])
        else:
            unscored.append(o)
    return criteria, scored, unscored, matrix


def weights_of(weight_set: WeightSet, criteria) -> list[float]:
    values = {w.criterion_id: float(w.value) for w in weight_set.weights.all()}
    return [values.get(c.pk, 0.0) for c in criteria]


def programme_ranking(*, programme: Programme, weight_set: WeightSet, user) -> ProgrammeRanking:
    criteria, scored, unscored, matrix = _inputs(programme, user)
    weights = weights_of(weight_set, criteria)
    result = ranking.rank(matrix, weights) if criteria else ranking.Ranking((), ())
    rows = []
    for position, item in enumerate(result.items):
        o = scored[item.index]
        following = result.items[position + 1] if position + 1 < len(result.items) else None
        rows.append(
            Row(
                opportunity=o,
                rank=item.rank,
                total=item.total,
                parts=[
                    Part(criterion=c, score=int(matrix[item.index][j]), weight=weights[j], part=p)
                    for j, (c, p) in enumerate(zip(criteria, item.by_criterion, strict=True))
                ],
                swaps=[
                    SwapRow(
                        criterion=criteria[s.criterion], change=s.change, new_weight=s.new_weight
                    )
                    for s in item.swap
                ],
                next_opportunity=scored[following.index] if following else None,
            )
        )
    return ProgrammeRanking(
        weight_set=weight_set,
        criteria=criteria,
        rows=rows,
        unscored=unscored,
        weight_total=sum(weights),
    )


@dataclass
class ComparedRow:
    opportunity: Opportunity
    rank_a: int
    rank_b: int
    total_a: float
    total_b: float
    moved: int


def compare_weight_sets(*, programme: Programme, a: WeightSet, b: WeightSet, user):
    """The ranked opportunities under two weight sets, side by side, in A's order."""
    criteria, scored, _, matrix = _inputs(programme, user)
    if not scored:
        return [], 1.0
    c = ranking.compare(matrix, weights_of(a, criteria), weights_of(b, criteria))
    rows = [
        ComparedRow(
            opportunity=scored[m.index],
            rank_a=m.rank_a,
            rank_b=m.rank_b,
            total_a=m.total_a,
            total_b=m.total_b,
            moved=m.moved,
        )
        for m in c.items
    ]
    rows.sort(key=lambda r: r.rank_a)
    return rows, c.agreement
