"""Export arrangements in the import format, so that export then import round-trips.

CSV cells that a spreadsheet would run as a formula (starting ``= + - @``, tab or
carriage return) get a leading apostrophe (OWASP "CSV injection"); the importer
removes it again.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from django.db.models import Prefetch, QuerySet

from sharedservices.base.uploads import escape_cell
from sharedservices.registry.columns import COLUMNS, LIST_SEPARATOR
from sharedservices.registry.models import Arrangement, ArrangementPartner, PartnerRole

EXPORT_COLUMNS = COLUMNS + ("savings_basis",)


def export_queryset(arrangements: QuerySet[Arrangement]) -> QuerySet[Arrangement]:
    return arrangements.order_by("pk").prefetch_related(
        "service_areas",
        "sources",
        Prefetch(
            "partners",
            queryset=ArrangementPartner.objects.select_related("organisation").order_by("pk"),
        ),
    )


def export_records(arrangements: Iterable[Arrangement]) -> Iterator[dict]:
    """One dict per arrangement; list columns as lists, numbers as numbers."""
    for a in arrangements:
        partners = list(a.partners.all())
        sources = [s.url for s in a.sources.all() if s.url]
        yield {
            "name": a.name,
            "service_areas": sorted(s.slug for s in a.service_areas.all()),
            "councils": [p.council_id for p in partners if p.council_id],
            "organisations": [p.organisation.name for p in partners if p.organisation_id],
            "lead_council": next(
                (p.council_id for p in partners if p.council_id and p.role == PartnerRole.LEAD),
                "",
            ),
            "delivery_model": a.delivery_model,
            "status": a.status,
            "status_reason": a.status_reason,
            "start_year": a.start_year,
            "end_year": a.end_year,
            "annual_savings_gbp": a.annual_savings_gbp,
            "description": a.description,
            "source_url": sources[0] if sources else "",
            "savings_basis": a.savings_basis,
        }


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return escape_cell(LIST_SEPARATOR.join(value))
    return escape_cell(str(value))


def write_csv(records: Iterable[dict], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    n = 0
    for record in records:
        writer.writerow([_cell(record[c]) for c in EXPORT_COLUMNS])
        n += 1
    return n


def write_json(records: Iterable[dict], out: TextIO) -> int:
    rows = list(records)
    json.dump(rows, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(rows)


def export_arrangements(arrangements: QuerySet[Arrangement], out: TextIO, *, fmt: str) -> int:
    records = export_records(export_queryset(arrangements).iterator(chunk_size=2000))
    return write_json(records, out) if fmt == "json" else write_csv(records, out)
