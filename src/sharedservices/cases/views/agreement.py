"""The sharing agreement page: choose an option, a basis for each shared line,
and see what each partner pays, receives and gains."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from sharedservices.base.access import council_owned
from sharedservices.cases import services
from sharedservices.cases.agreement import option_line_values
from sharedservices.cases.forms import SharingAgreementForm
from sharedservices.cases.models import ShareBasis, SharingAgreement
from sharedservices.cases.views.common import case_context, get_case, require_draft


def _chosen_option(request, case, agreement):
    """The option named in the request, else the agreement's, else the preferred one,
    else the first that is not doing nothing."""
    choices = [o for o in case.options.prefetch_related("lines") if not o.is_do_nothing]
    wanted = request.POST.get("option") or request.GET.get("option")
    by_pk = {str(o.pk): o for o in choices}
    for candidate in (
        by_pk.get(wanted or ""),
        agreement.option if agreement else None,
        case.preferred_option,
    ):
        if candidate is not None and str(candidate.pk) in by_pk:
            return by_pk[str(candidate.pk)], choices
    return (choices[0] if choices else None), choices


@council_owned
def agreement(request, pk):
    case = get_case(request, pk)
    saved = SharingAgreement.objects.filter(case=case).select_related("option").first()
    option, choices = _chosen_option(request, case, saved)
    councils = case.councils
    form = None
    if option is not None:
        form = SharingAgreementForm(
            request.POST or None,
            option=option,
            councils=councils,
            agreement=saved,
            initial={"revision": saved.revision if saved else None},
        )
    if request.method == "POST":
        require_draft(request, case)
        if form is not None and form.is_valid():
            try:
                services.sharing_agreement_save(
                    case=case,
                    user=request.user,
                    option=option,
                    bases=form.bases,
                    custom_pct=form.custom_pct,
                    expected_revision=form.cleaned_data["revision"],
                )
            except services.EditConflict as conflict:
                form.add_error(
                    None,
                    "Someone else saved the sharing agreement after you opened it. Their version "
                    "is shown below; save again to replace it with yours.",
                )
                form.set_revision(conflict.current.revision)
                saved = conflict.current
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Sharing agreement saved")
                return redirect(reverse("cases:agreement", args=[case.pk]))
    shown = saved if saved and (option is None or saved.option_id == option.pk) else None
    result = shown.result if shown else None
    basis_labels = dict(ShareBasis.choices)
    lines_table = [
        {
            "name": line["name"],
            "kind": line["kind"],
            "amount": line["amount"],
            "basis": basis_labels.get(line["basis"], line["basis"]),
            "shares": [line["shares"].get(c.code, 0) for c in councils],
            "explanations": [line["explanations"].get(c.code, "") for c in councils],
        }
        for line in (result or {}).get("lines", [])
    ]
    return render(
        request,
        "cases/agreement.html",
        case_context(
            request,
            case,
            "agreement",
            form=form,
            option=option,
            choices=choices,
            councils=councils,
            agreement=shown,
            result=result,
            lines_table=lines_table,
            line_values=option_line_values(case, option) if option else {},
        ),
    )
