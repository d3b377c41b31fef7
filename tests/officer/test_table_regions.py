"""Every data table on every page scrolls inside its own labelled, focusable region
(WCAG 1.4.10 Reflow allows a data table to scroll in two dimensions; the page as a
whole must not). The browser crawl in tests/browser/test_reflow.py measures one page
of each address shape at 320 px; this walk checks every page's markup, so a table
that is narrow in the demo but wide with real data is caught too."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.officer.pages import page_urls

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Tables(HTMLParser):
    """Tables not inside a ``.app-table-scroll`` region with a role, label and tab stop.
    A committee report's own document (``.app-report``) is the printed report,
    laid out for paper, and is left to the report's own styles."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, in a region, in a report)
        self.bare: list[str] = []
        self.bad_regions: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        region, report = self.stack[-1][1:] if self.stack else (False, False)
        if "app-table-scroll" in classes:
            if not (a.get("role") == "region" and a.get("tabindex") == "0" and a.get("aria-label")):
                self.bad_regions.append(str(a))
            region = True
        report = report or "app-report" in classes
        if tag == "table" and not region and not report:
            self.bare.append(a.get("id") or a.get("class") or "table")
        self.stack.append((tag, region, report))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return


def test_every_table_on_every_page_scrolls_in_a_labelled_region(client, demo):
    urls, _ = page_urls(case=demo["case"], ids=demo["ids"])
    problems, tables = [], 0
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        tables += html.count("<table")
        parser = _Tables()
        parser.feed(html)
        problems += [f"{url}: table {t} outside a scrolling region" for t in parser.bare]
        problems += [
            f"{url}: region without role, tab stop or label {r}" for r in parser.bad_regions
        ]
    assert tables > 25  # the walk reached the pages with tables
    assert problems == [], "\n".join(problems)
