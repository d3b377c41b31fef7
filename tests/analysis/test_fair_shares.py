"""``compare_bases``: every basis side by side, each checked against the core, against
brute force (every order of joining for Shapley, every group for the core)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedservices.analysis.costmodel import CostModel, Councils, all_savings
from sharedservices.analysis.fair_shares import compare_bases

PARTNERS = [
    {"code": "E07000121", "baseline_cost": 900_000, "workload": 60_000, "lat": 54.05, "lon": -2.8},
    {"code": "E07000123", "baseline_cost": 800_000, "workload": 55_000, "lat": 53.76, "lon": -2.7},
    {"code": "E07000127", "baseline_cost": 300_000, "workload": 20_000, "lat": 53.59, "lon": -2.8},
]


def _worths(partners) -> np.ndarray:
    councils = Councils.build(
        [p["code"] for p in partners],
        [p["baseline_cost"] for p in partners],
        [p["workload"] for p in partners],
        [p["lat"] for p in partners],
        [p["lon"] for p in partners],
    )
    return all_savings(CostModel(), councils)


def _shapley_by_orders(v: np.ndarray, n: int) -> list[float]:
    phi = [0.0] * n
    for order in itertools.permutations(range(n)):
        mask = 0
        for i in order:
            phi[i] += v[mask | (1 << i)] - v[mask]
            mask |= 1 << i
    return [p / math.factorial(n) for p in phi]


def _best_group_gain(v: np.ndarray, x: list[float], n: int) -> float:
    return max(v[m] - sum(x[i] for i in range(n) if m >> i & 1) for m in range(1, (1 << n) - 1))


def test_every_basis_side_by_side_with_the_shapley_value_by_brute_force():
    result = compare_bases({"partners": PARTNERS})
    v = _worths(PARTNERS)
    assert result["saving"] == pytest.approx(v[-1], abs=0.01)
    by_basis = {b["basis"]: b for b in result["bases"]}
    assert list(by_basis) == ["equal", "baseline_cost", "shapley", "nucleolus"]
    shapley = [by_basis["shapley"]["shares"][p["code"]] for p in PARTNERS]
    assert shapley == pytest.approx(_shapley_by_orders(v, 3), abs=0.01)
    equal = by_basis["equal"]["shares"]
    assert all(s == pytest.approx(v[-1] / 3, abs=0.01) for s in equal.values())
    cost = by_basis["baseline_cost"]["fractions"]["E07000121"]
    assert cost == pytest.approx(0.45, abs=1e-6)  # 900,000 of 2,000,000


def test_the_core_check_names_the_group_that_would_leave_and_by_how_much():
    result = compare_bases({"partners": PARTNERS})
    v = _worths(PARTNERS)
    codes = [p["code"] for p in PARTNERS]
    for basis in result["bases"]:
        x = [basis["shares"][c] for c in codes]
        gain = _best_group_gain(v, x, 3)
        assert basis["in_core"] == (gain <= 0.01)
        if not basis["in_core"]:
            group = sum(1 << codes.index(c) for c in basis["blocking_group"])
            assert v[group] - sum(basis["shares"][c] for c in basis["blocking_group"]) == (
                pytest.approx(basis["blocking_gain"], abs=0.01)
            )
            assert basis["blocking_gain"] == pytest.approx(gain, abs=0.01)


def test_the_nucleolus_is_in_the_core_whenever_the_core_has_a_split():
    result = compare_bases({"partners": PARTNERS})
    nucleolus = next(b for b in result["bases"] if b["basis"] == "nucleolus")
    assert result["core_empty"] is False and nucleolus["in_core"] is True


def test_a_basis_without_every_partners_figure_is_left_out():
    partners = [dict(p, households=1000 + i) for i, p in enumerate(PARTNERS)]
    partners[0]["custom_pct"] = 50
    bases = [b["basis"] for b in compare_bases({"partners": partners})["bases"]]
    assert "households" in bases and "custom" not in bases


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(50_000, 3_000_000),
            st.integers(1_000, 200_000),
            st.floats(50.0, 55.0),
            st.floats(-3.0, 0.0),
        ),
        min_size=2,
        max_size=5,
    )
)
def test_every_split_adds_up_and_the_core_verdict_matches_brute_force(rows):
    partners = [
        {"code": f"E0700{i:04d}", "baseline_cost": c, "workload": w, "lat": la, "lon": lo}
        for i, (c, w, la, lo) in enumerate(rows)
    ]
    result = compare_bases({"partners": partners})
    v = _worths(partners)
    n = len(partners)
    for basis in result["bases"]:
        x = [basis["shares"][p["code"]] for p in partners]
        assert sum(x) == pytest.approx(v[-1], abs=0.05)
        assert basis["in_core"] == (_best_group_gain(v, x, n) <= 0.01 + 1e-6 * abs(v[-1]))
