"""A demo officer signs in and sees their council's home page; axe-core finds
no WCAG 2.2 A/AA violation on any page on the way."""

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "shared-services-demo"


def test_public_pages_are_accessible(page, live_site, assert_accessible):
    for path, heading in [
        ("/", "Shared Services Hub"),
        ("/about/", "About the data"),
        ("/councils/", "Councils"),
        ("/councils/?nation=scotland&status=current", "Councils"),
        ("/councils/E07000121/", "Lancaster"),
        ("/councils/E07000028/", "Carlisle"),
        ("/register/", "Register of shared-service arrangements"),
        ("/accounts/sign-in/", "Sign in"),
    ]:
        page.goto(live_site + path)
        assert page.locator("h1").first.inner_text() == heading
        assert_accessible(page)


def test_officer_signs_in_and_sees_their_councils_home(page, live_site, assert_accessible):
    page.goto(live_site + "/")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("button", name="Sign in").click()  # empty form first
    summary = page.locator(".govuk-error-summary")
    assert "Enter your e-mail address" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    page.get_by_label("E-mail address").fill("officer@lancaster.demo.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    assert page.url == live_site + "/dashboard/"
    assert page.locator("h1").inner_text() == "Lancaster"
    assert page.locator("[data-count=arrangements]").inner_text().isdigit()
    assert_accessible(page)

    for link, heading in [
        ("Programme", "Shared services programmes"),
        ("Business cases", "Business cases"),
    ]:
        page.get_by_role("link", name=link, exact=True).click()
        assert page.locator("h1").inner_text() == heading
        assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    page.goto(live_site + "/dashboard/")
    assert "/accounts/sign-in/" in page.url


def test_pages_work_without_javascript(browser, live_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site + "/accounts/sign-in/")
    page.get_by_label("E-mail address").fill("officer@preston.demo.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == "Preston"
    context.close()
