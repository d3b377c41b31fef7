"""The governance page of a case and its moves: the same services as the API, so a page
refuses exactly what the API refuses, with the same words."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from sharedservices.base.access import council_owned
from sharedservices.cases.selectors import case_for
from sharedservices.cases.views.common import case_context
from sharedservices.governance import forms, services
from sharedservices.governance.errors import MoveRefused
from sharedservices.governance.models import (
    CaseState,
    Dispute,
    ForwardPlanEntry,
    Milestone,
    Withdrawal,
)
from sharedservices.governance.records import decision_in_effect, load_records
from sharedservices.governance.selectors import (
    allowed_actions,
    figures_rows,
    latest_partner_change,
    own_council_for,
    readiness_document,
    waiting_on_a_date,
)
from sharedservices.governance.services import MOVES
from sharedservices.governance.transitions import LEAD

AFTER_APPROVAL = (CaseState.APPROVED, CaseState.IMPLEMENTATION, CaseState.LIVE, CaseState.ENDED)
UNDER_WAY = (CaseState.IMPLEMENTATION, CaseState.LIVE, CaseState.ENDED)

# Moves that need a form (the page's way of reading a move's fields); the others are a
# single button.
FORMS = {
    "record_scrutiny": forms.ScrutinyForm,
    "record_decision": forms.DecisionForm,
    "request_call_in": forms.CallInForm,
    "resolve_call_in": forms.ResolveCallInForm,
    "withdraw": forms.WithdrawForm,
    "not_pursued": forms.NotPursuedForm,
}


def get_case(request, pk):
    return case_for(request.user, pk)


def page_context(request, case, **extra) -> dict:
    records = load_records(case)
    own = own_council_for(request.user, records)
    allowed = allowed_actions(request.user, records)
    change = latest_partner_change(case)
    return case_context(
        request,
        case,
        "governance:case",
        records=records,
        own_council=own,
        can_plan=own is not None
        and services.forward_plan_keeper_problem(request.user, own) is None,
        partners=[
            {
                "council": c,
                "status": records.status(c.pk),
                "scrutiny": records.scrutiny.get(c.pk),
                "decision": records.latest(c.pk),
                "in_effect": decision_in_effect(records.latest(c.pk)),
                "exit": records.exits.get(c.pk),
                "withdrawal": records.withdrawals.get(c.pk),
            }
            for c in records.everyone
        ],
        readiness=readiness_document(records),
        after_approval=records.state in AFTER_APPROVAL,
        under_way=records.state in UNDER_WAY,
        buttons=[(a, MOVES[a].label) for a in allowed if a not in FORMS],
        form_actions=[(a, MOVES[a].label) for a in allowed if a in FORMS],
        change=change,
        change_left=[c.name for c in records.everyone if change and c.pk in change.left],
        figures_rows=figures_rows(records, change),
        waiting=[(MOVES[a].label, on) for a, on in waiting_on_a_date(request.user, records)],
        milestones=Milestone.objects.filter(case=case),
        forward_plan=ForwardPlanEntry.objects.filter(case=case).select_related("council"),
        disputes=Dispute.objects.filter(case=case)
        .select_related("raised_by")
        .prefetch_related("steps__council"),
        withdrawals=Withdrawal.objects.filter(case=case).select_related("council"),
        **extra,
    )


@council_owned
def case(request, pk):
    case = get_case(request, pk)
    return render(request, "governance/case.html", page_context(request, case))


def _apply_problems(form, refusal: MoveRefused) -> None:
    for problem in refusal.problems:
        field = problem["path"] if problem["path"] in form.fields else None
        form.add_error(field, problem["message"])


@council_owned
def act(request, pk, action):
    """GET: the form of a move; POST: make it through the service."""
    case = get_case(request, pk)
    if action not in MOVES:
        raise Http404("No such action")
    form_class = FORMS.get(action)
    if form_class is None and request.method != "POST":
        return redirect("governance:case", pk=case.pk)
    records = load_records(case)
    council = own_council_for(request.user, records)
    move = MOVES[action]
    if move.council != LEAD and council is None:
        raise PermissionDenied  # nobody acts for another council
    form = form_class(request.POST or None) if form_class else None
    if request.method == "POST" and (form is None or form.is_valid()):
        if form is None:
            values = {}
        elif hasattr(form, "values"):
            values = form.values()
        else:
            values = dict(form.cleaned_data)
        if move.council != LEAD:
            values["council"] = council
        try:
            made = move.service(case=case, user=request.user, **values)
        except MoveRefused as refusal:
            if form is None:
                for message in refusal.messages:
                    messages.error(request, message)
                return redirect("governance:case", pk=case.pk)
            _apply_problems(form, refusal)
        else:  # a move may say more than its label (confirming sent a council back)
            messages.success(request, getattr(made, "outcome_words", "") or move.done)
            return redirect("governance:case", pk=case.pk)
    if action not in allowed_actions(request.user, records) and request.method != "POST":
        raise PermissionDenied
    return render(
        request,
        "governance/form.html",
        case_context(
            request,
            case,
            "governance:case",
            form=form,
            title=move.label,
            council=council,
            cancel_url=f"/cases/{case.pk}/governance/",
        ),
    )
