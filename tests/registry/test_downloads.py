"""The register as downloads: CSV and Excel with the page's filters, read back with
the csv module and openpyxl, and imported again; Excel import and the templates."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from sharedservices.accounts.roles import Role
from sharedservices.registry.exporting import EXPORT_COLUMNS
from sharedservices.registry.importing import import_arrangements
from sharedservices.registry.models import Arrangement

LANCASTER, PRESTON, WYRE_FOREST = "E07000121", "E07000123", "E07000239"

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(make_arrangement):
    make_arrangement(
        "live", LANCASTER, PRESTON, name="Lancaster and Preston revenues", savings=150_000
    )
    make_arrangement("live", WYRE_FOREST, name='=HYPERLINK("http://evil")', savings=1000)
    make_arrangement("ended", LANCASTER, name="Lancaster CCTV")


def _csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _xlsx_rows(response) -> list[dict]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_the_csv_download_has_the_filters_and_the_export_columns(client, records):
    response = client.get("/register/export.csv", {"council": "Lancaster", "status": "live"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert [r["name"] for r in rows] == ["Lancaster and Preston revenues"]
    # People read names and the labels the pages show; the codes have their own columns.
    assert rows[0]["councils"] == "Lancaster;Preston"
    assert rows[0]["council_codes"] == f"{LANCASTER};{PRESTON}"
    assert rows[0]["status"] == "Live" and rows[0]["status_code"] == "live"
    assert rows[0]["annual_savings_gbp"] == "150000"


def test_the_xlsx_download_reads_back_with_openpyxl_and_formulas_stay_text(client, records):
    response = client.get("/register/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet.title == "Arrangements"
    cell = next(c for c in sheet["A"] if c.value and str(c.value).startswith("=HYPER"))
    assert cell.data_type == "s", "a text cell that looks like a formula must stay text"
    rows = _xlsx_rows(response)
    assert sorted(r["name"] for r in rows) == sorted(
        ["Lancaster and Preston revenues", '=HYPERLINK("http://evil")', "Lancaster CCTV"]
    )
    assert (
        next(r for r in rows if r["name"].startswith("Lancaster and"))["annual_savings_gbp"]
        == 150000
    )


def test_the_public_see_only_public_records_in_downloads(client, make_arrangement):
    make_arrangement("exploring", LANCASTER, name="Private thoughts")
    make_arrangement("live", LANCASTER, name="Public record")
    names = [r["name"] for r in _csv_rows(client.get("/register/export.csv"))]
    assert names == ["Public record"]
    names = [r["name"] for r in _xlsx_rows(client.get("/register/export.xlsx"))]
    assert names == ["Public record"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_download_imports_again_cleanly(client, records, fmt):
    response = client.get(f"/register/export.{fmt}", {"council": LANCASTER})
    before = Arrangement.objects.count()
    Arrangement.objects.filter(partners__council_id=LANCASTER).delete_with_history()
    result = import_arrangements(response.content, fmt=fmt)
    assert result.ok, result.errors
    assert result.created == 2
    assert Arrangement.objects.count() == before
    again = Arrangement.objects.get(name="Lancaster and Preston revenues")
    assert again.annual_savings_gbp == 150_000
    assert {p.council_id for p in again.partners.all()} == {LANCASTER, PRESTON}


def _upload(client, name, content, dry_run=False):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"file": SimpleUploadedFile(name, content)}
    if dry_run:
        data["dry_run"] = "on"
    return client.post("/register/import/", data)


def _workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["name", "councils", "status", "annual_savings_gbp", "start_year", "delivery_model"]
    )
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_import_page_takes_an_excel_file(client, make_user):
    client.force_login(make_user(LANCASTER, Role.OFFICER))
    content = _workbook(
        [["Shared legal", f"{LANCASTER};{PRESTON}", "live", 25000, 2019, "lead-authority"]]
    )
    response = _upload(client, "legal.xlsx", content)
    assert response.status_code == 302, response.content.decode()[-3000:]
    legal = Arrangement.objects.get(name="Shared legal")
    assert legal.annual_savings_gbp == 25000 and legal.start_year == 2019


def test_an_excel_import_is_all_or_nothing_with_rows_named(client, make_user):
    client.force_login(make_user(LANCASTER, Role.OFFICER))
    content = _workbook(
        [
            ["Good row", LANCASTER, "live", 1000, 2019, "lead-authority"],
            ["Bad row", "E99999999", "live", "lots", 19, "lead-authority"],
        ]
    )
    page = _upload(client, "two.xlsx", content).content.decode()
    assert Arrangement.objects.filter(name__in=["Good row", "Bad row"]).count() == 0
    assert "There is no council" in page and "is not a four-digit year" in page
    assert ">3<" in page, "the bad row is named by its row number in Excel"


def test_a_file_that_is_not_really_excel_is_a_named_error(client, make_user):
    client.force_login(make_user(LANCASTER, Role.OFFICER))
    page = _upload(client, "broken.xlsx", b"PK\x03\x04 not a zip").content.decode()
    assert "Not a readable Excel (.xlsx) file" in page


def test_the_import_templates_download_and_import_as_empty(client, make_user):
    client.force_login(make_user(LANCASTER, Role.OFFICER))
    page = client.get("/register/import/").content.decode()
    assert 'href="/register/import/template.csv"' in page
    assert 'href="/register/import/template.xlsx"' in page
    header = client.get("/register/import/template.csv").content.decode("utf-8-sig")
    assert header.strip() == ",".join(EXPORT_COLUMNS)
    book = load_workbook(io.BytesIO(client.get("/register/import/template.xlsx").content))
    assert [c.value for c in book["Arrangements"][1]] == list(EXPORT_COLUMNS)
    assert book["Columns"]["A2"].value == "name"
