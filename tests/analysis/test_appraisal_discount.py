"""Discount factors: the Green Book schedules, worked by hand, and their properties."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharedservices.analysis.appraisal import Discounting, discount_factors
from sharedservices.analysis.appraisal.reference import discount_schedules

# Worked by hand. Standard schedule: 3.5% in years 1-30, 3.0% in 31-75, 2.5% in 76-125.
#   DF(30) = 1 / 1.035^30            = 1 / 2.806794  = 0.356278
#   DF(31) = DF(30) / 1.03           =                 0.345901
#   DF(75) = DF(30) / 1.03^45        = 0.356278 / 3.781596 = 0.094214
#   DF(76) = DF(75) / 1.025          =                 0.091916
STANDARD = {
    0: 1.0,
    1: 1 / 1.035,
    30: 1 / 1.035**30,
    31: 1 / (1.035**30 * 1.03),
    75: 1 / (1.035**30 * 1.03**45),
    76: 1 / (1.035**30 * 1.03**45 * 1.025),
}
STANDARD_ROUNDED = {0: 1.0, 1: 0.966184, 30: 0.356278, 31: 0.345901, 75: 0.094214, 76: 0.091916}
# Health schedule: 1.5% in years 1-30, 1.29% in 31-75, 1.07% in 76-125.
#   DF(30) = 1 / 1.015^30 = 1 / 1.563080 = 0.639762 ; DF(31) = 0.6397624 / 1.0129 = 0.631615
HEALTH = {
    0: 1.0,
    1: 1 / 1.015,
    30: 1 / 1.015**30,
    31: 1 / (1.015**30 * 1.0129),
    75: 1 / (1.015**30 * 1.0129**45),
    76: 1 / (1.015**30 * 1.0129**45 * 1.0107),
}
HEALTH_ROUNDED = {0: 1.0, 1: 0.985222, 30: 0.639762, 31: 0.631615}


@pytest.mark.parametrize(("schedule", "expected"), [("standard", STANDARD), ("health", HEALTH)])
def test_schedule_factors_at_band_edges_match_hand_working(schedule, expected):
    factors = Discounting(schedule=schedule).factors(200)
    for year, value in expected.items():
        assert factors[year] == pytest.approx(value, rel=1e-12), year


@pytest.mark.parametrize(
    ("schedule", "rounded"), [("standard", STANDARD_ROUNDED), ("health", HEALTH_ROUNDED)]
)
def test_schedule_factors_match_the_hand_rounded_figures(schedule, rounded):
    factors = Discounting(schedule=schedule).factors(100)
    for year, value in rounded.items():
        assert round(float(factors[year]), 6) == value, year


def test_year_zero_is_not_discounted_and_a_user_rate_compounds():
    factors = Discounting(schedule=None, rate=0.05).factors(3)
    assert factors.tolist() == pytest.approx([1.0, 1 / 1.05, 1 / 1.05**2])


def test_a_one_year_horizon_is_just_year_zero():
    assert discount_factors(np.array([0.035])).tolist() == [1.0]


def test_bands_after_three_hundred_years_use_the_last_rate():
    factors = Discounting(schedule="standard").factors(305)
    assert factors[302] / factors[301] == pytest.approx(1 / 1.01)
    assert factors[301] / factors[300] == pytest.approx(1 / 1.01)
    assert factors[300] / factors[299] == pytest.approx(1 / 1.015)


def test_reference_data_names_its_source_and_is_shipped_in_the_package():
    text = (
        resources.files("sharedservices.analysis.appraisal")
        .joinpath("data", "discount_schedules.json")
        .read_text()
    )
    doc = json.loads(text)
    edition = doc["editions"][doc["default_edition"]]
    assert "Green Book" in edition["source"]
    assert set(discount_schedules()) == {"standard", "health"}


@given(
    schedule=st.sampled_from(["standard", "health"]),
    horizon=st.integers(min_value=2, max_value=400),
)
def test_schedule_discount_factors_strictly_decrease(schedule, horizon):
    factors = Discounting(schedule=schedule).factors(horizon)
    assert factors[0] == 1.0
    assert np.all(np.diff(factors) < 0)


@given(
    rates=st.lists(
        st.floats(min_value=1e-4, max_value=0.5, allow_nan=False), min_size=2, max_size=200
    )
)
def test_any_positive_rates_give_strictly_decreasing_factors(rates):
    factors = discount_factors(np.array(rates))
    assert np.all(np.diff(factors) < 0)
    assert np.all(factors > 0)
