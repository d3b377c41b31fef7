"""A cost line takes a row pasted from Excel (issue 14, item 4): yearly amounts
separated by tabs, read by the one money parser, with every bad cell named. A plain
form field: it works without JavaScript."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from sharedservices.accounts.roles import Role
from sharedservices.cases import services
from sharedservices.cases.models import Option, OptionLine
from tests.known import LANCASTER, PRESTON

pytestmark = pytest.mark.django_db

LINE = {"name": "Shared manager saving", "category": "cashable-saving", "partner": ""}


@pytest.fixture
def option(client, make_user, councils):
    officer = make_user(LANCASTER, Role.OFFICER)
    client.force_login(officer)
    case = services.case_create(
        user=officer,
        title="Shared revenues and benefits",
        stage="obc",
        partner_councils=[councils[PRESTON]],
        start_year=2026,
    )
    case.horizon_years = 5
    case.save()
    return services.option_save(option=Option(case=case, name="Lead authority"), user=officer)


def _post(client, option, pasted, **fields):
    return client.post(
        reverse("cases:line-add", args=[option.case_id, option.pk]),
        {**LINE, "pasted_row": pasted, **fields},
    )


def test_a_pasted_row_fills_the_years_in_order(client, option):
    response = _post(client, option, "£120,000\t90k\t\t1.5m\r\n", year_2026="5")
    assert response.status_code == 302
    line = OptionLine.objects.get(option=option)
    values = {k: Decimal(str(v)) for k, v in line.values.items() if v is not None}
    assert values == {
        "2026": Decimal("120000"),  # the pasted row replaces what was typed
        "2027": Decimal("90000"),  # an empty cell (2028) leaves its year empty
        "2029": Decimal("1500000"),
    }
    appraisal = client.get(reverse("cases:appraisal", args=[option.case_id])).content.decode()
    assert "Lead authority" in appraisal


def test_each_bad_cell_is_named_and_nothing_is_saved(client, option):
    page = _post(client, option, "100\tlots\t−5\t\t12x").content.decode()
    assert "Cell 2 (2027): &#x27;lots&#x27; is not an amount in pounds" in page
    assert "Cell 3 (2028): enter an amount of 0 or more" in page
    assert "Cell 5 (2030): &#x27;12x&#x27; is not an amount in pounds" in page
    assert "govuk-error-summary" in page and "Enter an amount for at least one year" not in page
    assert OptionLine.objects.count() == 0


def test_too_many_cells_or_rows_are_refused(client, option):
    page = _post(client, option, "\t".join(["1"] * 7)).content.decode()
    assert "The row has 7 amounts but the case appraises 5 years (2026 to 2030)" in page
    page = _post(client, option, "1\t2\n3\t4").content.decode()
    assert "Paste one row, not 2" in page
    assert OptionLine.objects.count() == 0


def test_the_field_is_on_the_page_with_its_hint(client, option):
    page = client.get(reverse("cases:line-add", args=[option.case_id, option.pk])).content
    page = page.decode()
    assert "Or paste a row from Excel" in page and 'name="pasted_row"' in page
    assert "2026 first" in page and "fill 2026 to 2030 in order" in page
