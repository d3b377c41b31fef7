"""Switching values and tornado data: worked by hand, and checked by re-running the appraisal."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedservices.analysis.appraisal import appraise_options, run, switching_value, validate
from tests.analysis.test_appraisal_engine import ISSUE_EXAMPLE, line_specs, option_doc


def test_switching_values_worked_by_hand():
    # NPSV = -27,958.41 (see test_appraisal_engine). Staff savings PV 341,944.97:
    #   f = 27,958.41 / 341,944.97 = +0.081763 (savings must rise 8.18% to break even).
    # ICT integration PV 369,903.38 (a cost, signed -369,903.38):
    #   f = -27,958.41 / 369,903.38 = -0.075583 (costs must fall 7.56%).
    values = run(ISSUE_EXAMPLE)["options"][1]["switching_values"]
    assert values["Staff savings"] == pytest.approx(0.081763, abs=1e-6)
    assert values["ICT integration"] == pytest.approx(-0.075583, abs=1e-6)


def test_no_switching_value_for_a_line_worth_nothing_or_one_that_would_have_to_go_negative():
    assert switching_value(100.0, 0.0) is None
    # NPSV -100 from a benefit of 50: even removing the benefit (-100%) cannot help.
    assert switching_value(-100.0, 50.0) == 2.0
    assert switching_value(100.0, 50.0) is None  # would need a fall of 200%
    assert switching_value(100.0, 100.0) == -1.0


def test_null_switching_values_are_json_null():
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    doc["options"][1]["lines"].append(
        {"name": "Nothing yet", "kind": "benefit", "category": "non-cashable-benefit", "values": {}}
    )
    option = run(doc)["options"][1]
    assert option["switching_values"]["Nothing yet"] is None


def test_tornado_moves_each_line_by_the_chosen_change_largest_swing_first():
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    doc["sensitivity"] = {"change": 0.2}
    option = run(doc)["options"][1]
    bars = option["tornado"]
    assert [bar["line"] for bar in bars] == ["ICT integration", "Staff savings"]
    ict = bars[0]
    assert ict["change"] == 0.2
    assert ict["npsv_if_lower"] == pytest.approx(option["npsv"] + 0.2 * 369_903.38, abs=0.01)
    assert ict["npsv_if_higher"] == pytest.approx(option["npsv"] - 0.2 * 369_903.38, abs=0.01)


@settings(max_examples=60, deadline=None)
@given(specs=line_specs, uplift=st.sampled_from([0.0, 0.24, 2.0]))
def test_a_switching_value_really_brings_npsv_to_zero(specs, uplift):
    doc = option_doc(specs, uplift=uplift)
    figures = appraise_options(validate(doc))[1]
    result = run(doc)["options"][1]
    scale = 1 + float(abs(figures.signed_line_pv).sum())
    for j, line in enumerate(doc["options"][1]["lines"]):
        fraction = result["switching_values"][line["name"]]
        moved = copy.deepcopy(doc)
        if fraction is None:
            # Either the line is worth nothing, or even removing it keeps NPSV on the same side.
            if figures.line_pv[j] != 0:
                moved["options"][1]["lines"][j]["values"] = {}
                without = appraise_options(validate(moved))[1].npsv
                assert without * figures.npsv > 0
            continue
        assert fraction >= -1
        moved["options"][1]["lines"][j]["values"] = {
            y: v * (1 + fraction) for y, v in line["values"].items()
        }
        assert appraise_options(validate(moved))[1].npsv == pytest.approx(0, abs=1e-9 * scale)
