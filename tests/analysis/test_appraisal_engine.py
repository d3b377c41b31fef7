"""The deterministic appraisal through ``run``: hand-worked NPSV, payback, do-nothing, partners."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedservices.analysis.appraisal import appraise_options, run, validate

ISSUE_EXAMPLE = {
    "start_year": 2026,
    "price_base_year": 2026,
    "horizon_years": 10,
    "discount": {"schedule": "standard"},
    "options": [
        {"name": "Do nothing", "lines": []},
        {
            "name": "Shared service",
            "optimism_bias": {"capital": 0.24, "transition": 0.24, "running": 0.0},
            "lines": [
                {
                    "name": "ICT integration",
                    "kind": "cost",
                    "category": "capital",
                    "values": {"2026": 250000, "2027": 50000},
                },
                {
                    "name": "Staff savings",
                    "kind": "benefit",
                    "category": "cashable-saving",
                    "values": {"2027": 180000, "2028": 180000},
                    "uncertainty": {
                        "distribution": "triangular",
                        "low": 0.7,
                        "mode": 1.0,
                        "high": 1.1,
                    },
                },
            ],
        },
    ],
}

# Worked by hand (standard schedule, 3.5%, year 0 = 2026):
#   raw PV costs   = 250,000 + 50,000 / 1.035             = 250,000 + 48,309.18 = 298,309.18
#   PV costs       = 1.24 x 298,309.18 (24% capital OB)   = 369,903.38
#   PV benefits    = 180,000 / 1.035 + 180,000 / 1.035^2  = 173,913.04 + 168,031.93 = 341,944.97
#   NPSV           = 341,944.97 - 369,903.38              = -27,958.41
#   NPSV before OB = 341,944.97 - 298,309.18              =  43,635.79
#   BCR            = 341,944.97 / 369,903.38              = 0.9244
HAND_PV_COSTS = 369_903.38
HAND_PV_BENEFITS = 341_944.97
HAND_NPSV = -27_958.41


def shared_service(result: dict) -> dict:
    return next(o for o in result["options"] if o["name"] == "Shared service")


def test_the_issue_example_matches_the_npsv_worked_by_hand():
    option = shared_service(run(ISSUE_EXAMPLE))
    assert option["pv_costs"] == pytest.approx(HAND_PV_COSTS, abs=0.01)
    assert option["pv_benefits"] == pytest.approx(HAND_PV_BENEFITS, abs=0.01)
    assert option["npsv"] == pytest.approx(HAND_NPSV, abs=0.01)
    assert option["bcr"] == pytest.approx(0.9244, abs=1e-4)
    assert option["raw"]["npsv"] == pytest.approx(43_635.79, abs=0.01)
    assert option["optimism_bias"]["pv"] == pytest.approx(0.24 * 298_309.18, abs=0.01)
    assert option["npsv_vs_do_nothing"] == pytest.approx(HAND_NPSV, abs=0.01)


def test_every_option_gets_the_contract_fields():
    result = run(ISSUE_EXAMPLE)
    for option in result["options"]:
        for key in (
            "name",
            "pv_costs",
            "pv_benefits",
            "npsv",
            "bcr",
            "payback_year",
            "discounted_payback_year",
            "switching_values",
            "years",
            "npsv_vs_do_nothing",
        ):
            assert key in option, key
        assert len(option["years"]) == 10
    assert result["preferred_option"] in {"Do nothing", "Shared service"}
    assert result["monte_carlo"] is None


def test_years_table_splits_optimism_bias_from_the_raw_costs():
    years = shared_service(run(ISSUE_EXAMPLE))["years"]
    first = years[0]
    assert (first["year"], first["t"], first["discount_factor"]) == (2026, 0, 1.0)
    assert first["costs_raw"] == 250_000
    assert first["optimism_bias"] == pytest.approx(60_000)
    assert first["costs"] == pytest.approx(310_000)
    assert years[1]["pv_benefits"] == pytest.approx(180_000 / 1.035)
    assert years[-1]["cumulative_pv_net"] == pytest.approx(HAND_NPSV, abs=0.01)


def test_preferred_option_is_the_highest_npsv_and_bcr_is_never_a_verdict():
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    doc["options"][1]["optimism_bias"] = {}
    result = run(doc)
    assert result["preferred_option"] == "Shared service"
    assert result["ranking"] == ["Shared service", "Do nothing"]
    option = shared_service(result)
    assert option["rank"] == 1
    assert isinstance(option["bcr"], float)
    assert not any("pass" in key or "threshold" in key for key in option)


def test_payback_years_simple_and_discounted():
    # Costs 100 in 2026; benefits 60 a year from 2027. Cumulative: -100, -40, +20 -> 2028.
    # Discounted: -100, -42.03, +13.98 (60/1.035^2 = 56.01) -> 2028 as well; with 45 a year the
    # simple payback is 2029 (-100, -55, -10, +35) and the discounted one 2029 too (-100, -56.52,
    # -14.51, +26.07).
    doc = {
        "start_year": 2026,
        "price_base_year": 2026,
        "horizon_years": 5,
        "options": [
            {"name": "Do nothing", "lines": []},
            {
                "name": "Invest",
                "lines": [
                    {
                        "name": "Build",
                        "kind": "cost",
                        "category": "capital",
                        "values": {"2026": 100},
                    },
                    {
                        "name": "Save",
                        "kind": "benefit",
                        "category": "cashable-saving",
                        "values": {str(y): 45 for y in range(2027, 2031)},
                    },
                ],
            },
        ],
    }
    option = run(doc)["options"][1]
    assert option["payback_year"] == 2029
    assert option["discounted_payback_year"] == 2029
    doc["options"][1]["lines"][1]["values"] = {"2027": 20}
    option = run(doc)["options"][1]
    assert option["payback_year"] is None
    assert option["discounted_payback_year"] is None


def test_payback_waits_until_the_option_stays_ahead():
    doc = {
        "start_year": 2026,
        "price_base_year": 2026,
        "horizon_years": 4,
        "discount": {"rate": 0.0},
        "options": [
            {"name": "Do nothing", "lines": []},
            {
                "name": "Reinvest",
                "lines": [
                    {
                        "name": "Build",
                        "kind": "cost",
                        "category": "capital",
                        "values": {"2026": 100, "2028": 100},
                    },
                    {
                        "name": "Save",
                        "kind": "benefit",
                        "category": "cashable-saving",
                        "values": {"2027": 100, "2028": 50, "2029": 60},
                    },
                ],
            },
        ],
    }
    # Cumulative: -100, 0, -50, +10: level in 2027, behind again in 2028, ahead for good in 2029.
    assert run(doc)["options"][1]["payback_year"] == 2029


def test_do_nothing_is_the_flagged_option_then_the_named_one_then_the_first():
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    doc["options"].reverse()
    result = run(doc)
    assert (result["do_nothing_option"], result["do_nothing_rule"]) == ("Do nothing", "name")
    doc["options"][1]["name"] = "Option A: keep things"
    result = run(doc)
    assert (result["do_nothing_option"], result["do_nothing_rule"]) == (
        "Shared service",
        "first option",
    )
    doc["options"][1]["do_nothing"] = True
    result = run(doc)
    assert (result["do_nothing_option"], result["do_nothing_rule"]) == (
        "Option A: keep things",
        "flag",
    )
    for name in ("Option 1: Business as usual", "BAU", "Status quo (do-nothing)"):
        doc = copy.deepcopy(ISSUE_EXAMPLE)
        doc["options"].reverse()
        doc["options"][1]["name"] = name
        assert run(doc)["do_nothing_option"] == name


def test_npsv_vs_do_nothing_subtracts_business_as_usual_costs():
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    doc["options"][0]["lines"] = [
        {"name": "Current service", "kind": "cost", "category": "running", "values": {"2026": 1000}}
    ]
    result = run(doc)
    base, option = result["options"]
    assert base["npsv"] == pytest.approx(-1000)
    assert base["npsv_vs_do_nothing"] == 0
    assert option["npsv_vs_do_nothing"] == pytest.approx(option["npsv"] + 1000)
    assert option["vs_do_nothing"]["pv_costs"] == pytest.approx(option["pv_costs"] - 1000)


def test_partner_attribution_splits_lines_and_compares_each_partner_with_going_alone():
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    doc["options"][0]["lines"] = [
        {
            "name": "Current service",
            "kind": "cost",
            "category": "running",
            "values": {"2026": 1000},
            "partner": "Lancaster",
        }
    ]
    lines = doc["options"][1]["lines"]
    lines[0]["partner"] = {"Lancaster": 0.6, "Preston": 0.4}
    lines[1]["partner"] = "Preston"
    option = shared_service(run(doc))
    partners = option["partners"]
    assert partners["Lancaster"]["pv_costs"] == pytest.approx(0.6 * HAND_PV_COSTS, abs=0.01)
    assert partners["Preston"]["pv_benefits"] == pytest.approx(HAND_PV_BENEFITS, abs=0.01)
    assert partners["Lancaster"]["npsv_vs_do_nothing"] == pytest.approx(
        -0.6 * HAND_PV_COSTS + 1000, abs=0.01
    )
    total = sum(p["npsv"] for p in partners.values())
    assert total == pytest.approx(option["npsv"])
    assert partners["unattributed"]["npsv"] == 0


def test_a_line_can_be_discounted_on_the_health_schedule():
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    doc["options"][1]["lines"][1]["discount"] = {"schedule": "health"}
    option = shared_service(run(doc))
    assert option["pv_benefits"] == pytest.approx(180_000 / 1.015 + 180_000 / 1.015**2)


def test_price_base_and_discount_are_echoed_with_their_source():
    result = run(ISSUE_EXAMPLE)
    assert result["price_base_year"] == 2026
    assert result["end_year"] == 2035
    assert result["discount"]["schedule"] == "standard"
    assert "Green Book" in result["discount"]["source"]


# --- properties -------------------------------------------------------------------------------

amounts = st.dictionaries(
    st.integers(min_value=2026, max_value=2035).map(str),
    # Whole pence or nothing: a line of 1e-300 pounds would need an infinite switching value.
    st.one_of(st.just(0), st.floats(min_value=0.01, max_value=1e7)),
    max_size=10,
)
line_specs = st.lists(
    st.tuples(
        st.sampled_from([("cost", "capital"), ("cost", "running"), ("benefit", "cashable-saving")]),
        amounts,
    ),
    min_size=1,
    max_size=6,
)


def option_doc(specs, uplift=0.24, schedule="standard") -> dict:
    lines = [
        {"name": f"line {j}", "kind": kind, "category": category, "values": values}
        for j, ((kind, category), values) in enumerate(specs)
    ]
    return {
        "start_year": 2026,
        "price_base_year": 2026,
        "horizon_years": 10,
        "discount": {"schedule": schedule},
        "options": [
            {"name": "Do nothing", "lines": []},
            {"name": "Alternative", "optimism_bias": {"capital": uplift}, "lines": lines},
        ],
    }


def npsv_of(doc: dict) -> float:
    return appraise_options(validate(doc))[1].npsv


@settings(max_examples=60, deadline=None)
@given(
    specs=line_specs,
    a=st.floats(min_value=0, max_value=10),
    b=st.floats(min_value=0, max_value=10),
    schedule=st.sampled_from(["standard", "health"]),
)
def test_npsv_is_linear_in_the_values(specs, a, b, schedule):
    other = [(kc, {y: v * 0.5 + 7 for y, v in values.items()}) for kc, values in specs]
    combined = [
        (kc, {y: a * x.get(y, 0) + b * yv.get(y, 0) for y in {*x, *yv}})
        for (kc, x), (_, yv) in zip(specs, other, strict=True)
    ]
    left = npsv_of(option_doc(combined, schedule=schedule))
    right = a * npsv_of(option_doc(specs, schedule=schedule)) + b * npsv_of(
        option_doc(other, schedule=schedule)
    )
    scale = 1 + sum(abs(v) for _, vals in combined for v in vals.values())
    assert left == pytest.approx(right, abs=1e-9 * scale)
