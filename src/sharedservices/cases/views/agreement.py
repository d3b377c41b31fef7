"""The sharing agreement page: choose an option, a basis for each shared line,
and see what each partner pays, receives and gains."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse

from sharedservices.base.access import council_owned
from sharedservices.cases import selectors, services
from sharedservices.cases.agreement import option_line_values
from sharedservices.cases.charts import agreement_chart
from sharedservices.cases.fair_shares import fair_shares
from sharedservices.cases.forms import SharingAgreementForm
from sharedservices.cases.views.common import case_context, edit_page, get_case, require_draft


@council_owned
def agreement(request, pk):
    case = get_case(request, pk)
    saved = selectors.saved_agreement(case)
    wanted = request.POST.get("option") or request.GET.get("option")
    option, choices = selectors.agreement_option(case, saved, wanted)
    councils = case.councils

    def tables(theirs=None) -> dict:
        """The saved agreement's figures (or, after a conflict, the other saver's)."""
        current = theirs or saved
        shown = current if current and (option is None or current.option_id == option.pk) else None
        result = shown.result if shown else None
        return {
            "fair": fair_shares(case, current.custom_pct if current else None),
            "agreement_chart": agreement_chart(result) if result else None,
            "option": option,
            "choices": choices,
            "councils": councils,
            "agreement": shown,
            "result": result,
            "lines_table": selectors.agreement_lines(result, councils),
            "line_values": option_line_values(case, option) if option else {},
        }

    if option is None:
        return render(
            request, "cases/agreement.html", case_context(request, case, "agreement", **tables())
        )
    if request.method == "POST":
        require_draft(request, case)
    form = SharingAgreementForm(
        request.POST or None,
        option=option,
        councils=councils,
        agreement=saved,
        initial={"revision": saved.revision if saved else None},
    )

    def save(form):
        services.sharing_agreement_save(
            case=case,
            user=request.user,
            option=option,
            bases=form.bases,
            custom_pct=form.custom_pct,
            expected_revision=form.cleaned_data["revision"],
        )

    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page="agreement",
        title="Sharing agreement",
        success="Sharing agreement saved",
        next_url=reverse("cases:agreement", args=[case.pk]),
        template="cases/agreement.html",
        context=tables,
    )
