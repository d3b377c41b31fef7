"""The register's file format: its columns.

One home for what the importer, the exporter and the spreadsheet writer share, so that none
of them imports another in a circle. Reading a file (and what makes one unreadable) is
every upload's, in ``base/uploads.py``.
"""

from __future__ import annotations

from sharedservices.base.uploads import LIST_SEPARATOR  # noqa: F401 (the register's cells)

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
# Written by the export; on import the register ignores them (where a record came from
# is the register's to say).
SOURCE_COLUMNS = ("provenance", "source_title", "source_date", "checked_on")
# The downloads write names and on-screen labels in the columns above and the codes here,
# so a file read by a person can be imported again exactly (``import_values.py``).
CODE_COLUMNS = (
    "council_codes",
    "lead_council_code",
    "service_area_codes",
    "delivery_model_code",
    "status_code",
)
OPTIONAL_COLUMNS = ("savings_basis", *CODE_COLUMNS, *SOURCE_COLUMNS)
REQUIRED_COLUMNS = ("name", "councils", "status")
