"""An officer writes a business case with two options and sees the appraisal; axe-core
finds no WCAG 2.2 A/AA violation on any page on the way, and the demo cases' pages are
clean too."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "shared-services-demo"


def sign_in(page, live_site, email):
    page.goto(live_site + "/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def add_line(page, name, kind, amounts):
    page.get_by_label("Name of the line").fill(name)
    page.get_by_label(kind, exact=True).check()
    for year, amount in amounts.items():
        page.get_by_label(str(year), exact=True).fill(str(amount))
    page.get_by_role("button", name="Save").click()


def test_an_officer_writes_a_case_with_two_options_and_sees_the_appraisal(
    page, live_site, assert_accessible
):
    sign_in(page, live_site, "officer@lancaster.demo.example.org")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Business cases").click()
    page.get_by_role("link", name="Start a business case").click()
    assert_accessible(page)

    page.get_by_role("button", name="Save").click()  # empty form: errors first
    assert "Enter" in page.locator(".govuk-error-summary").inner_text() or page.title().startswith(
        "Error: "
    )
    assert_accessible(page)

    page.get_by_label("Title").fill("Shared licensing service")
    page.get_by_label("Outline business case").check()
    page.get_by_label("Partner councils").fill("Preston")
    page.get_by_label("Years appraised").fill("5")
    page.get_by_label("Monte Carlo iterations").fill("2000")
    page.get_by_role("button", name="Save").click()
    assert page.locator("h1").inner_text() == "Shared licensing service"
    assert_accessible(page)

    page.get_by_role("link", name="The five cases").click()
    page.get_by_role("link", name="Write the strategic case").click()
    assert_accessible(page)
    page.get_by_label("Strategic case").fill("Two small licensing teams; one shared manager.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#strategic")).to_contain_text("Two small licensing teams")
    assert_accessible(page)

    page.get_by_role("link", name="Options", exact=True).click()
    for name, ob, lines in [
        (
            "Joint licensing manager",
            "24",
            [
                ("Recruitment and set-up", "Transition (one-off) cost", {2026: 20000}),
                (
                    "Shared manager saving",
                    "Cashable saving",
                    {2027: 45000, 2028: 45000, 2029: 45000},
                ),
            ],
        ),
        (
            "Private sector provider",
            "41",
            [
                ("Contract fee", "Running cost", {2027: 80000, 2028: 80000}),
                ("Staff costs avoided", "Cashable saving", {2027: 90000, 2028: 90000}),
            ],
        ),
    ]:
        page.get_by_role("link", name="Add an option").click()
        page.get_by_label("Name of the option").fill(name)
        page.get_by_label("Optimism bias on capital costs").fill(ob)
        page.get_by_role("button", name="Save").click()
        assert_accessible(page)
        for line_name, kind, amounts in lines:
            page.get_by_role("link", name=f"Add a cost or benefit to {name}").click()
            add_line(page, line_name, kind, amounts)
    assert_accessible(page)

    page.get_by_role("link", name="Appraisal", exact=True).click()
    expect(page.locator("h1")).to_have_text("Appraisal")
    assert page.locator("[data-appraisal=highest]").inner_text() == "Joint licensing manager"
    summary = page.locator("[data-table=summary]").inner_text()
    assert "Private sector provider" in summary and "Do nothing" in summary
    assert re.search(r"£\d", page.locator('[data-npsv="Joint licensing manager"]').inner_text())
    assert page.locator("svg.app-chart").count() >= 4
    assert_accessible(page)

    page.get_by_role("link", name="Policy criteria").click()
    expect(page.locator("[data-readiness]")).to_contain_text("Not ready for scrutiny")
    assert_accessible(page)
    page.get_by_role("link", name="Versions").click()
    page.get_by_role("button", name="Compare").click()
    assert_accessible(page)


def test_demo_case_pages_are_accessible(page, live_site, assert_accessible):
    sign_in(page, live_site, "officer@preston.demo.example.org")
    page.goto(live_site + "/cases/")
    page.get_by_role("link", name="Shared Revenues and Benefits service (demo)").click()
    expect(page.locator("[data-readiness]")).to_contain_text("Not ready for scrutiny")
    assert_accessible(page)
    for link in [
        "The five cases",
        "Options",
        "Appraisal",
        "Sharing agreement",
        "Policy criteria",
        "Baselines",
        "Risks",
        "Consultation and staff",
        "Sharing and comments",
        "Versions",
    ]:
        page.get_by_role("link", name=link, exact=True).click()
        assert_accessible(page)
    page.get_by_role("link", name="Sharing agreement", exact=True).click()
    expect(page.locator("[data-agreement-partners]")).to_contain_text("Preston")
    page.goto(live_site + "/cases/policies/")
    assert_accessible(page)
    page.goto(live_site + "/cases/policies/E06000063/")
    assert_accessible(page)
