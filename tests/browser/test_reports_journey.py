"""A committee report in the browser: Preston's officer opens the demo Revenues and
Benefits case's Reports tab, signs off the implications still in draft, previews the
report, publishes it and downloads both files of the published version. axe-core is
clean on every page on the way."""

from __future__ import annotations

import io
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
        page.get_by_role("link", name=f"Write and sign off the {label} implications").click()
        if label == "legal":
            assert_accessible(page)
            page.get_by_role("button", name="Sign off").click()  # empty: errors
            expect(page.locator(".govuk-error-summary")).to_be_visible()
            assert_accessible(page)
        page.get_by_label("The implications").fill(f"Preston's {label} implications (demo).")
        page.get_by_label("Your role").fill("Head of Service (demo)")
        page.get_by_role("button", name="Sign off").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("signed off")
    expect(page.locator("[data-implication] .govuk-tag")).to_have_count(0)
    expect(page.locator(".app-report")).to_contain_text("Signed off by")
    assert_accessible(page)

    # Publishing renders four files (public and private, Word and PDF) on a shared machine.
    page.get_by_role("button", name="Publish this version").click(timeout=180_000)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Version 1 is published")
    expect(page.locator("[data-sha256]")).to_have_count(4)
    assert_accessible(page)

    files = page.locator("[data-table='published'] a")
    expect(files).to_have_count(4)
    with page.expect_download() as pdf:
        files.filter(has_text="PDF, public edition").click()
    pdf_path = tmp_path / "report.pdf"
    pdf.value.save_as(pdf_path)
    text = subprocess.run(
        ["pdftotext", str(pdf_path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Preston" in text and "implications (demo)" in text
    with page.expect_download() as docx:
        files.filter(has_text="Word, public edition").click()
    body = "\n".join(
        p.text for p in Document(io.BytesIO(docx.value.path().read_bytes())).paragraphs
    )
    assert "Preston's legal implications (demo)." in body

    page.goto(live_site + "/forward-plan/E07000123/")
    expect(page.locator("[data-published-reports]")).to_contain_text(TITLE)
    assert_accessible(page)
