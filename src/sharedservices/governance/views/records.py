"""Pages that add a record to a case's governance: implementation milestones, forward
plan entries and the dispute log. Each is a form handed to one service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from sharedservices.base.access import council_owned
from sharedservices.cases.views.common import case_context
from sharedservices.governance import forms, services
from sharedservices.governance.errors import MoveRefused
from sharedservices.governance.models import Dispute
from sharedservices.governance.records import load_records
from sharedservices.governance.selectors import own_council_for
from sharedservices.governance.views.case import _apply_problems, get_case


def _form_page(request, case, *, form, title, save, done):
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except MoveRefused as refusal:
            _apply_problems(form, refusal)
        else:
            messages.success(request, done)
            return redirect("governance:case", pk=case.pk)
    return render(
        request,
        "governance/form.html",
        case_context(
            request,
            case,
            "governance:case",
            form=form,
            title=title,
            cancel_url=f"/cases/{case.pk}/governance/",
        ),
    )


def _own(request, case):
    council = own_council_for(request.user, load_records(case))
    if council is None:
        raise PermissionDenied
    return council


@council_owned
def milestone_add(request, pk):
    case = get_case(request, pk)
    return _form_page(
        request,
        case,
        form=forms.MilestoneForm(request.POST or None),
        title="Add an implementation milestone",
        save=lambda f: services.milestone_save(case=case, user=request.user, **f.cleaned_data),
        done="Milestone saved",
    )


@council_owned
def forward_plan_add(request, pk):
    case = get_case(request, pk)
    council = _own(request, case)
    if services.forward_plan_keeper_problem(request.user, council):
        raise PermissionDenied  # the case page does not offer it either
    return _form_page(
        request,
        case,
        form=forms.ForwardPlanForm(request.POST or None),
        title=f"Put a key decision on {council.name}'s forward plan",
        save=lambda f: services.forward_plan_entry_save(
            case=case, user=request.user, council=council, **f.values()
        ),
        done="Published on the forward plan",
    )


@council_owned
def dispute_add(request, pk):
    case = get_case(request, pk)
    council = _own(request, case)
    return _form_page(
        request,
        case,
        form=forms.DisputeForm(request.POST or None),
        title="Log a dispute",
        save=lambda f: services.dispute_open(
            case=case, user=request.user, council=council, **f.cleaned_data
        ),
        done="Dispute logged",
    )


def _dispute(request, case, dispute_id):
    return get_object_or_404(Dispute.objects.filter(case=case), pk=dispute_id)


@council_owned
def dispute_step(request, pk, dispute_id):
    case = get_case(request, pk)
    council = _own(request, case)
    dispute = _dispute(request, case, dispute_id)
    return _form_page(
        request,
        case,
        form=forms.DisputeStepForm(request.POST or None),
        title="Add a step taken to resolve the dispute",
        save=lambda f: services.dispute_step_add(
            dispute=dispute, user=request.user, council=council, **f.cleaned_data
        ),
        done="Step added",
    )


@council_owned
def dispute_close(request, pk, dispute_id):
    case = get_case(request, pk)
    council = _own(request, case)
    dispute = _dispute(request, case, dispute_id)
    return _form_page(
        request,
        case,
        form=forms.DisputeCloseForm(request.POST or None),
        title="Close the dispute",
        save=lambda f: services.dispute_close(
            dispute=dispute, user=request.user, council=council, **f.cleaned_data
        ),
        done="Dispute closed",
    )
