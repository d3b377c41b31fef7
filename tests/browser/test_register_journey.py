"""The register in a browser: the public reads the register, an arrangement, the
national map and the national picture; an officer adds an arrangement through the
GOV.UK error summary and changes it. axe-core finds no WCAG A/AA violation."""

import re

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "shared-services-demo"


def test_the_public_reads_the_register_map_and_picture(page, live_site, assert_accessible):
    page.goto(live_site + "/register/")
    assert page.locator("h1").inner_text() == "Register of shared-service arrangements"
    assert_accessible(page)

    page.get_by_label("Service area").select_option("children-social-care")
    page.get_by_label("Status").select_option("live")
    page.get_by_role("button", name="Apply filters").click()
    assert "service_area=children-social-care" in page.url
    page.get_by_role("link", name="North West foster care framework").click()
    assert page.locator("h1").inner_text() == "North West foster care framework"
    assert "£1,900,000" in page.content() and "Demo data" in page.content()
    assert_accessible(page)

    page.goto(live_site + "/register/?council=E06000063")  # Cumberland, Carlisle's successor
    page.get_by_role("link", name="Parking enforcement").first.click()
    partners = page.locator(".govuk-summary-list").first.inner_text()
    assert re.search(r"Carlisle \(abolished 2023; now Cumberland", partners)
    assert_accessible(page)

    page.goto(live_site + "/map/")
    assert page.locator("h1").inner_text() == "National map of shared services"
    page.locator("#register-map path.leaflet-interactive").first.wait_for(timeout=20_000)
    assert page.locator("#register-map-table tbody tr").count() > 50
    assert_accessible(page)
    page.locator("#register-map path.leaflet-interactive").nth(40).click(force=True)
    page.locator("#register-map-council h2").wait_for()

    page.goto(live_site + "/stats/")
    assert page.locator("h1").inner_text() == "The national picture of shared services"
    page.locator(".app-chart svg").first.wait_for()
    assert page.locator(".app-chart svg").count() == 6
    assert_accessible(page)


def test_an_officer_adds_and_changes_an_arrangement(page, live_site, assert_accessible):
    page.goto(live_site + "/accounts/sign-in/?next=/register/")
    page.get_by_label("E-mail address").fill("officer@lancaster.demo.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith("/register/")
    # Lancaster's private records are visible to its own officer.
    page.goto(live_site + "/register/?council=E07000121")
    assert "Revenues and benefits shared service" in page.content()

    page.get_by_role("link", name="Add an arrangement").click()
    page.get_by_label("Partner councils").fill("E07000121\nE99999999")
    page.get_by_role("radio", name="Ended").check()
    page.get_by_role("button", name="Save arrangement").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter the name of the arrangement" in summary.inner_text()
    assert "There is no council “E99999999”" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    page.get_by_label("Name of the arrangement").fill("Shared building control (browser test)")
    page.get_by_label("Partner councils").fill("E07000121\nPreston")
    page.get_by_label("Building control (front line)").check()
    page.get_by_label("Lead authority (sovereign)").check()
    page.get_by_role("radio", name="Live").check()
    page.get_by_label("Start year").fill("2024")
    page.get_by_label("Annual savings in pounds (optional)").fill("85000")
    page.get_by_role("button", name="Save arrangement").click()
    assert page.locator("h1").inner_text() == "Shared building control (browser test)"
    assert "£85,000" in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="Change this arrangement").click()
    page.get_by_role("radio", name="Ended").check()
    page.get_by_label("Reason (required if it ended or was not pursued)").fill("Trial finished")
    page.get_by_role("button", name="Save arrangement").click()
    page.get_by_text("Your changes were saved").wait_for()
    assert "Trial finished" in page.content()
    history = page.locator(".govuk-summary-card").first.inner_text()
    assert "Updated on" in history and "Ended" in history
    assert_accessible(page)

    page.goto(live_site + "/register/import/")
    assert page.locator("h1").inner_text() == "Import arrangements"
    assert_accessible(page)
