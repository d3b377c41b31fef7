import math

import numpy as np
import pytest

from sharedservices.analysis.bitsets import members
from sharedservices.analysis.costmodel import (
    EARTH_RADIUS_KM,
    CostModel,
    Councils,
    all_savings,
    batch_savings,
    coalition_saving,
    haversine_km,
    hub_of,
    membership_savings,
)


def two_councils():
    # A: cost 300, workload 400 at (0, 0); B: cost 200, workload 100 at (0, 1)
    return Councils.build(["E07000001", "E07000002"], [300, 200], [400, 100], [0, 0], [0, 1])


def test_hand_worked_two_council_saving():
    model = CostModel(scale_exponent=0.5, governance_cost=10, distance_cost_per_km=0.1)
    # sum c = 500; sum V^b = sqrt(400) + sqrt(100) = 20 + 10 = 30; (sum V)^b = sqrt(500)
    # scale cost = 500 / 30 * 22.360680 = 372.678
    # governance = 10 * (2 - 1) = 10
    # hub = A (larger workload); B is one degree of longitude away on the equator:
    #   6371.0088 * pi / 180 = 111.195 km, so distance cost = 0.1 * 111.195 = 11.1195
    # cost = 372.678 + 10 + 11.1195 = 393.797; saving = 500 - 393.797 = 106.203
    km = EARTH_RADIUS_KM * math.pi / 180
    expected = 500 - (500 / 30 * math.sqrt(500) + 10 + 0.1 * km)
    assert expected == pytest.approx(106.203, abs=1e-3)
    assert coalition_saving(model, two_councils(), [0, 1]) == pytest.approx(expected, rel=1e-12)


def test_alone_saves_exactly_nothing():
    c = two_councils()
    assert coalition_saving(CostModel(), c, [1]) == 0.0
    v = all_savings(CostModel(), c)
    assert v[1] == 0.0 and v[2] == 0.0


def test_hub_ties_go_to_the_smallest_code():
    c = Councils.build(["E07000009", "E07000003"], [1, 1], [50, 50], [0, 0], [0, 0])
    assert hub_of(c, [0, 1]) == 1


def test_haversine_quarter_meridian():
    assert haversine_km(0, 0, 90, 0) == pytest.approx(EARTH_RADIUS_KM * math.pi / 2)


def test_vectorised_forms_agree_with_the_readable_one():
    rng = np.random.default_rng(3)
    n = 9
    c = Councils.build(
        [f"E0700{i:04d}" for i in range(n)],
        rng.lognormal(13, 0.4, n),
        rng.integers(1, 4, n) * 1000.0,  # ties in workload exercise the hub rule
        rng.uniform(51, 54, n),
        rng.uniform(-3, 0, n),
    )
    model = CostModel(0.8, 30_000, 700)
    table = all_savings(model, c)
    for m in range(1, 1 << n):
        assert table[m] == pytest.approx(coalition_saving(model, c, members(m)), abs=1e-6)
    x = (np.arange(1 << n)[:, None] >> np.arange(n)) & 1
    assert np.allclose(membership_savings(model, c, x.astype(bool)), table, atol=1e-6)
    rows = np.array([[0, 3, 5], [1, 2, 8]])
    got = batch_savings(model, c, rows)
    assert got == pytest.approx([table[0b101001], table[0b100000110]], abs=1e-6)
