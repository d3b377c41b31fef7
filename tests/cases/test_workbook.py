"""The appraisal workings as .xlsx: live formulas that, recalculated by a formula
engine (the ``formulas`` package), give the engine's NPSV to the penny."""

from __future__ import annotations

import io
from decimal import Decimal

import formulas
import pytest
from openpyxl import load_workbook

from sharedservices.cases import services
from sharedservices.cases.models import Option, OptionLine

from .conftest import SHARED_LINES, add_option

pytestmark = pytest.mark.django_db


def _option(case, user, name, lines, **bias):
    option = services.option_save(option=Option(case=case, name=name, **bias), user=user)
    for line in lines:
        services.option_line_save(line=OptionLine(option=option, **line), user=user)
    return option


@pytest.fixture
def appraised(case, lancaster_officer):
    add_option(case, lancaster_officer, "Shared service", SHARED_LINES)
    _option(
        case,
        lancaster_officer,
        "=Outsource (a name that looks like a formula)",
        [
            {"name": "Contract set-up", "category": "transition", "values": {"2026": 120000}},
            {
                "name": "Contract fee",
                "category": "running",
                "values": {str(y): 95000.55 for y in range(2027, 2036)},
            },
            {
                "name": "Savings on staff",
                "category": "cashable-saving",
                "values": {str(y): 210000 for y in range(2027, 2036)},
            },
        ],
        optimism_bias_transition=Decimal("0.25"),
        optimism_bias_running=Decimal("0.10"),
    )
    case.refresh_from_db()
    assert case.appraisal_errors == []
    return case


def _recalculate(content: bytes, tmp_path) -> dict[str, float]:
    """Every cell's value after a full recalculation, keyed 'SHEET!A1'."""
    path = tmp_path / "workings.xlsx"
    path.write_bytes(content)
    model = formulas.ExcelModel().loads(str(path)).finish()
    solution = model.calculate()
    values = {}
    for key, value in solution.items():
        ref = key.split("]", 1)[-1].strip("'").replace("'!", "!")
        try:
            values[ref.upper()] = value.value[0, 0]
        except (AttributeError, IndexError, TypeError):
            continue
    return values


def test_the_workings_download_recalculates_to_the_engines_npsv(
    client, lancaster_officer, appraised, tmp_path
):
    client.force_login(lancaster_officer)
    page = client.get(f"/cases/{appraised.pk}/appraisal/").content.decode()
    assert f'href="/cases/{appraised.pk}/appraisal/workings.xlsx"' in page
    response = client.get(f"/cases/{appraised.pk}/appraisal/workings.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    summary = book["Summary"]
    names = [summary.cell(row=r, column=1).value for r in range(5, 8)]
    assert names == [o["name"] for o in appraised.appraisal["options"]]
    # The formulas are live: the NPSV is a formula, and so is every discount factor.
    assert str(summary["B6"].value).startswith("='")
    sheet = book["Shared service"]
    assert sheet["C9"].value == "=C8/(1+B9)"
    assert book.worksheets[3]["A1"].data_type == "s"

    values = _recalculate(response.content, tmp_path)
    for row, option in enumerate(appraised.appraisal["options"], start=5):
        recalculated = values[f"SUMMARY!B{row}"]
        assert round(recalculated, 2) == round(option["npsv"], 2), option["name"]
    assert any(abs(o["npsv"]) > 1000 for o in appraised.appraisal["options"])


def test_another_councils_case_has_no_workings_for_them(client, make_user, appraised):
    outsider = make_user("E07000239")
    client.force_login(outsider)
    assert client.get(f"/cases/{appraised.pk}/appraisal/workings.xlsx").status_code == 404
