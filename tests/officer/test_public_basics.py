"""Public-sector basics: the footer's statement, notice, cookies and help pages;
GOV.UK 404 and 500 pages with DEBUG off; the API docs served from here."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_the_footer_links_the_statement_notice_cookies_and_help(client):
    page = client.get("/").content.decode()
    footer = page[page.index('<footer class="govuk-footer"') :]
    for href, words in [
        ("/accessibility/", "Accessibility statement"),
        ("/privacy/", "Privacy notice"),
        ("/cookies/", "Cookies"),
        ("/help/", "Help and contact"),
    ]:
        assert f'href="{href}">{words}</a>' in footer
        response = client.get(href)
        assert response.status_code == 200, href
        assert f'<h1 class="govuk-heading-xl">{words}' in response.content.decode()


def test_the_accessibility_statement_has_the_regulations_sections(client):
    page = client.get("/accessibility/").content.decode()
    for heading in (
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert heading in page


@override_settings(DEBUG=False)
def test_a_missing_page_with_debug_off_is_the_govuk_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "govuk-footer" in page and 'lang="en-GB"' in page
    assert "Traceback" not in page and "URLconf" not in page


def test_the_500_page_is_a_govuk_page_that_needs_no_context():
    from django.template import loader

    page = loader.get_template("500.html").render({})
    assert "Sorry, there is a problem with the service" in page
    assert 'lang="en-GB"' in page and "vendor/app.css" in page


def test_the_api_docs_load_swagger_from_this_service_with_a_language(client):
    page = client.get("/api/v1/docs").content.decode()
    assert '<html lang="en-GB">' in page
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    assert '"url": "/api/v1/openapi.json"' in page


def test_signing_out_says_so(client, make_user):
    client.force_login(make_user("E07000121"))
    response = client.post("/accounts/sign-out/", follow=True)
    assert "You have signed out" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_the_navigation_marks_the_current_section_only(client):
    page = client.get("/register/").content.decode()
    current = re.findall(r'aria-current="true">\s*<strong[^>]*>([^<]+)</strong>', page)
    assert current == ["Register"]
    page = client.get("/help/").content.decode()
    assert 'aria-current="true"' not in page, "the footer's pages are no section"


def test_the_beta_banner_sits_inside_a_landmark(client):
    page = client.get("/").content.decode()
    assert '<section class="govuk-phase-banner" aria-label="Service phase">' in page
