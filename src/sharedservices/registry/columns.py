"""The register's file format: its columns and what makes a file unreadable.

One home for what the importer, the exporter and the spreadsheet reader and writer share, so
that none of them imports another in a circle.
"""

from __future__ import annotations

COLUMNS = (
    "name",
    "service_areas",
    "councils",
    "organisations",
    "lead_council",
    "delivery_model",
    "status",
    "status_reason",
    "start_year",
    "end_year",
    "annual_savings_gbp",
    "description",
    "source_url",
)
# Written by the export; on import ``savings_basis`` is read and the others (where the
# record came from, set by the register itself) are ignored.
SOURCE_COLUMNS = ("provenance", "source_title", "source_date", "checked_on")
OPTIONAL_COLUMNS = ("savings_basis", *SOURCE_COLUMNS)
REQUIRED_COLUMNS = ("name", "councils", "status")
LIST_SEPARATOR = ";"
# Spreadsheet formula prefixes; the exporter escapes them with a leading quote.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportFileError(Exception):
    """The file cannot be read at all (not UTF-8, not CSV or JSON)."""
