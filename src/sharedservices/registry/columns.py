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
# The downloads write names and on-screen labels in the columns above and the codes here,
# so a file read by a person can be imported again exactly (``import_values.py``).
CODE_COLUMNS = (
    "council_codes",
    "lead_council_code",
    "service_area_codes",
    "delivery_model_code",
    "status_code",
)
OPTIONAL_COLUMNS = ("savings_basis", *CODE_COLUMNS)
REQUIRED_COLUMNS = ("name", "councils", "status")
LIST_SEPARATOR = ";"
# Spreadsheet formula prefixes; the exporter escapes them with a leading quote.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportFileError(Exception):
    """The file cannot be read at all (not UTF-8, not CSV or JSON)."""
