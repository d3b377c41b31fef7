"""Reading an import file (CSV, JSON or Excel) into rows keyed by column, each with the line
number a person sees; the importer checks them."""

from __future__ import annotations

import csv
import io
import json

from sharedservices.registry.columns import FORMULA_PREFIXES, LIST_SEPARATOR, ImportFileError


def unescape_cell(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def _read_csv(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    rows: list[tuple[int, dict]] = []
    start = 2
    for record in reader:
        cells = {k: unescape_cell((v or "").strip()) for k, v in record.items() if k is not None}
        if any(cells.values()):
            rows.append((start, cells))
        start = reader.line_num + 1
    return header, rows


def _read_json(text: str) -> tuple[list[str] | None, list[tuple[int, dict]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ImportFileError(f"Not valid JSON: {e.msg} at line {e.lineno}") from None
    if isinstance(data, dict) and isinstance(data.get("arrangements"), list):
        data = data["arrangements"]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ImportFileError("JSON must be a list of objects, one per arrangement")
    rows = []
    for i, record in enumerate(data, start=1):
        cells = {}
        for key, value in record.items():
            if isinstance(value, list):
                value = LIST_SEPARATOR.join(str(v) for v in value)
            cells[key] = "" if value is None else str(value).strip()
        rows.append((i, cells))
    return None, rows


def read_rows(content: bytes | str, *, fmt: str) -> tuple[list[str] | None, list[tuple[int, dict]]]:
    if fmt == "xlsx":
        from sharedservices.registry.spreadsheets import read_xlsx

        if isinstance(content, str):
            raise ImportFileError("An Excel file must be read as bytes")
        return read_xlsx(content)
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError("The file is not UTF-8 text") from None
    if fmt == "json":
        return _read_json(content)
    return _read_csv(content)


def detect_format(name: str, content: bytes | str) -> str:
    if name.lower().endswith(".xlsx") or content[:4] in (b"PK\x03\x04",):
        return "xlsx"
    if name.lower().endswith(".json"):
        return "json"
    if name.lower().endswith(".csv"):
        return "csv"
    head = content[:1024].lstrip()
    return "json" if head[:1] in (b"[", b"{", "[", "{") else "csv"
