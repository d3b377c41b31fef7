"""Optimism bias: project-type bounds, mitigation and combined projects, worked by hand."""

from __future__ import annotations

import pytest

from sharedservices.analysis.appraisal import mitigated_uplift, project_type_uplift, run
from sharedservices.analysis.appraisal.reference import optimism_bias_table


def test_guidance_bounds_are_read_from_the_data_file():
    table = optimism_bias_table()
    capital = table.project_types["standard_buildings"].measures["capital_expenditure"]
    assert (capital.upper, capital.lower) == (0.24, 0.02)
    assert table.project_types["equipment_development"].measures["capital_expenditure"].upper == 2.0
    outsourcing = table.project_types["outsourcing"].measures["operating_expenditure"]
    assert (outsourcing.upper, outsourcing.lower) == (0.41, 0.0)
    assert "Optimism Bias" in table.source


def test_mitigation_moves_the_uplift_from_the_upper_bound_toward_the_lower():
    # Standard buildings, capital: upper 24%, lower 2%.
    # No mitigation: 24%. Half the risks managed: 24% x (1 - 0.5) = 12%.
    # 95% managed: 24% x 0.05 = 1.2%, below the lower bound, so 2%.
    assert project_type_uplift("capital", {"standard_buildings": 1.0}).uplift == 0.24
    assert project_type_uplift("capital", {"standard_buildings": 1.0}, 0.5).uplift == (
        pytest.approx(0.12)
    )
    assert project_type_uplift("capital", {"standard_buildings": 1.0}, 0.95).uplift == 0.02
    assert mitigated_uplift(0.41, 0.0, 1.0) == 0.0


def test_combined_project_weights_bounds_by_share_of_capital_cost():
    # The guidance's own worked example: 30% non-standard (51%) + 70% standard (24%) buildings
    # = 15.3% + 16.8% = 32.1% upper; lower 30% x 4% + 70% x 2% = 2.6%.
    # With mitigation 0.4: 32.1% x 0.6 = 19.26%.
    combined = {"non_standard_buildings": 0.3, "standard_buildings": 0.7}
    assert project_type_uplift("capital", combined).uplift == pytest.approx(0.321)
    mitigated = project_type_uplift("capital", combined, 0.4)
    assert mitigated.uplift == pytest.approx(0.1926)
    assert mitigated.lower == pytest.approx(0.026)


def test_running_costs_take_the_outsourcing_operating_uplift():
    assert project_type_uplift("running", {"outsourcing": 1.0}, 0.5).uplift == pytest.approx(0.205)


def test_option_uplift_by_project_type_is_applied_and_shown_apart_from_raw_costs():
    doc = {
        "start_year": 2026,
        "price_base_year": 2026,
        "horizon_years": 3,
        "options": [
            {"name": "Do nothing", "lines": []},
            {
                "name": "New building",
                "optimism_bias": {
                    "capital": {"project_type": "standard_buildings", "mitigation": 0.5},
                    "running": {"project_types": {"outsourcing": 1.0}},
                },
                "lines": [
                    {
                        "name": "Build",
                        "kind": "cost",
                        "category": "capital",
                        "values": {"2026": 1000},
                    },
                    {"name": "Run", "kind": "cost", "category": "running", "values": {"2026": 100}},
                    {
                        "name": "Move",
                        "kind": "cost",
                        "category": "transition",
                        "values": {"2026": 50},
                    },
                    {
                        "name": "Save",
                        "kind": "benefit",
                        "category": "cashable-saving",
                        "values": {"2026": 500},
                    },
                ],
            },
        ],
    }
    option = run(doc)["options"][1]
    # 1000 x 1.12 + 100 x 1.41 + 50 (no transition uplift given) = 1311; benefits not uplifted.
    assert option["pv_costs"] == pytest.approx(1311)
    assert option["raw"]["pv_costs"] == pytest.approx(1150)
    assert option["optimism_bias"]["pv"] == pytest.approx(161)
    assert option["pv_benefits"] == 500
    capital = option["optimism_bias"]["uplifts"]["capital"]
    assert capital["uplift"] == pytest.approx(0.12)
    assert (capital["upper"], capital["lower"], capital["mitigation"]) == (0.24, 0.02, 0.5)
    lines = {line["name"]: line for line in option["lines"]}
    assert lines["Build"]["pv_raw"] == 1000
    assert lines["Build"]["pv"] == pytest.approx(1120)
