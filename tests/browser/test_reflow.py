"""Every page, at a full-width screen (1280 px) and at 320 px (WCAG 1.4.10 Reflow:
a phone, or a large screen zoomed to 400%): the document is never wider than the
window, and axe-core finds no WCAG A/AA violation at either width.

The pages are found the way a person finds them: from the home page and the
signed-in dashboard, following links within the service, one page per shape of
address (``/register/12/`` and ``/register/13/`` are the same page)."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "shared-services-demo"
OFFICER = "officer@lancaster.demo.example.org"
WIDTHS = (1280, 320)
# Not pages: downloads, the API, the admin, signing out, static files.
SKIP = re.compile(r"^/(api|admin|static)/|\.(csv|xlsx|json|ics|pdf|docx)$|/sign-out/|/delete/$")
# A query asking for a file (a report as PDF or Word) is a download, not a page.
DOWNLOAD = re.compile(r"(^|&)format=")
START = ["/", "/councils/", "/register/", "/map/", "/stats/", "/help/"]
SIGNED_IN_START = ["/dashboard/", "/cases/", "/partners/", "/programmes/", "/cases/policies/"]
MAX_PAGES = 70


def _shape(path: str) -> str:
    return re.sub(r"/(E\d{8}|[A-Z]\d{8}|\d+)(?=/)", "/N", path)


def _links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc and base.split("//", 1)[1] != parts.netloc:
            continue
        path = parts.path
        if not path.startswith("/") or SKIP.search(path) or DOWNLOAD.search(parts.query):
            continue
        found.append(
            path + (f"?{parts.query}" if parts.query and "page=" not in parts.query else "")
        )
    return found


def _check(page, url: str) -> list[str]:
    """Check the page as loaded, at each width in turn. The page is loaded once and the
    window then narrowed: the browser lays it out again as a phone or a zoom would, so
    loading it again per width would only repeat the work."""
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        wide = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if wide[0] > wide[1]:
            culprits = page.evaluate(
                """(limit) => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > limit + 1)
                    .filter(e => !e.closest('.app-table-scroll, .leaflet-container'))
                    .slice(0, 3).map(e => e.tagName + '.' + e.className)""",
                wide[1],
            )
            problems.append(f"{url} at {width}px: {wide[0]}px wide ({culprits})")
        for v in axe_violations(page):
            problems.append(f"{url} at {width}px: axe {v['id']} {v['nodes']}")
    return problems


def _crawl(page, base: str, start: list[str], seen_shapes: set[str]) -> list[str]:
    problems = []
    queue = deque(start)
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.popleft()
        shape = _shape(path.split("?")[0]) + ("?" if "?" in path else "")
        if shape in seen_shapes:
            continue
        seen_shapes.add(shape)
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        try:
            response = page.goto(base + path)
        except PlaywrightError as error:  # a download the patterns above did not foresee
            if "Download is starting" not in str(error):
                raise
            continue
        if response is None or response.status != 200:
            continue
        visited += 1
        page.wait_for_load_state("load")
        queue.extend(_links(page, base))
        problems += _check(page, base + path)
    return problems


def test_every_page_reflows_at_320px_and_is_accessible(page, live_site):
    seen: set[str] = {"/accounts/sign-in/"}
    problems = _crawl(page, live_site, START, seen)
    public_pages = len(seen)
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(live_site + "/accounts/sign-in/")
    problems += _check(page, live_site + "/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(OFFICER)
    page.get_by_label("Password").fill(PASSWORD)
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.get_by_role("button", name="Sign in").click()
    problems += _crawl(page, live_site, SIGNED_IN_START, seen)
    assert public_pages >= 8 and len(seen) >= 30, sorted(seen)
    assert problems == [], "\n".join(problems)


def test_the_map_can_be_skipped_and_is_not_hundreds_of_tab_stops(page, live_site):
    page.goto(live_site + "/map/")
    page.locator("#register-map path.leaflet-interactive").first.wait_for(timeout=20_000)
    skip = page.get_by_role("link", name="Skip the map")
    assert skip.count() == 1
    stops = page.evaluate(
        """() => [...document.querySelectorAll('#register-map *')].filter(e => {
            if (e.tabIndex < 0 || e.closest('[hidden]')) return false;
            return e.matches('a[href], button, input, select, textarea, [tabindex]');
        }).length"""
    )
    assert stops < 10, f"{stops} tab stops inside the map"
    skip.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#register-map-table"
