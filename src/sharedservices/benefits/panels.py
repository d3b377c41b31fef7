"""Benefits' panels on the register's pages (``base/panels.py`` explains why registry,
below benefits, does not ask for them by name): an arrangement's savings to date, and
how much of the national savings is measured from partners' figures."""

from __future__ import annotations

from django.template.loader import render_to_string

from sharedservices.base.panels import page_panel
from sharedservices.benefits.savings import national_measured_share, savings_to_date


@page_panel("arrangement-summary", "savings-to-date", order=10)
def arrangement_savings_to_date(request, arrangement) -> str:
    return render_to_string(
        "benefits/includes/savings_to_date.html",
        {"savings_to_date": savings_to_date(arrangement)},
        request=request,
    )


@page_panel("national-picture", "measured-share", order=10)
def national_measured(request, _nothing) -> str:
    return render_to_string(
        "benefits/includes/measured_share.html",
        {"measured": national_measured_share(request.GET.get("provenance", "real"))},
        request=request,
    )
