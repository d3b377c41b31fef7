"""The appraisal page as an officer reads it: switching values in words, signs that
stay with their amounts, labels never cut, doing nothing without a page of zeros,
a tornado scaled to its bars; versions that show a sharing-agreement change; and
the case form's ranges checked on the server as the hints say."""

from __future__ import annotations

import re

import pytest

from sharedservices.base.revisions import UNCHECKED
from sharedservices.base.templatetags.money import money as money_filter
from sharedservices.cases.charts import _horizontal, tornado_chart
from sharedservices.cases.templatetags.case_tags import switching

from .conftest import SHARED_LINES, add_option

pytestmark = pytest.mark.django_db


def test_switching_values_read_as_words():
    assert switching(-0.52, 1000) == (
        "Would have to fall by 52% for the option to stop paying for itself"
    )
    assert switching(0.25, 1000) == (
        "Would have to rise by 25% for the option to stop paying for itself"
    )
    assert switching(39.362, 1000).startswith("Would have to rise by 3,936% (to 40 times")
    assert switching(None, 1000) == "Never: the option pays for itself even without this line"
    assert switching(None, -5) == (
        "Never: the option does not pay for itself even without this line"
    )
    assert switching(-0.1, -5).endswith("to start paying for itself")


def test_no_minus_zero_anywhere():
    assert money_filter(-0.3) == "£0" and money_filter(-0.3, "short") == "£0"
    assert money_filter(-496_000) == "−£496,000" and money_filter(-496_000, "short") == "−£496k"


def test_chart_labels_are_whole_and_the_tornado_is_scaled_to_its_bars():
    long = "Lead authority: shared management and back office"
    chart = _horizontal([(long, 0.0, 100.0, "x")])
    assert long in [label[3] for label in chart.labels]
    figures = {
        "npsv": 1_000_000,
        "years": [{"costs": 1, "benefits": 2}],
        "tornado": [
            {"line": "Savings", "npsv_if_lower": 900_000, "npsv_if_higher": 1_100_000},
            {"line": "ICT", "npsv_if_lower": 980_000, "npsv_if_higher": 1_020_000},
        ],
    }
    tornado = tornado_chart(figures)
    widest = max(bar.w for bar in tornado.bars)
    assert widest > 300, "the largest swing fills most of the chart, not a sliver"


def test_the_appraisal_page_reads_plainly(client, case, lancaster_officer):
    add_option(
        case, lancaster_officer, "Lead authority: shared management and back office", SHARED_LINES
    )
    client.force_login(lancaster_officer)
    page = client.get(f"/cases/{case.pk}/appraisal/").content.decode()
    assert "Would have to fall by" in page or "Would have to rise by" in page
    assert ">None<" not in page
    assert "What does this mean?" in page and "What do these figures mean?" in page
    assert "has no costs or benefits of its own" in page  # doing nothing: no charts of zeros
    assert "−£0" not in page
    cash = re.search(
        r'<svg class="app-chart"[^>]*>.*?</svg>', page[page.index("Cash flows") :], re.S
    )
    labels = re.findall(
        r'<text x="([\d.]+)"[^>]*text-anchor="end"[^>]*>(−?£[^<]+)</text>', cash.group(0)
    )
    assert all(float(x) >= 70 for x, _ in labels), "the axis labels have room for a minus sign"


def test_a_sharing_agreement_change_shows_in_the_comparison(client, case, lancaster_officer):
    from sharedservices.cases import services

    option = add_option(case, lancaster_officer, "Shared service", SHARED_LINES)
    services.sharing_agreement_save(
        case=case,
        option=option,
        bases={"Staff savings": "equal"},
        custom_pct={},
        user=lancaster_officer,
        expected_revision=UNCHECKED,
    )
    services.sharing_agreement_save(
        case=case,
        option=option,
        bases={"Staff savings": "households"},
        custom_pct={},
        user=lancaster_officer,
        expected_revision=UNCHECKED,
    )
    client.force_login(lancaster_officer)
    page = client.get(f"/cases/{case.pk}/versions/compare/").content.decode()
    assert "No differences" not in page
    assert "Sharing agreement: Staff savings" in page


def test_years_appraised_is_checked_on_the_server_as_the_hint_says(client, case, lancaster_officer):
    client.force_login(lancaster_officer)
    page = client.get(f"/cases/{case.pk}/edit/").content.decode()
    assert "---------" not in page
    assert re.search(r'<input type="number" name="horizon_years"[^>]*class="govuk-input', page)
    response = client.post(
        f"/cases/{case.pk}/edit/",
        {
            "title": case.title,
            "stage": "obc",
            "start_year": 2026,
            "price_base_year": 2026,
            "horizon_years": 100,
            "monte_carlo_iterations": 0,
            "revision": case.revision,
        },
    )
    page = response.content.decode()
    assert "Years appraised must be between 1 and 60" in page
    response = client.post(f"/cases/{case.pk}/edit/", {"revision": case.revision})
    page = response.content.decode()
    assert "This field is required" not in page
    assert "Enter the title" in page
