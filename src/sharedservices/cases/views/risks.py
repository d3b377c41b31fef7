from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from sharedservices.base.access import council_owned
from sharedservices.cases import services
from sharedservices.cases.forms import (
    ConsultationForm,
    RiskForm,
    StaffingForm,
    SuggestedRisksForm,
)
from sharedservices.cases.models import ConsultationEntry, Risk
from sharedservices.cases.views.common import case_context, edit_page, get_case, require_draft

RECORDS = {
    "risk": (Risk, RiskForm, "risks", "risk"),
    "consultation": (ConsultationEntry, ConsultationForm, "consultation", "consultation entry"),
}


@council_owned
def risks(request, pk):
    case = get_case(request, pk)
    register = list(case.risks.all())
    return render(
        request,
        "cases/risks.html",
        case_context(
            request,
            case,
            "risks",
            register=sorted(register, key=lambda r: (-r.score, r.pk)),
            suggested=SuggestedRisksForm() if not register else None,
        ),
    )


@council_owned
def risks_suggested(request, pk):
    case = get_case(request, pk)
    require_draft(request, case)
    form = SuggestedRisksForm(request.POST or None)

    def save(form):
        added = services.risks_add_suggested(
            case=case, user=request.user, keys=form.cleaned_data["risks"]
        )
        messages.info(request, f"{len(added)} risks added")

    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page="risks",
        title="Start from suggested risks",
        success="Suggested risks added to the register",
        next_url=reverse("cases:risks", args=[case.pk]),
    )


def _record_edit(request, pk, kind, record_id=None):
    model, form_class, page, noun = RECORDS[kind]
    case = get_case(request, pk)
    require_draft(request, case)
    record = get_object_or_404(model, case=case, pk=record_id) if record_id else model(case=case)
    form = form_class(request.POST or None, instance=record)

    def save(form):
        services.case_record_save(
            case=case,
            record=form.save(commit=False),
            user=request.user,
            expected_revision=form.cleaned_data["revision"],
        )

    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page=page,
        title=f"Change a {noun}" if record_id else f"Add a {noun}",
        success=f"{noun.capitalize()} saved",
        next_url=reverse(f"cases:{page}", args=[case.pk]),
        delete_url=reverse(f"cases:{kind}-delete", args=[case.pk, record.pk])
        if record_id
        else None,
    )


def _record_delete(request, pk, kind, record_id):
    model, _, page, noun = RECORDS[kind]
    case = get_case(request, pk)
    require_draft(request, case)
    record = get_object_or_404(model, case=case, pk=record_id)
    url = reverse(f"cases:{page}", args=[case.pk])
    if request.method == "POST":
        services.case_record_delete(case=case, record=record, user=request.user)
        messages.success(request, f"{noun.capitalize()} removed")
        return redirect(url)
    return render(
        request,
        "cases/confirm_delete.html",
        case_context(request, case, page, thing=f"this {noun}", cancel_url=url),
    )


@council_owned
def risk_edit(request, pk, record_id=None):
    return _record_edit(request, pk, "risk", record_id)


@council_owned
def risk_delete(request, pk, record_id):
    return _record_delete(request, pk, "risk", record_id)


@council_owned
def consultation(request, pk):
    case = get_case(request, pk)
    return render(
        request,
        "cases/consultation.html",
        case_context(request, case, "consultation", entries=case.consultation.all()),
    )


@council_owned
def consultation_edit(request, pk, record_id=None):
    return _record_edit(request, pk, "consultation", record_id)


@council_owned
def consultation_delete(request, pk, record_id):
    return _record_delete(request, pk, "consultation", record_id)


@council_owned
def staffing(request, pk):
    case = get_case(request, pk)
    require_draft(request, case)
    form = StaffingForm(request.POST or None, instance=case)

    def save(form):
        services.case_staffing_update(
            case=case,
            user=request.user,
            posts_affected=form.cleaned_data["posts_affected"],
            staffing_implications=form.cleaned_data["staffing_implications"],
            job_protection=form.cleaned_data["job_protection"],
            expected_revision=form.cleaned_data["revision"],
        )

    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page="consultation",
        title="Staffing implications",
        success="Staffing implications saved",
        next_url=reverse("cases:consultation", args=[case.pk]),
    )
