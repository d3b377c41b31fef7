import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedservices.analysis.bitsets import subset_sums
from sharedservices.analysis.games import (
    core_check,
    graph_restricted,
    least_core,
    myerson,
    nucleolus,
    shapley,
    shapley_sampled,
)

from .helpers import random_game, shapley_by_permutations

games = st.integers(1, 6).flatmap(
    lambda n: st.lists(
        st.floats(-1e6, 1e6, allow_nan=False), min_size=(1 << n) - 1, max_size=(1 << n) - 1
    ).map(lambda xs: np.array([0.0, *xs]))
)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_shapley_matches_the_average_over_every_order(n):
    v = random_game(np.random.default_rng(n), n)
    assert shapley(v) == pytest.approx(shapley_by_permutations(v), abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(games)
def test_shapley_shares_add_up_to_the_grand_worth(v):
    assert shapley(v).sum() == pytest.approx(v[-1], abs=1e-6 * max(1, np.abs(v).max()))


@settings(max_examples=40, deadline=None)
@given(games, st.data())
def test_symmetric_players_get_the_same_and_dummies_their_own_worth(v, data):
    n = len(v).bit_length() - 1
    if n < 3:
        return
    # make players 0 and 1 symmetric: v(S+0) = v(S+1) for S without both
    for m in range(1 << n):
        if m & 1 and not m & 2:
            v[m] = v[(m ^ 1) | 2]
    # make the last player a dummy worth w alone
    w = data.draw(st.floats(-1e3, 1e3))
    last = 1 << (n - 1)
    for m in range(last):
        v[m | last] = v[m] + w
    phi = shapley(v)
    scale = 1e-6 * max(1, np.abs(v).max())
    assert phi[0] == pytest.approx(phi[1], abs=scale)
    assert phi[-1] == pytest.approx(w, abs=scale)


def test_sampled_shapley_covers_the_exact_value():
    rng = np.random.default_rng(5)
    n = 8
    v = random_game(rng, n)
    exact = shapley(v)

    def worth(x):
        return v[(x.astype(np.int64) << np.arange(n)).sum(axis=1)]

    est = shapley_sampled(worth, n, permutations=4000, seed=1)
    assert est.value.sum() == pytest.approx(v[-1])
    assert np.all(np.abs(est.value - exact) <= 2 * est.half_width + 1e-9)


def test_myerson_on_a_line_graph():
    # players 0 - 1 - 2 in a line, v = 1 for the grand coalition only (unanimity game)
    v = np.zeros(8)
    v[7] = 1.0
    adjacency = [0b010, 0b101, 0b010]
    # the restricted game keeps v(N) = 1 (N is connected); {0,2} is not connected
    assert graph_restricted(v, adjacency)[0b101] == 0
    assert myerson(v, adjacency) == pytest.approx([1 / 3, 1 / 3, 1 / 3])
    # with v({0,2}) = 1 the pair is not connected, so it is worth nothing restricted
    v[0b101] = 1.0
    assert myerson(v, adjacency) == pytest.approx(shapley(graph_restricted(v, adjacency)))
    assert myerson(v, adjacency)[1] == pytest.approx(1 / 3)


def test_core_check_against_every_coalition():
    rng = np.random.default_rng(11)
    for _ in range(30):
        n = int(rng.integers(2, 7))
        v = random_game(rng, n)
        x = rng.normal(size=n)
        x += (v[-1] - x.sum()) / n
        xs = subset_sums(x)
        brute = all(xs[m] >= v[m] - 1e-9 for m in range(1, (1 << n) - 1))
        assert core_check(v, x).in_core == brute


def test_least_core_is_non_positive_exactly_when_a_core_allocation_exists():
    # glove game: 0 has a left glove, 1 and 2 right gloves; core = {(1, 0, 0)}
    v = np.zeros(8)
    v[0b011] = v[0b101] = v[0b111] = 1.0
    lc = least_core(v)
    assert lc.epsilon == pytest.approx(0.0, abs=1e-9)
    assert core_check(v, lc.allocation).in_core
    # majority game: any two of three win; the core is empty
    w = np.zeros(8)
    w[0b011] = w[0b101] = w[0b110] = w[0b111] = 1.0
    assert least_core(w).epsilon == pytest.approx(1 / 3)


def _sorted_excesses(v, x):
    e = v - subset_sums(x)
    return np.sort(e[1:-1])[::-1]


def test_nucleolus_is_lexicographically_least_among_imputations_of_tiny_games():
    rng = np.random.default_rng(2)
    for _ in range(15):
        v = random_game(rng, 3)
        v[[1, 2, 4]] = 0.0
        v[7] = abs(v[7]) + 1
        nu = nucleolus(v).allocation
        assert nu.sum() == pytest.approx(v[7])
        mine = _sorted_excesses(v, nu)
        grid = np.linspace(0, v[7], 61)
        for a, b in itertools.product(grid, grid):
            if a + b <= v[7]:
                other = _sorted_excesses(v, np.array([a, b, v[7] - a - b]))
                diff = other - mine
                first = diff[np.abs(diff) > 1e-7]
                assert len(first) == 0 or first[0] > 0


def test_nucleolus_of_known_games():
    glove = np.zeros(8)
    glove[0b011] = glove[0b101] = glove[0b111] = 1.0
    assert nucleolus(glove).allocation == pytest.approx([1, 0, 0], abs=1e-7)
    majority = np.zeros(8)
    majority[0b011] = majority[0b101] = majority[0b110] = majority[0b111] = 1.0
    assert nucleolus(majority).allocation == pytest.approx([1 / 3] * 3, abs=1e-7)


@pytest.mark.parametrize("n", [4, 6, 8])
def test_nucleolus_agrees_with_coopgame(n):
    coopgame = pytest.importorskip("coopgame")
    rng = np.random.default_rng(n)
    v = random_game(rng, n)
    v[[1 << i for i in range(n)]] = 0.0
    v[-1] = max(v[-1], 1.0)
    ours = nucleolus(v).allocation
    theirs = coopgame.nucleolus(coopgame.Game(list(v[1:])))
    theirs = np.array(theirs["allocation"] if isinstance(theirs, dict) else theirs)
    assert ours == pytest.approx(theirs, abs=1e-6)
