from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sharedservices.base.access import council_owned, signed_in
from sharedservices.base.once import arm_form, submit_once
from sharedservices.cases import permissions, selectors, services
from sharedservices.cases.forms import CaseForm, CommentForm
from sharedservices.cases.models import BusinessCase
from sharedservices.cases.readiness import case_readiness
from sharedservices.cases.views.common import case_context, edit_page, get_case, require_draft
from sharedservices.programme.selectors import opportunity_case_initial


@signed_in
def index(request):
    states = selectors.workflow_states()
    state = request.GET.get("state", "")
    state = state if state in dict(states) else ""
    cases = list(selectors.case_list(request.user, state=state))
    for case in cases:
        case.workflow_state = selectors.workflow_state_label(case)
    return render(
        request,
        "cases/index.html",
        {
            "cases": cases,
            "can_create": permissions.can_create_case(request.user),
            "states": states,
            "state": state,
        },
    )


@signed_in
def create(request):
    if not permissions.can_create_case(request.user) or request.user.council_id is None:
        raise PermissionDenied
    case = BusinessCase(lead_council=request.user.council)
    # "Start a business case" on an opportunity: its title, partners and areas filled in.
    initial = opportunity_case_initial(user=request.user, pk=request.GET.get("opportunity"))
    form = CaseForm(request.POST or None, instance=case, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = services.case_create(
            user=request.user,
            title=data["title"],
            stage=data["stage"],
            summary=data["summary"],
            partner_councils=data["partners"],
            start_year=data["start_year"],
            price_base_year=data["price_base_year"],
            horizon_years=data["horizon_years"],
            monte_carlo_iterations=data["monte_carlo_iterations"],
            arrangement=data["arrangement"],
            opportunity=data["opportunity"],
            service_areas=data["service_areas"],
            partner_organisations=data["partner_organisations"],
        )
        messages.success(request, "Business case started")
        return redirect(created)
    return render(request, "cases/create.html", {"form": form})


@council_owned
def detail(request, pk):
    case = get_case(request, pk)
    return render(
        request,
        "cases/detail.html",
        case_context(
            request,
            case,
            "detail",
            readiness=case_readiness(case),
            latest=case.versions.select_related("saved_by").first(),
            preferred=(case.appraisal or {}).get("preferred_option"),
        ),
    )


@council_owned
def edit(request, pk):
    case = get_case(request, pk)
    require_draft(request, case)
    form = CaseForm(request.POST or None, instance=case, user=request.user)

    def save(form):
        services.case_update(
            case=form.instance,
            user=request.user,
            expected_revision=form.cleaned_data["revision"],
            m2m={
                "partner_councils": form.cleaned_data["partners"],
                "service_areas": form.cleaned_data["service_areas"],
                "partner_organisations": form.cleaned_data["partner_organisations"],
            },
        )

    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page="detail",
        title="Change the case details",
        success="Case details saved",
        next_url=case.get_absolute_url(),
    )


@council_owned
def sharing(request, pk):
    case = get_case(request, pk)
    form = CommentForm(request.POST or None)
    arm_form(form)  # a double click adds one comment
    next_url = reverse("cases:sharing", args=[case.pk])

    def add() -> str:
        services.case_comment_add(case=case, user=request.user, text=form.cleaned_data["text"])
        return next_url

    if request.method == "POST" and form.is_valid():
        try:
            if not submit_once(form, user=request.user, run=add).repeated:
                messages.success(request, "Comment added")
            return redirect(next_url)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "cases/sharing.html",
        case_context(
            request,
            case,
            "sharing",
            form=form,
            comments=case.comments.select_related("author", "council"),
        ),
    )


@council_owned
@require_POST
def share(request, pk):
    case = get_case(request, pk)
    shared = request.POST.get("shared") == "yes"
    try:
        services.case_share(case=case, user=request.user, shared=shared)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            "The case is shared with the partner councils"
            if shared
            else "The case is private to your council again",
        )
    return redirect("cases:sharing", pk=case.pk)
