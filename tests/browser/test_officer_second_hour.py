"""An officer's second hour: a register file that names councils by name goes in and comes
back out with names and labels; a suggestion names its arrangements; the sharing agreement
shows the nucleolus and the core check."""

from __future__ import annotations

import csv
import io

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "shared-services-demo"
NAME = "Lancaster and Wyre museums (browser import)"
CSV = (
    "name,service_areas,councils,lead_council,delivery_model,status,start_year\n"
    f"{NAME},Museums,Lancaster City Council;Wyre,Lancaster,Lead authority (sovereign),Live,2025\n"
)


def sign_in(page, live_site, email, next_url):
    page.goto(f"{live_site}/accounts/sign-in/?next={next_url}")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_names_in_names_out_suggestions_and_fair_shares(
    page, live_site, assert_accessible, tmp_path
):
    sign_in(page, live_site, "officer@lancaster.demo.example.org", "/register/import/")
    upload = tmp_path / "museums.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.get_by_label("File of arrangements (Excel, CSV or JSON, up to 5 MB)").set_input_files(
        str(upload)
    )
    page.get_by_role("button", name="Upload and check").click()
    page.get_by_text("imported into the register").wait_for()

    # The download gives names and on-screen labels, and the codes in their own columns.
    response = page.request.get(f"{live_site}/register/export.csv?council=Lancaster")
    assert response.ok
    rows = list(csv.DictReader(io.StringIO(response.text().lstrip("\ufeff"), newline="")))
    (row,) = [r for r in rows if r["name"] == NAME]
    assert row["councils"] == "Lancaster;Wyre" and row["council_codes"] == "E07000121;E07000128"
    assert row["lead_council"] == "Lancaster" and row["service_areas"] == "Museums"
    assert row["delivery_model"] == "Lead authority (sovereign)" and row["status"] == "Live"

    # Preston's peers (Lancaster and Wyre, in the same county) now share museums: the
    # suggestion names the imported arrangement (the API lists every suggestion; the page
    # shows the best eight).
    suggestions = page.request.get(f"{live_site}/api/v1/councils/E07000123/suggestions").json()
    museums = next(row for row in suggestions if row["service_area"] == "museums")
    assert museums["explanation"].startswith("Shared by 2 councils like Preston")
    page.goto(f"{live_site}/councils/E07000123/")
    panel = page.locator("section.app-suggestions")
    first = panel.locator("tbody tr").first
    # Each suggestion names its arrangements, linked, and says its score in words.
    link = first.locator('a[href^="/register/"]').first
    assert link.inner_text().strip() and not link.inner_text().startswith("number")
    assert "Shared by" in first.inner_text() and "like Preston" in first.inner_text()
    assert_accessible(page)

    # The demo's revenues and benefits case: every basis side by side, with the core check.
    page.goto(f"{live_site}/cases/")
    page.get_by_role("link", name="Shared Revenues and Benefits service (demo)").first.click()
    page.get_by_role("link", name="Sharing agreement").first.click()
    page.get_by_role("heading", name="Fair shares compared").wait_for()
    table = page.locator("table[data-fair-shares]")
    assert "Nucleolus" in table.locator('tr[data-basis="nucleolus"]').inner_text()
    assert "Shapley value" in table.inner_text() and "In the core?" in table.inner_text()
    page.get_by_text("What does this mean?").click()
    assert "no group of partners would be better off alone" in page.content()
    assert page.locator("#agreement-chart-title").count() == 1
    assert_accessible(page)
