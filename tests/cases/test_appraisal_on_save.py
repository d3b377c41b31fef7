"""The appraisal is recomputed whenever an option or line is saved, from the one
conversion in ``cases/appraisal_input.py``."""

import pytest

from sharedservices.analysis import appraisal
from sharedservices.cases import services
from sharedservices.cases.appraisal_input import appraisal_input
from sharedservices.cases.models import BusinessCase, OptionLine
from tests.known import PRESTON

from .conftest import add_option

pytestmark = pytest.mark.django_db

SHARED = [
    {"name": "ICT integration", "category": "capital", "values": {"2026": 250000, "2027": 50000}},
    {
        "name": "Staff savings",
        "category": "cashable-saving",
        "values": {str(y): 180000 for y in range(2027, 2036)},
        "distribution": "triangular",
        "low": "0.7",
        "mode": "1.0",
        "high": "1.1",
    },
]


def test_a_new_case_waits_for_a_second_option(case):
    assert case.appraisal is None
    assert "Add at least one option" in case.appraisal_errors[0]["message"]


def test_saving_an_option_runs_the_appraisal(case, lancaster_officer):
    add_option(case, lancaster_officer, "Shared service", SHARED)
    case.refresh_from_db()
    result = case.appraisal
    assert case.appraisal_errors == []
    assert result == appraisal.run(appraisal_input(case))  # same engine, same input, same seed
    shared = next(o for o in result["options"] if o["name"] == "Shared service")
    assert result["do_nothing_option"] == "Do nothing"
    assert result["preferred_option"] == "Shared service"
    assert shared["npsv"] > 0 and shared["payback_year"] == 2028
    assert set(shared["switching_values"]) == {"ICT integration", "Staff savings"}
    assert result["monte_carlo"]["Shared service"]["p5"] < shared["npsv"]


def test_changing_a_line_recomputes_the_appraisal(case, lancaster_officer):
    add_option(case, lancaster_officer, "Shared service", SHARED)
    case.refresh_from_db()
    before = case.appraisal["options"][1]["npsv"]
    line = OptionLine.objects.get(name="ICT integration")
    line.values = {"2026": 1_500_000}
    services.option_line_save(line=line, user=lancaster_officer, expected_revision=line.revision)
    case.refresh_from_db()
    after = case.appraisal["options"][1]["npsv"]
    assert after == pytest.approx(before - (1_500_000 - 250000 - 50000 / 1.035))
    assert case.appraisal["preferred_option"] == "Do nothing"


def test_the_input_carries_partners_uncertainty_and_do_nothing(case, lancaster_officer, councils):
    add_option(
        case,
        lancaster_officer,
        "Shared service",
        [
            {**SHARED[1], "partner": councils[PRESTON]},
        ],
    )
    data = appraisal_input(BusinessCase.objects.get(pk=case.pk))
    assert data["options"][0] == {
        "name": "Do nothing",
        "do_nothing": True,
        "optimism_bias": {"capital": 0.0, "transition": 0.0, "running": 0.0},
        "lines": [],
    }
    line = data["options"][1]["lines"][0]
    assert line["partner"] == PRESTON and line["kind"] == "benefit"
    assert line["uncertainty"] == {
        "distribution": "triangular",
        "low": 0.7,
        "mode": 1.0,
        "high": 1.1,
    }


def test_engine_errors_are_kept_with_readable_paths(case, lancaster_officer):
    add_option(
        case,
        lancaster_officer,
        "Shared service",
        [
            {
                "name": "Odd",
                "category": "capital",
                "values": {"2026": 1},
                "distribution": "triangular",
                "low": "1.5",
                "mode": "1.0",
                "high": "1.1",
            },
        ],
    )
    case.refresh_from_db()
    assert case.appraisal is None
    assert case.appraisal_errors[0]["path"].startswith("Shared service › Odd")
