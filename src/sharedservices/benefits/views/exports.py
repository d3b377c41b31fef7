"""The dashboard's benefits panel as CSV: what the panel shows the user (their councils'
live arrangements with status and savings, and the returns their councils owe), nothing
of any other council's."""

from __future__ import annotations

import csv

from django.http import HttpResponse

from sharedservices.base.access import signed_in
from sharedservices.base.uploads import escape_cell
from sharedservices.benefits.selectors import dashboard

COLUMNS = [
    "row",
    "arrangement",
    "arrangement_name",
    "status",
    "indicators",
    "savings_expected_to_date_gbp",
    "savings_realised_gbp",
    "indicator",
    "council",
    "council_name",
    "period",
    "period_ended",
]


def _money(value) -> str:
    return "" if value is None else f"{value:.2f}"


@signed_in
def dashboard_csv(request):
    panel = dashboard(request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="benefits-dashboard.csv"'
    out = csv.writer(response)
    out.writerow(COLUMNS)
    blank = [""] * 5
    for row in panel["arrangements"]:
        a, savings = row["arrangement"], row["savings"]
        measured = bool(savings and savings["measured"])
        last = savings["comparison"][-1] if measured and savings["comparison"] else {}
        out.writerow(
            [
                "arrangement",
                a.pk,
                escape_cell(a.name),
                row["status"] if row["indicators"] else "no indicators",
                row["indicators"],
                _money(last.get("cumulative_expected")),
                _money(last.get("cumulative_realised")) if measured else "not measured",
                *blank,
            ]
        )
    for a, indicator, council, period in panel["overdue"]:
        out.writerow(
            [
                "overdue return",
                a.pk,
                escape_cell(a.name),
                "",
                "",
                "",
                "",
                escape_cell(indicator.name),
                council.pk,
                escape_cell(council.name),
                period.written,
                period.ends_on.isoformat(),
            ]
        )
    return response
