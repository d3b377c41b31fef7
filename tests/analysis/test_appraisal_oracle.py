"""The appraisal engine and its Monte Carlo against a plain-loop oracle.

The engine works in matrices (lines x years) and vectorised draws; the oracle below is
the Green Book written out one year, one line and one draw at a time, sharing nothing
with the engine but the published discount bands. Any disagreement is a bug in one of them.
"""

from __future__ import annotations

import math
import random
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedservices.analysis.appraisal import run
from sharedservices.analysis.appraisal.reference import discount_schedules

START = 2026
KINDS = [
    ("cost", "capital"),
    ("cost", "transition"),
    ("cost", "running"),
    ("benefit", "cashable-saving"),
    ("benefit", "non-cashable-benefit"),
]


def rate_in_year(t: int) -> float:
    for band in discount_schedules()["standard"].bands:
        if band.from_year <= t and (band.to_year is None or t <= band.to_year):
            return band.rate
    raise AssertionError(f"no discount band covers year {t}")


def discount_factor(t: int) -> float:
    factor = 1.0
    for year in range(1, t + 1):
        factor /= 1.0 + rate_in_year(year)
    return factor


def line_pv(doc: dict, option: dict, line: dict) -> float:
    """Signed present value of one line: + for a benefit, - for a cost (uplifted)."""
    uplift = 0.0
    if line["kind"] == "cost":
        uplift = option.get("optimism_bias", {}).get(line["category"], 0.0)
    total = 0.0
    for year, amount in line["values"].items():
        t = int(year) - doc["start_year"]
        if 0 <= t < doc["horizon_years"]:  # the engine refuses other years
            total += amount * (1.0 + uplift) * discount_factor(t)
    return total if line["kind"] == "benefit" else -total


def oracle(doc: dict) -> dict[str, tuple[float, float]]:
    """Option name -> (pv_costs, pv_benefits), by plain loops."""
    out = {}
    for option in doc["options"]:
        costs = benefits = 0.0
        for line in option["lines"]:
            pv = line_pv(doc, option, line)
            if pv < 0 or line["kind"] == "cost":
                costs -= pv
            else:
                benefits += pv
        out[option["name"]] = (costs, benefits)
    return out


@st.composite
def documents(draw):
    horizon = draw(st.integers(1, 80))  # past year 30, where the rate steps down
    amounts = st.floats(0, 5_000_000, allow_nan=False, allow_infinity=False)
    years = st.integers(START, START + horizon - 1)
    options = [{"name": "Do nothing", "do_nothing": True, "lines": []}]
    for k in range(draw(st.integers(1, 3))):
        lines = []
        for j in range(draw(st.integers(0, 5))):
            kind, category = draw(st.sampled_from(KINDS))
            values = draw(st.dictionaries(years.map(str), amounts, min_size=1, max_size=6))
            lines.append(
                {"name": f"Line {j}", "kind": kind, "category": category, "values": values}
            )
        bias = draw(
            st.fixed_dictionaries(
                {c: st.floats(0, 2) for c in ("capital", "transition", "running")}
            )
        )
        options.append({"name": f"Option {k}", "optimism_bias": bias, "lines": lines})
    return {
        "start_year": START,
        "price_base_year": START,
        "horizon_years": horizon,
        "discount": {"schedule": "standard"},
        "options": options,
    }


@settings(max_examples=60, deadline=None)
@given(documents())
def test_the_engine_agrees_with_the_plain_loop(doc):
    result = run(doc)
    expected = oracle(doc)
    for figures in result["options"]:
        costs, benefits = expected[figures["name"]]
        scale = 1.0 + costs + benefits
        assert figures["pv_costs"] == pytest.approx(costs, rel=1e-9, abs=1e-9 * scale)
        assert figures["pv_benefits"] == pytest.approx(benefits, rel=1e-9, abs=1e-9 * scale)
        assert figures["npsv"] == pytest.approx(benefits - costs, abs=1e-9 * scale)


SPREADS = [
    ({"distribution": "triangular", "low": 0.8, "mode": 1.0, "high": 1.3}, "cost"),
    ({"distribution": "pert", "low": 0.7, "mode": 1.0, "high": 1.2}, "benefit"),
    ({"distribution": "normal", "mean": 1.0, "sd": 0.1}, "cost"),
    ({"distribution": "uniform", "low": 0.9, "high": 1.1}, "benefit"),
]


def draw(rng: random.Random, u: dict) -> float:
    kind = u["distribution"]
    if kind == "triangular":
        return rng.triangular(u["low"], u["high"], u["mode"])
    if kind == "uniform":
        return rng.uniform(u["low"], u["high"])
    if kind == "normal":
        return rng.gauss(u["mean"], u["sd"])
    span = u["high"] - u["low"]  # PERT: a beta on [low, high] with shape 4
    a = 1 + 4 * (u["mode"] - u["low"]) / span
    b = 1 + 4 * (u["high"] - u["mode"]) / span
    return u["low"] + span * rng.betavariate(a, b)


def mean_of(u: dict) -> float:
    kind = u["distribution"]
    if kind == "triangular":
        return (u["low"] + u["mode"] + u["high"]) / 3
    if kind == "pert":
        return (u["low"] + 4 * u["mode"] + u["high"]) / 6
    if kind == "uniform":
        return (u["low"] + u["high"]) / 2
    return u["mean"]


def test_the_monte_carlo_agrees_with_a_plain_loop_of_draws():
    lines = [
        {
            "name": f"Line {j}",
            "kind": kind,
            "category": "running" if kind == "cost" else "cashable-saving",
            "values": {str(START + t): 40_000.0 + 7_000 * j for t in range(10)},
            "uncertainty": u,
        }
        for j, (u, kind) in enumerate(SPREADS)
    ]
    option = {"name": "Shared service", "optimism_bias": {"running": 0.1}, "lines": lines}
    doc = {
        "start_year": START,
        "price_base_year": START,
        "horizon_years": 10,
        "options": [{"name": "Do nothing", "do_nothing": True, "lines": []}, option],
        "monte_carlo": {"iterations": 200_000, "seed": 7},
    }
    mc = run(doc)["monte_carlo"]["Shared service"]

    signed = [line_pv(doc, option, line) for line in lines]
    pairs = list(zip(signed, lines, strict=True))
    exact_mean = sum(pv * mean_of(line["uncertainty"]) for pv, line in pairs)
    rng = random.Random(7)
    loop = sorted(
        sum(pv * draw(rng, line["uncertainty"]) for pv, line in pairs) for _ in range(40_000)
    )
    sd = statistics.pstdev(loop)

    assert mc["mean"] == pytest.approx(exact_mean, abs=5 * mc["sd"] / math.sqrt(200_000))
    assert statistics.fmean(loop) == pytest.approx(exact_mean, abs=5 * sd / math.sqrt(40_000))
    assert mc["sd"] == pytest.approx(sd, rel=0.03)
    for key, q in (("p5", 0.05), ("p50", 0.5), ("p95", 0.95)):
        assert mc[key] == pytest.approx(loop[int(q * len(loop))], abs=0.05 * sd)
    below = sum(1 for x in loop if x < 0) / len(loop)
    assert mc["prob_negative"] == pytest.approx(below, abs=0.01)
