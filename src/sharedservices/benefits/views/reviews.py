"""Recording reviews and holding the annual cost-share review."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from sharedservices.base.access import council_owned
from sharedservices.benefits.forms import CostShareForm, ReviewForm
from sharedservices.benefits.permissions import can_manage
from sharedservices.benefits.services import cost_share_hold, review_record
from sharedservices.benefits.views.common import arrangement_or_404, partner_councils


@council_owned
def review_add(request, pk):
    arrangement = arrangement_or_404(request.user, pk)
    if not can_manage(request.user, arrangement):
        raise PermissionDenied("Only a partner council's officers record reviews")
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review_record(user=request.user, arrangement=arrangement, data=form.cleaned_data)
        except ValidationError as e:
            form.add_service_errors(e.message_dict)
        else:
            messages.success(request, "The review was recorded")
            return redirect("benefits:page", pk=arrangement.pk)
    return render(
        request,
        "benefits/form.html",
        {"arrangement": arrangement, "form": form, "heading": "Record a review"},
    )


@council_owned
def cost_share(request, pk):
    arrangement = arrangement_or_404(request.user, pk)
    if not can_manage(request.user, arrangement):
        raise PermissionDenied("Only a partner council's officers hold the review")
    councils = partner_councils(arrangement)
    form = CostShareForm(request.POST or None, councils=councils)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            cost_share_hold(
                user=request.user,
                arrangement=arrangement,
                year=d["year"],
                running_cost_gbp=d["running_cost_gbp"],
                agreed={c.pk: d[f"agreed_{c.pk}"] for c in councils},
                usage={c.pk: d[f"usage_{c.pk}"] for c in councils},
                tolerance_points=d["tolerance_points"],
            )
        except ValidationError as e:
            form.add_service_errors(e.message_dict)
        else:
            messages.success(request, "The annual review of the cost-sharing split was held")
            return redirect("benefits:page", pk=arrangement.pk)
    return render(
        request,
        "benefits/form.html",
        {
            "arrangement": arrangement,
            "form": form,
            "heading": "Annual review of the cost-sharing split",
            "lead": "Each partner's actual usage against its agreed share. When any share "
            "differs by more than the tolerance, the running cost is re-split by actual "
            "usage and the differences are paid.",
        },
    )
