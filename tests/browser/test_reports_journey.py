"""A committee report in the browser: Preston's officer opens the demo Revenues and
Benefits case's Reports tab, writes and signs off the implications still in draft (not the
legal ones: those are the monitoring officer's), is refused publishing while the report is
unfinished, and downloads both files of Lancaster's published version. axe-core is clean
on every page on the way."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from docx import Document
from playwright.sync_api import expect

from tests.browser.test_business_case_journey import sign_in

pytestmark = pytest.mark.browser

TITLE = "Shared Revenues and Benefits service (demo)"
STILL_DRAFT = [
    "legal",
    "staffing",
    "property",
    "ict",
    "equality and diversity",
    "human rights",
    "environmental and sustainability",
    "crime and disorder",
    "risk",
    "safeguarding",
    "impact on customers",
]


def test_an_officer_signs_off_previews_publishes_and_downloads(
    page, live_site, assert_accessible, tmp_path
):
    sign_in(page, live_site, "officer@preston.demo.example.org")
    page.goto(live_site + "/cases/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Committee reports").click()
    assert_accessible(page)
    row = page.locator("[data-report='E07000121-executive'] [data-state]")
    expect(row).to_contain_text("Published (version 1)")
    page.get_by_role("link", name="Cabinet (executive) report of Preston: preview").click()
    assert_accessible(page)
    expect(page.locator("[data-drafts]")).to_be_visible()

    for label in STILL_DRAFT:
        # The heading is visually hidden inside the link; the browser's accessible name
        # may put a space before its colon.
        name = re.compile(rf"^Write and sign off\s*:\s*{label}", re.IGNORECASE)
        page.get_by_role("link", name=name).click()
        if label == "legal":
            assert_accessible(page)
            page.get_by_role("button", name="Save").click()  # empty: errors
            expect(page.locator(".govuk-error-summary")).to_be_visible()
            assert_accessible(page)
            # Signing the legal implications is the monitoring officer's alone.
            page.get_by_label("The implications").fill("Preston's legal implications (demo).")
            page.get_by_label("Sign these implications off under my own name").check()
            page.get_by_role("button", name="Save").click()
            expect(page.locator(".govuk-error-summary")).to_contain_text(
                "Only Preston's monitoring officer"
            )
            page.get_by_label("Sign these implications off under my own name").uncheck()
            page.get_by_role("button", name="Save").click()
            expect(page.locator(".govuk-notification-banner")).to_contain_text("saved")
            continue
        page.get_by_label("The implications").fill(f"Preston's {label} implications (demo).")
        page.get_by_label("Sign these implications off under my own name").check()
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("saved")
    # Financial and legal wait for Preston's statutory officers.
    expect(page.locator("[data-implication] .govuk-tag")).to_have_count(2)
    assert_accessible(page)

    # Not finished: publishing is refused, each thing to finish listed.
    page.get_by_role("button", name="Publish this version").click()
    expect(page.locator(".govuk-error-summary, .govuk-notification-banner").first).to_be_visible()
    expect(page.locator("body")).to_contain_text(
        "Financial implications: not signed off by the section 151 officer"
    )
    expect(page.locator("[data-table='published']")).to_have_count(0)
    assert_accessible(page)

    # Lancaster's finished report, published by the demo, downloads as frozen files.
    page.goto(live_site + page.url.split(live_site, 1)[1].replace("E07000123", "E07000121"))
    files = page.locator("[data-table='published'] a")
    expect(files).to_have_count(4)
    expect(page.locator("[data-sign-offs]")).to_contain_text("Chief finance officer")
    with page.expect_download() as pdf:
        files.filter(has_text="PDF, public edition").click()
    pdf_path = tmp_path / "report.pdf"
    pdf.value.save_as(pdf_path)
    text = subprocess.run(
        ["pdftotext", str(pdf_path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Lancaster" in text and "Demo chief finance officer" in text
    with page.expect_download() as docx:
        files.filter(has_text="Word, public edition").click()
    body = "\n".join(
        p.text for p in Document(io.BytesIO(docx.value.path().read_bytes())).paragraphs
    )
    assert "Demo monitoring officer, Lancaster" in body

    page.goto(live_site + "/forward-plan/E07000121/")
    expect(page.locator("[data-published-reports]")).to_contain_text(TITLE)
    assert_accessible(page)
