"""Benefits realisation in the browser: Lancaster's officer (the lead council) enters a
quarter's figure and sees the status change, uploads a CSV of figures, and holds the
annual review of the cost-sharing split. axe-core is clean on every page on the way."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from sharedservices.analysis.benefits import QUARTERLY, due_periods
from tests.browser.test_business_case_journey import sign_in

pytestmark = pytest.mark.browser

TITLE = "Mid Lancashire licensing (demo)"


def test_enter_upload_and_review(page, live_site, assert_accessible):
    today = datetime.date.today()
    latest = due_periods(QUARTERLY, datetime.date(today.year - 3, 1, 1), today, 30)[-1]
    sign_in(page, live_site, "officer@lancaster.demo.example.org")
    page.goto(live_site + "/dashboard/")
    expect(page.locator("#benefits")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("region", name="Status and savings of your live arrangements").get_by_role(
        "link", name=TITLE
    ).click()
    expect(page.locator("h1")).to_have_text(TITLE)
    status = page.locator("p", has_text="Overall status")
    expect(status).to_contain_text("Red")
    assert_accessible(page)

    # Preston's processing time for the latest quarter, corrected from 15 to 11 days.
    page.get_by_role("link", name="Enter a figure").click()
    assert_accessible(page)
    page.get_by_label("Indicator").select_option(
        label="Average days to process a licence application"
    )
    page.get_by_label("Council").select_option(label="Preston")
    page.get_by_label("Period").fill(str(latest))
    page.get_by_label("Value").fill("eleven")
    page.get_by_role("button", name="Save the figure").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Value").fill("11")
    page.get_by_role("button", name="Save the figure").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("was corrected")
    expect(page.locator("p", has_text="Overall status")).to_contain_text("Amber")
    assert_accessible(page)

    # West Lancashire's overdue return, uploaded as CSV.
    arrangement = page.url.rstrip("/").split("/")[-2]
    page.get_by_role("link", name="Upload figures").click()
    assert_accessible(page)
    csv = (
        "arrangement,indicator,council,period,value,note\n"
        f"{arrangement},Licence fees collected on time,West Lancashire,{latest},96,late\n"
    )
    page.get_by_label("CSV file of figures").set_input_files(
        files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 figure was saved")
    assert_accessible(page)

    # The annual review of the split for the latest financial year.
    page.get_by_role("link", name="Hold the cost-share review").click()
    assert_accessible(page)
    page.get_by_label("Financial year starting in").fill(str(latest.financial_year))
    page.get_by_label("Running cost of the year (£)").fill("620000")
    for name, agreed, usage in (
        ("Lancaster", "40", "400"),
        ("Preston", "35", "450"),
        ("West Lancashire", "25", "150"),
    ):
        page.get_by_label(f"{name}: agreed share (%)").fill(agreed)
        page.get_by_label(f"{name}: actual usage").fill(usage)
    page.get_by_role("button", name="Hold the review").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("was held")
    expect(page.get_by_text("pays £62,000")).to_be_visible()
    assert_accessible(page)
