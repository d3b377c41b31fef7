"""One business case through three councils' decisions, in the browser: Lancaster's
officer drafts, its director submits, each council's scrutiny member records findings,
Lancaster's and South Ribble's executives approve and Preston's rejects (decisions dated
in the past, so the call-in periods have passed), the director confirms, the case goes
on with two councils with its sharing agreement recomputed, and goes live in the
register. axe-core is clean on every page on the way."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.test_business_case_journey import sign_in

pytestmark = pytest.mark.browser

TITLE = "Mid Lancashire revenues and benefits (demo)"
DECIDED = datetime.date.today() - datetime.timedelta(days=30)


def sign_out(page, live_site):
    page.context.clear_cookies()


def open_governance(page, live_site, assert_accessible):
    page.goto(live_site + "/cases/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Decisions and governance").click()
    assert_accessible(page)


def fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_case_through_three_councils_decisions_to_the_register(
    page, live_site, assert_accessible
):
    # Lancaster's officer drafts: the last words of the strategic case.
    sign_in(page, live_site, "officer@lancaster.demo.example.org")
    page.goto(live_site + "/cases/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="The five cases").click()
    page.get_by_role("link", name="Write the strategic case").click()
    page.get_by_label("Strategic case").fill("Three councils, one revenues and benefits team.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Decisions and governance").click()
    assert_accessible(page)
    expect(page.get_by_role("button", name="Submit for scrutiny")).to_have_count(0)
    sign_out(page, live_site)

    # The director submits.
    sign_in(page, live_site, "director@lancaster.demo.example.org")
    open_governance(page, live_site, assert_accessible)
    page.get_by_role("button", name="Submit for scrutiny").click()
    expect(page.locator("[data-state]")).to_have_text("Submitted for scrutiny")
    assert_accessible(page)
    sign_out(page, live_site)

    # Each council's scrutiny member records findings.
    for slug in ("lancaster", "preston", "south-ribble"):
        sign_in(page, live_site, f"scrutiny-member@{slug}.demo.example.org")
        open_governance(page, live_site, assert_accessible)
        page.get_by_role("link", name="Record scrutiny findings").click()
        assert_accessible(page)
        page.get_by_role("button", name="Record the findings").click()  # empty: errors
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert_accessible(page)
        page.get_by_label("Support", exact=True).check()
        fill_date(page, "Date of the scrutiny meeting", DECIDED - datetime.timedelta(days=14))
        page.get_by_label("Findings").fill(f"{slug}: the committee supports the case.")
        page.get_by_role("button", name="Record the findings").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Scrutiny findings")
        sign_out(page, live_site)

    # Lancaster and Preston approve; South Ribble rejects.
    for slug, decision, minute in (
        ("lancaster", "Approve", 42),
        ("preston", "Approve", 42),
        ("south-ribble", "Reject", 42),
    ):
        decide(page, live_site, assert_accessible, slug, decision, minute)

    # The call-in periods have passed: the director confirms. South Ribble leaves and the
    # case is appraised again for two: one system is still bought, the shared saving is two
    # councils' worth. Lancaster's own figure falls by more than the case's 10% tolerance,
    # so it decides again; Preston's (with a saving of its own) stays within it.
    sign_in(page, live_site, "director@lancaster.demo.example.org")
    open_governance(page, live_site, assert_accessible)
    expect(page.locator("[data-state]")).to_have_text("Call-in period")
    page.get_by_role("button", name="Confirm the decisions").click()
    expect(page.locator("[data-state]")).to_have_text("Awaiting decisions")
    expect(page.locator("[data-figures]")).to_be_visible()
    expect(page.locator('[data-change="material"]')).to_have_count(1)
    expect(page.locator('[data-change="within-tolerance"]')).to_have_count(1)
    expect(page.locator('[data-council="E07000121"] [data-basis="superseded"]')).to_be_visible()
    assert_accessible(page)
    sign_out(page, live_site)
    decide(page, live_site, assert_accessible, "lancaster", "Approve", 43)

    # Lancaster has decided again on the case as it now stands: the director confirms.
    sign_in(page, live_site, "director@lancaster.demo.example.org")
    open_governance(page, live_site, assert_accessible)
    expect(page.locator("[data-state]")).to_have_text("Call-in period")
    page.get_by_role("button", name="Confirm the decisions").click()
    expect(page.locator("[data-state]")).to_have_text("Approved")
    expect(page.locator('[data-council="E07000126"] [data-status]')).to_contain_text("Left")
    assert_accessible(page)
    page.get_by_role("link", name="Sharing agreement").click()
    assert_accessible(page)
    agreement = page.locator("main").inner_text()
    assert "Preston" in agreement and "South Ribble" not in agreement
    page.get_by_role("link", name="Audit trail").click()
    expect(page.locator('[data-event="case.went_on_with_the_willing"]')).to_have_count(1)
    assert_accessible(page)
    sign_out(page, live_site)

    # The lead officer starts implementation and takes it live.
    sign_in(page, live_site, "lead-officer@lancaster.demo.example.org")
    open_governance(page, live_site, assert_accessible)
    page.get_by_role("button", name="Start implementation").click()
    page.get_by_role("link", name="Add a milestone").click()
    assert_accessible(page)
    page.get_by_label("Milestone").fill("Staff transferred")
    page.get_by_label("Owner").fill("Head of Revenues and Benefits")
    fill_date(page, "Due", datetime.date.today() + datetime.timedelta(days=30))
    page.get_by_role("button", name="Save the milestone").click()
    page.get_by_role("button", name="Go live").click()
    expect(page.locator("[data-state]")).to_have_text("Live")
    page.locator("[data-arrangement]").click()
    assert_accessible(page)
    expect(page.locator("h1")).to_have_text(TITLE)
    register = page.locator("main").inner_text()
    assert "Lancaster" in register and "Preston" in register
    page.get_by_role("link", name="Timeline of decisions and changes").click()
    expect(page.locator('[data-event="arrangement.created_on_going_live"]')).to_have_count(1)
    assert_accessible(page)

    # The forward plan is public.
    sign_out(page, live_site)
    page.goto(live_site + "/forward-plan/E07000126/")
    expect(page.locator("h1")).to_have_text("Forward plan of key decisions")
    expect(page.locator('[data-outcome="taken"]')).to_contain_text("Taken: rejected")
    assert_accessible(page)


def decide(page, live_site, assert_accessible, slug, decision, minute):
    """The council's executive member records its decision (on the general exception
    route: the demo put the case on the forward plans today, after these past decisions)."""
    sign_in(page, live_site, f"executive-member@{slug}.demo.example.org")
    open_governance(page, live_site, assert_accessible)
    page.get_by_role("link", name="Record the council's decision").click()
    assert_accessible(page)
    page.get_by_label(decision, exact=True).check()
    fill_date(page, "Date of the decision", DECIDED)
    fill_date(page, "Date the decision was published", DECIDED)
    page.get_by_label("Minute reference").fill(f"Cabinet minute {minute} ({slug})")
    page.get_by_role("group", name="Is it a key decision?").get_by_label("Yes").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("forward plan")
    page.get_by_label("General exception (regulation 10)").check()
    page.get_by_label("Reason for the route").fill("The chair of scrutiny agreed.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Decision recorded")
    assert_accessible(page)
    sign_out(page, live_site)


def test_the_dashboard_says_what_waits_and_the_demo_states_render(
    page, live_site, assert_accessible
):
    sign_in(page, live_site, "executive-member@chorley.demo.example.org")
    page.goto(live_site + "/dashboard/")
    expect(page.locator('[data-waiting="Cases to decide"]')).to_be_visible()
    assert_accessible(page)
    page.goto(live_site + "/cases/")
    for title in ("Mid Lancashire procurement (demo)", "Mid Lancashire building control (demo)"):
        page.goto(live_site + "/cases/")
        page.get_by_role("link", name=title).click()
        page.get_by_role("link", name="Decisions and governance").click()
        assert_accessible(page)


def _case_governance(page, live_site, title):
    page.goto(live_site + "/cases/")
    page.get_by_role("link", name=title).click()
    page.get_by_role("link", name="Decisions and governance").click()


def test_every_governance_form_is_accessible(page, live_site, assert_accessible):
    sign_in(page, live_site, "director@chorley.demo.example.org")
    _case_governance(page, live_site, "Mid Lancashire procurement (demo)")
    for link in ("Log a dispute", "Add a step", "Put a key decision on Chorley"):
        page.get_by_role("link", name=link).first.click()
        assert_accessible(page)
        page.go_back()
    _case_governance(page, live_site, "Mid Lancashire internal audit (demo)")
    page.get_by_role("link", name="Do not pursue").click()
    assert_accessible(page)
    page.context.clear_cookies()

    sign_in(page, live_site, "executive-member@preston.demo.example.org")
    _case_governance(page, live_site, "Mid Lancashire licensing (demo)")
    page.get_by_role("link", name="Give notice of withdrawal").click()
    assert_accessible(page)
    page.context.clear_cookies()

    sign_in(page, live_site, "scrutiny-member@chorley.demo.example.org")
    _case_governance(page, live_site, "Mid Lancashire legal services (demo)")
    page.get_by_role("link", name="Request a call-in").click()
    assert_accessible(page)
