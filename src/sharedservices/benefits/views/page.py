"""The Benefits tab of an arrangement and its CSV export: what the user may see of it."""

from __future__ import annotations

import csv
import datetime

from django.http import HttpResponse
from django.shortcuts import render

from sharedservices.analysis.benefits import parse_period
from sharedservices.base.access import public
from sharedservices.base.uploads import escape_cell
from sharedservices.benefits.forms import YearForm
from sharedservices.benefits.models import ActualRevision, CostShareReview, Review
from sharedservices.benefits.permissions import (
    baseline_councils,
    can_manage,
    enterable_councils,
)
from sharedservices.benefits.savings import arrangement_savings
from sharedservices.benefits.selectors import (
    arrangement_status,
    figure_years,
    indicator_views,
    visible_indicators,
)
from sharedservices.benefits.views.common import arrangement_or_404, partner_councils
from sharedservices.registry.selectors import is_partner_user


def _cost_share_rows(user, arrangement) -> list[CostShareReview]:
    """Each review with its partners by name, shares as percentages."""
    names = {c.pk: c.name for c in partner_councils(arrangement)}
    reviews = list(CostShareReview.objects.visible_to(user).filter(arrangement=arrangement))
    for review in reviews:
        review.partner_rows = [
            {
                "name": names.get(p["code"], p["code"]),
                "agreed": round(100 * p["agreed"], 1),
                "actual": round(100 * p["actual"], 1),
                "payment": p["payment"],
                "paid": -p["payment"],
            }
            for p in review.result["partners"]
        ]
    return reviews


@public
def benefits(request, pk):
    """The latest financial year's figures by default (``?year=2027`` another, ``?year=all``
    every period): status and overdue returns always count every period."""
    arrangement = arrangement_or_404(request.user, pk)
    indicators = list(visible_indicators(request.user, arrangement))
    years = figure_years(indicators)
    year_form = YearForm(request.GET if "year" in request.GET else None, years=years)
    year = year_form.chosen()
    views = indicator_views(indicators, year=year)
    partner = is_partner_user(request.user, arrangement)
    return render(
        request,
        "benefits/page.html",
        {
            "arrangement": arrangement,
            "views": views,
            "year_form": year_form if years else None,
            "year": year,
            "status": arrangement_status(views),
            "savings": arrangement_savings(arrangement) if partner else None,
            "can_enter": any(enterable_councils(request.user, i) for i in indicators),
            "can_manage": can_manage(request.user, arrangement),
            "baseline_councils": baseline_councils(request.user, arrangement),
            "partner": partner,
            "reviews": Review.objects.visible_to(request.user)
            .filter(arrangement=arrangement)
            .prefetch_related("actions")
            if partner
            else None,
            "cost_share": _cost_share_rows(request.user, arrangement) if partner else None,
            "corrections": ActualRevision.objects.visible_to(request.user)
            .filter(actual__indicator__in=indicators)
            .select_related("actual__indicator", "actual__council")[:50]
            if partner
            else None,
            "today": datetime.date.today(),
        },
    )


@public
def export_csv(request, pk):
    """Every figure of the indicators the user may see, every period (the page shows a
    year at a time), one row per figure."""
    arrangement = arrangement_or_404(request.user, pk)
    views = indicator_views(visible_indicators(request.user, arrangement))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="benefits-{arrangement.pk}.csv"'
    out = csv.writer(response)
    out.writerow(
        [
            "arrangement",
            "indicator",
            "council",
            "period",
            "value",
            "status",
            "target",
            "tolerance",
            "direction",
            "baseline",
            "note",
        ]
    )
    for v in views:
        ind = v.indicator
        for row in v.rows:
            for council, cell in zip(v.councils, row["cells"], strict=True):
                if cell is None:
                    continue
                base = v.baselines.get(council.pk)
                out.writerow(
                    [
                        arrangement.pk,
                        escape_cell(ind.name),
                        council.pk,
                        parse_period(row["period"]).written,
                        cell["value"].normalize(),
                        cell["status"],
                        ind.target.normalize(),
                        ind.tolerance.normalize(),
                        ind.direction,
                        base.value.normalize() if base else "",
                        escape_cell(cell["note"]),
                    ]
                )
    return response
