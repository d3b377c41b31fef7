"""Monte Carlo: convergence to the deterministic NPSV, seeds, chunking, groups, distributions."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from sharedservices.analysis.appraisal import appraise_options, run, simulate, validate
from sharedservices.analysis.appraisal import distributions as dist
from sharedservices.analysis.appraisal.model import MonteCarloSettings
from sharedservices.analysis.appraisal.montecarlo import draw_factors, factor_model
from tests.analysis.test_appraisal_engine import ISSUE_EXAMPLE

SYMMETRIC = [
    {"distribution": "triangular", "low": 0.8, "mode": 1.0, "high": 1.2},
    {"distribution": "pert", "low": 0.7, "mode": 1.0, "high": 1.3},
    {"distribution": "uniform", "low": 0.9, "high": 1.1},
    {"distribution": "normal", "mean": 1.0, "sd": 0.1},
]


def uncertain_case(uncertainties: list[dict], iterations: int = 200_000, seed: int = 7) -> dict:
    """Two costs and two benefits over five years, each line with its own uncertainty."""
    names = [
        ("Systems", "cost", "capital", {"2026": 400_000}),
        ("Team", "cost", "running", {str(y): 90_000 for y in range(2026, 2031)}),
        ("Savings", "benefit", "cashable-saving", {str(y): 150_000 for y in range(2027, 2031)}),
        ("Quality", "benefit", "non-cashable-benefit", {str(y): 30_000 for y in range(2028, 2031)}),
    ]
    lines = [
        {
            "name": name,
            "kind": kind,
            "category": category,
            "values": values,
            "uncertainty": uncertainties[j % len(uncertainties)],
        }
        for j, (name, kind, category, values) in enumerate(names)
    ]
    return {
        "start_year": 2026,
        "price_base_year": 2026,
        "horizon_years": 5,
        "options": [
            {"name": "Do nothing", "lines": []},
            {"name": "Share", "optimism_bias": {"capital": 0.24}, "lines": lines},
        ],
        "monte_carlo": {"iterations": iterations, "seed": seed},
    }


@pytest.mark.parametrize("uncertainty", SYMMETRIC, ids=lambda u: u["distribution"])
def test_mean_converges_to_the_deterministic_npsv_for_symmetric_distributions(uncertainty):
    result = run(uncertain_case([uncertainty]))
    deterministic = result["options"][1]["npsv"]
    stats = result["monte_carlo"]["Share"]
    standard_error = stats["sd"] / np.sqrt(200_000)
    assert stats["sd"] > 0
    assert abs(stats["mean"] - deterministic) < 5 * standard_error
    assert stats["p5"] < stats["p50"] < stats["p95"]
    assert stats["p50"] == pytest.approx(deterministic, abs=10 * standard_error)


def test_mixed_symmetric_distributions_also_converge():
    result = run(uncertain_case(SYMMETRIC))
    stats = result["monte_carlo"]["Share"]
    assert abs(stats["mean"] - result["options"][1]["npsv"]) < 5 * stats["sd"] / np.sqrt(200_000)


def test_same_seed_same_result_and_the_seed_is_reported():
    first = run(uncertain_case(SYMMETRIC, iterations=20_000, seed=42))
    second = run(uncertain_case(SYMMETRIC, iterations=20_000, seed=42))
    other = run(uncertain_case(SYMMETRIC, iterations=20_000, seed=43))
    assert first["monte_carlo"] == second["monte_carlo"]
    assert first["monte_carlo"]["Share"]["mean"] != other["monte_carlo"]["Share"]["mean"]
    assert first["monte_carlo_settings"]["seed"] == 42


def test_a_run_without_a_seed_reports_one_that_repeats_it():
    doc = uncertain_case(SYMMETRIC, iterations=5_000)
    del doc["monte_carlo"]["seed"]
    first = run(doc)
    doc["monte_carlo"]["seed"] = first["monte_carlo_settings"]["seed"]
    assert run(doc)["monte_carlo"] == first["monte_carlo"]


def test_results_do_not_depend_on_the_chunk_size():
    doc = uncertain_case([*SYMMETRIC, {**SYMMETRIC[0], "group": "g"}], iterations=10_000)
    doc["options"][1]["lines"][1]["uncertainty"] = {**SYMMETRIC[1], "group": "g"}
    appraisal = validate(doc)
    figures = appraise_options(appraisal)
    whole = simulate(figures, appraisal.monte_carlo, chunk_size=10_000).npsv
    for chunk in (1, 333, 4096):
        # Same draws; only the matrix product's summation order may change the last bit.
        npsv = simulate(figures, appraisal.monte_carlo, chunk_size=chunk).npsv
        np.testing.assert_allclose(npsv, whole, rtol=1e-12, atol=1e-6)


def test_lines_in_one_group_move_together():
    # A cost and a benefit of equal value in one group cancel in every iteration;
    # drawn independently they do not.
    doc = {
        "start_year": 2026,
        "price_base_year": 2026,
        "horizon_years": 1,
        "options": [
            {"name": "Do nothing", "lines": []},
            {
                "name": "Pair",
                "lines": [
                    {
                        "name": kind,
                        "kind": kind,
                        "category": category,
                        "values": {"2026": 1000},
                        "uncertainty": {"distribution": "uniform", "low": 0.5, "high": 1.5},
                    }
                    for kind, category in (("cost", "running"), ("benefit", "cashable-saving"))
                ],
            },
        ],
        "monte_carlo": {"iterations": 10_000, "seed": 3},
    }
    independent = run(doc)["monte_carlo"]["Pair"]
    assert independent["sd"] > 100
    for line in doc["options"][1]["lines"]:
        line["uncertainty"]["group"] = "demand"
    together = run(doc)
    assert together["monte_carlo"]["Pair"]["sd"] == pytest.approx(0, abs=1e-9)
    assert together["monte_carlo_settings"]["random_streams"] == 1


def test_a_group_with_different_distributions_shares_one_draw_so_ranks_agree():
    doc = uncertain_case(SYMMETRIC, iterations=2_000)
    for j, line in enumerate(doc["options"][1]["lines"]):
        line["uncertainty"] = {**SYMMETRIC[j], "group": "economy"}
    figures = appraise_options(validate(doc))
    model = factor_model(figures)
    assert len(model.streams) == 1 and len(model.streams[0].columns) == 4
    rng = [np.random.default_rng(1)]
    factors = draw_factors(model, rng, 2_000, np.empty((2_000, 4)))
    order = np.argsort(factors[:, 0])
    for column in range(1, 4):
        assert np.all(np.diff(factors[order, column]) >= -1e-12)


def test_groups_span_options_so_options_share_the_same_scenario():
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    doc["options"].append(copy.deepcopy(doc["options"][1]))
    doc["options"][2]["name"] = "Shared service copy"
    for option in doc["options"][1:]:
        option["lines"][1]["uncertainty"]["group"] = "staff"
    doc["monte_carlo"] = {"iterations": 5_000, "seed": 9}
    appraisal = validate(doc)
    sim = simulate(appraise_options(appraisal), appraisal.monte_carlo)
    assert np.array_equal(sim.npsv[:, 1], sim.npsv[:, 2])


def test_probabilities_and_histogram_are_consistent():
    result = run(uncertain_case(SYMMETRIC, iterations=50_000))
    share = result["monte_carlo"]["Share"]
    assert sum(share["histogram"]["counts"]) == 50_000
    assert len(share["histogram"]["edges"]) == 21
    assert 0 <= share["prob_negative"] <= 1
    total = sum(stats["prob_preferred"] for stats in result["monte_carlo"].values())
    assert total == pytest.approx(1)
    assert result["monte_carlo"]["Do nothing"]["sd"] == 0
    assert share["vs_do_nothing"]["mean"] == pytest.approx(share["mean"])


def test_optimism_bias_can_be_left_out_of_the_simulation():
    doc = uncertain_case(SYMMETRIC, iterations=20_000)
    with_ob = run(doc)
    doc["monte_carlo"]["apply_optimism_bias"] = False
    without = run(doc)
    option = with_ob["options"][1]
    gap = without["monte_carlo"]["Share"]["mean"] - with_ob["monte_carlo"]["Share"]["mean"]
    assert gap == pytest.approx(option["optimism_bias"]["pv"], rel=0.02)


def test_an_appraisal_with_no_uncertain_lines_gives_a_point_distribution():
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    del doc["options"][1]["lines"][1]["uncertainty"]
    doc["monte_carlo"] = {"iterations": 100, "seed": 1}
    result = run(doc)
    stats = result["monte_carlo"]["Shared service"]
    assert stats["mean"] == pytest.approx(result["options"][1]["npsv"])
    assert stats["sd"] == pytest.approx(0, abs=1e-6)


@pytest.mark.parametrize(
    "distribution",
    [
        dist.Triangular(0.7, 1.0, 1.1),
        dist.Pert(0.5, 0.9, 2.0),
        dist.TruncatedNormal(0.5, 0.5),
        dist.Uniform(0.2, 1.4),
    ],
    ids=repr,
)
def test_samplers_and_quantile_functions_agree_with_the_distribution_mean(distribution):
    rng = np.random.default_rng(11)
    drawn = distribution.sample(rng, 400_000)
    by_quantile = distribution.ppf(rng.random(400_000))
    assert drawn.min() >= 0
    for values in (drawn, by_quantile):
        assert values.mean() == pytest.approx(distribution.mean(), abs=4 * values.std() / 632)


def test_monte_carlo_settings_default_when_only_asked_for():
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    doc["monte_carlo"] = {}
    result = run(doc)
    assert result["monte_carlo_settings"]["iterations"] == MonteCarloSettings().iterations
