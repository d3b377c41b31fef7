"""A Lancaster officer asks which Lancashire districts should share revenues and
benefits, fixes a mistake the form points out, and reads the proposed
partnerships on the map and in the table; axe-core finds no WCAG 2.2 A/AA
violation on any page on the way. Without JavaScript the same journey works."""

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]

PASSWORD = "shared-services-demo"
OFFICER = "officer@lancaster.demo.example.org"


@pytest.fixture(scope="module", autouse=True)
def jobs_worker(live_site, live_site_env):
    """With REDIS_URL (CI) the demo server queues searches on Redis, so run a
    worker on the demo's database; without it the server runs them itself."""
    if not os.environ.get("REDIS_URL"):
        yield None
        return
    env = live_site_env  # the demo server's own database
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sharedservices.celery",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
            f"--hostname=browser-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def wait_for_result(page):
    """The result page; while the job runs it refreshes itself."""
    page.wait_for_selector("[data-total-saving]", timeout=90_000)


def sign_in(page, live_site, email=OFFICER):
    page.goto(live_site + "/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_officer_finds_partners_in_their_county(page, live_site, assert_accessible):
    sign_in(page, live_site)
    page.get_by_role("link", name="Find partners", exact=True).click()
    assert page.locator("h1").inner_text() == "Find partners"
    assert page.get_by_label("How much cheaper a bigger service is").input_value() == "0.85"
    assert_accessible(page)

    # No service chosen and an impossible exponent: the form says what to fix.
    page.get_by_label("How much cheaper a bigger service is").fill("1.5")
    page.get_by_role("button", name="Find partners").click()
    summary = page.locator(".govuk-error-summary")
    assert "Choose a service, or describe another service" in summary.inner_text()
    assert "The economies-of-scale exponent must be 1 or less" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    page.locator("#id_service_area").select_option(label="Revenues and benefits")
    page.get_by_label("The districts of a county").check()
    page.get_by_label("County", exact=True).select_option(label="Lancashire")
    page.get_by_label("How much cheaper a bigger service is").fill("0.8")
    page.get_by_role("button", name="Find partners").click()

    assert re.search(r"/partners/jobs/\d+/$", page.url)
    wait_for_result(page)
    assert page.locator("h1").inner_text() == (
        "Revenues and benefits: partners among the districts of Lancashire"
    )
    assert page.locator("[data-total-saving]").inner_text().startswith("£")
    table = page.locator("[data-partnerships]")
    assert (
        "Lancaster" in table.inner_text()
        or "Lancaster" in page.locator("[data-alone]").inner_text()
    )
    rows = page.locator("[data-partnerships] tr[data-council]").count()
    alone = page.locator("[data-alone] li").count() if page.locator("[data-alone]").count() else 0
    assert rows + alone == 12  # every Lancashire district, Lancaster among them
    page.wait_for_selector("[data-partners-map][data-drawn]", timeout=15000)
    assert int(page.locator("[data-partners-map]").get_attribute("data-drawn")) == 12
    assert_accessible(page)

    # The search is listed on the form page for the council's other officers.
    page.get_by_role("link", name="Find partners", exact=True).first.click()
    assert "Revenues and benefits: partners among" in page.locator("main").inner_text()


def test_find_partners_works_without_javascript(browser, live_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_site, email="officer@preston.demo.example.org")
    page.goto(live_site + "/partners/")
    page.get_by_label("Or describe another service").fill("Building control")
    page.get_by_label("A list of councils").check()
    page.get_by_label("Councils", exact=True).fill("Preston\nSouth Ribble\nChorley\nFylde")
    page.get_by_role("button", name="Find partners").click()
    assert re.search(r"/partners/jobs/\d+/$", page.url)
    wait_for_result(page)
    assert "Total saving" in page.locator("main").inner_text()
    assert (
        page.locator("[data-partnerships] tr[data-council]").count()
        + page.locator("[data-alone] li").count()
        == 4
    )
    context.close()
