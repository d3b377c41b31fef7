"""The appraisal's workings as an Excel download (``cases.workbook``)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.text import slugify

from sharedservices.analysis.appraisal import InputError, validate
from sharedservices.base.access import council_owned
from sharedservices.cases.appraisal_input import appraisal_input
from sharedservices.cases.views.common import get_case
from sharedservices.cases.workbook import appraisal_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@council_owned
def appraisal_workings(request, pk):
    case = get_case(request, pk)
    try:
        appraisal = validate(appraisal_input(case))
    except InputError:
        # The appraisal page says what is missing; there is nothing to work through yet.
        raise Http404("This case has no appraisal to download yet") from None
    response = HttpResponse(appraisal_workbook(appraisal), content_type=XLSX)
    name = slugify(case.title)[:60] or "appraisal"
    response["Content-Disposition"] = f'attachment; filename="{name}-workings.xlsx"'
    return response
