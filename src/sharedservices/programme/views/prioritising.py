"""Criteria and weight sets, and the ranking that explains itself."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from sharedservices.analysis.errors import InputError
from sharedservices.base.access import council_owned
from sharedservices.programme import permissions
from sharedservices.programme.forms import CriterionForm, WeightSetForm
from sharedservices.programme.prioritisation import compare_weight_sets, programme_ranking
from sharedservices.programme.selectors import programme_list
from sharedservices.programme.services.scoring import (
    DEFAULT_CRITERIA,
    criterion_add,
    weight_set_save,
)
from sharedservices.programme.views.common import add_service_errors, form_page


def _member_programme(request, pk):
    p = get_object_or_404(programme_list(user=request.user), pk=pk)
    if not permissions.is_member(request.user, p):
        raise PermissionDenied("Only the member councils see a programme's prioritisation")
    return p


@council_owned
def criteria(request, pk):
    p = _member_programme(request, pk)
    can_edit = permissions.can_edit_programme(request.user, p)
    form = CriterionForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                criterion_add(
                    user=request.user,
                    programme=p,
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("programme:criteria", pk=p.pk)
    existing = {c.name.casefold() for c in p.criteria.all()}
    return render(
        request,
        "programme/criteria.html",
        {
            "programme": p,
            "criteria": p.criteria.all(),
            "weight_sets": p.weight_sets.prefetch_related("weights__criterion"),
            "form": form,
            "can_edit": can_edit,
            "examples": [n for n, _ in DEFAULT_CRITERIA if n.casefold() not in existing],
        },
    )


@council_owned
def weight_set_edit(request, pk, set_id=None):
    p = _member_programme(request, pk)
    if not permissions.can_edit_programme(request.user, p):
        raise PermissionDenied
    weight_set = get_object_or_404(p.weight_sets, pk=set_id) if set_id else None
    criteria = list(p.criteria.all())
    initial = {}
    if weight_set:
        initial["name"] = weight_set.name
        initial["revision"] = weight_set.revision
        for w in weight_set.weights.all():
            initial[f"weight_{w.criterion_id}"] = w.value
    form = WeightSetForm(request.POST or None, initial=initial, criteria=criteria)

    def save(f):
        weight_set_save(
            user=request.user,
            programme=p,
            name=f.cleaned_data["name"],
            weights=f.weights(),
            weight_set=weight_set,
            expected_revision=f.cleaned_data["revision"],
        )
        return redirect("programme:criteria", pk=p.pk).url

    return form_page(
        request,
        form,
        save=save,
        title="Change the weight set" if weight_set else "Add a weight set",
        caption=p.name,
        cancel_url=redirect("programme:criteria", pk=p.pk).url,
        success="The weight set was saved",
        intro="A weight says how much a criterion counts. Only the proportions matter: 3, 2, 1"
        " ranks the same as 30, 20, 10.",
    )


def _weight_set(p, value, default=None):
    if value and str(value).isdigit():
        return p.weight_sets.filter(pk=int(value)).first() or default
    return default


@council_owned
def ranking(request, pk):
    p = _member_programme(request, pk)
    sets = list(p.weight_sets.prefetch_related("weights"))
    chosen = _weight_set(p, request.GET.get("weights"), sets[0] if sets else None)
    other = _weight_set(p, request.GET.get("compare"))
    context = {"programme": p, "weight_sets": sets, "chosen": chosen, "other": other}
    if chosen is not None:
        try:
            context["ranking"] = programme_ranking(
                programme=p, weight_set=chosen, user=request.user
            )
            if other is not None and other.pk != chosen.pk:
                rows, agreement = compare_weight_sets(
                    programme=p, a=chosen, b=other, user=request.user
                )
                context["comparison"] = rows
                context["agreement"] = agreement
        except InputError as error:
            context["ranking_error"] = "; ".join(pr.message for pr in error.problems)
    return render(request, "programme/ranking.html", context)
