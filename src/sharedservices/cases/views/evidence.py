from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from sharedservices.base.access import council_owned
from sharedservices.cases import permissions, selectors, services
from sharedservices.cases.forms import BaselineForm, EvidenceForm
from sharedservices.cases.models import Baseline, Criterion
from sharedservices.cases.readiness import case_readiness
from sharedservices.cases.views.common import case_context, edit_page, get_case


@council_owned
def criteria(request, pk):
    case = get_case(request, pk)
    readiness = case_readiness(case)
    evidence = {e.criterion_id: e for e in case.evidence.all()}
    councils = []
    for check in readiness.checks:
        rows = [
            {
                "criterion": c,
                "evidence": evidence.get(c.pk),
                "done": c not in check.missing,
                "reason": check.reasons.get(c.pk, ""),
            }
            for c in check.criteria
        ]
        councils.append(
            {
                "check": check,
                "rows": rows,
                "can_write": permissions.can_contribute_for(request.user, case, check.council),
            }
        )
    return render(
        request,
        "cases/criteria.html",
        case_context(request, case, "criteria", readiness=readiness, councils=councils),
    )


@council_owned
def evidence_edit(request, pk, criterion_id):
    case = get_case(request, pk)
    criterion = get_object_or_404(
        Criterion.objects.select_related("version__policy__council"), pk=criterion_id
    )
    council = criterion.version.policy.council
    if council not in case.councils:
        raise PermissionDenied
    if not permissions.can_contribute_for(request.user, case, council):
        raise PermissionDenied
    evidence = selectors.evidence_for(case, criterion, council)
    form = EvidenceForm(request.POST or None, instance=evidence)

    def save(form):
        services.criterion_evidence_save(
            evidence=form.save(commit=False),
            user=request.user,
            expected_revision=form.cleaned_data["revision"],
        )

    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page="criteria",
        title=f"{council.name}: {criterion}",
        intro=criterion.text,
        guidance={"question": "Evidence expected", "points": [criterion.guidance]}
        if criterion.guidance
        else None,
        success="Evidence saved",
        next_url=reverse("cases:criteria", args=[case.pk]) + f"#council-{council.pk}",
    )


@council_owned
def baselines(request, pk):
    case = get_case(request, pk)
    rows = case.baselines.select_related("council")
    by_council = [(c, [b for b in rows if b.council_id == c.pk]) for c in case.councils]
    return render(
        request,
        "cases/baselines.html",
        case_context(request, case, "baselines", by_council=by_council),
    )


@council_owned
def baseline_edit(request, pk, baseline_id=None):
    case = get_case(request, pk)
    councils = permissions.contributing_councils(request.user, case)
    if not councils:
        raise PermissionDenied
    baseline = (
        get_object_or_404(Baseline, case=case, pk=baseline_id, council__in=councils)
        if baseline_id
        else Baseline(case=case)
    )
    form = BaselineForm(request.POST or None, instance=baseline, councils=councils)

    def save(form):
        services.case_record_save(
            case=case,
            record=form.save(commit=False),
            user=request.user,
            expected_revision=form.cleaned_data["revision"],
        )

    url = reverse("cases:baselines", args=[case.pk])
    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page="baselines",
        title="Change a baseline" if baseline_id else "Add a baseline",
        intro="A measure of cost or quality today, which benefits realisation will measure"
        " against.",
        success="Baseline saved",
        next_url=url,
        delete_url=reverse("cases:baseline-delete", args=[case.pk, baseline.pk])
        if baseline_id
        else None,
    )


@council_owned
def baseline_delete(request, pk, baseline_id):
    case = get_case(request, pk)
    councils = permissions.contributing_councils(request.user, case)
    baseline = get_object_or_404(Baseline, case=case, pk=baseline_id, council__in=councils)
    url = reverse("cases:baselines", args=[case.pk])
    if request.method == "POST":
        services.case_record_delete(case=case, record=baseline, user=request.user)
        messages.success(request, "Baseline removed")
        return redirect(url)
    return render(
        request,
        "cases/confirm_delete.html",
        case_context(
            request, case, "baselines", thing=f"the baseline ‘{baseline.measure}’", cancel_url=url
        ),
    )
