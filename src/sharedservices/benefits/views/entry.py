"""Entering figures (one at a time or a CSV upload) and setting up indicators."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from sharedservices.base.access import council_owned
from sharedservices.benefits.forms import ActualForm, IndicatorForm, UploadForm
from sharedservices.benefits.importing import COLUMNS, import_actuals
from sharedservices.benefits.permissions import can_manage, enterable_councils
from sharedservices.benefits.rules import ActualInput
from sharedservices.benefits.selectors import visible_indicators
from sharedservices.benefits.services import IndicatorInput, actual_record, indicator_create
from sharedservices.benefits.starter import starter_set
from sharedservices.benefits.views.common import arrangement_or_404, partner_councils


@council_owned
def enter(request, pk):
    arrangement = arrangement_or_404(request.user, pk)
    indicators = [
        i
        for i in visible_indicators(request.user, arrangement)
        if enterable_councils(request.user, i)
    ]
    if not indicators:
        raise PermissionDenied("Only the partner councils' officers enter figures")
    councils = sorted({c for i in indicators for c in i.councils.all()}, key=lambda c: c.name)
    form = ActualForm(
        request.POST or None,
        indicators=indicators,
        councils=councils,
        initial={"indicator": request.GET.get("indicator")},
    )
    if request.method == "POST" and form.is_valid():
        indicator = next(i for i in indicators if i.pk == form.cleaned_data["indicator"])
        d = form.cleaned_data
        try:
            actual, what = actual_record(
                user=request.user,
                indicator=indicator,
                data=ActualInput(
                    d["council"], d["period"], d["value"], d["note"], d["evidence_url"]
                ),
            )
        except PermissionDenied:
            form.add_error("council", "You cannot enter figures for that council")
        except ValidationError as e:
            form.add_service_errors(e.message_dict)
        else:
            said = {
                "created": "was saved",
                "corrected": "was corrected; the earlier figure is kept in the history",
                "unchanged": "was already saved",
            }[what]
            messages.success(
                request, f"{indicator.name}, {actual.council.name}, {actual.period} {said}"
            )
            return redirect("benefits:page", pk=arrangement.pk)
    return render(request, "benefits/enter.html", {"arrangement": arrangement, "form": form})


@council_owned
def upload(request, pk):
    arrangement = arrangement_or_404(request.user, pk)
    if not any(
        enterable_councils(request.user, i) for i in visible_indicators(request.user, arrangement)
    ):
        raise PermissionDenied("Only the partner councils' officers enter figures")
    result = None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = import_actuals(
            form.cleaned_data["file"].read(),
            user=request.user,
            dry_run=form.cleaned_data["dry_run"],
        )
        if result.ok and not result.dry_run:
            saved = result.created + result.corrected
            messages.success(
                request,
                f"{saved} figure{'s were' if saved != 1 else ' was'} saved"
                f" ({result.corrected} corrected)",
            )
            return redirect("benefits:page", pk=arrangement.pk)
    return render(
        request,
        "benefits/upload.html",
        {"arrangement": arrangement, "form": form, "result": result, "columns": COLUMNS},
    )


@council_owned
def indicator_add(request, pk):
    arrangement = arrangement_or_404(request.user, pk)
    if not can_manage(request.user, arrangement):
        raise PermissionDenied("Only a partner council's officers set up indicators")
    councils = partner_councils(arrangement)
    starters = starter_set(arrangement.service_areas.values_list("slug", flat=True))
    if request.method == "POST" and "starter" in request.POST:
        added = 0
        for s in starters:
            data = IndicatorInput(
                **{k: v for k, v in s.items()},
                owner="Lead officer of the arrangement",
                councils=[c.pk for c in councils],
            )
            try:
                indicator_create(user=request.user, arrangement=arrangement, data=data)
                added += 1
            except ValidationError:
                continue  # already there, or the arrangement is not live
        messages.success(
            request,
            f"{added} starter indicator{'s were' if added != 1 else ' was'} added;"
            " change any of them",
        )
        return redirect("benefits:page", pk=arrangement.pk)
    form = IndicatorForm(request.POST or None, councils=councils)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            indicator_create(
                user=request.user,
                arrangement=arrangement,
                data=IndicatorInput(**d),
            )
        except ValidationError as e:
            form.add_service_errors(e.message_dict)
        else:
            messages.success(request, f"‘{d['name']}’ was added")
            return redirect("benefits:page", pk=arrangement.pk)
    return render(
        request,
        "benefits/indicator_form.html",
        {"arrangement": arrangement, "form": form, "starters": starters},
    )
