"""Lines of a case when councils leave: own lines go, shared lines scale as stated."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sharedservices.analysis.errors import InputError
from sharedservices.analysis.regrouping import (
    Member,
    material_changes,
    regroup,
    scale_factor,
)

GROUP = [Member("A", 100.0, 10.0), Member("B", 200.0, 20.0), Member("C", 300.0, 30.0)]
STAY = GROUP[:2]


def _line(name, scaling=None, partner=None, kind="cost", exponent=0.5, amount=1200.0):
    return {
        "name": name,
        "kind": kind,
        "partner": partner,
        "scaling": scaling,
        "exponent": exponent,
        "values": {"2027": amount},
    }


def test_each_scaling_worked_by_hand():
    assert scale_factor("fixed", "cost", GROUP, STAY) == 1.0
    assert scale_factor("per-council", "cost", GROUP, STAY) == pytest.approx(2 / 3)
    assert scale_factor("baseline", "cost", GROUP, STAY) == pytest.approx(300 / 600)
    assert scale_factor("workload", "saving", GROUP, STAY) == pytest.approx(30 / 60)
    # cost model, b = 0.5: joint cost = sum c / sum sqrt(w) * sqrt(sum w)
    cost_all = 600 / (math.sqrt(10) + math.sqrt(20) + math.sqrt(30)) * math.sqrt(60)
    cost_two = 300 / (math.sqrt(10) + math.sqrt(20)) * math.sqrt(30)
    assert scale_factor("cost-model", "cost", GROUP, STAY, 0.5) == pytest.approx(
        cost_two / cost_all
    )
    assert scale_factor("cost-model", "saving", GROUP, STAY, 0.5) == pytest.approx(
        (300 - cost_two) / (600 - cost_all)
    )


def test_leaving_councils_own_lines_go_and_shared_lines_scale():
    lines = [
        _line("C's redundancy", partner="C"),
        _line("A's systems", partner="A"),
        _line("Licence", scaling="fixed"),
        _line("Management", scaling="per-council", kind="saving"),
    ]
    out = {line["name"]: line for line in regroup(lines, GROUP, STAY)}
    assert set(out) == {"A's systems", "Licence", "Management"}
    assert out["A's systems"]["values"] == {"2027": 1200.0}
    assert out["Licence"]["values"] == {"2027": 1200.0}
    assert out["Management"]["values"]["2027"] == pytest.approx(800.0)
    assert out["Management"]["factor"] == pytest.approx(2 / 3)


def test_bad_input_names_its_path():
    with pytest.raises(InputError) as error:
        regroup(
            [_line("x", scaling="by magic"), _line("y", scaling="baseline")],
            [*GROUP[:2], Member("C", None, 30.0)],
            STAY,
        )
    paths = {p.path for p in error.value.problems}
    assert paths == {"$.lines[0].scaling", "$.lines[1].scaling"}


def test_material_change_is_a_fall_beyond_tolerance_or_turning_negative():
    before = {"A": 100.0, "B": 100.0, "C": 10.0, "D": -5.0}
    after = {"A": 91.0, "B": 89.0, "C": -1.0, "D": -6.0}
    assert material_changes(before, after, 10) == {"B": "falls", "C": "negative", "D": "falls"}
    assert material_changes(before, {"A": 150.0}, 10) == {}


members = st.lists(st.tuples(st.floats(1, 1e7), st.floats(1, 1e6)), min_size=2, max_size=6).map(
    lambda rows: [Member(f"E{i:08d}", c, w) for i, (c, w) in enumerate(rows)]
)


QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(members, st.sampled_from(["per-council", "baseline", "workload"]), st.data())
def test_proportional_scalings_carry_the_remaining_share(group, scaling, data):
    keep = data.draw(st.integers(1, len(group)))
    remaining = group[:keep]
    factor = scale_factor(scaling, "cost", group, remaining)
    assert 0 < factor <= 1 + 1e-12
    if keep == len(group):
        assert factor == 1.0


@QUICK
@given(members, st.data())
def test_cost_model_with_no_economies_of_scale_follows_the_baseline(group, data):
    remaining = group[: data.draw(st.integers(1, len(group)))]
    assert scale_factor("cost-model", "cost", group, remaining, 1.0) == pytest.approx(
        scale_factor("baseline", "cost", group, remaining), rel=1e-9
    )
