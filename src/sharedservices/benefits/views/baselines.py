"""Entering or correcting a partner's baseline of an indicator (the business case had
none, or it needs correcting), through ``services.baseline_set``: the house edit pattern
(``cases/views/common.py:edit_page``), with a one-time token when the baseline is new
and the revision check when it is corrected."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from sharedservices.analysis.money import format_figure
from sharedservices.base.access import signed_in
from sharedservices.base.once import arm_form, submit_once
from sharedservices.base.revisions import EditConflict, set_form_revision
from sharedservices.benefits.forms import BaselineForm
from sharedservices.benefits.permissions import can_set_baseline
from sharedservices.benefits.selectors import visible_indicators
from sharedservices.benefits.services import baseline_set
from sharedservices.benefits.views.common import arrangement_or_404

CONFLICT = (
    "Someone else saved this baseline while you were editing it. Your changes have not"
    " been saved yet: they are still in the form. Compare them with the saved baseline"
    " below, then save again to replace it."
)


def _saved(baseline, unit) -> list[tuple[str, str]]:
    return [
        ("Baseline value", format_figure(baseline.value, unit)),
        ("Date of the baseline", f"{baseline.as_at.day} {baseline.as_at:%B %Y}"),
        ("Where the figure comes from", baseline.source or "Not recorded"),
    ]


@signed_in
def baseline_edit(request, pk, indicator_pk, code):
    arrangement = arrangement_or_404(request.user, pk)
    indicator = get_object_or_404(visible_indicators(request.user, arrangement), pk=indicator_pk)
    council = next((c for c in indicator.councils.all() if c.pk == code), None)
    if council is None:
        raise Http404("The indicator does not apply to that council")
    if not can_set_baseline(request.user, arrangement, code):
        raise PermissionDenied("Only the council's own officers set its baselines")
    current = indicator.baselines.filter(council_id=code).first()
    initial = {"revision": current.revision if current else 0}
    if current:
        initial |= {"value": f"{current.value.normalize():f}", "as_at": current.as_at}
        initial["source"] = current.source
    form = BaselineForm(request.POST or None, initial=initial)
    # A form drawn for a new baseline (revision 0) carries a one-time token: sent twice
    # (a double click), it saves once, even though the second finds the baseline there.
    creating = request.POST.get("revision") == "0" if request.method == "POST" else not current
    if creating:
        arm_form(form)
    next_url = reverse("benefits:page", args=[arrangement.pk]) + f"#indicator-{indicator.pk}"
    conflict = None

    def save() -> str:
        d = form.cleaned_data
        baseline_set(
            user=request.user,
            indicator=indicator,
            council=code,
            value=d["value"],
            as_at=d["as_at"],
            source=d["source"],
            expected_revision=d["revision"],
        )
        return next_url

    if request.method == "POST" and form.is_valid():
        try:
            if creating:
                if submit_once(form, user=request.user, run=save).repeated:
                    return redirect(next_url)  # a double click: the first one said so
            else:
                save()
        except EditConflict as error:
            conflict = _saved(error.current, indicator.unit)
            set_form_revision(form, error.current.revision)
            form.add_error(None, CONFLICT)
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        else:
            messages.success(request, f"{council.name}'s baseline of {indicator.name} was saved")
            return redirect(next_url)
    return render(
        request,
        "benefits/baseline_form.html",
        {
            "arrangement": arrangement,
            "indicator": indicator,
            "council": council,
            "current": current,
            "form": form,
            "conflict": conflict,
            "cancel_url": next_url,
        },
    )
