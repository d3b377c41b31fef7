"""The register as an Excel workbook (.xlsx), read and written with openpyxl.

One sheet, "Arrangements", with the columns of ``export_arrangements`` in the
same order, so a download can be imported again. Every text cell is stored as
text (never a formula, whatever it starts with: OWASP "CSV injection" has an
Excel twin), lists inside a cell are separated by ``;`` as in CSV.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Font

from sharedservices.registry.columns import COLUMNS, LIST_SEPARATOR

SHEET = "Arrangements"
# What each column holds, in words: the import page and the template's second sheet.
COLUMN_GUIDE = (
    ("name", "Name of the arrangement", "Required"),
    (
        "service_areas",
        "Service areas by name or short name (Revenues and benefits, or revenues-benefits)",
        "",
    ),
    (
        "councils",
        "Partner councils by name or GSS code (Lancaster, or E07000121), separated by ;",
        "Required",
    ),
    ("organisations", "Partners that are not councils (police, NHS, a company)", ""),
    ("lead_council", "The lead (host) council by name or GSS code: one of the councils", ""),
    (
        "delivery_model",
        "The model as the register shows it (Lead authority (sovereign)) or its code:"
        " lead-authority, joint-committee, company, private-sector, joint-procurement,"
        " joint-post or informal",
        "Required unless exploring or not pursued",
    ),
    (
        "status",
        "Exploring, Business case, Live, Ended or Not pursued (or its code, like business-case)",
        "Required",
    ),
    ("status_reason", "Why it ended or was not pursued", "Required for those"),
    ("start_year", "Year it started, four digits", ""),
    ("end_year", "Year it ended, four digits", ""),
    ("annual_savings_gbp", "Savings a year in pounds, a whole number", ""),
    ("description", "What is shared and how", ""),
    ("source_url", "A web page with the facts (http or https)", ""),
    ("savings_basis", "Estimated or Actual", ""),
    ("council_codes", "GSS codes of the partner councils; when filled, used instead of names", ""),
    ("lead_council_code", "GSS code of the lead council; when filled, used instead", ""),
    ("service_area_codes", "Short names of the service areas; when filled, used instead", ""),
    ("delivery_model_code", "The delivery model's code; when filled, used instead", ""),
    ("status_code", "The status's code; when filled, used instead", ""),
)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell_value(value):
    if value is None:
        return None
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return value


def _as_text(cell) -> None:
    """Keep a string a string: openpyxl would store "=SUM(..)" as a formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"


def _header(sheet, columns) -> None:
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def write_xlsx(records: Iterable[dict], columns: tuple[str, ...]) -> bytes:
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = SHEET
    _header(sheet, columns)
    for record in records:
        sheet.append([_cell_value(record[c]) for c in columns])
        for cell in sheet[sheet.max_row]:
            _as_text(cell)
    for letter, width in zip(
        "ABCDEFGHIJKLMNOPQRS",
        (40, 24, 30, 24, 18, 24, 14, 24, 10, 10, 18, 40, 30, 12, 30, 12, 24, 18, 14),
        strict=False,
    ):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_xlsx(columns: tuple[str, ...]) -> bytes:
    """An empty "Arrangements" sheet with the header, and a "Columns" sheet in words."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _header(sheet, columns)
    guide = book.create_sheet("Columns")
    _header(guide, ("column", "what it holds", "required"))
    for row in COLUMN_GUIDE:
        guide.append(list(row))
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["B"].width = 70
    guide.column_dimensions["C"].width = 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["COLUMNS", "template_xlsx", "write_xlsx"]
