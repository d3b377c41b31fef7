"""The programme in a browser: a Lancaster officer starts a programme, funds it
(an over-allocation is refused with the figures), sets criteria and weights, adds
and scores two opportunities, reads the ranking, turns a suggestion into an
opportunity and starts a business case from it. axe-core finds no WCAG A/AA
violation on any page visited."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "shared-services-demo"


def sign_in(page, live_site):
    page.goto(live_site + "/accounts/sign-in/?next=/programmes/")
    page.get_by_label("E-mail address").fill("officer@lancaster.demo.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/programmes/$"))


def add_opportunity(page, title, area):
    page.get_by_role("link", name="Record an opportunity").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Service area").select_option(area)
    page.get_by_role("button", name="Save opportunity").click()
    expect(page.locator("h1")).to_contain_text(title)


def score(page, values):
    page.get_by_role("link", name="Score it").click()
    for criterion, value in values.items():
        group = page.get_by_role("group", name=f"Score for {criterion}")
        group.get_by_label(str(value), exact=True).check()
    page.get_by_role("button", name="Save the scores").click()
    expect(page.locator("main")).to_contain_text("The scores were saved")


def test_programme_journey(page, live_site, assert_accessible):
    sign_in(page, live_site)
    expect(page.locator("main")).to_contain_text("Team Lancashire")
    assert_accessible(page)

    page.get_by_role("link", name="Start a programme or cluster").click()
    page.get_by_label("Name", exact=True).fill("Browser cluster")
    page.get_by_label("Member councils").fill("Lancaster\nPreston")
    page.get_by_role("button", name="Save programme").click()
    expect(page.locator("h1")).to_have_text("Browser cluster")
    programme_url = page.url
    assert_accessible(page)

    page.get_by_role("link", name="Add a funding pot").click()
    page.get_by_label("Where the money comes from").fill("Browser fund")
    page.get_by_label("Amount in pounds").fill("20000")
    page.get_by_role("button", name="Add the funding pot").click()
    page.get_by_role("link", name="Allocate from Browser fund").click()
    page.get_by_label("Amount in pounds").fill("25000")
    page.get_by_label("What it is for").fill("Research")
    page.get_by_label("Lancaster").check()
    page.get_by_role("button", name="Allocate").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "£25,000 is more than is left in the pot: £20,000"
    )
    assert_accessible(page)
    page.get_by_label("Amount in pounds").fill("10000")
    page.get_by_role("button", name="Allocate").click()
    expect(page).to_have_url(programme_url)
    expect(page.locator("#funding ~ dl").first).to_contain_text("£10,000")

    page.get_by_role("link", name="Criteria and weights").click()
    for name in ("Savings potential", "Risk"):
        page.get_by_label("Criterion", exact=True).fill(name)
        page.get_by_role("button", name="Add the criterion").click()
    page.get_by_role("link", name="Add a weight set").click()
    page.get_by_label("Name of the weight set").fill("Savings first")
    page.get_by_label("Savings potential").fill("3")
    page.get_by_label("Risk").fill("1")
    page.get_by_role("button", name="Save the weight set").click()
    expect(page.locator("main")).to_contain_text("Savings first")
    assert_accessible(page)

    page.goto(programme_url)
    add_opportunity(page, "Browser revenues and benefits", "revenues-benefits")
    assert_accessible(page)
    score(page, {"Savings potential": 5, "Risk": 1})
    page.goto(programme_url)
    add_opportunity(page, "Browser licensing", "licensing")
    score(page, {"Savings potential": 2, "Risk": 4})

    page.goto(programme_url)
    page.get_by_role("link", name="The ranking, and what would change it").click()
    ranking = page.locator("#ranking")
    expect(ranking).to_contain_text("Browser revenues and benefits")
    expect(ranking).to_contain_text("Browser licensing")
    table = ranking.inner_text()
    assert table.index("Browser revenues and benefits") < table.index("Browser licensing")
    assert "Savings potential -2.00 (to 1.00)" in table
    assert_accessible(page)

    page.goto(programme_url)
    panel = page.locator(".app-suggestions")
    assert "Councils like Lancaster already share this" in panel.inner_text()
    panel.get_by_role("button", name=re.compile("Make an opportunity")).first.click()
    expect(page.locator("main")).to_contain_text("The suggestion is now an opportunity")
    expect(page.locator("h1")).to_contain_text(re.compile(r"^Shared "))
    assert_accessible(page)

    page.get_by_role("link", name="Start a business case").click()
    expect(page.locator("h1")).to_have_text("Start a business case")
    assert page.get_by_label("Title").input_value().startswith("Shared ")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Business case started")
    assert_accessible(page)
