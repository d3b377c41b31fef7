"""The ranking, its parts and its switching values: a hand-worked example, then a
brute-force re-ranking over random programmes (hypothesis)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedservices.analysis import ranking
from sharedservices.analysis.errors import InputError

# Savings (weight 3), readiness (2), risk (1); scores 0-5, higher is better.
SCORES = [
    [5, 3, 2],  # A: revenues and benefits
    [3, 4, 4],  # B: licensing
    [2, 5, 3],  # C: building control
]
WEIGHTS = [3, 2, 1]


def test_hand_worked_totals_and_parts():
    r = ranking.rank(SCORES, WEIGHTS)
    # A = (15 + 6 + 2) / 6, B = (9 + 8 + 4) / 6, C = (6 + 10 + 3) / 6
    assert r.order == [0, 1, 2]
    assert [round(i.total, 4) for i in r.items] == [3.8333, 3.5, 3.1667]
    assert r.items[0].by_criterion == pytest.approx((2.5, 1.0, 2 / 6))
    assert [i.rank for i in r.items] == [1, 2, 3]


def test_hand_worked_switching_values():
    r = ranking.rank(SCORES, WEIGHTS)
    # A over B: d = (2, -1, -2), gap = 2. Savings down by 1 (to 2), risk up by 1
    # (to 2) or readiness up by 2 (to 4) makes B draw level.
    a = r.items[0].swap
    assert [(s.criterion, s.change, s.new_weight) for s in a] == [
        (0, -1.0, 2.0),
        (2, 1.0, 2.0),
        (1, 2.0, 4.0),
    ]
    # B over C: d = (1, -1, 1), gap = 2. Risk would have to fall by 2, below zero:
    # no risk weight swaps them.
    b = r.items[1].swap
    assert [(s.criterion, s.change, s.new_weight) for s in b] == [(0, -2.0, 1.0), (1, 2.0, 4.0)]
    assert r.items[2].swap == ()


def test_hand_worked_comparison():
    c = ranking.compare(SCORES, WEIGHTS, [1, 2, 1])
    # Under (1, 2, 1): A = 13, B = 15, C = 15 (B before C on the tie): B, C, A.
    assert [(m.rank_a, m.rank_b, m.moved) for m in c.items] == [(1, 3, -2), (2, 1, 1), (3, 2, 1)]
    assert (c.discordant_pairs, c.pairs) == (2, 3)
    assert c.agreement == pytest.approx(-1 / 3)


def test_ties_keep_input_order():
    r = ranking.rank([[1, 1], [2, 0], [0, 2]], [1, 1])
    assert r.order == [0, 1, 2]
    # Tied neighbours: the smallest change in the right direction swaps them.
    assert r.items[0].swap[0].change == 0.0


@pytest.mark.parametrize(
    ("scores", "weights", "path"),
    [
        ([[1, 2]], [1], "$.weights"),
        ([[1, float("nan")]], [1, 1], "$.scores"),
        ([[1, 2]], [-1, 1], "$.weights"),
        ([[1, 2]], [0, 0], "$.weights"),
        ([1, 2], [1, 1], "$.scores"),
    ],
)
def test_bad_input_is_named(scores, weights, path):
    with pytest.raises(InputError) as error:
        ranking.rank(scores, weights)
    assert error.value.problems[0].path == path


def test_no_opportunities():
    assert ranking.rank([], [1, 2]).items == ()


def oracle_order(scores, weights):
    totals = [sum(w * s for w, s in zip(weights, row, strict=True)) for row in scores]
    return sorted(range(len(scores)), key=lambda i: (-totals[i], i))


def above(order, a, b) -> bool:
    return order.index(a) < order.index(b)


programmes = st.integers(1, 5).flatmap(
    lambda m: st.tuples(
        st.lists(st.lists(st.integers(0, 5), min_size=m, max_size=m), min_size=2, max_size=8),
        st.lists(st.integers(0, 10), min_size=m, max_size=m).filter(lambda w: sum(w) > 0),
    )
)

EPS = Fraction(1, 10**6)


@settings(max_examples=150, deadline=None)
@given(programmes)
def test_against_brute_force_reranking(programme):
    scores, weights = programme
    r = ranking.rank(scores, weights)
    assert r.order == oracle_order(scores, weights)
    for item in r.items:
        assert sum(item.by_criterion) == pytest.approx(item.total)
    for upper, lower in zip(r.items, r.items[1:], strict=False):
        a, b = upper.index, lower.index
        swaps = {s.criterion: s for s in upper.swap}
        for j in range(len(weights)):
            d = scores[a][j] - scores[b][j]

            def reranked(new_weight, j=j):
                w = list(weights)
                w[j] = new_weight
                return oracle_order(scores, w) if sum(w) > 0 else None

            if j in swaps:
                s = swaps[j]
                # The exact level point, in fractions: the float answer must match it.
                gap = sum(
                    w * (x - y) for w, x, y in zip(weights, scores[a], scores[b], strict=True)
                )
                level = weights[j] - Fraction(gap, d)
                assert s.change == pytest.approx(float(level - weights[j]), abs=1e-9)
                assert s.new_weight == pytest.approx(float(level), abs=1e-9)
                direction = -1 if d > 0 else 1
                if b < a:  # level is enough: the one listed first goes first
                    assert above(reranked(level), b, a)
                else:
                    assert above(reranked(level + direction * EPS), b, a)
                short = level - direction * EPS
                if short >= 0 and (before := reranked(short)) is not None:
                    assert above(before, a, b)
            else:
                # No non-negative value of this weight alone swaps them.
                for w in (0, weights[j] / 2, weights[j], 2 * weights[j] + 1, 100):
                    order = reranked(w)
                    if order is not None:
                        assert above(order, a, b)


@settings(max_examples=100, deadline=None)
@given(programmes, st.data())
def test_comparison_matches_two_rankings(programme, data):
    scores, weights = programme
    other = data.draw(
        st.lists(st.integers(0, 10), min_size=len(weights), max_size=len(weights)).filter(
            lambda w: sum(w) > 0
        )
    )
    c = ranking.compare(scores, weights, other)
    oa, ob = oracle_order(scores, weights), oracle_order(scores, other)
    for m in c.items:
        assert m.rank_a == oa.index(m.index) + 1
        assert m.rank_b == ob.index(m.index) + 1
    n = len(scores)
    discordant = sum(
        1 for i in range(n) for k in range(i + 1, n) if above(oa, i, k) != above(ob, i, k)
    )
    assert c.discordant_pairs == discordant
