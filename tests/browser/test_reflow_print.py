"""A business case printed for a meeting (issue 14, item 2): the print stylesheet
leaves out the service's header, navigation, the case's side navigation, buttons,
forms and the footer, and gives the content the whole width of the paper. Checked
twice: the page in print media, measured in the browser, and the PDF Chromium
prints, read back as text."""

from __future__ import annotations

import subprocess

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "shared-services-demo"
OFFICER = "officer@lancaster.demo.example.org"
# What a printed page must not show: the chrome around the content.
HIDDEN = (
    ".govuk-header, .govuk-service-navigation, .govuk-phase-banner, .govuk-footer,"
    " .govuk-breadcrumbs, .app-case-nav, main .govuk-button, main form"
)


def _case_pages(page, base):
    page.goto(base + "/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(OFFICER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(base + "/cases/")
    page.get_by_role("link", name="Mid Lancashire revenues and benefits").first.click()
    overview = page.url
    nav = page.get_by_role("navigation", name="Parts of this business case")
    appraisal = nav.get_by_role("link", name="Appraisal").get_attribute("href")
    return [overview, base + appraisal]


def _visible_chrome(page) -> list[str]:
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
            .map(e => e.tagName + '.' + e.className)""",
        HIDDEN,
    )


def test_case_pages_print_without_navigation_and_at_full_width(
    page, live_site, assert_accessible, tmp_path
):
    urls = _case_pages(page, live_site)
    page.set_viewport_size({"width": 1000, "height": 1200})
    for url in urls:
        page.goto(url)
        page.emulate_media(media="screen")
        # On screen the chrome is there and the content shares the row with the side navigation.
        assert _visible_chrome(page), url
        screen_width = page.locator("main .govuk-grid-column-three-quarters").bounding_box()[
            "width"
        ]
        page.emulate_media(media="print")
        assert _visible_chrome(page) == [], url
        content = page.locator("main .govuk-grid-column-three-quarters").bounding_box()
        main = page.locator("main").bounding_box()
        assert content["width"] > screen_width + 100, (url, content, screen_width)
        assert content["width"] >= main["width"] - 2, (url, content, main)
        # Wide tables are laid out whole, not clipped inside a scrolling region.
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('.app-table-scroll')]
                .filter(e => e.scrollWidth > e.clientWidth + 1)
                .filter(e => getComputedStyle(e).overflowX !== 'visible')
                .length"""
        )
        assert clipped == 0, url
        assert_accessible(page)

        # The PDF Chromium prints (print media) against one made in screen media:
        # the chrome is in the second and not in the first.
        printed = _pdf_text(page, tmp_path / "print.pdf")
        page.emulate_media(media="screen")
        on_screen = _pdf_text(page, tmp_path / "screen.pdf")
        title = page.locator("h1").first.inner_text()
        assert " ".join(title.split()) in printed, url
        for chrome in ("Sign out", "Consultation and staff", "Accessibility statement"):
            assert chrome in on_screen, (url, chrome)
            assert chrome not in printed, (url, chrome)


def _pdf_text(page, path) -> str:
    page.pdf(path=str(path), format="A4")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())
