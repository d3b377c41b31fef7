"""Realised savings against the case, and the register's measured/estimated marking."""

from __future__ import annotations

import datetime

from sharedservices.benefits.rules import ActualInput
from sharedservices.benefits.savings import (
    arrangement_savings,
    national_measured_share,
    savings_to_date,
)
from sharedservices.benefits.services import actual_record, baseline_set
from sharedservices.cases.models import BusinessCase, Option, OptionLine
from sharedservices.registry.models import ArrangementSaving
from tests.known import LANCASTER, PRESTON


def _case(world):
    case = BusinessCase.objects.create(
        title="Shared revenues", lead_council_id=LANCASTER, arrangement=world["arrangement"]
    )
    option = Option.objects.create(case=case, name="Shared service")
    OptionLine.objects.create(
        option=option,
        name="Back office",
        kind="benefit",
        category="cashable-saving",
        values={"2026": 40000, "2027": 40000},
    )
    case.preferred_option = option
    case.save()


def test_realised_against_expected(world):
    _case(world)
    cost = world["cost"]
    for code in (LANCASTER, PRESTON):  # £400,000 a year each: £100,000 a quarter
        baseline_set(
            user=world["lancaster"] if code == LANCASTER else world["preston"],
            indicator=cost,
            council=code,
            value="400000",
            as_at="2025-03-31",
        )
    for code, period, value in [
        (LANCASTER, "2026-Q3", "90000"),
        (PRESTON, "2026-Q3", "95000"),
        (LANCASTER, "2026-Q4", "100000"),
    ]:
        actual_record(
            user=world["lancaster"], indicator=cost, data=ActualInput(code, period, value)
        )
    out = arrangement_savings(world["arrangement"])
    assert out["measured"]
    # The case expected £40,000 a year, half each (no agreement: equal shares).
    assert out["expected"][2026] == {LANCASTER: 20000, PRESTON: 20000}
    assert out["realised"]["by_year"][2026] == {LANCASTER: 10000, PRESTON: 5000}
    first = out["comparison"][0]
    assert (first["year"], first["expected"], first["realised"], first["difference"]) == (
        2026,
        40000,
        15000,
        -25000,
    )
    assert savings_to_date(world["arrangement"]) == {"amount": 15000, "basis": "measured"}
    share = national_measured_share()
    assert share["measured_gbp"] == 15000 and share["arrangements_measured"] == 1


def test_estimated_without_actuals(world):
    a = world["arrangement"]
    a.annual_savings_gbp = 50_000
    a.save()
    assert savings_to_date(a, today=datetime.date(2028, 6, 1)) == {
        "amount": 100_000,  # 2026/27 and 2027/28 complete
        "basis": "estimated",
    }
    ArrangementSaving.objects.create(arrangement=a, year=2026, basis="estimated", amount_gbp=30_000)
    assert savings_to_date(a, today=datetime.date(2028, 6, 1))["amount"] == 30_000
    assert not arrangement_savings(a)["measured"]


def test_the_register_marks_measured_and_estimated(client, world):
    a = world["arrangement"]
    a.annual_savings_gbp = 50_000
    a.save()
    page = client.get(f"/register/{a.pk}/").content.decode()
    assert 'data-savings-basis="estimated"' in page and "Estimated" in page
    baseline_set(
        user=world["preston"],
        indicator=world["cost"],
        council=PRESTON,
        value="400000",
        as_at="2025-03-31",
    )
    actual_record(
        user=world["preston"],
        indicator=world["cost"],
        data=ActualInput(PRESTON, "2026-Q2", "90000"),
    )
    page = client.get(f"/register/{a.pk}/").content.decode()
    assert 'data-savings-basis="measured"' in page and "£10,000" in page and "Measured" in page


def test_stats_give_one_savings_figure_and_say_how_much_is_measured(client, world):
    a = world["arrangement"]
    a.annual_savings_gbp = 30_000
    a.save()
    page = client.get("/stats/").content.decode()
    assert "No live arrangement measures its savings" in page
    baseline_set(
        user=world["preston"],
        indicator=world["cost"],
        council=PRESTON,
        value="400000",
        as_at="2025-03-31",
    )
    actual_record(
        user=world["preston"],
        indicator=world["cost"],
        data=ActualInput(PRESTON, "2026-Q2", "90000"),
    )
    share = national_measured_share()
    assert share == {"measured_gbp": 10_000, "reported_gbp": 30_000, "arrangements_measured": 1}
    page = client.get("/stats/").content.decode()
    # One national figure, its definition stated; the measured part is set beside it.
    assert 'data-stat="savings">£30,000</span> annual savings of the live arrangements' in page
    assert "£10,000 in the latest year measured, where the register reports £30,000" in page
    assert " of £" not in page
