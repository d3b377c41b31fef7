"""Downloads of the register: the filtered list as CSV or Excel, and empty
import templates. The columns are ``export_arrangements``'s, so a download can
be imported again (the same all-or-nothing importer)."""

from __future__ import annotations

import datetime
import io

from django.http import HttpResponse

from sharedservices.base.access import public, signed_in
from sharedservices.registry.exporting import (
    EXPORT_COLUMNS,
    export_queryset,
    export_records,
    write_csv,
)
from sharedservices.registry.forms import ArrangementFilterForm
from sharedservices.registry.selectors import arrangement_list
from sharedservices.registry.spreadsheets import XLSX_CONTENT_TYPE, template_xlsx, write_xlsx

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def _filtered(request):
    """The register page's own filters, from the same query string."""
    form = ArrangementFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if request.GET else None
    # export_queryset prefetches what the export needs, not what the list shows.
    return arrangement_list(user=request.user, filters=filters).prefetch_related(None)


def _attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _name(extension: str) -> str:
    return f"shared-services-register-{datetime.date.today():%Y-%m-%d}.{extension}"


@public
def export_csv(request):
    out = io.StringIO()
    # A byte-order mark so that Excel reads the £ and accents as UTF-8.
    out.write("\ufeff")
    write_csv(export_records(export_queryset(_filtered(request))), out)
    return _attachment(out.getvalue().encode("utf-8"), CSV_CONTENT_TYPE, _name("csv"))


@public
def export_xlsx(request):
    content = write_xlsx(export_records(export_queryset(_filtered(request))), EXPORT_COLUMNS)
    return _attachment(content, XLSX_CONTENT_TYPE, _name("xlsx"))


@signed_in
def template_csv(request):
    out = io.StringIO()
    out.write("\ufeff")
    write_csv([], out)
    return _attachment(out.getvalue().encode("utf-8"), CSV_CONTENT_TYPE, "register-template.csv")


@signed_in
def template_xlsx_view(request):
    return _attachment(template_xlsx(EXPORT_COLUMNS), XLSX_CONTENT_TYPE, "register-template.xlsx")
