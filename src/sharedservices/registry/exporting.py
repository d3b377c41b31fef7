"""Export arrangements in the import format, so that export then import round-trips.

CSV and Excel are read by people: councils by name, service areas, models, statuses and
savings bases by the labels the pages show, and the codes in their own columns
(``columns.CODE_COLUMNS``) for an exact re-import. JSON is read by programs: codes only,
under the import's column names.

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
from sharedservices.registry.columns import (
    CODE_COLUMNS,
    COLUMNS,
    LIST_SEPARATOR,
    SOURCE_COLUMNS,
)
from sharedservices.registry.models import (
    Arrangement,
    ArrangementPartner,
    ArrangementStatus,
    DeliveryModel,
    PartnerRole,
    SavingsBasis,
)

JSON_COLUMNS = COLUMNS + ("savings_basis", *SOURCE_COLUMNS)
EXPORT_COLUMNS = JSON_COLUMNS + CODE_COLUMNS


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def export_queryset(arrangements: QuerySet[Arrangement]) -> QuerySet[Arrangement]:
    return arrangements.order_by("pk").prefetch_related(
        "service_areas",
        "sources",
        Prefetch(
            "partners",
            queryset=ArrangementPartner.objects.select_related("organisation", "council")
            .only("pk", "arrangement_id", "role", "council__name", "organisation__name")
            .order_by("pk"),
        ),
    )


def export_records(arrangements: Iterable[Arrangement]) -> Iterator[dict]:
    """One dict per arrangement (``EXPORT_COLUMNS``); list columns as lists, numbers as
    numbers."""
    for a in arrangements:
        partners = list(a.partners.all())
        councils = [p.council for p in partners if p.council_id]
        lead = next(
            (p.council for p in partners if p.council_id and p.role == PartnerRole.LEAD), None
        )
        areas = sorted(a.service_areas.all(), key=lambda s: s.slug)
        source = a.main_source
        yield {
            "name": a.name,
            "service_areas": [s.name for s in areas],
            "councils": [c.name for c in councils],
            "organisations": [p.organisation.name for p in partners if p.organisation_id],
            "lead_council": lead.name if lead else "",
            "delivery_model": _label(DeliveryModel, a.delivery_model),
            "status": _label(ArrangementStatus, a.status),
            "status_reason": a.status_reason,
            "start_year": a.start_year,
            "end_year": a.end_year,
            "annual_savings_gbp": a.annual_savings_gbp,
            "description": a.description,
            "source_url": source.url if source else "",
            "provenance": a.provenance,
            "source_title": source.title if source else "",
            "source_date": source.published if source else "",
            "checked_on": source.checked_on.isoformat() if source and source.checked_on else "",
            "savings_basis": _label(SavingsBasis, a.savings_basis),
            "council_codes": [c.pk for c in councils],
            "lead_council_code": lead.pk if lead else "",
            "service_area_codes": [s.slug for s in areas],
            "delivery_model_code": a.delivery_model,
            "status_code": a.status,
            "savings_basis_code": a.savings_basis,  # JSON only
        }


def json_record(record: dict) -> dict:
    """The JSON export's codes under the import's column names."""
    return {
        **{c: record[c] for c in JSON_COLUMNS},
        "councils": record["council_codes"],
        "lead_council": record["lead_council_code"],
        "service_areas": record["service_area_codes"],
        "delivery_model": record["delivery_model_code"],
        "status": record["status_code"],
        "savings_basis": record["savings_basis_code"],
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
    rows = [json_record(r) for r in records]
    json.dump(rows, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(rows)


def export_arrangements(arrangements: QuerySet[Arrangement], out: TextIO, *, fmt: str) -> int:
    records = export_records(export_queryset(arrangements).iterator(chunk_size=2000))
    return write_json(records, out) if fmt == "json" else write_csv(records, out)
