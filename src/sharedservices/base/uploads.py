"""Reading an uploaded file of rows: what every all-or-nothing import shares.

The register's import (CSV, JSON or Excel) and the benefits figures' upload (CSV) read a
file the same way: a header, then rows keyed by the line a person sees in their editor
or spreadsheet, a ``RowError`` per problem naming that line and column, and an
``ImportFileError`` for a file that cannot be read at all. They live here, below the
apps that use them, so that neither importer imports the other's app. The pages show
the result with ``includes/upload_result.html`` and ``includes/upload_problems.html``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass

from django import forms

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Spreadsheet formula prefixes; exporters escape them with a leading quote (OWASP "CSV
# injection") and the readers here take it off again.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = ";"

Rows = list[tuple[int, dict]]


class ImportFileError(Exception):
    """The file cannot be read at all (not UTF-8, not CSV, JSON or Excel, empty, too long).
    ``rows`` is how many rows were read, where the file was read."""

    def __init__(self, message: str, *, rows: int = 0):
        super().__init__(message)
        self.rows = rows


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return (
            f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


def escape_cell(value: str) -> str:
    """A text cell as a spreadsheet will show it, never run it."""
    return "'" + value if value[:1] in FORMULA_PREFIXES else value


def unescape_cell(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def read_csv(text: str) -> tuple[list[str], Rows]:
    """Rows keyed by the physical line each record starts on (the header is line 1).

    Strict: a quote opened and never closed is refused, naming the line it opens on,
    where csv would otherwise read the rest of the file as one field (a name holding
    newlines and every row after it)."""
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    rows: Rows = []
    start = 1
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
        reader.fieldnames = header
        start = reader.line_num + 1
        for record in reader:
            cells = {
                k: unescape_cell((v or "").strip()) for k, v in record.items() if k is not None
            }
            if any(cells.values()):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as e:
        if "unexpected end of data" in str(e):
            raise ImportFileError(
                f'Line {start}: a quote (") is opened and never closed. Close it, or write'
                ' a quote that is part of the text twice ("")'
            ) from None
        raise ImportFileError(f"Line {start}: not readable as CSV ({e})") from None
    return header, rows


def read_json(text: str, *, key: str) -> tuple[None, Rows]:
    """A list of objects (or ``{key: [...]}``), keyed by position from 1; lists in a
    value are joined as a spreadsheet cell would hold them."""
    noun = key.removesuffix("s")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ImportFileError(f"Not valid JSON: {e.msg} at line {e.lineno}") from None
    except RecursionError:
        raise ImportFileError(
            f"The JSON is nested too deeply: give a list of flat objects, one per {noun}"
        ) from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        raise ImportFileError("The JSON holds a number too long to be a real figure") from None
    if isinstance(data, dict) and isinstance(data.get(key), list):
        data = data[key]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ImportFileError(f"JSON must be a list of objects, one per {key.removesuffix('s')}")
    rows = []
    for i, record in enumerate(data, start=1):
        cells = {}
        for name, value in record.items():
            if isinstance(value, list) and all(_scalar(v) for v in value):
                value = LIST_SEPARATOR.join(str(v) for v in value)
            elif not _scalar(value):
                raise ImportFileError(
                    f"The {noun} at {i}, {str(name)[:50]}: give text, a number or a list of"
                    " them, not an object"
                )
            cells[name] = "" if value is None else str(value).strip()
        rows.append((i, cells))
    return None, rows


def _scalar(value) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(content: bytes, *, sheet: str) -> tuple[list[str], Rows]:
    """The sheet named ``sheet`` (or the first): header on row 1; each row keyed by its
    spreadsheet row number, as a person sees it in Excel."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise ImportFileError(f"Not a readable Excel (.xlsx) file: {e}") from None
    found = book[sheet] if sheet in book.sheetnames else book.worksheets[0]
    rows_iter = found.iter_rows(values_only=True)
    header = [_xlsx_text(h) for h in next(rows_iter, ())]
    while header and not header[-1]:
        header.pop()
    rows = []
    for number, values in enumerate(rows_iter, start=2):
        cells = {h: _xlsx_text(v) for h, v in zip(header, values, strict=False) if h}
        if any(cells.values()):
            rows.append((number, cells))
    book.close()
    return header, rows


def read_rows(
    content: bytes | str, *, fmt: str, key: str = "rows"
) -> tuple[list[str] | None, Rows]:
    """``fmt`` is csv, json (``key`` names its list) or xlsx (``key`` names its sheet,
    capitalised)."""
    if fmt == "xlsx":
        if isinstance(content, str):
            raise ImportFileError("An Excel file must be read as bytes")
        return read_xlsx(content, sheet=key.capitalize())
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError("The file is not UTF-8 text") from None
    if fmt == "json":
        return read_json(content, key=key)
    return read_csv(content)


def read_upload(
    content: bytes | str, *, fmt: str, key: str, empty: str, max_rows: int | None = None
) -> tuple[list[str] | None, Rows]:
    """``read_rows``, with every way the whole file can fail as an ``ImportFileError``:
    unreadable, no rows (``empty`` says so in the file's words), or more than
    ``max_rows``."""
    try:
        header, rows = read_rows(content, fmt=fmt, key=key)
    except csv.Error as e:
        raise ImportFileError(f"Not a readable CSV file: {e}") from None
    if not rows:
        raise ImportFileError(empty)
    if max_rows is not None and len(rows) > max_rows:
        raise ImportFileError(f"At most {max_rows:,} rows in one file", rows=len(rows))
    return header, rows


def upload_checked(upload, *, extensions: tuple[str, ...], kinds: str):
    """A form's ``clean_file``: at most 5 MB, and a name ending in one of ``extensions``
    (``kinds`` says them in words: "an Excel (.xlsx), CSV or JSON file")."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError("The file must be smaller than 5 MB")
    if not upload.name.lower().endswith(extensions):
        raise forms.ValidationError(f"The file must be {kinds}")
    return upload
